import { seedIfEmpty, seedSettingsFromEnv } from '../db/seed.ts';
import { parseCommandArgs } from './args.ts';
import type { Command } from './command.ts';
import { withDatabase } from './database.ts';

const usage = `Usage: corridor seed

On a database without users (DATABASE_URL), create the first administrator "admin" and, unless
CORRIDOR_DEMO=off, the Hexi Corridor demo assessment with five evaluator accounts. The administrator's
password is CORRIDOR_ADMIN_PASSWORD, or generated; generated passwords are printed once, here.
A database that already has users is left as it is. \`corridor serve\` does the same at start-up.`;

export const seedCommand: Command = {
  name: 'seed',
  summary: 'create the first administrator and the demo on an empty database',
  usage,
  async run(args, io) {
    parseCommandArgs(args, {}, []);
    return withDatabase(io, 'seed', async (db) => {
      await seedIfEmpty(db, { ...seedSettingsFromEnv(io.env), log: (line) => io.stdout.write(`${line}\n`) });
      return 0;
    });
  },
};
