import type { InStatement, InValue } from '@libsql/client';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from './client.ts';
import type { UserId } from './ids.ts';
import { auditLog } from './schema.ts';

/** The database or an open transaction: anything that can insert. */
export type Writer = Pick<Db, 'insert'>;

export interface AuditEntry {
  readonly at: Date;
  /** Who made the change; null for the system itself (start-up seed, a CLI run on the server). */
  readonly userId: UserId | null;
  /** `<entity>.<verb>`, e.g. `user.create`, `score.update`. */
  readonly action: string;
  readonly entity: string;
  readonly entityId: string | number;
  readonly before?: unknown;
  readonly after?: unknown;
}

/** The insert for one audit entry, for callers that put it in a `db.batch()` beside the change it records. */
export function auditInsert(writer: Writer, entry: AuditEntry) {
  return writer.insert(auditLog).values({
    at: entry.at,
    userId: entry.userId,
    action: entry.action,
    entity: entry.entity,
    entityId: String(entry.entityId),
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}

const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));

/** The values of one entry, in the order of `AUDIT_COLUMNS`. */
const auditValues = (entry: AuditEntry): InValue[] => [
  entry.at.getTime(),
  entry.userId,
  entry.action,
  entry.entity,
  String(entry.entityId),
  json(entry.before),
  json(entry.after),
];

/**
 * An audit entry for a `db.batch()` that takes effect only if the statement just before it in the batch changed a
 * row (SQLite's `changes()`): a guarded write that did nothing (a stale version, a round already closed) records
 * nothing, and one that did is never without its entry.
 */
export function auditIfChanged(db: Db, entry: AuditEntry) {
  const values = sql.join(
    auditValues(entry).map((v) => sql`${v}`),
    sql`, `,
  );
  return db.run(sql`insert into ${auditLog} (at, user_id, action, entity, entity_id, before, after)
    select ${values} where changes() = 1`);
}

/** The same as a plain statement, for writes that go through the group commit (src/db/group-commit.ts). */
export const auditIfChangedStatement = (entry: AuditEntry): InStatement => ({
  sql: `insert into audit_log (at, user_id, action, entity, entity_id, before, after)
    select ?, ?, ?, ?, ?, ?, ? where changes() = 1`,
  args: auditValues(entry),
});

/**
 * An audit entry whose `after` is `{ count }`, counted by `count` (a scalar subquery) in the same statement: put before
 * the delete it describes in one `db.batch()`, the entry and the deletion see the same rows without a read first.
 */
export function auditCounting(db: Db, entry: Omit<AuditEntry, 'before' | 'after'>, count: SQL) {
  const [at, userId, action, entity, entityId] = auditValues(entry);
  return db.run(sql`insert into ${auditLog} (at, user_id, action, entity, entity_id, before, after)
    values (${at}, ${userId}, ${action}, ${entity}, ${entityId}, null, json_object('count', (${count})))`);
}

/**
 * An entry written only if none with the same action and entity id is newer than `since`: one statement, so several
 * processes serving the same database agree and at most one of them writes it per interval.
 */
export function auditUnlessRecent(db: Db, entry: AuditEntry, since: Date) {
  const values = sql.join(
    auditValues(entry).map((v) => sql`${v}`),
    sql`, `,
  );
  return db.run(sql`insert into ${auditLog} (at, user_id, action, entity, entity_id, before, after)
    select ${values} where not exists (select 1 from ${auditLog} where action = ${entry.action}
      and entity = ${entry.entity} and entity_id = ${String(entry.entityId)} and at > ${since.getTime()})`);
}
