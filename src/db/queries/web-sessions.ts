import { and, eq, gt, lte, or, sql } from 'drizzle-orm';
import { auditCounting } from '../audit.ts';
import type { Db } from '../client.ts';
import type { SessionId, UserId } from '../ids.ts';
import { prepared } from '../prepared.ts';
import { type Session, sessions, type User, users } from '../schema.ts';

export interface NewSession {
  readonly id: SessionId;
  readonly userId: UserId;
  readonly now: Date;
  readonly expiresAt: Date;
  readonly ip: string | null;
  readonly userAgent: string | null;
}

/** The insert of one session, for a caller's `db.batch()`. */
export function sessionInsert(db: Db, s: NewSession) {
  return db.insert(sessions).values({
    id: s.id,
    userId: s.userId,
    createdAt: s.now,
    lastSeenAt: s.now,
    expiresAt: s.expiresAt,
    ip: s.ip,
    userAgent: s.userAgent,
  });
}

const statements = prepared((db) => ({
  // Every signed-in request runs this one.
  withUser: db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sql.placeholder('id')))
    .limit(1)
    .prepare(),
}));

export async function findSessionWithUser(
  db: Db,
  id: SessionId,
): Promise<{ session: Session; user: User } | undefined> {
  return statements(db).withUser.get({ id });
}

export async function touchSession(db: Db, id: SessionId, now: Date): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
}

/** The delete of one session, for a caller's `db.batch()`. */
export const sessionDelete = (db: Db, id: SessionId) => db.delete(sessions).where(eq(sessions.id, id));

export async function deleteSession(db: Db, id: SessionId): Promise<void> {
  await sessionDelete(db, id);
}

/**
 * Drops every session past either expiry, whoever it belongs to: abandoned sign-ins would otherwise keep
 * their address and browser in the table for good, and the table would only grow.
 */
export async function deleteExpiredSessions(db: Db, now: Date, idleSince: Date): Promise<void> {
  // `lte`, as in resolveSession: a session is over at the very moment it reaches either limit.
  await db.delete(sessions).where(or(lte(sessions.expiresAt, now), lte(sessions.lastSeenAt, idleSince)));
}

/** A session that neither expiry has ended yet (resolveSession's rule, seen from the table). */
const live = (now: Date, idleSince: Date) => and(gt(sessions.expiresAt, now), gt(sessions.lastSeenAt, idleSince));

/** How many live sessions each user has: what the users page shows beside "End sessions". */
export async function liveSessionCounts(db: Db, now: Date, idleSince: Date): Promise<Map<UserId, number>> {
  const rows = await db
    .select({ userId: sessions.userId, count: sql<number>`count(*)` })
    .from(sessions)
    .where(live(now, idleSince))
    .groupBy(sessions.userId);
  return new Map(rows.map((r) => [r.userId, Number(r.count)]));
}

/**
 * Deletes every session of the user, audited as `session.revoke_all` with the number of live ones ended. Every
 * process reads sessions from this table on each request, so the user is signed out everywhere at their next one.
 */
export async function deleteUserSessions(
  db: Db,
  user: Pick<User, 'id' | 'username'>,
  by: UserId | null,
  at: Date,
  idleSince: Date,
): Promise<number> {
  const count = sql`select count(*) from ${sessions} where ${and(eq(sessions.userId, user.id), live(at, idleSince))}`;
  const [, deleted] = await db.batch([
    auditCounting(db, { at, userId: by, action: 'session.revoke_all', entity: 'user', entityId: user.username }, count),
    db
      .delete(sessions)
      .where(eq(sessions.userId, user.id))
      .returning({ id: sessions.id, expiresAt: sessions.expiresAt, lastSeenAt: sessions.lastSeenAt }),
  ]);
  return deleted.filter((s) => s.expiresAt > at && s.lastSeenAt > idleSince).length;
}
