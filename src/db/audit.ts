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
