import { disable as disableAccount } from '../app/users.ts';
import { hashPassword, passwordProblem } from '../auth/password.ts';
import type { Db } from '../db/client.ts';
import {
  createUser,
  findUserByUsername,
  listUsers,
  normalizeUsername,
  panelSeats,
  setPasswordHash,
  USERNAME_RULE,
} from '../db/queries/users.ts';
import type { User } from '../db/schema.ts';
import { parseCommandArgs } from './args.ts';
import { type CliIo, type Run, UsageError } from './command.ts';
import { CommandError, withDatabase } from './database.ts';
import { readNewPassword } from './password-input.ts';

function usernameArgument(raw: string): string {
  const name = normalizeUsername(raw);
  if (name === undefined) throw new UsageError(`"${raw}" is not a valid username: ${USERNAME_RULE}`);
  return name;
}

async function existingUser(db: Db, username: string): Promise<User> {
  const user = await findUserByUsername(db, username);
  if (!user) throw new CommandError(`there is no user "${username}" (see \`corridor user list\`)`);
  return user;
}

async function add(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { admin: { type: 'boolean' }, name: { type: 'string' } }, [
    'username',
  ]);
  const username = usernameArgument(positionals[0]);
  const displayName = (values.name ?? username).trim();
  if (displayName === '' || displayName.length > 100) throw new UsageError('--name must be 1 to 100 characters');
  return withDatabase(io, 'user add', async (db) => {
    if (await findUserByUsername(db, username)) throw new CommandError(`user "${username}" already exists`);
    const password = await readNewPassword(io, passwordProblem);
    const isAdmin = values.admin ?? false;
    await createUser(
      db,
      { username, displayName, passwordHash: await hashPassword(password), isAdmin },
      null,
      new Date(),
    );
    io.stdout.write(`Created ${isAdmin ? 'administrator' : 'user'} "${username}" (${displayName}).\n`);
    return 0;
  });
}

async function list(args: string[], io: CliIo): Promise<number> {
  parseCommandArgs(args, {}, []);
  return withDatabase(io, 'user list', async (db) => {
    // Roles other than administrator are per assessment: each panel seat is listed.
    const seats = await panelSeats(db);
    const rows = (await listUsers(db)).map((u) => [
      u.username,
      u.displayName,
      [...(u.isAdmin ? ['admin'] : []), ...(seats.get(u.id) ?? [])].join(', ') || 'no panel',
      u.disabledAt ? `disabled ${u.disabledAt.toISOString().slice(0, 10)}` : 'active',
      u.createdAt.toISOString().slice(0, 10),
    ]);
    const table = [['USERNAME', 'NAME', 'ROLE', 'STATUS', 'CREATED'], ...rows];
    const widths = table[0].map((_, c) => Math.max(...table.map((r) => r[c].length)));
    for (const row of table)
      io.stdout.write(
        `${row
          .map((cell, c) => cell.padEnd(widths[c]))
          .join('  ')
          .trimEnd()}\n`,
      );
    return 0;
  });
}

async function disable(args: string[], io: CliIo): Promise<number> {
  const { positionals } = parseCommandArgs(args, {}, ['username']);
  const username = usernameArgument(positionals[0]);
  return withDatabase(io, 'user disable', async (db) => {
    const user = await existingUser(db, username);
    if (user.disabledAt) {
      io.stdout.write(`User "${username}" was already disabled.\n`);
      return 0;
    }
    const outcome = await disableAccount(db, new Date(), null, username);
    if (outcome.kind === 'refused') throw new CommandError(outcome.issues[0]!.message);
    io.stdout.write(`Disabled "${username}" and ended their sessions.\n`);
    return 0;
  });
}

async function passwd(args: string[], io: CliIo): Promise<number> {
  const { positionals } = parseCommandArgs(args, {}, ['username']);
  const username = usernameArgument(positionals[0]);
  return withDatabase(io, 'user passwd', async (db) => {
    const user = await existingUser(db, username);
    const password = await readNewPassword(io, passwordProblem);
    await setPasswordHash(db, user, await hashPassword(password), null, new Date());
    io.stdout.write(`Changed the password of "${username}" and ended their sessions.\n`);
    return 0;
  });
}

const actions = new Map<string, (args: string[], io: CliIo) => Promise<number>>([
  ['add', add],
  ['list', list],
  ['disable', disable],
  ['passwd', passwd],
]);

export const run: Run = async (args, io) => {
  const [action, ...rest] = args;
  if (action === undefined) throw new UsageError('missing action: add, list, disable or passwd');
  const act = actions.get(action);
  if (!act) throw new UsageError(`unknown action "${action}": use add, list, disable or passwd`);
  return act(rest, io);
};
