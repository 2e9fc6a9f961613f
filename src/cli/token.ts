import { createToken } from '../app/tokens.ts';
import { findUserByUsername, normalizeUsername } from '../db/queries/users.ts';
import { parseCommandArgs } from './args.ts';
import { type Run, UsageError } from './command.ts';
import { CommandError, withDatabase } from './database.ts';

/** `corridor token create USER --name NAME`: the token is the last line of the output, alone, for scripts. */
export const run: Run = async (args, io) => {
  const [action, ...rest] = args;
  if (action !== 'create')
    throw new UsageError(action === undefined ? 'missing action: create' : `unknown action "${action}": use create`);
  const { values, positionals } = parseCommandArgs(rest, { name: { type: 'string' } }, ['username']);
  if (values.name === undefined) throw new UsageError('missing --name: say what the token is for');
  const username = normalizeUsername(positionals[0]);
  if (username === undefined) throw new UsageError(`"${positionals[0]}" is not a valid username`);
  return withDatabase(io, 'token create', async (db) => {
    const user = await findUserByUsername(db, username);
    if (!user) throw new CommandError(`there is no user "${username}" (see \`corridor user list\`)`);
    if (user.disabledAt) throw new CommandError(`user "${username}" is disabled`);
    const made = await createToken(db, new Date(), user.id, values.name!, null);
    if ('kind' in made) throw new UsageError(`--name: ${made.message}`);
    io.stdout.write(
      `Created the API token "${made.row.name}" for "${username}". It is shown once; keep it like a password.\n`,
    );
    io.stdout.write(`${made.token}\n`);
    return 0;
  });
};
