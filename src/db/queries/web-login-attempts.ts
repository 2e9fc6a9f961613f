import { and, count, eq, gt, inArray, lte, min } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { loginAttempts } from '../schema.ts';

export interface AttemptWindow {
  readonly failures: number;
  /** The oldest failure still inside the window: the limit lifts one window after it. */
  readonly oldest: Date | null;
}

export async function failuresSince(db: Db, key: string, since: Date): Promise<AttemptWindow> {
  const [row] = await db
    .select({ failures: count(), oldest: min(loginAttempts.at) })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.key, key), gt(loginAttempts.at, since)));
  return { failures: row?.failures ?? 0, oldest: row?.oldest ?? null };
}

/** Records one failure under every key and forgets failures that have left the window, in one batch. */
export async function recordFailure(db: Db, keys: readonly string[], at: Date, forgetBefore: Date): Promise<void> {
  await db.batch([db.insert(loginAttempts).values(keys.map((key) => ({ key, at }))), db.delete(loginAttempts).where(lte(loginAttempts.at, forgetBefore))]);
}

export async function clearFailures(db: Db, keys: readonly string[]): Promise<void> {
  await db.delete(loginAttempts).where(inArray(loginAttempts.key, [...keys]));
}
