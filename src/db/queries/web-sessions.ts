import { and, eq, lt, or } from 'drizzle-orm';
import type { Db } from '../client.ts';
import type { SessionId, UserId } from '../ids.ts';
import { sessions, users, type Session, type User } from '../schema.ts';

export interface NewSession {
  readonly id: SessionId;
  readonly userId: UserId;
  readonly now: Date;
  readonly expiresAt: Date;
  readonly ip: string | null;
  readonly userAgent: string | null;
}

export async function insertSession(db: Db, s: NewSession): Promise<void> {
  await db.insert(sessions).values({ id: s.id, userId: s.userId, createdAt: s.now, lastSeenAt: s.now, expiresAt: s.expiresAt, ip: s.ip, userAgent: s.userAgent });
}

export async function findSessionWithUser(db: Db, id: SessionId): Promise<{ session: Session; user: User } | undefined> {
  const [row] = await db.select({ session: sessions, user: users }).from(sessions).innerJoin(users, eq(users.id, sessions.userId)).where(eq(sessions.id, id)).limit(1);
  return row;
}

export async function touchSession(db: Db, id: SessionId, now: Date): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
}

export async function deleteSession(db: Db, id: SessionId): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, id));
}

/** Drops a user's sessions that are past either expiry, so the table does not grow with abandoned logins. */
export async function deleteExpiredSessions(db: Db, userId: UserId, now: Date, idleSince: Date): Promise<void> {
  await db.delete(sessions).where(and(eq(sessions.userId, userId), or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, idleSince))));
}
