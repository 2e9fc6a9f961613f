import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../src/db/client.ts';
import { tempDir } from '../db/fixtures.ts';
import { corridor } from './io.ts';

let temp: ReturnType<typeof tempDir>;
let env: NodeJS.ProcessEnv;
beforeEach(() => {
  temp = tempDir();
  env = { DATABASE_URL: temp.url() };
});
afterEach(() => temp.cleanup());

describe('corridor token create', () => {
  it('prints the token alone on the last line and stores only its hash', async () => {
    expect((await corridor(['user', 'add', 'ann'], env, 'a-long-enough-password\n')).code).toBe(0);
    const run = await corridor(['token', 'create', 'Ann', '--name', 'nightly export'], env);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.at(-1)).toMatch(/^crd_[A-Za-z0-9_-]{43}$/);
    const db = await openDatabase({ url: env.DATABASE_URL! });
    try {
      const [row] = await db.query.apiTokens.findMany();
      expect(row).toMatchObject({
        name: 'nightly export',
        tokenHash: createHash('sha256').update(lines.at(-1)!).digest('hex'),
      });
      expect((await db.query.auditLog.findMany()).map((e) => e.action)).toContain('token.create');
    } finally {
      closeDatabase(db);
    }
  });

  it('says what is wrong: no user, no name, unknown action', async () => {
    expect(await corridor(['token', 'create', 'nobody', '--name', 'x'], env)).toMatchObject({ code: 1 });
    const noName = await corridor(['token', 'create', 'ann'], env);
    expect(noName.code).toBe(2);
    expect(noName.stderr).toContain('missing --name');
    expect((await corridor(['token', 'list'], env)).stderr).toContain('unknown action "list"');
  });
});
