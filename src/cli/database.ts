import { closeDatabase, type Db, type MigrationOutcome, migrateDatabase, openDatabase } from '../db/client.ts';
import { ConfigError, databaseConfigFromEnv } from '../db/config.ts';
import type { CliIo } from './command.ts';

/**
 * A command's failure that is the user's to fix (a bad setting, an unknown user): printed without a stack trace, exit
 * 1.
 */
export class CommandError extends Error {}

/**
 * Opens the database named by DATABASE_URL (and friends), brings its schema up to date, runs `work`, and closes it.
 * Every command migrates first, so `corridor user add` works on a fresh file as well as `corridor serve` does.
 */
export async function withDatabase(
  io: CliIo,
  name: string,
  work: (db: Db, migration: MigrationOutcome) => Promise<number>,
): Promise<number> {
  let db: Db | undefined;
  try {
    db = await openDatabase(databaseConfigFromEnv(io.env));
    return await work(db, await migrateDatabase(db));
  } catch (err) {
    if (err instanceof ConfigError || err instanceof CommandError) {
      io.stderr.write(`corridor ${name}: ${err.message}\n`);
      return 1;
    }
    throw err;
  } finally {
    if (db) closeDatabase(db);
  }
}
