/**
 * Accounts: the queries behind the `corridor user` commands and the seed. Every change is audited in the same batch.
 */
import { and, asc, eq, isNull, ne, sql } from 'drizzle-orm';
import { auditIfChanged, auditInsert } from '../audit.ts';
import type { Db } from '../client.ts';
import type { AssessmentId, UserId } from '../ids.ts';
import { apiTokens, assessments, type PanelRole, panelMembers, sessions, type User, users } from '../schema.ts';

const USERNAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** Usernames are case-insensitive: the stored form is lower-cased. Undefined when the name cannot be one. */
export function normalizeUsername(raw: string): string | undefined {
  const name = raw.trim().toLowerCase();
  return USERNAME.test(name) ? name : undefined;
}

export const USERNAME_RULE = '1–64 letters, digits, ".", "_" or "-", starting with a letter or digit';

/** What the audit log records about a user: never the password hash. */
const auditView = (u: Pick<User, 'username' | 'displayName' | 'isAdmin' | 'disabledAt'>) => ({
  username: u.username,
  displayName: u.displayName,
  isAdmin: u.isAdmin,
  disabledAt: u.disabledAt?.toISOString() ?? null,
});

export async function findUserByUsername(db: Db, username: string): Promise<User | undefined> {
  const name = normalizeUsername(username);
  if (name === undefined) return undefined;
  return db.query.users.findFirst({ where: eq(users.username, name) });
}

export function listUsers(db: Db): Promise<User[]> {
  return db.query.users.findMany({ orderBy: asc(users.username) });
}

export interface NewUser {
  readonly username: string;
  readonly displayName: string;
  readonly passwordHash: string;
  readonly isAdmin: boolean;
}

/** Inserts the user and its audit entry together; a taken username fails the whole batch (unique index). */
export async function createUser(db: Db, user: NewUser, by: UserId | null, at: Date): Promise<User> {
  const [[created]] = await db.batch([
    db
      .insert(users)
      .values({ ...user, createdAt: at })
      .returning(),
    auditInsert(db, {
      at,
      userId: by,
      action: 'user.create',
      entity: 'user',
      entityId: user.username,
      after: auditView({ ...user, disabledAt: null }),
    }),
  ]);
  return created;
}

/** Revokes the user's live API tokens: whoever held the account's old access keeps none of it. */
const revokeTokens = (db: Db, userId: UserId, at: Date) =>
  db
    .update(apiTokens)
    .set({ revokedAt: at })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)));

/**
 * Another active administrator than this user exists. Part of the write's own WHERE, not a check before it: two
 * administrators demoting or disabling each other at the same moment cannot leave none (SQLite runs writes one after
 * the other, and the second sees the first).
 */
const anotherActiveAdmin = (userId: UserId) =>
  sql`exists (select 1 from ${users} other where other.is_admin = 1 and other.disabled_at is null and other.id <> ${userId})`;

/**
 * Disabling also ends the user's sessions and revokes their API tokens, so the account is locked out at once, not at
 * the next expiry, and re-enabling it does not bring old tokens back. False when it would have disabled the last
 * active administrator, and nothing was written.
 */
export async function disableUser(db: Db, user: User, by: UserId | null, at: Date): Promise<boolean> {
  const disabledNow = sql`(select ${users.disabledAt} from ${users} where ${users.id} = ${user.id}) = ${at.getTime()}`;
  await db.batch([
    db
      .update(users)
      .set({ disabledAt: at })
      .where(
        and(eq(users.id, user.id), isNull(users.disabledAt), user.isAdmin ? anotherActiveAdmin(user.id) : undefined),
      ),
    auditIfChanged(db, {
      at,
      userId: by,
      action: 'user.disable',
      entity: 'user',
      entityId: user.username,
      before: auditView(user),
      after: auditView({ ...user, disabledAt: at }),
    }),
    db.delete(sessions).where(and(eq(sessions.userId, user.id), disabledNow)),
    db
      .update(apiTokens)
      .set({ revokedAt: at })
      .where(and(eq(apiTokens.userId, user.id), isNull(apiTokens.revokedAt), disabledNow)),
  ]);
  const [after] = await db.select({ disabledAt: users.disabledAt }).from(users).where(eq(users.id, user.id));
  return after?.disabledAt?.getTime() === at.getTime();
}

export async function enableUser(db: Db, user: User, by: UserId | null, at: Date): Promise<void> {
  await db.batch([
    db.update(users).set({ disabledAt: null }).where(eq(users.id, user.id)),
    auditInsert(db, {
      at,
      userId: by,
      action: 'user.enable',
      entity: 'user',
      entityId: user.username,
      before: auditView(user),
      after: auditView({ ...user, disabledAt: null }),
    }),
  ]);
}

/** False when clearing the flag would have left no active administrator, and nothing was written. */
export async function setAdministrator(
  db: Db,
  user: User,
  isAdmin: boolean,
  by: UserId | null,
  at: Date,
): Promise<boolean> {
  await db.batch([
    db
      .update(users)
      .set({ isAdmin })
      .where(and(eq(users.id, user.id), ne(users.isAdmin, isAdmin), isAdmin ? undefined : anotherActiveAdmin(user.id))),
    auditIfChanged(db, {
      at,
      userId: by,
      action: 'user.admin',
      entity: 'user',
      entityId: user.username,
      before: auditView(user),
      after: auditView({ ...user, isAdmin }),
    }),
  ]);
  const [after] = await db.select({ isAdmin: users.isAdmin }).from(users).where(eq(users.id, user.id));
  return after?.isAdmin === isAdmin;
}

/** A new password ends every session of the user and revokes their API tokens: whoever knew the old one is out. */
export async function setPasswordHash(
  db: Db,
  user: User,
  passwordHash: string,
  by: UserId | null,
  at: Date,
): Promise<void> {
  await db.batch([
    db.update(users).set({ passwordHash }).where(eq(users.id, user.id)),
    db.delete(sessions).where(eq(sessions.userId, user.id)),
    revokeTokens(db, user.id, at),
    // The hash itself stays out of the log; that the password changed, and when, is what matters.
    auditInsert(db, { at, userId: by, action: 'user.password', entity: 'user', entityId: user.username }),
  ]);
}

/** Every panel seat per user, by assessment code. */
export async function panelSeatsByUser(db: Db): Promise<Map<UserId, { role: PanelRole; code: string }[]>> {
  const rows = await db
    .select({ userId: panelMembers.userId, role: panelMembers.role, code: assessments.code })
    .from(panelMembers)
    .innerJoin(assessments, eq(assessments.id, panelMembers.assessmentId))
    .orderBy(asc(assessments.code));
  const seats = new Map<UserId, { role: PanelRole; code: string }[]>();
  for (const r of rows) seats.set(r.userId, [...(seats.get(r.userId) ?? []), { role: r.role, code: r.code }]);
  return seats;
}

/** Every panel seat, as `role (assessment code)` per user: what `corridor user list` shows as a user's role. */
export async function panelSeats(db: Db): Promise<Map<UserId, string[]>> {
  const seats = await panelSeatsByUser(db);
  return new Map([...seats].map(([id, list]) => [id, list.map((s) => `${s.role} (${s.code})`)]));
}

/** The assessment's panel members, for filters and lists: username and display name. */
export async function panelPeople(db: Db, assessmentId: AssessmentId) {
  return db
    .select({ username: users.username, displayName: users.displayName, role: panelMembers.role })
    .from(panelMembers)
    .innerJoin(users, eq(users.id, panelMembers.userId))
    .where(eq(panelMembers.assessmentId, assessmentId))
    .orderBy(asc(users.displayName));
}
