import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'libsql';
import { MIGRATIONS_FOLDER } from './client.ts';

/** One migration of drizzle/ as drizzle records it: `created_at` in the database is the journal's `when`. */
export interface Migration {
  readonly when: number;
  readonly tag: string;
}

/** The migrations this build knows, oldest first. */
export function knownMigrations(): readonly Migration[] {
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as {
    entries: Migration[];
  };
  return journal.entries.map(({ when, tag }) => ({ when, tag }));
}

/** What a database file holds, as far as backup and restore care. */
export type FileInspection =
  | { readonly kind: 'not-sqlite' }
  | {
      readonly kind: 'sqlite';
      /** The lines of `PRAGMA integrity_check` other than "ok"; empty when the file is sound. */
      readonly problems: readonly string[];
      /** Has Corridor's tables and drizzle's migration table. */
      readonly corridor: boolean;
      /** `created_at` of every applied migration, oldest first. */
      readonly applied: readonly number[];
    };

const CORRIDOR_TABLES = ['__drizzle_migrations', 'users', 'assessments', 'audit_log', 'scores'];

export function inspectFile(path: string): FileInspection {
  const db = new Database(path, { timeout: 5_000 });
  try {
    let lines: string[];
    try {
      lines = (db.prepare('pragma integrity_check').all() as { integrity_check: string }[]).map(
        (r) => r.integrity_check,
      );
    } catch (err) {
      const code = String((err as { code?: unknown }).code);
      if (code.startsWith('SQLITE_NOTADB')) return { kind: 'not-sqlite' };
      // A schema too damaged to read: integrity_check cannot even start.
      if (code.startsWith('SQLITE_CORRUPT'))
        return { kind: 'sqlite', problems: [String((err as Error).message)], corridor: false, applied: [] };
      throw err;
    }
    const problems = lines.filter((line) => line !== 'ok');
    const tables = new Set(
      (db.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map(
        (r) => r.name,
      ),
    );
    const corridor = CORRIDOR_TABLES.every((name) => tables.has(name));
    const applied = corridor
      ? (
          db.prepare('select created_at from __drizzle_migrations order by created_at').all() as {
            created_at: number;
          }[]
        ).map((r) => Number(r.created_at))
      : [];
    return { kind: 'sqlite', problems, corridor, applied };
  } finally {
    db.close();
  }
}

/** The number of chained audit entries in a database file and the last hash; undefined before the chain existed. */
export function auditHeadOfFile(path: string): { count: number; head: string } | undefined {
  const db = new Database(path, { timeout: 5_000 });
  try {
    const chained = db.prepare("select 1 from sqlite_master where type = 'table' and name = 'audit_chain'").get();
    if (!chained) return undefined;
    const row = db
      .prepare(
        'select count(*) as count, (select hash from audit_chain order by entry_id desc limit 1) as head from audit_chain',
      )
      .get() as { count: number; head: string | null };
    return row.head === null ? undefined : { count: Number(row.count), head: row.head };
  } finally {
    db.close();
  }
}

/** A consistent copy of a live database into `target` (which must not exist): one read transaction, writers go on. */
export function vacuumInto(source: string, target: string): void {
  const db = new Database(source, { timeout: 5_000 });
  try {
    db.prepare('vacuum into ?').run(target);
  } finally {
    db.close();
  }
}

/**
 * Empties a file's WAL into it (`wal_checkpoint(TRUNCATE)`), so the file alone holds the whole database; answers
 * whether every frame went in. Used where @libsql/client has just been closed: its connections are released
 * only when collected, so switching the journal mode would find the file busy, but a checkpoint does not.
 */
export function checkpointFile(path: string): boolean {
  const db = new Database(path, { timeout: 5_000 });
  try {
    const [row] = db.prepare('pragma wal_checkpoint(truncate)').all() as {
      busy: number;
      log: number;
      checkpointed: number;
    }[];
    return row !== undefined && row.busy === 0 && row.log === row.checkpointed;
  } catch {
    return false;
  } finally {
    db.close();
  }
}
