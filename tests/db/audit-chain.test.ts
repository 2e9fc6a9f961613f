import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import fc from 'fast-check';
import Database from 'libsql';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditIfChanged, auditIfChangedStatement, auditInsert } from '../../src/db/audit.ts';
import { entryHash, verifyAuditChain } from '../../src/db/audit-chain.ts';
import { type Db, MIGRATIONS_FOLDER, migrateDatabase } from '../../src/db/client.ts';
import { groupCommit } from '../../src/db/group-commit.ts';
import { tempDir } from './fixtures.ts';

/** The audit log's hash chain on a real database file: what the triggers refuse and what verification finds. */
let temp: ReturnType<typeof tempDir>;
let db: Db;
beforeEach(async () => {
  temp = tempDir('corridor-chain-');
  db = await temp.open();
  await migrateDatabase(db);
});
afterEach(() => temp.cleanup());

const entry = (n: number) => ({
  at: new Date(1_800_000_000_000 + n),
  userId: null,
  action: 'user.update',
  entity: 'user',
  entityId: n,
  before: { n },
  after: { n: n + 1, note: 'quote " backslash \\ line\u2028' },
});

const addEntries = async (count: number) => {
  for (let n = 0; n < count; n++) await auditInsert(db, entry(n));
};

const execute = async (sql: string) => (await db.$client.execute(sql)).rows.map((r) => ({ ...r }));

/**
 * What an attacker with write access to the file can do: a raw connection without the foreign keys, the
 * append-only triggers dropped.
 */
function attacker(work: (file: InstanceType<typeof Database>) => void) {
  const file = new Database(join(temp.dir, 'corridor.db'), { timeout: 5_000 });
  try {
    file.exec('pragma foreign_keys = off');
    for (const name of [
      'audit_log_no_update',
      'audit_log_no_delete',
      'audit_log_no_replace',
      'audit_log_chain',
      'audit_chain_no_update',
      'audit_chain_no_delete',
      'audit_chain_no_replace',
    ])
      file.exec(`drop trigger ${name}`);
    work(file);
  } finally {
    file.close();
  }
}

