import type { AuditEntry } from '../../db/audit.ts';
import type { User } from '../../db/schema.ts';
import type { CurrentUser } from '../context.ts';
import type { ThrottleLimit } from './login-throttle.ts';

/**
 * The audit entries of sign-in events. An attempt is about the account when the name exists (disabled or not), else
 * about the name as the throttle keys it (lower-cased), so failures against unknown names are visible too.
 */
const attemptedOn = (user: User | undefined, username: string, at: Date) =>
  user
    ? { at, userId: user.id, entity: 'user', entityId: user.id }
    : { at, userId: null, entity: 'username', entityId: username };

export const signedIn = (user: User, at: Date, client: { address: string; userAgent: string | null }): AuditEntry => ({
  at,
  userId: user.id,
  action: 'auth.login',
  entity: 'user',
  entityId: user.id,
  after: { address: client.address, userAgent: client.userAgent },
});

export const signInFailed = (user: User | undefined, username: string, address: string, at: Date): AuditEntry => ({
  ...attemptedOn(user, username, at),
  action: 'auth.login_failed',
  after: { username, address },
});

export const signInThrottled = (
  user: User | undefined,
  username: string,
  address: string,
  at: Date,
  refusal: { retryAfterS: number; limit: ThrottleLimit },
): AuditEntry => ({
  ...attemptedOn(user, username, at),
  action: 'auth.locked',
  after: { username, address, retryAfterS: refusal.retryAfterS, limit: refusal.limit },
});

export const signedOut = (user: CurrentUser, address: string, at: Date): AuditEntry => ({
  at,
  userId: user.id,
  action: 'auth.logout',
  entity: 'user',
  entityId: user.id,
  after: { address },
});
