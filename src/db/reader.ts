import type { Client, InStatement } from '@libsql/client';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import { drizzle } from 'drizzle-orm/sqlite-proxy';
import Database from 'libsql';
import * as schema from './schema.ts';

/** What the hot read paths query: the database itself, or a faster connection to the same file. */
export type Reader = BaseSQLiteDatabase<'async', unknown, typeof schema>;

/** A write's statements, run as one transaction; each answers the rows it returned. */
export type WriteBatch = (statements: readonly InStatement[]) => Promise<{ rows: Record<string, unknown>[] }[]>;

export interface FileConnection {
  readonly reader: Reader;
  readonly write: WriteBatch;
  /** `PRAGMA wal_checkpoint(TRUNCATE)`: the WAL emptied into the file (waits for the busy timeout at most). */
  checkpoint(): void;
  close(): void;
}

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
  const native = new Database(path, { timeout: timeoutMs });
  native.exec(`pragma journal_size_limit = ${walSizeLimit}`);
  const statements = new Map<string, ReturnType<typeof native.prepare>>();
  const statement = (sql: string) => {
    let found = statements.get(sql);
    if (!found) {
      found = native.prepare(sql);
      statements.set(sql, found);
    }
    return found;
  };
  const reader = drizzle(
    async (sql, params, method) => {
      if (method === 'run') throw new Error('the reader is for reads: write through the database or the group commit');
      const s = statement(sql).raw(true);
      return { rows: (method === 'get' ? s.get(params) : s.all(params)) as unknown[] };
    },
    { schema },
  );
  const write: WriteBatch = async (batch) => {
    // exec, not a cached statement: a prepared BEGIN that fails (SQLITE_BUSY) is not reset by libSQL, and the
    // connection then keeps the read snapshot of that moment, so every later read would see old data.
    native.exec('begin immediate');
    try {
      const results = batch.map((each) => {
        const s = statement(typeof each === 'string' ? each : each.sql);
        if (s.reader) return { rows: s.raw(false).all(argsOf(each)) as Record<string, unknown>[] };
        s.run(argsOf(each));
        return { rows: [] };
      });
      native.exec('commit');
      return results;
    } catch (err) {
      if (native.inTransaction) native.exec('rollback');
      throw err;
    }
  };
  return {
    reader,
    write,
    checkpoint: () => void native.prepare('pragma wal_checkpoint(truncate)').all(),
    close: () => native.close(),
  };
}

/** The same write for any other database (a libSQL server, memory, an embedded replica), through its client. */
export const clientWrite =
  (client: Client): WriteBatch =>
  async (batch) =>
    (await client.batch([...batch], 'write')).map((result) => ({
      rows: result.rows.map((row) => ({ ...row })),
    }));
