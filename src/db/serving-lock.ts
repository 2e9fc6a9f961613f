import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'libsql';

/**
 * How `corridor restore` knows that no server is using a database file: every running server holds a shared
 * SQLite lock on `<database>.lock` (a read transaction left open for its lifetime), and restore takes the
 * exclusive lock for the whole swap. The locks are the kernel's (fcntl), so a server that dies, even by SIGKILL,
 * leaves no stale marker behind: the file stays, the lock goes with the process. Several servers on one file
 * share the lock; a server that starts during a restore waits for it, then refuses to start.
 */
export const servingLockPath = (databaseFile: string): string => `${databaseFile}.lock`;

/** The lock's holder; `release` ends it (idempotent). */
export interface ServingLock {
  release(): void;
}

const isBusy = (err: unknown): boolean =>
  typeof err === 'object' && err !== null && /^SQLITE_(BUSY|LOCKED)/.test(String((err as { code?: unknown }).code));

/** Opens the lock file and runs `take`; undefined when the lock is held the other way past `timeoutMs`. */
function hold(databaseFile: string, timeoutMs: number, take: (lock: Database.Database) => void) {
  // The server's first start makes the database's folder; the lock comes before the database.
  mkdirSync(dirname(databaseFile), { recursive: true });
  const lock = new Database(servingLockPath(databaseFile), { timeout: timeoutMs });
  try {
    take(lock);
  } catch (err) {
    lock.close();
    if (isBusy(err)) return undefined;
    throw err;
  }
  let held = true;
  return {
    release: () => {
      if (!held) return;
      held = false;
      lock.exec('commit');
      lock.close();
    },
  };
}

/** A server's shared hold; waits `timeoutMs` for a restore to finish and answers undefined when it does not. */
export const holdShared = (databaseFile: string, timeoutMs: number): ServingLock | undefined =>
  hold(databaseFile, timeoutMs, (lock) => {
    lock.exec('begin');
    lock.prepare('select count(*) from sqlite_master').get();
  });

/** Restore's exclusive hold, without waiting: undefined while any server holds the shared lock. */
export const holdExclusive = (databaseFile: string): ServingLock | undefined =>
  hold(databaseFile, 0, (lock) => lock.exec('begin exclusive'));
