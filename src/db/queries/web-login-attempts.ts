import { and, count, eq, gt, inArray, lte, min, or } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { loginAttempts } from '../schema.ts';

export interface AttemptWindow {
  readonly attempts: number;
  /** The oldest attempt still inside the window: the limit lifts one window after it. */
  readonly oldest: Date | null;
}

export async function attemptsSince(db: Db, key: string, since: Date): Promise<AttemptWindow> {
  const [row] = await db
    .select({ attempts: count(), oldest: min(loginAttempts.at) })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.key, key), gt(loginAttempts.at, since)));
  return { attempts: row?.attempts ?? 0, oldest: row?.oldest ?? null };
}

/**
 * Records one attempt under every key and forgets attempts that have left the window, in one batch; returns the new
 * rows' ids.
 */
export async function recordAttempt(db: Db, keys: readonly string[], at: Date, forgetBefore: Date): Promise<number[]> {
  const [, inserted] = await db.batch([
    db.delete(loginAttempts).where(lte(loginAttempts.at, forgetBefore)),
    db
      .insert(loginAttempts)
      .values(keys.map((key) => ({ key, at })))
      .returning({ id: loginAttempts.id }),
  ]);
  return inserted.map((row) => row.id);
}

/** Deletes the rows with these ids and every row under these keys. */
export async function forgetAttempts(
  db: Db,
  which: { readonly ids: readonly number[]; readonly keys?: readonly string[] },
): Promise<void> {
  const byId = inArray(loginAttempts.id, [...which.ids]);
  await db
    .delete(loginAttempts)
    .where(which.keys?.length ? or(byId, inArray(loginAttempts.key, [...which.keys])) : byId);
}
