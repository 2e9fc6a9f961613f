import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';

// The processes that tests/cli starts run dist/: `npm test` builds it first, `npx vitest run` does not.
it('dist/ is what `npm run build` makes of the sources now', () => {
  const check = spawnSync(process.execPath, ['bin/build.js', '--check'], { encoding: 'utf8' });
  expect(check.stderr).toBe('');
  expect(check.status).toBe(0);
});

it('bin/corridor.js without dist/ says how to build it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'corridor-nodist-'));
  try {
    mkdirSync(join(dir, 'bin'));
    copyFileSync('bin/corridor.js', join(dir, 'bin/corridor.js'));
    const run = spawnSync(process.execPath, [join(dir, 'bin/corridor.js'), '--help'], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/dist\/ is missing: run `npm run build`/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
