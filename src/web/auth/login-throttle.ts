import type { Db } from '../../db/client.ts';
import { clearFailures, failuresSince, recordFailure } from '../../db/queries/web-login-attempts.ts';

/** Failed sign-ins counted over a sliding window. */
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
/** Per account: slows guessing one user's password from many addresses. */
export const MAX_FAILURES_PER_ACCOUNT = 5;
/** Per address: slows trying many accounts from one place, while a shared office address still gets room. */
export const MAX_FAILURES_PER_ADDRESS = 20;

export interface LoginSubject {
  /** As typed; the key is lower-cased so `Admin` and `admin` share one budget (as they share one account). */
  readonly username: string;
  readonly address: string;
}

const accountKey = (s: LoginSubject) => `user:${s.username.trim().toLowerCase()}`;
const addressKey = (s: LoginSubject) => `ip:${s.address}`;

export type ThrottleVerdict = { readonly limited: false } | { readonly limited: true; readonly retryAfterMs: number };

/** Unknown usernames are counted like real ones, so a 429 says nothing about whether an account exists. */
export async function checkThrottle(db: Db, subject: LoginSubject, now: Date): Promise<ThrottleVerdict> {
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  const limits: Array<[string, number]> = [
    [accountKey(subject), MAX_FAILURES_PER_ACCOUNT],
    [addressKey(subject), MAX_FAILURES_PER_ADDRESS],
  ];
  let retryAfterMs = 0;
  for (const [key, max] of limits) {
    const window = await failuresSince(db, key, since);
    if (window.failures >= max && window.oldest) retryAfterMs = Math.max(retryAfterMs, window.oldest.getTime() + THROTTLE_WINDOW_MS - now.getTime());
  }
  return retryAfterMs > 0 ? { limited: true, retryAfterMs } : { limited: false };
}

export async function noteFailure(db: Db, subject: LoginSubject, now: Date): Promise<void> {
  await recordFailure(db, [accountKey(subject), addressKey(subject)], now, new Date(now.getTime() - THROTTLE_WINDOW_MS));
}

/** A successful sign-in clears the account's count but not the address's: one valid account must not reset a guessing run. */
export async function noteSuccess(db: Db, subject: LoginSubject): Promise<void> {
  await clearFailures(db, [accountKey(subject)]);
}
