import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, type Db, openDatabase, writerOf } from '../../src/db/client.ts';
import { GroupCommit } from '../../src/db/group-commit.ts';
import { clientWrite, type WriteBatch } from '../../src/db/reader.ts';

/**
 * The group commit on a real file, through both ways of writing a transaction (the file's own connection, and
 * the client as for a libSQL server): what it groups, what each caller hears back, and what a bad write spoils.
 */
let dir: string;
let db: Db;
let batches: number;
let group: GroupCommit;

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

  const write = (k: number, v: number) => [
    {
      sql: 'insert into t (k, v) values (?, ?) on conflict (k) do update set v = excluded.v returning v',
      args: [k, v],
    },
    { sql: 'insert into log (k) select ? where changes() = 1', args: [k] },
  ];
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
