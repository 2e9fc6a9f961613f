import { and, count, eq, gt, inArray, lt, lte, max, min, or } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { loginAttempts } from '../schema.ts';

export interface AttemptWindow {
  readonly attempts: number;
  /** The oldest attempt still inside the window: the limit lifts one window after it. */
  readonly oldest: Date | null;
  /** The latest one: a delay runs from it. */
  readonly latest: Date | null;
}

/** The attempts under `key` after `since`; with `beforeId`, only those recorded before that row. */
export async function attemptsSince(db: Db, key: string, since: Date, beforeId?: number): Promise<AttemptWindow> {
  const [row] = await db
    .select({ attempts: count(), oldest: min(loginAttempts.at), latest: max(loginAttempts.at) })
    .from(loginAttempts)
    .where(
      and(
        eq(loginAttempts.key, key),
        gt(loginAttempts.at, since),
        beforeId === undefined ? undefined : lt(loginAttempts.id, beforeId),
      ),
    );
  return { attempts: row?.attempts ?? 0, oldest: row?.oldest ?? null, latest: row?.latest ?? null };
}

/**
 * Records one attempt under every key and forgets attempts that have left the window, in one batch; returns the new
 * rows' ids by key.
 */
export async function recordAttempt(
  db: Db,
  keys: readonly string[],
  at: Date,
  forgetBefore: Date,
): Promise<Map<string, number>> {
  const [, inserted] = await db.batch([
    db.delete(loginAttempts).where(lte(loginAttempts.at, forgetBefore)),
    db
      .insert(loginAttempts)
      .values(keys.map((key) => ({ key, at })))
      .returning({ id: loginAttempts.id, key: loginAttempts.key }),
  ]);
  return new Map(inserted.map((row) => [row.key, row.id]));
}

/** The delete of the rows with these ids and of every row under these keys, for a caller's `db.batch()`. */
export function forgetAttempts(db: Db, which: { readonly ids: readonly number[]; readonly keys?: readonly string[] }) {
  const byId = inArray(loginAttempts.id, [...which.ids]);
  return db
    .delete(loginAttempts)
    .where(which.keys?.length ? or(byId, inArray(loginAttempts.key, [...which.keys])) : byId);
}
