import type { Db } from '../../db/client.ts';
import { attemptsSince, forgetAttempts, recordAttempt } from '../../db/queries/web-login-attempts.ts';

/** Failed sign-ins counted over a sliding window. */
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
/** Per account and address: one place guessing one password is stopped for the rest of the window. */
export const MAX_FAILURES_PER_PAIR = 5;
/** Per address: slows trying many accounts from one place, while a shared office address still gets room. */
export const MAX_FAILURES_PER_ADDRESS = 20;
/**
 * Per account, from any address: no lockout (which anyone could cause for the real user), but after this many failures
 * each further attempt waits ACCOUNT_DELAY_MS after the last failure, doubling per further failure up to the cap.
 */
export const ACCOUNT_FREE_FAILURES = 5;
export const ACCOUNT_DELAY_MS = 1000;
export const ACCOUNT_DELAY_CAP_MS = 16_000;

export interface LoginSubject {
  /** As typed; the key is lower-cased so `Admin` and `admin` share one budget (as they share one account). */
  readonly username: string;
  readonly address: string;
}

export const normalUsername = (username: string) => username.trim().toLowerCase();
const accountKey = (s: LoginSubject) => `user:${normalUsername(s.username)}`;
const addressKey = (s: LoginSubject) => `ip:${s.address}`;
const pairKey = (s: LoginSubject) => `pair:${normalUsername(s.username)}|${s.address}`;

/** The rows that count one sign-in attempt; they stay as its failure unless the password turns out right. */
export interface Attempt {
  readonly ids: readonly number[];
}

/** Which rule refused an attempt; the audit records it. */
export type ThrottleLimit = 'pair' | 'address' | 'account-delay';

export type ThrottleVerdict =
  | { readonly limited: false; readonly attempt: Attempt }
  /** The attempt's rows are still there: `forgetRefused` removes them, in the batch that records the refusal. */
  | { readonly limited: true; readonly retryAfterMs: number; readonly limit: ThrottleLimit; readonly attempt: Attempt };

/** The wait after `failures` earlier failures on one account: none for the first few, then 1 s doubling to 16 s. */
export function accountDelayMs(failures: number): number {
  if (failures < ACCOUNT_FREE_FAILURES) return 0;
  return Math.min(ACCOUNT_DELAY_MS * 2 ** (failures - ACCOUNT_FREE_FAILURES), ACCOUNT_DELAY_CAP_MS);
}

/**
 * Counts this attempt first and only then checks the limits, so guesses sent all at once cannot all pass
 * the check while the slow password hashes of the others are still running (for the account, only the rows recorded
 * before this one count, so of simultaneous guesses the first few go ahead and the rest wait). An attempt over a limit
 * is not kept (it never reached the password check), so it does not push the limit further out. Unknown usernames
 * are counted like real ones, so a 429 says nothing about whether an account exists.
 */
export async function beginAttempt(db: Db, subject: LoginSubject, now: Date): Promise<ThrottleVerdict> {
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  const keys = [pairKey(subject), addressKey(subject), accountKey(subject)];
  const rows = await recordAttempt(db, keys, now, since);
  const ids = [...rows.values()];
  let refused: { retryAfterMs: number; limit: ThrottleLimit } | undefined;
  const refuse = (retryAfterMs: number, limit: ThrottleLimit) => {
    if (retryAfterMs > 0 && retryAfterMs > (refused?.retryAfterMs ?? 0)) refused = { retryAfterMs, limit };
  };
  const windowed: Array<[string, number, ThrottleLimit]> = [
    [pairKey(subject), MAX_FAILURES_PER_PAIR, 'pair'],
    [addressKey(subject), MAX_FAILURES_PER_ADDRESS, 'address'],
  ];
  for (const [key, most, limit] of windowed) {
    // This attempt is in the window too: it may go ahead when the earlier ones leave room for it.
    const window = await attemptsSince(db, key, since);
    if (window.attempts > most && window.oldest)
      refuse(window.oldest.getTime() + THROTTLE_WINDOW_MS - now.getTime(), limit);
  }
  const earlier = await attemptsSince(db, accountKey(subject), since, rows.get(accountKey(subject)));
  if (earlier.latest)
    refuse(earlier.latest.getTime() + accountDelayMs(earlier.attempts) - now.getTime(), 'account-delay');
  return refused ? { limited: true, ...refused, attempt: { ids } } : { limited: false, attempt: { ids } };
}

/** The delete that forgets a refused attempt, for the batch that also records the refusal. */
export const forgetRefused = (db: Db, attempt: Attempt) => forgetAttempts(db, { ids: attempt.ids });

/**
 * A successful sign-in is not a failure, and it clears the account's count and that of this account from this
 * address; the address keeps its earlier failures, so one valid account does not reset a guessing run across others.
 */
export const attemptSucceeded = (db: Db, subject: LoginSubject, attempt: Attempt) =>
  forgetAttempts(db, { ids: attempt.ids, keys: [accountKey(subject), pairKey(subject)] });
