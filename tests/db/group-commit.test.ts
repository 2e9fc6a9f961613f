import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import Database from 'libsql';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, type Db, openDatabase, readerOf, writerOf } from '../../src/db/client.ts';
import { GroupCommit, groupCommit } from '../../src/db/group-commit.ts';
import { clientWrite, type WriteBatch } from '../../src/db/reader.ts';

/**
 * The group commit on a real file, through both ways of writing a transaction (the file's own connection, and
 * the client as for a libSQL server): what it groups, what each caller hears back, and what a bad write spoils.
 */
let dir: string;
let db: Db;
let batches: number;
let group: GroupCommit;

const write = (k: number, v: number) => [
  {
    sql: 'insert into t (k, v) values (?, ?) on conflict (k) do update set v = excluded.v returning v',
    args: [k, v],
  },
  { sql: 'insert into log (k) select ? where changes() = 1', args: [k] },
];
describe.each([
  ['the file connection', (d: Db) => writerOf(d)],
  ['the client', (d: Db) => clientWrite(d.$client)],
] as const)('group commit through %s', (_, writer: (d: Db) => WriteBatch) => {
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'corridor-group-'));
    db = await openDatabase({ url: `file:${join(dir, 'g.db')}` });
    await db.$client.execute('create table t (k integer primary key, v integer not null check (v >= 0))');
    await db.$client.execute('create table log (k integer not null)');
    // Counts the transactions the group commit asks for, each written for real.
    const write = writer(db);
    batches = 0;
    group = new GroupCommit((statements) => {
      batches++;
      return write(statements);
    });
  });

  afterEach(() => {
    closeDatabase(db);
    rmSync(dir, { recursive: true, force: true });
  });

  const rows = async (sql: string) => (await db.$client.execute(sql)).rows.map((r) => ({ ...r }));

  it('writes what arrives in one turn in one transaction, answering each caller with its own results', async () => {
    const answers = await Promise.all(Array.from({ length: 50 }, (_, k) => group.run(write(k, k * 2))));
    expect(batches).toBe(1);
    expect(answers.map((a) => Number(a[0]!.rows[0]!.v))).toEqual(Array.from({ length: 50 }, (_, k) => k * 2));
    expect(await rows('select count(*) as n from t')).toEqual([{ n: 50 }]);
    expect(await rows('select count(*) as n from log')).toEqual([{ n: 50 }]);
  });

  it('keeps the order of the writes: a later one sees an earlier one of the same group', async () => {
    await Promise.all([group.run(write(1, 5)), group.run(write(1, 7))]);
    expect(await rows('select v from t')).toEqual([{ v: 7 }]);
  });

  it('fails a bad write alone: the rest of its group is written, and nothing of the bad one', async () => {
    const answers = await Promise.allSettled([group.run(write(1, 1)), group.run(write(2, -1)), group.run(write(3, 3))]);
    expect(answers.map((a) => a.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(String((answers[1] as PromiseRejectedResult).reason)).toMatch(/CHECK constraint/);
    expect(await rows('select k from t order by k')).toEqual([{ k: 1 }, { k: 3 }]);
    expect(await rows('select k from log order by k')).toEqual([{ k: 1 }, { k: 3 }]);
  });

  it('takes writes that arrive while a group is being written into the next group', async () => {
    const first = group.run(write(1, 1));
    await new Promise((resolve) => setImmediate(resolve));
    const later = await Promise.all([group.run(write(2, 2)), group.run(write(3, 3)), first]);
    expect(later).toHaveLength(3);
    expect(batches).toBe(2);
    expect(await rows('select count(*) as n from log')).toEqual([{ n: 3 }]);
  });
});

describe('group commit while another process holds the write lock', () => {
  it('fails the whole group at once, and the reads that follow see the database as it is', async () => {
    const dir2 = mkdtempSync(join(tmpdir(), 'corridor-busy-'));
    const file = join(dir2, 'b.db');
    const main = await openDatabase({ url: `file:${file}` });
    try {
      await main.$client.execute('create table t (k integer primary key, v integer not null)');
      await main.$client.execute('create table log (k integer not null)');
      await main.$client.execute('insert into t (k, v) values (100, 1)');
      // Another process (here another connection) holds the write lock past the busy timeout.
      const other = new Database(file);
      other.exec('begin immediate');
      // Counted: retrying each write alone would wait out the busy timeout again per write, the event loop blocked.
      let attempts = 0;
      const busy = new GroupCommit((statements) => {
        attempts++;
        return writerOf(main)(statements);
      });
      const answers = await Promise.allSettled([busy.run(write(1, 1)), busy.run(write(2, 2))]);
      expect(attempts).toBe(1);
      other.exec('rollback');
      other.close();
      expect(answers.map((a) => a.status)).toEqual(['rejected', 'rejected']);
      expect(String((answers[0] as PromiseRejectedResult).reason)).toMatch(/SQLITE_BUSY|locked/i);
      // A change made on the main connection afterwards is what the reader reads, not a snapshot of before.
      const reader = readerOf(main);
      // The proxy driver hands back rows as arrays of values.
      const count = async () => (await reader.all<[number]>(sql`select count(*) from t`))[0]![0];
      expect(await count()).toBe(1);
      await main.$client.execute('delete from t');
      expect(await count()).toBe(0);
      // And the next save goes through.
      await groupCommit(main).run(write(3, 3));
      expect(await count()).toBe(1);
    } finally {
      closeDatabase(main);
      rmSync(dir2, { recursive: true, force: true });
    }
  }, 30_000);
});