describe('the audit chain', () => {
  it('verifies an intact log and names its head, the last hash', async () => {
    await addEntries(5);
    const [last] = await execute('select hash from audit_chain order by entry_id desc limit 1');
    expect(await verifyAuditChain(db.$client)).toEqual({
      kind: 'intact',
      entries: 5,
      head: last!.hash,
      headFound: false,
    });
    expect(String(last!.hash)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is empty and intact on a fresh database', async () => {
    expect(await verifyAuditChain(db.$client)).toEqual({ kind: 'intact', entries: 0, head: null, headFound: false });
  });

  it('chains every entry to the one before it, with the hash Node computes', async () => {
    await addEntries(3);
    const rows = await execute(
      'select a.*, c.prev_hash, c.hash from audit_log a join audit_chain c on c.entry_id = a.id order by a.id',
    );
    expect(rows.map((r) => r.prev_hash)).toEqual([null, rows[0]!.hash, rows[1]!.hash]);
    for (const r of rows) {
      const content = {
        at: Number(r.at),
        userId: null,
        action: String(r.action),
        entity: String(r.entity),
        entityId: String(r.entity_id),
        before: r.before as string | null,
        after: r.after as string | null,
      };
      expect(entryHash(Number(r.id), content, r.prev_hash as string | null)).toBe(r.hash);
    }
  });

  it('refuses INSERT OR REPLACE over an existing entry, which would skip the DELETE trigger, and keeps the entry', async () => {
    await addEntries(2);
    const before = await execute('select * from audit_log order by id');
    await expect(
      db.$client.execute(
        "insert or replace into audit_log (id, at, action, entity, entity_id) values (1, 0, 'forged', 'user', '1')",
      ),
    ).rejects.toThrow(/an entry with this id exists/);
    expect(await execute('select * from audit_log order by id')).toEqual(before);
    expect((await verifyAuditChain(db.$client)).kind).toBe('intact');
  });

  it.each([
    ['update audit_log set action = ?', 'audit_log is append-only: UPDATE'],
    ['delete from audit_log where id = 1 or ? is null', 'audit_log is append-only: DELETE'],
    ['update audit_chain set hash = ?', 'audit_chain is append-only: UPDATE'],
    ['delete from audit_chain where entry_id = 1 or ? is null', 'audit_chain is append-only: DELETE'],
    ['insert or replace into audit_chain (entry_id, prev_hash, hash) values (1, null, ?)', 'a chain row belongs'],
    ['insert into audit_chain (entry_id, prev_hash, hash) values (99, null, ?)', 'a chain row belongs'],
    [
      "insert into audit_log (id, at, action, entity, entity_id) values (0, 0, ?, 'user', '1')",
      'an entry can only follow the last one',
    ],
  ])('refuses %s', async (statement, message) => {
    await addEntries(2);
    const before = await execute('select * from audit_log a join audit_chain c on c.entry_id = a.id');
    await expect(db.$client.execute({ sql: statement, args: ['x'] })).rejects.toThrow(message);
    expect(await execute('select * from audit_log a join audit_chain c on c.entry_id = a.id')).toEqual(before);
  });

  it('makes DROP TABLE audit_log fail while the foreign keys are on (the app turns them on for every connection)', async () => {
    await addEntries(1);
    await expect(db.$client.execute('drop table audit_log')).rejects.toThrow(/FOREIGN KEY/);
    expect(await execute('select count(*) as n from audit_log')).toEqual([{ n: 1 }]);
  });

  it('reports an entry altered past the triggers by its id, when and what it was', async () => {
    await addEntries(4);
    attacker((file) => file.exec('update audit_log set after = \'{"n":0}\' where id = 3'));
    expect(await verifyAuditChain(db.$client)).toEqual({
      kind: 'broken',
      problem: 'changed',
      id: 3,
      at: new Date(1_800_000_000_002),
      action: 'user.update',
      after: 2,
      checked: 2,
    });
  });

  it('reports an altered entry whose hash was recomputed at the entry after it', async () => {
    await addEntries(4);
    const [row] = await execute(
      "select *, lower(hex(sha3(json_array(id, at, user_id, 'forged', entity, entity_id, before, after, (select prev_hash from audit_chain where entry_id = 2))))) as h from audit_log where id = 2",
    );
    attacker((file) => {
      file.exec("update audit_log set action = 'forged' where id = 2");
      file.prepare('update audit_chain set hash = ? where entry_id = 2').run(row!.h);
    });
    expect(await verifyAuditChain(db.$client)).toMatchObject({
      kind: 'broken',
      problem: 'predecessor',
      id: 3,
      after: 2,
    });
  });

  it('reports a deleted entry as missing when its chain row remains', async () => {
    await addEntries(4);
    attacker((file) => file.exec('delete from audit_log where id = 2'));
    expect(await verifyAuditChain(db.$client)).toMatchObject({ kind: 'broken', problem: 'missing', id: 2, after: 1 });
  });

  it('reports the gap at the entry after one deleted with its chain row', async () => {
    await addEntries(4);
    attacker((file) => file.exec('delete from audit_chain where entry_id = 2; delete from audit_log where id = 2'));
    expect(await verifyAuditChain(db.$client)).toMatchObject({
      kind: 'broken',
      problem: 'predecessor',
      id: 3,
      action: 'user.update',
      after: 1,
    });
  });

  it('reports the first entries deleted at the start of the chain', async () => {
    await addEntries(3);
    attacker((file) => file.exec('delete from audit_chain where entry_id = 1; delete from audit_log where id = 1'));
    expect(await verifyAuditChain(db.$client)).toMatchObject({ kind: 'broken', problem: 'predecessor', id: 2 });
    expect(await verifyAuditChain(db.$client)).toHaveProperty('after', undefined);
  });

  it('reports an entry inserted without the chain trigger', async () => {
    await addEntries(2);
    attacker((file) =>
      file.exec("insert into audit_log (at, action, entity, entity_id) values (5, 'user.create', 'user', '9')"),
    );
    expect(await verifyAuditChain(db.$client)).toMatchObject({
      kind: 'broken',
      problem: 'unchained',
      id: 3,
      action: 'user.create',
      at: new Date(5),
    });
  });

  it('catches a truncated log only against a head recorded before', async () => {
    await addEntries(4);
    const recorded = await verifyAuditChain(db.$client);
    const head = recorded.kind === 'intact' ? recorded.head! : '';
    expect(await verifyAuditChain(db.$client, head)).toMatchObject({ kind: 'intact', headFound: true });
    attacker((file) => file.exec('delete from audit_chain where entry_id = 4; delete from audit_log where id = 4'));
    // The shorter chain is consistent in itself: only the recorded head shows what went.
    expect(await verifyAuditChain(db.$client)).toMatchObject({ kind: 'intact', entries: 3 });
    expect(await verifyAuditChain(db.$client, head)).toMatchObject({ kind: 'intact', headFound: false });
    expect(await verifyAuditChain(db.$client, head.toUpperCase())).toMatchObject({ headFound: false });
  });

  it('accepts a head recorded earlier while entries were added since', async () => {
    await addEntries(2);
    const recorded = await verifyAuditChain(db.$client);
    await addEntries(3);
    const head = recorded.kind === 'intact' ? recorded.head! : '';
    expect(await verifyAuditChain(db.$client, head.toUpperCase())).toMatchObject({
      kind: 'intact',
      entries: 5,
      headFound: true,
    });
  });

  it('chains the entries of every write path: batch, guarded insert and the group commit', async () => {
    await db.$client.execute('create table probe (k integer primary key)');
    await db.batch([db.run(sql`insert into probe (k) values (1)`), auditInsert(db, entry(1))]);
    await db.batch([db.run(sql`insert into probe (k) values (2)`), auditIfChanged(db, entry(2))]);
    const group = groupCommit(db);
    await Promise.all(
      Array.from({ length: 20 }, (_, k) =>
        group.run([
          { sql: 'insert into probe (k) values (?)', args: [100 + k] },
          auditIfChangedStatement(entry(100 + k)),
        ]),
      ),
    );
    // A guarded write that changed nothing records nothing, and breaks nothing.
    await group.run([{ sql: 'update probe set k = k where k = -1', args: [] }, auditIfChangedStatement(entry(999))]);
    expect(await verifyAuditChain(db.$client)).toMatchObject({ kind: 'intact', entries: 22 });
  });

  it('stays in order under concurrent inserts from two connections and the native binding', async () => {
    const other = await temp.open();
    const native = new Database(join(temp.dir, 'corridor.db'), { timeout: 5_000 });
    try {
      const insert = native.prepare(
        "insert into audit_log (at, action, entity, entity_id) values (?, 'native.write', 'probe', ?)",
      );
      await Promise.all([
        ...Array.from({ length: 30 }, (_, k) => auditInsert(db, entry(k))),
        ...Array.from({ length: 30 }, (_, k) => auditInsert(other, entry(1000 + k))),
        ...Array.from({ length: 30 }, async (_, k) => insert.run(k, String(k))),
      ]);
    } finally {
      native.close();
    }
    expect(await verifyAuditChain(db.$client)).toMatchObject({ kind: 'intact', entries: 90 });
  });

  it('hashes any text the way Node recomputes it: quotes, control characters, U+2028, emoji, long text', async () => {
    const text = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.constantFrom('"', '\\', '\u0000\u001f\u007f', '\u2028\u2029', '😀👩‍👩‍👧', '</script>', 'x'.repeat(100_000)),
    );
    let count = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          at: fc.integer({ min: -8.64e15, max: 8.64e15 }),
          action: text,
          entity: text,
          entityId: text,
          before: fc.option(text),
          after: fc.option(fc.jsonValue().map((v) => JSON.stringify(v))),
        }),
        async (e) => {
          await db.$client.execute({
            sql: 'insert into audit_log (at, action, entity, entity_id, before, after) values (?, ?, ?, ?, ?, ?)',
            args: [e.at, e.action, e.entity, e.entityId, e.before, e.after ?? null],
          });
          count++;
          const outcome = await verifyAuditChain(db.$client);
          expect(outcome).toMatchObject({ kind: 'intact', entries: count });
        },
      ),
      { numRuns: 150 },
    );
  });

  it('is backfilled in id order for the entries written before the chain existed', async () => {
    // A database at the schema before the chain, with entries, then migrated as an upgrade would be.
    const folder = join(temp.dir, 'drizzle');
    cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
    const journalFile = join(folder, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
    const upTo = journal.entries.findIndex((e) => e.tag === '0008_audit_chain');
    writeFileSync(journalFile, JSON.stringify({ ...journal, entries: journal.entries.slice(0, upTo) }));
    const old = await temp.open('old.db');
    await migrate(drizzle(old.$client), { migrationsFolder: folder });
    for (let n = 0; n < 50; n++) {
      await old.$client.execute({
        sql: "insert into audit_log (at, action, entity, entity_id, after) values (?, 'user.create', 'user', ?, ?)",
        args: [n, String(n), JSON.stringify({ name: `naïve "${n}" \u2028 😀` })],
      });
    }
    await migrateDatabase(old);
    expect(await verifyAuditChain(old.$client)).toMatchObject({ kind: 'intact', entries: 50 });
    await auditInsert(old, entry(1));
    expect(await verifyAuditChain(old.$client)).toMatchObject({ kind: 'intact', entries: 51 });
  });
});
