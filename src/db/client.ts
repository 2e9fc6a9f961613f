import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Client, createClient, LibsqlError } from '@libsql/client';
import { sql } from 'drizzle-orm';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { ConfigError, type DatabaseConfig } from './config.ts';
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
  const db = drizzle(client, { schema });
  if (file && !config.syncUrl) fileConnections.set(db, openFileConnection(file, BUSY_TIMEOUT_MS, WAL_SIZE_LIMIT));
  return db;
}

const fileConnections = new WeakMap<Db, FileConnection>();

/**
 * Where the hot read paths query (src/db/prepared.ts): a local file's faster second connection, or the
 * database itself (a libSQL server, memory, an embedded replica).
 */
export function readerOf(db: Db): Reader {
  return fileConnections.get(db)?.reader ?? db;
}

/** How the group commit (src/db/group-commit.ts) writes a transaction to this database. */
export function writerOf(db: Db): WriteBatch {
  return fileConnections.get(db)?.write ?? clientWrite(db.$client);
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
