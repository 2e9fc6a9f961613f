import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../src/db/client.ts';
import { resultSnapshots } from '../../src/db/schema.ts';
import { tempDir } from '../db/fixtures.ts';
import { corridor } from './io.ts';

let temp: ReturnType<typeof tempDir>;
let env: NodeJS.ProcessEnv;
beforeEach(() => {
  temp = tempDir();
  env = { DATABASE_URL: temp.url(), CORRIDOR_ADMIN_PASSWORD: 'a-long-enough-password' };
});
afterEach(() => temp.cleanup());

const snapshots = async () => {
  const db = await openDatabase({ url: env.DATABASE_URL! });
  try {
    return await db.select().from(resultSnapshots);
  } finally {
    closeDatabase(db);
  }
};

describe('corridor seed and corridor publish', () => {
  it('the demo seed publishes one snapshot, so a reader has a report on a fresh installation', async () => {
    const seeded = await corridor(['seed'], env);
    expect(seeded.code).toBe(0);
    expect(seeded.stdout).toMatch(/Published snapshot 1 of the demo's illustrative results\./);
    const [first] = await snapshots();
    expect(first).toMatchObject({ id: 1, published: true, weightSetVersion: 1 });
  });

  it('publishes the current results again, printing the new id alone on the last line', async () => {
    await corridor(['seed'], env);
    const run = await corridor(['publish', 'hexi-corridor-2017'], env);
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split('\n').at(-1)).toBe('2');
    const rows = await snapshots();
    expect(rows.map((r) => r.id)).toEqual([1, 2]);
    // Same data, same Problem, same hash.
    expect(rows[1]!.hash).toBe(rows[0]!.hash);
  });

  it('refuses an unknown assessment and a user who is not an administrator, writing nothing', async () => {
    await corridor(['seed'], env);
    const unknown = await corridor(['publish', 'nowhere'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no assessment with id or code "nowhere"/);
    const notAdmin = await corridor(['publish', 'hexi-corridor-2017', '--as', 'expert1'], env);
    expect(notAdmin.code).toBe(1);
    expect(notAdmin.stderr).toMatch(/"expert1" is not an active administrator/);
    expect(await snapshots()).toHaveLength(1);
  });

  it('with the demo off there is nothing to publish', async () => {
    const seeded = await corridor(['seed'], { ...env, CORRIDOR_DEMO: 'off' });
    expect(seeded.stdout).not.toMatch(/Published/);
    expect(await snapshots()).toHaveLength(0);
  });
});
