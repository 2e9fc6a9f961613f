import { and, desc, eq, gte, inArray, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import type { AssessmentId, UserId } from '../ids.ts';
import { auditLog, resultSnapshots, rounds, users } from '../schema.ts';

export interface AuditFilter {
  readonly userId?: UserId | undefined;
  readonly from?: Date | undefined;
  /** Exclusive. */
  readonly until?: Date | undefined;
}

/**
 * The audit entries of one assessment, newest first: its own (rounds opened and closed, downloads), its rounds'
 * (submissions, reopenings), its scores' (whose entity id starts with the round's id) and its snapshots' (downloads of
 * a snapshot's files), each with who made it.
 */
export async function assessmentAuditEntries(db: Db, assessmentId: AssessmentId, filter: AuditFilter = {}) {
  const roundIds = (await db.select({ id: rounds.id }).from(rounds).where(eq(rounds.assessmentId, assessmentId))).map(
    (r) => String(r.id),
  );
  const scoreRound = sql`substr(${auditLog.entityId}, 1, instr(${auditLog.entityId}, ':') - 1)`;
  const snapshotIds = sql`(select cast(${resultSnapshots.id} as text) from ${resultSnapshots} where ${resultSnapshots.assessmentId} = ${assessmentId})`;
  const mine = or(
    and(eq(auditLog.entity, 'assessment'), eq(auditLog.entityId, String(assessmentId))),
    and(eq(auditLog.entity, 'snapshot'), inArray(auditLog.entityId, snapshotIds)),
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

/**
 * What the account audit log lists: sign-ins and their failures and lockouts, sign-outs, ended sessions, account
 * changes, API tokens, and the downloads of this log itself (entity `audit`).
 */
const accountLevel = or(
  sql`${auditLog.action} glob 'auth.*'`,
  sql`${auditLog.action} glob 'session.*'`,
  sql`${auditLog.action} glob 'user.*'`,
  sql`${auditLog.action} glob 'token.*'`,
  and(eq(auditLog.action, 'export.download'), eq(auditLog.entity, 'audit')),
);

export interface AccountAuditFilter extends Omit<AuditFilter, 'userId'> {
  /**
   * Entries by or about this account (`user` and `username` entities name it by username, token entries by id), or,
   * for a name that is no account, the failed sign-ins that typed it.
   */
  readonly person?: { readonly username: string; readonly id: UserId | undefined } | undefined;
}

/** The account-level entries, newest first, each with who made it (null for the system or an unknown sign-in). */
export async function accountAuditEntries(db: Db, filter: AccountAuditFilter = {}) {
  const p = filter.person;
  const aboutNames = p ? [p.username, ...(p.id === undefined ? [] : [String(p.id)])] : [];
  const person = p
    ? or(
        p.id === undefined ? undefined : eq(auditLog.userId, p.id),
        and(inArray(auditLog.entity, ['user', 'username']), inArray(auditLog.entityId, aboutNames)),
        sql`json_extract(${auditLog.after}, '$.username') = ${p.username}`,
      )
    : undefined;
  return db
    .select({ entry: auditLog, username: users.username, displayName: users.displayName })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId))
    .where(
      and(
        accountLevel,
        person,
        filter.from === undefined ? undefined : gte(auditLog.at, filter.from),
        filter.until === undefined ? undefined : lt(auditLog.at, filter.until),
      ),
    )
    .orderBy(desc(auditLog.at), desc(auditLog.id));
}
