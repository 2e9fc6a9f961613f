/**
 * Personal API tokens: created and revoked by their owner (on the account page or with `corridor token create`),
 * shown once, stored as a SHA-256 hash. A token authenticates `/api/*` requests with its user's own rights.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/client.ts';
import type { ApiTokenId, UserId } from '../db/ids.ts';
import {
  auditTokenUse,
  findApiTokenWithUser,
  insertApiToken,
  revokeApiToken,
  touchApiToken,
  userApiTokens,
} from '../db/queries/api-tokens.ts';
import type { ApiToken, User } from '../db/schema.ts';

export const MAX_TOKEN_NAME = 100;
/** The prefix makes a leaked token easy to recognise (and to search for in logs and repositories). */
const PREFIX = 'crd_';
/** last_used is written at most this often, so a script's calls do not each write. */
const TOUCH_INTERVAL_MS = 60 * 1000;
/**
 * A token's use is audited at most this often: a script polling every few seconds would otherwise fill the log. The
 * entry names the first request of the hour; last_used_at (to the minute) says when it was last used.
 */
export const TOKEN_USE_AUDIT_INTERVAL_MS = 60 * 60 * 1000;

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

export type TokenNameProblem = { readonly kind: 'refused'; readonly message: string };

export function checkTokenName(raw: string): string | TokenNameProblem {
  const name = raw.trim();
  if (name === '') return { kind: 'refused', message: 'give the token a name, e.g. the script that will use it' };
  if (name.length > MAX_TOKEN_NAME) return { kind: 'refused', message: `at most ${MAX_TOKEN_NAME} characters` };
  return name;
}

/** A new token for `userId`; `token` is its only appearance in clear. `by` is who asked (null from the CLI). */
export async function createToken(
  db: Db,
  now: Date,
  userId: UserId,
  name: string,
  by: UserId | null,
): Promise<{ readonly token: string; readonly row: ApiToken } | TokenNameProblem> {
  const checked = checkTokenName(name);
  if (typeof checked !== 'string') return checked;
  const token = `${PREFIX}${randomBytes(32).toString('base64url')}`;
  const row = await insertApiToken(db, { userId, name: checked, tokenHash: hashOf(token), at: now, by });
  return { token, row };
}

export const listTokens = (db: Db, userId: UserId) => userApiTokens(db, userId);

export const revokeToken = (db: Db, now: Date, userId: UserId, id: ApiTokenId) => revokeApiToken(db, userId, id, now);

/**
 * The user a bearer token stands for, or undefined when it is unknown, revoked, or its user is disabled. A use is
 * recorded (last_used_at, and `token.use` in the audit log once an hour) with the request it authenticated.
 */
export async function userOfToken(
  db: Db,
  token: string,
  now: Date,
  request: { readonly method: string; readonly path: string },
): Promise<User | undefined> {
  if (!token.startsWith(PREFIX)) return undefined;
  const found = await findApiTokenWithUser(db, hashOf(token));
  if (!found || found.token.revokedAt !== null || found.user.disabledAt !== null) return undefined;
  const last = found.token.lastUsedAt?.getTime() ?? 0;
  if (now.getTime() - last >= TOUCH_INTERVAL_MS) {
    await touchApiToken(db, found.token.id, now);
    // Checked only when last_used_at is written: within a minute of a use, that use's hour is already on record.
    await auditTokenUse(db, found.token, now, new Date(now.getTime() - TOKEN_USE_AUDIT_INTERVAL_MS), request);
  }
  return found.user;
}
