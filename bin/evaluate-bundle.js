// `corridor evaluate` is what scripts run in loops, and through tsx it pays ~1 s of start-up (compiling and
// loading every command's dependencies) for ~50 ms of work. So it runs from one esbuild bundle of
// src/cli/evaluate-main.ts and what it imports (engine, zod, csv-parse), kept in node_modules/.cache and rebuilt
// whenever one of its sources or package-lock.json is newer than it: a stale engine is never run.
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const entry = join(root, 'src/cli/evaluate-main.ts');
const cache = join(root, 'node_modules/.cache/corridor');
const bundle = join(cache, 'evaluate.mjs');
/** The bundle's inputs as esbuild reported them, to check freshness without parsing the sources. */
const manifest = join(cache, 'evaluate.inputs.json');
const lockfile = join(root, 'package-lock.json');

const mtime = (path) => statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? Infinity;

function fresh() {
  const built = mtime(bundle);
  if (built === Infinity) return false;
  try {
    const inputs = JSON.parse(readFileSync(manifest, 'utf8'));
    return [lockfile, ...inputs.map((input) => resolve(root, input))].every((input) => mtime(input) <= built);
  } catch {
    return false;
  }
}

async function build() {
  const { build: esbuild } = await import('esbuild');
  mkdirSync(cache, { recursive: true });
  // Written under temporary names and renamed, so a concurrent run sees the old files or the new, never half.
  const tmp = `${bundle}.${process.pid}.tmp.mjs`;
  const result = await esbuild({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minify: true,
    outfile: tmp,
    metafile: true,
    absWorkingDir: root,
    logLevel: 'silent',
  });
  // Dependencies change only with package-lock.json, which is checked anyway.
  const inputs = Object.keys(result.metafile.inputs).filter((input) => !input.startsWith('node_modules/'));
  writeFileSync(`${manifest}.${process.pid}.tmp`, JSON.stringify(inputs));
  renameSync(`${manifest}.${process.pid}.tmp`, manifest);
  renameSync(tmp, bundle);
}

/** The bundled command's entry, or undefined when no bundle can be had (no esbuild, read-only install): use tsx then. */
export async function loadEvaluate() {
  if (!fresh()) {
    try {
      await build();
    } catch {
      return undefined;
    }
  }
  const { evaluateMain } = await import(pathToFileURL(bundle).href);
  return evaluateMain;
}
