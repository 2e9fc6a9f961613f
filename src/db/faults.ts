/**
 * What went wrong with the database itself, as opposed to with a request: the one place that reads libSQL's
 * error codes. The web answers a fault with 503 and Retry-After (src/web/faults.ts), `/healthz` names it, and
 * the connections reopen after the faults that leave them unusable (src/db/client.ts, src/db/reader.ts).
 */
export type DatabaseFault = 'read-only' | 'full' | 'locked' | 'io-error' | 'corrupt' | 'unavailable';

/** SQLite's primary result codes (the low byte of an extended code), from sqlite3.h. */
const byPrimaryCode: Readonly<Record<number, DatabaseFault>> = {
  5: 'locked', // SQLITE_BUSY: another connection holds the write lock past the busy timeout
  6: 'locked', // SQLITE_LOCKED: a conflict inside one connection's shared cache
  8: 'read-only', // SQLITE_READONLY
  10: 'io-error', // SQLITE_IOERR
  11: 'corrupt', // SQLITE_CORRUPT
  13: 'full', // SQLITE_FULL: the disk, or the page limit
  14: 'unavailable', // SQLITE_CANTOPEN
  26: 'corrupt', // SQLITE_NOTADB
};

const byName: readonly (readonly [string, DatabaseFault])[] = [
  ['SQLITE_BUSY', 'locked'],
  ['SQLITE_LOCKED', 'locked'],
  ['SQLITE_READONLY', 'read-only'],
  ['SQLITE_IOERR', 'io-error'],
  ['SQLITE_CORRUPT', 'corrupt'],
  ['SQLITE_NOTADB', 'corrupt'],
  ['SQLITE_FULL', 'full'],
  ['SQLITE_CANTOPEN', 'unavailable'],
  // @libsql/client's own: the client was closed (shutting down) or a libSQL server could not be reached.
  ['CLIENT_CLOSED', 'unavailable'],
  ['HRANA_WEBSOCKET_ERROR', 'unavailable'],
  ['SERVER_ERROR', 'unavailable'],
];

function faultOfOne(err: unknown): DatabaseFault | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const { rawCode, code, extendedCode } = err as { rawCode?: unknown; code?: unknown; extendedCode?: unknown };
  if (typeof rawCode === 'number' && byPrimaryCode[rawCode & 0xff]) return byPrimaryCode[rawCode & 0xff];
  for (const name of [extendedCode, code]) {
    if (typeof name !== 'string') continue;
    const found = byName.find(([prefix]) => name === prefix || name.startsWith(`${prefix}_`));
    if (found) return found[1];
  }
  return undefined;
}

/** The fault behind an error, looking through the wrappers (drizzle's query error keeps libSQL's as `cause`). */
export function databaseFault(err: unknown): DatabaseFault | undefined {
  for (let at = err, depth = 0; at !== undefined && at !== null && depth < 5; depth++) {
    const fault = faultOfOne(at);
    if (fault) return fault;
    at = (at as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * A connection that met one of these is not trusted again: one opened while the file was read-only stays
 * read-only after the file is writable again, and one that failed on I/O or lost its file may hold a stale view.
 */
export const reopensConnection = (fault: DatabaseFault | undefined): boolean =>
  fault === 'read-only' || fault === 'io-error' || fault === 'unavailable';

/** How long a client should wait before trying again: a lock passes in seconds, the others need someone to act. */
export const retryAfterSeconds: Readonly<Record<DatabaseFault, number>> = {
  locked: 5,
  'read-only': 60,
  full: 60,
  'io-error': 30,
  corrupt: 300,
  unavailable: 30,
};
