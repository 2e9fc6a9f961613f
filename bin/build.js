#!/usr/bin/env node
// `npm run build` (run by `npm ci` through `prepare`, and before `npm test`): compiles the app and the CLI from
// src/cli.ts into dist/, which bin/corridor.js runs. One ES module per command (each is a dynamic import), so a
// command loads only its own code. `node bin/build.js --check` writes nothing and exits 1 when dist/ differs from
// what the build would write now.
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist`;

/**
 * The engine's and evaluate's pure-JS dependencies are bundled: zod alone is dozens of modules, which
 * `corridor evaluate` would otherwise load one by one from node_modules. The rest stay there, with libSQL's
 * native code and the files the server reads (htmx).
 */
const bundled = new Set(['zod', 'csv-parse']);
const pkg = JSON.parse(await readFile(`${root}package.json`, 'utf8'));
const external = Object.keys(pkg.dependencies).filter((name) => !bundled.has(name));

/**
 * Sources find files relative to themselves (public/, drizzle/, node_modules) from `import.meta.url`. Every output
 * file lies directly in dist/, so each source's own URL is rebuilt from the output's; other `import.meta` uses fail
 * the build.
 */
const sourceUrls = {
  name: 'source-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.tsx?$/ }, async ({ path }) => {
      if (path.includes('/node_modules/')) return undefined;
      const text = await readFile(path, 'utf8');
      const other = /import\.meta\.(?!url\b)\w+/.exec(text);
      if (other) return { errors: [{ text: `${other[0]} is not supported in dist/ (only import.meta.url is)` }] };
      const fromOutput = relative(outdir, path).split('\\').join('/');
      return {
        contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(fromOutput)}, import.meta.url).href`),
        loader: path.endsWith('x') ? 'tsx' : 'ts',
      };
    });
  },
};

const options = {
  absWorkingDir: root,
  // The engine's and the reports' worker threads load their own entries (their pool.ts finds them in dist/).
  entryPoints: ['src/cli.ts', 'src/app/engine-pool/engine-worker.ts', 'src/app/report-pool/report-worker.ts'],
  entryNames: '[name]',
  chunkNames: '[name]-[hash]',
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: external.flatMap((name) => [name, `${name}/*`]),
  sourcemap: true,
  metafile: true,
  plugins: [sourceUrls],
  define: { __CORRIDOR_DIST__: 'true' },
  logLevel: 'warning',
};

/**
 * esbuild's metafile, which sources each output holds: tests/cli/evaluate.test.ts reads it to name what a command
 * loads.
 */
const META = 'meta.json';

/** The files of dist/ that differ from a fresh build's, or exist in only one of the two. */
async function staleFiles() {
  const { outputFiles, metafile } = await build({ ...options, write: false });
  const fresh = new Map(outputFiles.map((file) => [relative(outdir, file.path), file.text]));
  fresh.set(META, JSON.stringify(metafile));
  const present = await readdir(outdir).catch(() => []);
  const stale = present.filter((name) => !fresh.has(name));
  for (const [name, text] of fresh) {
    const built = await readFile(join(outdir, name), 'utf8').catch(() => undefined);
    if (built !== text) stale.push(name);
  }
  return stale.sort();
}

if (process.argv.includes('--check')) {
  const stale = await staleFiles();
  if (stale.length > 0) {
    process.stderr.write(`dist/ is not what the sources build to (${stale.join(', ')}): run \`npm run build\`\n`);
    process.exitCode = 1;
  }
} else {
  await rm(outdir, { recursive: true, force: true });
  const { metafile } = await build(options);
  await writeFile(join(outdir, META), JSON.stringify(metafile));
}
