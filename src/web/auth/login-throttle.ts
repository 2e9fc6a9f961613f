import type { Db } from '../../db/client.ts';
import { attemptsSince, forgetAttempts, recordAttempt } from '../../db/queries/web-login-attempts.ts';

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

/** The rows that count one sign-in attempt; they stay as its failure unless the password turns out right. */
export interface Attempt {
  readonly ids: readonly number[];
}

export type ThrottleVerdict =
  | { readonly limited: false; readonly attempt: Attempt }
  | { readonly limited: true; readonly retryAfterMs: number };

/**
 * Counts this attempt first and only then checks the limits, so guesses sent all at once cannot all pass
 * the check while the slow password hashes of the others are still running. An attempt over a limit is not
 * kept (it never reached the password check), so it does not push the lockout further out. Unknown usernames
 * are counted like real ones, so a 429 says nothing about whether an account exists.
 */
export async function beginAttempt(db: Db, subject: LoginSubject, now: Date): Promise<ThrottleVerdict> {
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  const ids = await recordAttempt(db, [accountKey(subject), addressKey(subject)], now, since);
  const limits: Array<[string, number]> = [
    [accountKey(subject), MAX_FAILURES_PER_ACCOUNT],
    [addressKey(subject), MAX_FAILURES_PER_ADDRESS],
  ];
  let retryAfterMs = 0;
  for (const [key, max] of limits) {
    // This attempt is in the window too: it may go ahead when the earlier ones leave room for it.
    const window = await attemptsSince(db, key, since);
    if (window.attempts > max && window.oldest)
      retryAfterMs = Math.max(retryAfterMs, window.oldest.getTime() + THROTTLE_WINDOW_MS - now.getTime());
  }
  if (retryAfterMs > 0) {
    await forgetAttempts(db, { ids });
    return { limited: true, retryAfterMs };
  }
  return { limited: false, attempt: { ids } };
}

/**
 * A successful sign-in is not a failure, and it clears the account's count; the address keeps its earlier
 * failures, so one valid account does not reset a guessing run across others.
 */
export async function attemptSucceeded(db: Db, subject: LoginSubject, attempt: Attempt): Promise<void> {
  await forgetAttempts(db, { ids: attempt.ids, keys: [accountKey(subject)] });
}
