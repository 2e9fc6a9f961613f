import { parseCommandArgs } from './args.ts';
import type { Run } from './command.ts';
import { withDatabase } from './database.ts';

export const run: Run = async (args, io) => {
  parseCommandArgs(args, {}, []);
  return withDatabase(io, 'migrate', async (_db, { applied, total }) => {
    io.stdout.write(
      applied === 0
        ? `The database is up to date (${total} migrations).\n`
        : `Applied ${applied} migration(s); the database now has all ${total}.\n`,
    );
    return 0;
  });
};
