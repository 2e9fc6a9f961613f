import { eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import type { UserId } from '../ids.ts';
import { type Locale, users } from '../schema.ts';

/** The language switch remembers the choice on the account, so it follows the user to other devices. */
export async function setUserLocale(db: Db, userId: UserId, locale: Locale): Promise<void> {
  await db.update(users).set({ locale }).where(eq(users.id, userId));
}
