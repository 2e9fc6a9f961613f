import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** vitest's global setup: `npm run build` once before any test runs, so dist/ is what the sources build to. */
export default function setup(): void {
  execFileSync(process.execPath, [fileURLToPath(new URL('../bin/build.js', import.meta.url))], { stdio: 'inherit' });
}
