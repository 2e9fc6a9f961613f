import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { databaseFault } from '../../db/faults.ts';
import type { SessionId, UserId } from '../../db/ids.ts';
import type { Statement } from '../../db/queries/setup.ts';
import {
  deleteExpiredSessions,
  deleteSession,
  findSessionWithUser,
  sessionDelete,
  sessionInsert,
  touchSession,
} from '../../db/queries/web-sessions.ts';
import type { CurrentUser } from '../context.ts';

/** A session ends after this long without a request… */
export const IDLE_TIMEOUT_MS = 8 * 60 * 60 * 1000;
/** …and in any case this long after sign-in. */
export const ABSOLUTE_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;
/** last_seen is written at most this often, so ordinary browsing does not write on every request. */
const TOUCH_INTERVAL_MS = 60 * 1000;
const TOKEN_BYTES = 32;

/** Only this hash is stored: a leaked sessions table does not let anyone sign in. */
export const sessionIdOf = (token: string): SessionId => createHash('sha256').update(token).digest('hex') as SessionId;

export interface StartedSession {
  /** Goes into the cookie and nowhere else. */
  readonly token: string;
  readonly id: SessionId;
  readonly expiresAt: Date;
}

/** `with` are written in the same batch as the new session (the sign-in's audit entry): all of them or none. */
export async function startSession(
  db: Db,
  userId: UserId,
  now: Date,
  client: { ip: string | null; userAgent: string | null },
  with_: readonly Statement[] = [],
): Promise<StartedSession> {
  const token = randomBytes(TOKEN_BYTES).toString('base64url');
  const id = sessionIdOf(token);
  const expiresAt = new Date(now.getTime() + ABSOLUTE_LIFETIME_MS);
  await deleteExpiredSessions(db, now, new Date(now.getTime() - IDLE_TIMEOUT_MS));
  await db.batch([
    sessionInsert(db, { id, userId, now, expiresAt, ip: client.ip, userAgent: client.userAgent }),
    ...with_,
  ]);
  return { token, id, expiresAt };
}

export type SessionLookup =
  | { readonly kind: 'active'; readonly id: SessionId; readonly user: CurrentUser; readonly expiresAt: Date }
  /** The cookie named a session that is over (idle, too old, user disabled) or never existed. */
  | { readonly kind: 'ended' };

export async function resolveSession(db: Db, token: string, now: Date): Promise<SessionLookup> {
  const id = sessionIdOf(token);
  const row = await findSessionWithUser(db, id);
  if (!row) return { kind: 'ended' };
  const { session, user } = row;
  const t = now.getTime();
  const over =
    t >= session.expiresAt.getTime() || t - session.lastSeenAt.getTime() >= IDLE_TIMEOUT_MS || user.disabledAt !== null;
  if (over) {
    await deleteSession(db, id);
    return { kind: 'ended' };
  }
  // Reading goes on while the database cannot be written (read-only, full, locked); only the idle clock pauses.
  if (t - session.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS)
    await touchSession(db, id, now).catch((err: unknown) => {
      if (!databaseFault(err)) throw err;
    });
  return {
    kind: 'active',
    id,
    expiresAt: session.expiresAt,
    user: {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      isAdmin: user.isAdmin,
      locale: user.locale,
    },
  };
}

/** `with` as for startSession: the sign-out's audit entry. */
export async function endSession(db: Db, token: string, with_: readonly Statement[] = []): Promise<void> {
  await db.batch([sessionDelete(db, sessionIdOf(token)), ...with_]);
}
