import { seedIfEmpty, seedSettingsFromEnv } from '../db/seed.ts';
import { parseCommandArgs } from './args.ts';
import type { Run } from './command.ts';
import { withDatabase } from './database.ts';

export const run: Run = async (args, io) => {
  parseCommandArgs(args, {}, []);
  return withDatabase(io, 'seed', async (db) => {
    await seedIfEmpty(db, { ...seedSettingsFromEnv(io.env), log: (line) => io.stdout.write(`${line}\n`) });
    return 0;
  });
};
