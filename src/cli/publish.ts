import { EnginePool } from '../app/engine-pool/pool.ts';
import { publishAs } from '../app/snapshots.ts';
import { engineSettingsFromEnv } from '../server.ts';
import { parseCommandArgs } from './args.ts';
import type { Run } from './command.ts';
import { CommandError, withDatabase } from './database.ts';

/** The same use case as the results page's "Publish", with the server's engine limits (CORRIDOR_ENGINE_*). */
export const run: Run = async (args, io) => {
  const { values, positionals } = parseCommandArgs(args, { as: { type: 'string' } }, ['ASSESSMENT']);
  return withDatabase(io, 'publish', async (db) => {
    const pool = new EnginePool({ ...engineSettingsFromEnv(io.env), eager: false });
    try {
      const outcome = await publishAs(db, pool, new Date(), positionals[0]!, values.as);
      if (outcome.kind !== 'published') throw new CommandError(outcome.issues.map((i) => i.message).join('; '));
      io.stdout.write(
        `Published snapshot ${outcome.id} of "${positionals[0]}" (SHA-256 of its Problem ${outcome.hash}).\n`,
      );
      io.stdout.write(`${outcome.id}\n`);
      return 0;
    } finally {
      await pool.close();
    }
  });
};
