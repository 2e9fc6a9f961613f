/**
 * Verification of the audit log's hash chain (README, Tamper-evident audit log). The chain itself is written by a
 * trigger (drizzle/0009_audit_chain_triggers.sql); this module recomputes every hash in Node, independently of the
 * database, and names the first entry that does not fit.
 */
import { createHash } from 'node:crypto';
import type { Client, Transaction } from '@libsql/client';

/** One entry with its chain row, as stored: either side may be missing in a tampered log. */
export interface ChainedEntry {
  readonly id: number;
  /** Null when the entry is gone but its chain row remains. */
  readonly entry: {
    readonly at: number;
    readonly userId: number | null;
    readonly action: string;
    readonly entity: string;
    readonly entityId: string;
    readonly before: string | null;
    readonly after: string | null;
  } | null;
  /** Null when the entry has no chain row. */
  readonly chain: { readonly prevHash: string | null; readonly hash: string } | null;
}

type Content = NonNullable<ChainedEntry['entry']>;

/**
 * The text the trigger hashes: SQLite's json_array(id, at, user_id, action, entity, entity_id, before, after,
 * prev_hash). JSON.stringify writes strings and integers the way SQLite's JSON functions do (the property test in
 * tests/db/audit-chain.test.ts holds it to that), so a sound entry never reads as altered.
 */
export const canonicalContent = (id: number, entry: Content, prevHash: string | null): string =>
  JSON.stringify([
    id,
    entry.at,
    entry.userId,
    entry.action,
    entry.entity,
    entry.entityId,
    entry.before,
    entry.after,
    prevHash,
  ]);

/** SHA3-256 in lowercase hex: libSQL's sha3() is SHA3-256, the one SHA-2-sized hash a trigger can compute. */
export const entryHash = (id: number, entry: Content, prevHash: string | null): string =>
  createHash('sha3-256')
    .update(canonicalContent(id, entry, prevHash), 'utf8')
    .digest('hex');

export type ChainProblem =
  /** The entry's content (or its recorded predecessor) no longer gives the hash its chain row stores. */
  | 'changed'
  /** The entry has no chain row: it was inserted past the trigger. */
  | 'unchained'
  /** The chain row remains but the entry is gone. */
  | 'missing'
  /** The entry records a predecessor other than the entry before it: one was removed or its chain row rewritten. */
  | 'predecessor';

export type ChainVerification =
  | { readonly kind: 'intact'; readonly entries: number; readonly head: string | null; readonly headFound: boolean }
  | {
      readonly kind: 'broken';
      readonly problem: ChainProblem;
      readonly id: number;
      /** When and what the entry was; undefined when the entry itself is gone. */
      readonly at: Date | undefined;
      readonly action: string | undefined;
      /** The id of the last entry that verified, undefined when the break is at the start. */
      readonly after: number | undefined;
      readonly checked: number;
    };

/** Walks the entries in id order and stops at the first one that does not fit; `head` is a hash recorded earlier. */
export async function verifyEntries(
  entries: Iterable<ChainedEntry> | AsyncIterable<ChainedEntry>,
  head?: string,
): Promise<ChainVerification> {
  let prev: string | null = null;
  let lastId: number | undefined;
  let checked = 0;
  let headFound = false;
  const wanted = head?.toLowerCase();
  for await (const { id, entry, chain } of entries) {
    const problem: ChainProblem | undefined =
      entry === null
        ? 'missing'
        : chain === null
          ? 'unchained'
          : entryHash(id, entry, chain.prevHash) !== chain.hash
            ? 'changed'
            : chain.prevHash !== prev
              ? 'predecessor'
              : undefined;
    if (problem !== undefined) {
      return {
        kind: 'broken',
        problem,
        id,
        at: entry ? new Date(entry.at) : undefined,
        action: entry?.action,
        after: lastId,
        checked,
      };
    }
    prev = chain!.hash;
    lastId = id;
    checked++;
    if (prev === wanted) headFound = true;
  }
  return { kind: 'intact', entries: checked, head: prev, headFound };
}

const PAGE = 1000;

/**
 * Entries and chain rows joined both ways (an orphan on either side is kept), `PAGE` at a time in id order. Text
 * is read as its bytes: read as text, the client cuts it at a NUL character, which the trigger hashed.
 */
const PAGE_SQL = `select a.id as id, a.at, a.user_id, cast(a.action as blob) as action, cast(a.entity as blob) as entity,
    cast(a.entity_id as blob) as entity_id, cast(a.before as blob) as before, cast(a.after as blob) as after,
    c.entry_id, c.prev_hash, c.hash
  from audit_log a left join audit_chain c on c.entry_id = a.id where a.id > ?1
  union all
  select c.entry_id as id, null, null, null, null, null, null, null, c.entry_id, c.prev_hash, c.hash
  from audit_chain c where c.entry_id > ?1 and not exists (select 1 from audit_log a where a.id = c.entry_id)
  order by id limit ${PAGE}`;

const utf8 = new TextDecoder();
const text = (value: unknown): string | null =>
  value === null || value === undefined
    ? null
    : value instanceof ArrayBuffer || ArrayBuffer.isView(value)
      ? utf8.decode(value)
      : String(value);

async function* readEntries(client: Pick<Transaction, 'execute'>): AsyncGenerator<ChainedEntry> {
  let after = -1;
  for (;;) {
    const { rows } = await client.execute({ sql: PAGE_SQL, args: [after] });
    for (const row of rows) {
      const id = Number(row.id);
      yield {
        id,
        entry:
          row.action === null
            ? null
            : {
                at: Number(row.at),
                userId: row.user_id === null ? null : Number(row.user_id),
                action: text(row.action)!,
                entity: text(row.entity)!,
                entityId: text(row.entity_id)!,
                before: text(row.before),
                after: text(row.after),
              },
        chain: row.entry_id === null ? null : { prevHash: text(row.prev_hash), hash: String(row.hash) },
      };
      after = id;
    }
    if (rows.length < PAGE) return;
  }
}

/**
 * Verifies the whole chain of a database, reading it in one read transaction so that entries written meanwhile
 * (the server keeps running) are either all in or all out.
 */
export async function verifyAuditChain(client: Client, head?: string): Promise<ChainVerification> {
  const tx = await client.transaction('read');
  try {
    return await verifyEntries(readEntries(tx), head);
  } finally {
    tx.close();
  }
}
