import { closeDatabase, type Db, type MigrationOutcome, migrateDatabase, openDatabase } from '../db/client.ts';
import { ConfigError, databaseConfigFromEnv } from '../db/config.ts';
import { type DatabaseFault, databaseFault } from '../db/faults.ts';
import type { CliIo } from './command.ts';

/**
 * A command's failure that is the user's to fix (a bad setting, an unknown user): printed without a stack trace, exit
 * 1.
 */
export class CommandError extends Error {}

/** What a command says when the database itself fails (src/db/faults.ts): the cause and what to do. */
const faultMessages: Readonly<Record<DatabaseFault, string>> = {
  'read-only':
    'the database file is read-only: make it (and its folder) writable by this user, then run the command again',
  full: 'the disk holding the database is full: free some space, then run the command again',
  locked:
    'the database is locked by another program (a backup, another command): nothing was changed; run the command again in a moment',
  'io-error':
    'the database file could not be read or written (a disk error): check the disk, then run the command again',
  corrupt: 'the database file is damaged: restore it from a backup',
  unavailable: 'the database cannot be opened or reached: check DATABASE_URL and that the file or server is there',
};

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
    const fault = databaseFault(err);
    if (fault) {
      const cause = err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
      io.stderr.write(`corridor ${name}: ${faultMessages[fault]} (${cause})\n`);
      return 1;
    }
    throw err;
  } finally {
    if (db) closeDatabase(db);
  }
}
