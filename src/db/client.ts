import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient, type Client } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import * as schema from './schema.ts';

export type Db = LibSQLDatabase<typeof schema> & { $client: Client };

export const DEFAULT_DATABASE_URL = 'file:data/corridor.db';

export interface DatabaseConfig {
  /** `file:path.db` (embedded), `:memory:`, or `libsql://…` / `http(s)://…` for a libSQL server. */
  readonly url: string;
  readonly authToken?: string | undefined;
  /** With a local file `url`: an embedded replica of this primary. */
  readonly syncUrl?: string | undefined;
}

// Resolved from this module, not the working directory, so `npx corridor` works from any folder.
const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../drizzle', import.meta.url));

/** Waiting this long for a write lock lets a CLI command and the server share one file without SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5_000;

/** The path of a local `file:` URL, or undefined for memory and remote databases. */
export function localFilePath(url: string): string | undefined {
  if (!url.startsWith('file:')) return undefined;
  const path = decodeURIComponent(url.slice('file:'.length).replace(/^\/\/(?=\/)/, '').split('?')[0] ?? '');
  return path === '' || path === ':memory:' ? undefined : resolve(path);
}

export async function openDatabase(config: DatabaseConfig): Promise<Db> {
  const file = localFilePath(config.url);
  if (file) mkdirSync(dirname(file), { recursive: true });
  const client = createClient({
    url: config.url,
    authToken: config.authToken,
    syncUrl: config.syncUrl,
    timeout: BUSY_TIMEOUT_MS,
  });
  // WAL lets readers carry on while the server writes. It is a property of the file, so setting it once
  // sticks; libSQL already turns foreign keys on for every connection it opens (tests/db check both).
  // An embedded replica's local file is managed by the sync protocol, so it is left as it is.
  if (file && !config.syncUrl) await client.execute('PRAGMA journal_mode = WAL');
  return drizzle(client, { schema });
}

/** Applies the migrations in drizzle/ that this database has not seen yet; a no-op when it is current. */
export async function migrateDatabase(db: Db): Promise<void> {
  await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
}

export function closeDatabase(db: Db): void {
  db.$client.close();
}
