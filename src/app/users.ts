/**
 * Accounts as administrators manage them, on the users page and on the command line: the rules that keep an
 * installation administrable (nobody removes their own administrator flag; the last active administrator cannot
 * be disabled) live here, once. Every change is audited by the queries it calls.
 */
import { generatePassword, hashPassword } from '../auth/password.ts';
import type { Db } from '../db/client.ts';
import {
  createUser,
  disableUser,
  enableUser,
  findUserByUsername,
  listUsers,
  normalizeUsername,
  panelSeatsByUser,
  setAdministrator,
  setPasswordHash,
  USERNAME_RULE,
} from '../db/queries/users.ts';
import { deleteUserSessions, liveSessionCounts } from '../db/queries/web-sessions.ts';
import type { PanelRole, User } from '../db/schema.ts';
import type { Actor } from './access.ts';
import { type Refused, refused } from './refused.ts';

export const MAX_DISPLAY_NAME = 100;

export interface UserRow {
  readonly username: string;
  /** Sessions still live (signed in on that many browsers). */
  readonly sessions: number;
  readonly displayName: string;
  readonly isAdmin: boolean;
  readonly disabled: boolean;
  readonly createdAt: Date;
  readonly seats: readonly { readonly role: PanelRole; readonly code: string }[];
}

/** Sessions idle since before `idleSince` are over (the web layer's idle timeout), so they are not counted. */
export async function userRows(db: Db, now: Date, idleSince: Date): Promise<UserRow[]> {
  const [all, seats, live] = await Promise.all([
    listUsers(db),
    panelSeatsByUser(db),
    liveSessionCounts(db, now, idleSince),
  ]);
  return all.map((u) => ({
    username: u.username,
    sessions: live.get(u.id) ?? 0,
    displayName: u.displayName,
    isAdmin: u.isAdmin,
    disabled: u.disabledAt !== null,
    createdAt: u.createdAt,
    seats: seats.get(u.id) ?? [],
  }));
}

/** A generated password, returned in clear once for the administrator to hand over. */
export type WithPassword = { readonly kind: 'done'; readonly user: User; readonly password: string };
export type Done = { readonly kind: 'done'; readonly user: User };

const onlyAdmins = (actor: Actor): Refused | undefined =>
  actor.isAdmin ? undefined : refused(403, 'only administrators manage users');

export async function addUser(
  db: Db,
  now: Date,
  actor: Actor,
  input: { readonly username: string; readonly displayName: string; readonly isAdmin: boolean },
): Promise<WithPassword | Refused> {
  const denied = onlyAdmins(actor);
  if (denied) return denied;
  const username = normalizeUsername(input.username);
  if (username === undefined) return refused(422, USERNAME_RULE, 'username');
  const displayName = input.displayName.trim() || username;
  if (displayName.length > MAX_DISPLAY_NAME)
    return refused(422, `at most ${MAX_DISPLAY_NAME} characters`, 'displayName');
  if (await findUserByUsername(db, username)) return refused(409, `the username "${username}" is taken`, 'username');
  const password = generatePassword();
  try {
    const user = await createUser(
      db,
      { username, displayName, isAdmin: input.isAdmin, passwordHash: await hashPassword(password) },
      actor.id,
      now,
    );
    return { kind: 'done', user, password };
  } catch (err) {
    // Two administrators creating the same name at once: the unique index decides.
    if (err instanceof Error && /UNIQUE constraint failed: users/.test(`${err.message} ${String(err.cause ?? '')}`))
      return refused(409, `the username "${username}" is taken`, 'username');
    throw err;
  }
}

async function target(db: Db, username: string): Promise<User | Refused> {
  const user = await findUserByUsername(db, username);
  return user ?? refused(404, `there is no user "${username}"`, 'username');
}

/** Disabling ends the user's sessions; the last active administrator stays (someone must be able to sign in). */
export async function disable(db: Db, now: Date, actor: Actor | null, username: string): Promise<Done | Refused> {
  if (actor) {
    const denied = onlyAdmins(actor);
    if (denied) return denied;
  }
  const user = await target(db, username);
  if ('kind' in user) return user;
  if (user.disabledAt) return { kind: 'done', user };
  if (!(await disableUser(db, user, actor?.id ?? null, now)))
    return refused(409, `"${user.username}" is the last active administrator; make another one first`);
  return { kind: 'done', user };
}

export async function enable(db: Db, now: Date, actor: Actor, username: string): Promise<Done | Refused> {
  const denied = onlyAdmins(actor);
  if (denied) return denied;
  const user = await target(db, username);
  if ('kind' in user) return user;
  if (user.disabledAt) await enableUser(db, user, actor.id, now);
  return { kind: 'done', user };
}

/** A new generated password (shown once); the user's sessions end. */
export async function resetPassword(
  db: Db,
  now: Date,
  actor: Actor,
  username: string,
): Promise<WithPassword | Refused> {
  const denied = onlyAdmins(actor);
  if (denied) return denied;
  const user = await target(db, username);
  if ('kind' in user) return user;
  const password = generatePassword();
  await setPasswordHash(db, user, await hashPassword(password), actor.id, now);
  return { kind: 'done', user, password };
}

/** Sets or clears the global administrator flag; nobody clears their own (it could leave no one to undo it). */
export async function setAdmin(
  db: Db,
  now: Date,
  actor: Actor,
  username: string,
  isAdmin: boolean,
): Promise<Done | Refused> {
  const denied = onlyAdmins(actor);
  if (denied) return denied;
  const user = await target(db, username);
  if ('kind' in user) return user;
  if (!isAdmin && user.id === actor.id)
    return refused(409, 'you cannot remove your own administrator flag; another administrator can');
  if (user.isAdmin !== isAdmin && !(await setAdministrator(db, user, isAdmin, actor.id, now)))
    return refused(409, `"${user.username}" is the last active administrator; make another one first`);
  return { kind: 'done', user };
}

/**
 * Ends every session of the user (an administrator's own included: they are signed out too), so a lost laptop or a
 * shared browser is signed out everywhere at its next request. API tokens are not touched; their owner revokes them.
 */
export async function endSessions(
  db: Db,
  now: Date,
  actor: Actor,
  username: string,
  idleSince: Date,
): Promise<(Done & { readonly count: number }) | Refused> {
  const denied = onlyAdmins(actor);
  if (denied) return denied;
  const user = await target(db, username);
  if ('kind' in user) return user;
  const count = await deleteUserSessions(db, user, actor.id, now, idleSince);
  return { kind: 'done', user, count };
}
