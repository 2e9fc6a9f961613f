import { and, desc, eq, gte, inArray, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import type { AssessmentId, UserId } from '../ids.ts';
import { auditLog, rounds, users } from '../schema.ts';

export interface AuditFilter {
  readonly userId?: UserId | undefined;
  readonly from?: Date | undefined;
  /** Exclusive. */
  readonly until?: Date | undefined;
}

/**
 * The audit entries of one assessment, newest first: its own (rounds opened and closed), its rounds' (submissions,
 * reopenings) and its scores' (whose entity id starts with the round's id), each with who made it.
 */
export async function assessmentAuditEntries(db: Db, assessmentId: AssessmentId, filter: AuditFilter = {}) {
  const roundIds = (await db.select({ id: rounds.id }).from(rounds).where(eq(rounds.assessmentId, assessmentId))).map(
    (r) => String(r.id),
  );
  const scoreRound = sql`substr(${auditLog.entityId}, 1, instr(${auditLog.entityId}, ':') - 1)`;
  const mine = or(
    and(eq(auditLog.entity, 'assessment'), eq(auditLog.entityId, String(assessmentId))),
    ...(roundIds.length === 0
      ? []
      : [
          and(eq(auditLog.entity, 'round'), inArray(auditLog.entityId, roundIds)),
          and(eq(auditLog.entity, 'score'), inArray(scoreRound, roundIds)),
        ]),
  );
  return db
    .select({ entry: auditLog, username: users.username, displayName: users.displayName })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId))
    .where(
      and(
        mine,
        filter.userId === undefined ? undefined : eq(auditLog.userId, filter.userId),
        filter.from === undefined ? undefined : gte(auditLog.at, filter.from),
        filter.until === undefined ? undefined : lt(auditLog.at, filter.until),
      ),
    )
    .orderBy(desc(auditLog.at), desc(auditLog.id));
}
