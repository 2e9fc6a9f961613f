#!/usr/bin/env node
// The CLI is TypeScript run through tsx, so there is no build step between a clone and `npx corridor`.
// `corridor evaluate` alone runs from a prebuilt bundle that rebuilds itself when stale (evaluate-bundle.js).
const args = process.argv.slice(2);
const bundled = args[0] === 'evaluate' ? await (await import('./evaluate-bundle.js')).loadEvaluate() : undefined;
if (bundled) {
  process.exitCode = await bundled(args.slice(1));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  const { main } = await import('../src/cli.ts');
  process.exitCode = await main(args);
}
