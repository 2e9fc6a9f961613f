import { mkdirSync, statfsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Client, createClient, LibsqlError } from '@libsql/client';
import { sql } from 'drizzle-orm';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { ConfigError, type DatabaseConfig, DEFAULT_SYNC_INTERVAL_S } from './config.ts';
import { type DatabaseFault, databaseFault, reopensConnection } from './faults.ts';
import { clientWrite, type FileConnection, openFileConnection, type Reader, type WriteBatch } from './reader.ts';

export type { DatabaseConfig };

import * as schema from './schema.ts';

export type Db = LibSQLDatabase<typeof schema> & { $client: Client };

// Resolved from this module, not the working directory, so `npx corridor` works from any folder.
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../drizzle', import.meta.url));

/** Waiting this long for a write lock lets a CLI command and the server share one file without SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5_000;

/**
 * SQLite checkpoints the WAL into the database every 1000 pages by itself, but never shrinks the WAL file, which
 * keeps the size of its largest burst; past a checkpoint it is cut back to this (per connection; README, Backups).
 */
export const WAL_SIZE_LIMIT = 16 * 1024 * 1024;

/**
 * The path of a local `file:` URL (`file:rel.db`, `file:/abs.db`, `file:///abs.db`), or undefined for memory and remote
 * databases.
 */
export function localFilePath(url: string): string | undefined {
  if (!url.startsWith('file:')) return undefined;
  const rest = url.slice('file:'.length).split('?')[0] ?? '';
  // `file://host/…` names a host, which libSQL rejects; leave that to its error message.
  if (rest.startsWith('//') && !rest.startsWith('///')) return undefined;
  const path = decodeURIComponent(rest.startsWith('///') ? rest.slice(2) : rest);
  return path === '' || path === ':memory:' ? undefined : resolve(path);
}

export async function openDatabase(config: DatabaseConfig): Promise<Db> {
  const file = localFilePath(config.url);
  if (file) mkdirSync(dirname(file), { recursive: true });
  let client: Client;
  try {
    client = createClient({
      url: config.url,
      authToken: config.authToken,
      syncUrl: config.syncUrl,
      // A replica forwards writes to the primary; with these, a read after a save on this instance sees the save,
      // and other instances' saves arrive within the interval (README, Several processes and machines).
      ...(config.syncUrl
        ? { readYourWrites: true, syncInterval: config.syncIntervalS ?? DEFAULT_SYNC_INTERVAL_S }
        : {}),
      timeout: BUSY_TIMEOUT_MS,
    });
  } catch (err) {
    if (err instanceof LibsqlError && err.code.startsWith('URL_'))
      throw new ConfigError(`DATABASE_URL "${config.url}" is not usable: ${err.message}`);
    throw err;
  }
  // WAL lets readers carry on while the server writes. It is a property of the file, so setting it once
  // sticks; libSQL already turns foreign keys on for every connection it opens (tests/db check both).
  // An embedded replica's local file is managed by the sync protocol, so it is left as it is.
  if (file && !config.syncUrl) {
    await client.execute('PRAGMA journal_mode = WAL');
    await client.execute(`PRAGMA journal_size_limit = ${WAL_SIZE_LIMIT}`);
  }
  // A replica starts from whatever its file last held; catch up with the primary before serving from it.
  if (config.syncUrl) await client.sync();
  const db = drizzle(file && !config.syncUrl ? reopeningAfterFaults(client) : client, { schema });
  if (file && !config.syncUrl) {
    fileConnections.set(db, openFileConnection(file, BUSY_TIMEOUT_MS, WAL_SIZE_LIMIT));
    files.set(db, file);
  }
  return db;
}

/** The calls through which a fault reaches the client; a transaction's own calls go to its connection. */
const CLIENT_CALLS = new Set<PropertyKey>(['execute', 'batch', 'migrate', 'transaction', 'executeMultiple']);

/**
 * The client, with its connections dropped after a fault that leaves them unusable (src/db/faults.ts), so the
 * next call opens fresh ones: once the file is writable again, writes succeed without a restart. A closed
 * client stays closed.
 */
