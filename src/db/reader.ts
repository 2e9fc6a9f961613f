import type { Client, InStatement } from '@libsql/client';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import { drizzle } from 'drizzle-orm/sqlite-proxy';
import Database from 'libsql';
import { Piscina } from 'piscina';
import { type DatabaseFault, databaseFault, reopensConnection } from './faults.ts';
import * as schema from './schema.ts';

/** What the hot read paths query: the database itself, or a faster connection to the same file. */
export type Reader = BaseSQLiteDatabase<'async', unknown, typeof schema>;

/** A write's statements, run as one transaction; each answers the rows it returned. */
export type WriteBatch = (statements: readonly InStatement[]) => Promise<{ rows: Record<string, unknown>[] }[]>;

export interface FileConnection {
  readonly reader: Reader;
  /**
   * The same reads, run on a thread of their own (src/db/read-worker.mjs): for the few that return a large share
   * of the file, which would otherwise hold the event loop while SQLite steps through them.
   */
  readonly offThread: Reader;
  /** Reads the thread has answered so far (the fallback's are not counted). */
  offThreadReads(): number;
  readonly write: WriteBatch;
  /** `PRAGMA wal_checkpoint(TRUNCATE)`: the WAL emptied into the file (waits for the busy timeout at most). */
  checkpoint(): void;
  /**
   * Whether the connection could write now, without writing: `fault` is undefined when it could; `reopened`
   * when the connection had to be replaced on the way (it was opened read-only, say).
   */
  probe(): { fault: DatabaseFault | undefined; reopened: boolean };
  /** Runs a statement that returns nothing (a connection-level pragma) on this connection. */
  exec(sql: string): void;
  close(): void;
}

/** Plain JavaScript, found beside this file from the sources and from dist/ alike (bin/build.js rewrites the URL). */
const READ_WORKER = new URL('./read-worker.mjs', import.meta.url);

/** How long the health check waits for the write lock: long enough for a commit, short enough for a monitor. */
const PROBE_TIMEOUT_MS = 200;

const argsOf = (statement: InStatement) =>
  typeof statement === 'string' ? [] : Array.isArray(statement.args) ? statement.args : (statement.args ?? {});

/**
 * A second connection to a local database file, through libSQL's own binding, whose statements are prepared
 * once per SQL text and reused. @libsql/client prepares every statement anew and reads its columns twice, which
 * costs about 200 µs for the session lookup's join against 20 µs reused (README, Performance). It serves the
 * hot reads, through drizzle's proxy driver (which keeps the query building, the placeholders and the mapping
 * of rows to types), and the group commit's transactions (src/db/group-commit.ts). Every call on it is
 * synchronous, so a transaction here never interleaves with one on the main connection of the same process.
 */
