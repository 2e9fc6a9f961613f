import { EnginePool } from '../app/engine-pool/pool.ts';
import { publishDemoSnapshot } from '../app/snapshots.ts';
import { seedIfEmpty, seedSettingsFromEnv } from '../db/seed.ts';
import { engineSettingsFromEnv } from '../server.ts';
import { parseCommandArgs } from './args.ts';
import type { Run } from './command.ts';
import { withDatabase } from './database.ts';

export const run: Run = async (args, io) => {
  parseCommandArgs(args, {}, []);
  return withDatabase(io, 'seed', async (db) => {
    const log = (line: string) => io.stdout.write(`${line}\n`);
    const seeded = await seedIfEmpty(db, { ...seedSettingsFromEnv(io.env), log });
    if (seeded.seeded && seeded.demoAssessment) {
      const pool = new EnginePool({ ...engineSettingsFromEnv(io.env), eager: false });
      try {
        await publishDemoSnapshot(db, pool, new Date(), seeded.demoAssessment, log);
      } finally {
        await pool.close();
      }
    }
    return 0;
  });
};
