import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import journal from '../../drizzle/meta/_journal.json' with { type: 'json' };
import { closeDatabase, localFilePath, migrateDatabase, openDatabase } from '../../src/db/client.ts';
import { rowCounts, tempDir } from './fixtures.ts';

/**
 * The domain model of docs/architecture.md, plus the tables the foundation issue adds (login attempts, round
 * submissions) and the API tokens.
 */
const DOMAIN_TABLES = [
  'ahp_judgments',
  'alternatives',
  'api_tokens',
  'assessments',
  'audit_chain',
  'audit_log',
  'dimensions',
  'import_jobs',
  'indicator_values',
  'indicators',
  'login_attempts',
  'panel_members',
  'recommendation_rules',
  'report_renders',
  'result_snapshots',
  'round_submissions',
  'rounds',
  'scores',
  'sessions',
  'users',
  'weight_sets',
];

describe('migrations', () => {
  let temp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    temp = tempDir();
  });
  afterEach(() => temp.cleanup());

  it('create every table of the domain model on a fresh file, in a folder that did not exist', async () => {
    const db = await openDatabase({ url: temp.url('nested/folder/corridor.db') });
    const outcome = await migrateDatabase(db);
    expect(outcome).toEqual({ applied: journal.entries.length, total: journal.entries.length });
    const counts = await rowCounts(db);
    expect(Object.keys(counts).sort()).toEqual(DOMAIN_TABLES);
    expect(Object.values(counts).every((n) => n === 0)).toBe(true);
    closeDatabase(db);
  });

  it('put a local file in WAL mode with foreign keys enforced on every connection', async () => {
    const db = await temp.open();
    await migrateDatabase(db);
    const [mode] = (await db.$client.execute('pragma journal_mode')).rows;
    expect(mode.journal_mode).toBe('wal');
    // The client keeps a pool of connections; ask several at once so more than one answers.
    const answers = await Promise.all([1, 2, 3, 4].map(() => db.$client.execute('pragma foreign_keys')));
    expect(answers.map((a) => Number(a.rows[0].foreign_keys))).toEqual([1, 1, 1, 1]);
  });

  it('are a no-op the second time, also from a second process-like client on the same file', async () => {
    const first = await temp.open();
    await migrateDatabase(first);
    await first.$client.execute("insert into login_attempts (key, at) values ('ip:127.0.0.1', 1)");
    expect(await migrateDatabase(first)).toEqual({ applied: 0, total: journal.entries.length });
    const second = await temp.open();
    expect(await migrateDatabase(second)).toEqual({ applied: 0, total: journal.entries.length });
    expect((await rowCounts(second)).login_attempts).toBe(1);
    const recorded = await second.$client.execute('select count(*) as n from __drizzle_migrations');
    expect(Number(recorded.rows[0].n)).toBe(journal.entries.length);
  });

  it('work on an in-memory database', async () => {
    const db = await openDatabase({ url: ':memory:' });
    await migrateDatabase(db);
    expect(Object.keys(await rowCounts(db)).sort()).toEqual(DOMAIN_TABLES);
    closeDatabase(db);
  });

  it('reject an unusable DATABASE_URL with a message naming it', async () => {
    await expect(openDatabase({ url: 'ftp://example.org/db' })).rejects.toThrow(
      /DATABASE_URL "ftp:\/\/example.org\/db" is not usable/,
    );
  });

  it.each([
    ['file:data/corridor.db', resolve('data/corridor.db')],
    ['file:/srv/corridor/db.sqlite', '/srv/corridor/db.sqlite'],
    ['file:///srv/corridor/db.sqlite', '/srv/corridor/db.sqlite'],
    ['file:/srv/my%20data/db.sqlite?mode=rwc', '/srv/my data/db.sqlite'],
    ['file://host/db.sqlite', undefined],
    [':memory:', undefined],
    ['file::memory:', undefined],
    ['libsql://corridor.example.org', undefined],
  ])('find the local file of %s (whose folder is created) as %s', (url, path) => {
    expect(localFilePath(url)).toBe(path);
  });
});
