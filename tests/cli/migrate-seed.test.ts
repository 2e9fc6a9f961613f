import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import journal from '../../drizzle/meta/_journal.json' with { type: 'json' };
import { closeDatabase, openDatabase } from '../../src/db/client.ts';
import { rowCounts, tempDir } from '../db/fixtures.ts';
import { corridor } from './io.ts';

let temp: ReturnType<typeof tempDir>;
beforeEach(() => {
  temp = tempDir();
});
afterEach(() => temp.cleanup());

const counts = async (url: string) => {
  const db = await openDatabase({ url });
  try {
    return await rowCounts(db);
  } finally {
    closeDatabase(db);
  }
};

describe('corridor migrate', () => {
  it('applies every migration once, then reports the database up to date', async () => {
    const env = { DATABASE_URL: temp.url() };
    const n = journal.entries.length;
    expect(await corridor(['migrate'], env)).toEqual({
      code: 0,
      stdout: `Applied ${n} migration(s); the database now has all ${n}.\n`,
      stderr: '',
    });
    expect(await corridor(['migrate'], env)).toEqual({
      code: 0,
      stdout: `The database is up to date (${n} migrations).\n`,
      stderr: '',
    });
  });

  it('names DATABASE_URL when it is unusable', async () => {
    const run = await corridor(['migrate'], { DATABASE_URL: 'gopher://old.example/db' });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^corridor migrate: DATABASE_URL "gopher:\/\/old.example\/db" is not usable/);
  });
});

describe('corridor seed', () => {
  it('creates the administrator and the demo, printing passwords once; a second run changes nothing', async () => {
    const env = { DATABASE_URL: temp.url() };
    const first = await corridor(['seed'], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Created administrator "admin" with password: \S+/m);
    expect(first.stdout).toMatch(/^Loaded the demo assessment "hexi-corridor-2017"/m);
    expect(first.stdout.match(/^ {2}expert\d/gm)).toEqual([
      '  expert1',
      '  expert2',
      '  expert3',
      '  expert4',
      '  expert5',
    ]);
    expect(first.stdout).toMatch(/^Demo reader account .*\n {2}reader1 +\S+ {2}Zhou Min$/m);
    const before = await counts(env.DATABASE_URL);
    expect(before).toMatchObject({ users: 7, assessments: 1 });
    const second = await corridor(['seed'], env);
    expect(second).toEqual({ code: 0, stdout: 'The database already has users: nothing seeded.\n', stderr: '' });
    expect(await counts(env.DATABASE_URL)).toEqual(before);
  });

  it('with CORRIDOR_DEMO=off and CORRIDOR_ADMIN_PASSWORD creates only the administrator and prints no password', async () => {
    const env = { DATABASE_URL: temp.url(), CORRIDOR_DEMO: 'off', CORRIDOR_ADMIN_PASSWORD: 'the-admin-password' };
    const run = await corridor(['seed'], env);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('the-admin-password');
    expect(run.stdout).toMatch(/only the administrator was created/);
    expect(await counts(env.DATABASE_URL)).toMatchObject({ users: 1, assessments: 0, scores: 0 });
  });

  it('refuses an unusable setting without touching the database', async () => {
    const env = { DATABASE_URL: temp.url(), CORRIDOR_ADMIN_PASSWORD: 'short' };
    const run = await corridor(['seed'], env);
    expect(run).toMatchObject({ code: 1, stdout: '' });
    expect(run.stderr).toBe('corridor seed: CORRIDOR_ADMIN_PASSWORD must be at least 10 characters long\n');
    expect((await counts(env.DATABASE_URL)).users).toBe(0);
  });
});