export function openFileConnection(path: string, timeoutMs: number, walSizeLimit: number): FileConnection {
  const open = () => {
    const opened = new Database(path, { timeout: timeoutMs });
    opened.exec(`pragma journal_size_limit = ${walSizeLimit}`);
    return opened;
  };
  let native = open();
  let statements = new Map<string, ReturnType<typeof native.prepare>>();
  // After a fault that leaves the connection unusable (src/db/faults.ts), the next call gets a fresh one.
  let stale = false;
  const current = () => {
    if (stale) {
      stale = false;
      native.close();
      native = open();
      statements = new Map();
    }
    return native;
  };
  const noting = <T>(run: () => T): T => {
    try {
      return run();
    } catch (err) {
      if (reopensConnection(databaseFault(err))) stale = true;
      throw err;
    }
  };
  const statement = (sql: string) => {
    let found = statements.get(sql);
    if (!found) {
      found = current().prepare(sql);
      statements.set(sql, found);
    }
    return found;
  };
  const reader = drizzle(
    async (sql, params, method) => {
      if (method === 'run') throw new Error('the reader is for reads: write through the database or the group commit');
      return noting(() => {
        const s = statement(sql).raw(true);
        return { rows: (method === 'get' ? s.get(params) : s.all(params)) as unknown[] };
      });
    },
    { schema },
  );
  // Started on first use and ended after a minute without work, so a CLI command or a test that never reads
  // much starts no thread. A read that fails there (a fault, the thread ended) runs here instead, where its
  // error is classified as any other read's.
  let threads: Piscina | undefined;
  const offThread = drizzle(
    async (sql, params, method) => {
      if (method === 'run') throw new Error('the reader is for reads: write through the database or the group commit');
      threads ??= new Piscina({ filename: READ_WORKER.href, minThreads: 0, maxThreads: 1, idleTimeout: 60_000 });
      try {
        const rows = (await threads.run({ path, timeoutMs, sql, params })) as unknown[][];
        return { rows: method === 'get' ? (rows[0] ?? []) : rows };
      } catch {
        // As read-only as the thread's connection: SQLite refuses a write, `update … returning` included.
        return noting(() => {
          const db = current();
          db.exec('pragma query_only = 1');
          try {
            const s = statement(sql).raw(true);
            return { rows: (method === 'get' ? s.get(params) : s.all(params)) as unknown[] };
          } finally {
            db.exec('pragma query_only = 0');
          }
        });
      }
    },
    { schema },
  );
  const write: WriteBatch = async (batch) =>
    noting(() => {
      const db = current();
      // exec, not a cached statement: a prepared BEGIN that fails (SQLITE_BUSY) is not reset by libSQL, and the
      // connection then keeps the read snapshot of that moment, so every later read would see old data.
      db.exec('begin immediate');
      try {
        const results = batch.map((each) => {
          const s = statement(typeof each === 'string' ? each : each.sql);
          if (s.reader) return { rows: s.raw(false).all(argsOf(each)) as Record<string, unknown>[] };
          s.run(argsOf(each));
          return { rows: [] };
        });
        db.exec('commit');
        return results;
      } catch (err) {
        // A failed commit (disk full) can leave the transaction open; it must not hold the lock or its snapshot.
        if (db.inTransaction) db.exec('rollback');
        throw err;
      }
    });
  // A write that changes nothing: setting user_version to its own value needs the write lock and a writable
  // file (BEGIN IMMEDIATE alone succeeds on a read-only file), and the rollback leaves the file untouched.
  const probe = () => {
    const check = (): DatabaseFault | undefined => {
      const db = current();
      const version = Number((db.prepare('pragma user_version').raw(true).get() as unknown[])[0]);
      const [pages, limit] = [db.prepare('pragma page_count'), db.prepare('pragma max_page_count')].map((p) =>
        Number((p.raw(true).get() as unknown[])[0]),
      );
      if (pages !== undefined && limit !== undefined && pages >= limit) return 'full';
      const waits = Number((db.prepare('pragma busy_timeout').raw(true).get() as unknown[])[0]);
      db.exec(`pragma busy_timeout = ${Math.min(waits, PROBE_TIMEOUT_MS)}`);
      try {
        db.exec('begin immediate');
        db.exec(`pragma user_version = ${version}`);
        return undefined;
      } finally {
        if (db.inTransaction) db.exec('rollback');
        db.exec(`pragma busy_timeout = ${waits}`);
      }
    };
    const attempt = () => {
      try {
        return noting(check);
      } catch (err) {
        return databaseFault(err) ?? 'unavailable';
      }
    };
    // A connection opened while the file was read-only stays so: reopened, it shows whether the fault is still there.
    const first = attempt();
    return stale ? { fault: attempt(), reopened: true } : { fault: first, reopened: false };
  };
  return {
    reader,
    offThread,
    offThreadReads: () => threads?.completed ?? 0,
    write,
    probe,
    checkpoint: () => void noting(() => current().prepare('pragma wal_checkpoint(truncate)').all()),
    exec: (sql) => noting(() => current().exec(sql)),
    close: () => {
      native.close();
      void threads?.destroy();
      threads = undefined;
    },
  };
}

/** The same write for any other database (a libSQL server, memory, an embedded replica), through its client. */
export const clientWrite =
  (client: Client): WriteBatch =>
  async (batch) =>
    (await client.batch([...batch], 'write')).map((result) => ({
      rows: result.rows.map((row) => ({ ...row })),
    }));