function reopeningAfterFaults(client: Client): Client {
  return new Proxy(client, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      if (!CLIENT_CALLS.has(property)) return value.bind(target);
      return (...args: unknown[]) =>
        (value.apply(target, args) as Promise<unknown>).catch((err: unknown) => {
          if (!target.closed && reopensConnection(databaseFault(err))) void target.reconnect();
          throw err;
        });
    },
  });
}

const fileConnections = new WeakMap<Db, FileConnection>();
const files = new WeakMap<Db, string>();

/** Below this much free space the disk counts as full: SQLite needs room for the WAL and a checkpoint. */
const MIN_FREE_BYTES = 1024 * 1024;

/**
 * Whether the database can be read and written now, for the health check: undefined when it can, else the
 * fault. It writes nothing; a lock is reported after a short wait rather than the full busy timeout.
 */
export async function databaseHealth(db: Db): Promise<DatabaseFault | undefined> {
  try {
    await db.$client.execute('select 1');
  } catch (err) {
    return databaseFault(err) ?? 'unavailable';
  }
  const connection = fileConnections.get(db);
  const file = files.get(db);
  if (!connection || !file) return undefined;
  const { fault, reopened } = connection.probe();
  // The client's connections date from the same moment as the one just replaced: renew them too.
  if (reopened) await db.$client.reconnect();
  if (fault) return fault;
  const disk = statfsSync(dirname(file));
  return disk.bavail * disk.bsize < MIN_FREE_BYTES ? 'full' : undefined;
}

/**
 * Where the hot read paths query (src/db/prepared.ts): a local file's faster second connection, or the
 * database itself (a libSQL server, memory, an embedded replica).
 */
export function readerOf(db: Db): Reader {
  return fileConnections.get(db)?.reader ?? db;
}

/** Where the few large reads query (src/db/prepared.ts): a local file's read thread, or the database itself. */
export function offThreadReaderOf(db: Db): Reader {
  return fileConnections.get(db)?.offThread ?? db;
}

/** How the group commit (src/db/group-commit.ts) writes a transaction to this database. */
export function writerOf(db: Db): WriteBatch {
  return fileConnections.get(db)?.write ?? clientWrite(db.$client);
}

/** @libsql/client's default `concurrency`: the most connections its pool to a local file holds. */
const CLIENT_POOL_SIZE = 20;

/**
 * Runs a connection-level pragma (busy_timeout, max_page_count) on every connection the database has now: the
 * second connection of a local file, and each of the client's pooled ones, reached by as many calls at once as
 * the pool holds. Connections opened later, or reopened after a fault, start from the defaults again.
 */
export async function onEveryConnection(db: Db, pragma: string): Promise<void> {
  fileConnections.get(db)?.exec(pragma);
  await Promise.all(Array.from({ length: CLIENT_POOL_SIZE }, () => db.$client.execute(pragma)));
}

export interface MigrationOutcome {
  /** Migrations applied by this call. */
  readonly applied: number;
  /** Migrations the database has now. */
  readonly total: number;
}

/** drizzle's bookkeeping table, one row per applied migration; absent before the first. */
async function migrationCount(db: Db): Promise<number> {
  const [table] = await db.all<{ n: number }>(
    sql`select count(*) as n from sqlite_master where type = 'table' and name = '__drizzle_migrations'`,
  );
  if (!table?.n) return 0;
  const [row] = await db.all<{ n: number }>(sql`select count(*) as n from __drizzle_migrations`);
  return row?.n ?? 0;
}

/** Applies the migrations in drizzle/ that this database has not seen yet; a no-op when it is current. */
export async function migrateDatabase(db: Db): Promise<MigrationOutcome> {
  const before = await migrationCount(db);
  await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  const total = await migrationCount(db);
  return { applied: total - before, total };
}

/** Writes a local file's whole WAL into the database and empties it: what a shutdown does before closing. */
export function checkpointDatabase(db: Db): void {
  fileConnections.get(db)?.checkpoint();
}

export function closeDatabase(db: Db): void {
  fileConnections.get(db)?.close();
  fileConnections.delete(db);
  db.$client.close();
}
