import { parseCommandArgs } from './args.ts';
import type { Command } from './command.ts';
import { withDatabase } from './database.ts';

const usage = `Usage: corridor migrate

Bring the schema of the database named by DATABASE_URL up to date with the migrations in drizzle/.
Safe to run any number of times; \`corridor serve\` does the same at start-up.`;

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'apply pending database migrations',
  usage,
  async run(args, io) {
    parseCommandArgs(args, {}, []);
    return withDatabase(io, 'migrate', async (_db, { applied, total }) => {
      io.stdout.write(
        applied === 0
          ? `The database is up to date (${total} migrations).\n`
          : `Applied ${applied} migration(s); the database now has all ${total}.\n`,
      );
      return 0;
    });
  },
};
