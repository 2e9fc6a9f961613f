#!/usr/bin/env node
// Runs the app and the CLI compiled into dist/ by `npm run build` (bin/build.js), which `npm ci` runs.
// dist/ has source maps, read only on request (they are larger than the code): for stack traces into the
// TypeScript, run `node --enable-source-maps bin/corridor.js …`.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('corridor: dist/ is missing: run `npm run build` (`npm ci` does it too)\n');
  process.exit(1);
}
const { main } = await import(cli.href);
process.exitCode = await main(process.argv.slice(2));
