/**
 * Backups and restore of a local database file (README, Backups): `corridor backup` copies the live database
 * consistently while the server writes; `corridor restore` checks a copy and puts it in place of the database,
 * only while no server uses it (src/db/serving-lock.ts).
 */
import { copyFileSync, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import {
  auditHeadOfFile,
  checkpointFile,
  type FileInspection,
  inspectFile,
  knownMigrations,
  vacuumInto,
} from '../db/backup.ts';
import { closeDatabase, localFilePath, migrateDatabase, openDatabase } from '../db/client.ts';
import { ConfigError, type DatabaseConfig } from '../db/config.ts';
import { holdExclusive, holdShared, type ServingLock, servingLockPath } from '../db/serving-lock.ts';
import { type Translate, t } from '../i18n/messages.ts';

/** A sentence of the outcome, in the caller's language. */
export type Say = (tr: Translate) => string;

export type Refusal = { readonly kind: 'refused'; readonly say: Say };
const refusal = (say: Say): Refusal => ({ kind: 'refused', say });

/** "8 migrations, the latest 0007_…" for the migrations a file has applied. */
export const describeSchema =
  (applied: readonly number[]): Say =>
  (tr) => {
    if (applied.length === 0) return tr('backup.noSchema');
    const last = applied[applied.length - 1]!;
    const tag = knownMigrations().find((m) => m.when === last)?.tag ?? String(last);
    return tr('backup.schema', { count: applied.length, tag });
  };

const detailOf = (problems: readonly string[]): string =>
  problems.slice(0, 3).join('; ') + (problems.length > 3 ? ` (+${problems.length - 3})` : '');

function databaseFile(config: DatabaseConfig): string | Refusal {
  const file = localFilePath(config.url);
  return file && !config.syncUrl ? file : refusal((tr) => tr('backup.notLocal', { url: config.url }));
}

export type BackupOutcome =
  | Refusal
  | {
      readonly kind: 'written';
      readonly file: string;
      readonly bytes: number;
      readonly schema: Say;
      /** The audit chain's head in the copy, to record elsewhere; undefined when the copy has no chained entry. */
      readonly audit: { readonly count: number; readonly head: string } | undefined;
    };

/**
 * Copies the database into `target` with VACUUM INTO (a consistent snapshot; the server's writes go on), checks
 * the copy, and only then gives it its name, so a failed backup leaves no file and never a half-written one.
 */
export function backupDatabase(config: DatabaseConfig, target: string, force: boolean): BackupOutcome {
  const source = databaseFile(config);
  if (typeof source !== 'string') return source;
  const file = resolve(target);
  if (!existsSync(source)) return refusal((tr) => tr('backup.noDatabase', { file: source }));
  if (file === source) return refusal((tr) => tr('restore.sameFile', { file }));
  if (existsSync(file) && !force) return refusal((tr) => tr('backup.exists', { file }));
  if (!existsSync(dirname(file))) return refusal((tr) => tr('backup.noDirectory', { file }));
  const partial = join(dirname(file), `.${basename(file)}.${process.pid}.partial`);
  rmSync(partial, { force: true });
  try {
    vacuumInto(source, partial);
    const inspection = inspectFile(partial);
    if (inspection.kind !== 'sqlite' || inspection.problems.length > 0) {
      const detail = inspection.kind === 'sqlite' ? detailOf(inspection.problems) : 'not a database';
      return refusal((tr) => tr('backup.damaged', { detail }));
    }
    const audit = auditHeadOfFile(partial);
    renameSync(partial, file);
    return { kind: 'written', file, bytes: statSync(file).size, schema: describeSchema(inspection.applied), audit };
  } finally {
    rmSync(partial, { force: true });
  }
}

/** Why a file cannot be restored, or undefined when it can. */
function unfit(file: string, inspection: FileInspection): Refusal | undefined {
  if (inspection.kind === 'not-sqlite') return refusal((tr) => tr('restore.notSqlite', { file }));
  if (inspection.problems.length > 0) {
    const detail = detailOf(inspection.problems);
    return refusal((tr) => tr('restore.damaged', { file, detail }));
  }
  if (!inspection.corridor) return refusal((tr) => tr('restore.notCorridor', { file }));
  const known = knownMigrations();
  const knownWhen = new Set(known.map((m) => m.when));
  // drizzle applies what is newer than the last applied migration: one it does not know means a newer build.
  if (inspection.applied.some((when) => !knownWhen.has(when))) {
    const schema = describeSchema(inspection.applied);
    const ours = describeSchema(known.map((m) => m.when));
    return refusal((tr) => tr('restore.newer', { file, schema: schema(tr), known: ours(tr) }));
  }
  return undefined;
}

export type RestoreOutcome =
  | Refusal
  | {
      readonly kind: 'restored';
      readonly file: string;
      readonly database: string;
      /** The backup's schema as it came, and as it went in place. */
      readonly before: Say;
      readonly schema: Say;
      /** Migrations applied to an older backup before it went in place. */
      readonly migrated: number;
      /** Where the replaced database was moved, when there was one. */
      readonly kept: string | undefined;
    };

/**
 * Puts a backup in place of the database: checks a copy of it (integrity, a Corridor database, a schema this
 * build knows), brings an older schema up to date, and swaps it in by rename under the exclusive serving lock;
 * the database it replaces is moved aside, not deleted.
 */
export async function restoreDatabase(config: DatabaseConfig, backup: string, now: Date): Promise<RestoreOutcome> {
  const database = databaseFile(config);
  if (typeof database !== 'string') return database;
  const file = resolve(backup);
  if (!existsSync(file)) return refusal((tr) => tr('restore.missing', { file }));
  if (file === database) return refusal((tr) => tr('restore.sameFile', { file }));
  const lock = holdExclusive(database);
  if (!lock) {
    const held = servingLockPath(database);
    return refusal((tr) => tr('restore.serverRunning', { database, lock: held }));
  }
  const incoming = `${database}.restoring`;
  const clean = () => {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${incoming}${suffix}`, { force: true });
  };
  try {
    clean();
    // A copy of a live file (not one of `corridor backup`) may have its last transactions in a WAL beside it.
    if (existsSync(`${file}-wal`) && statSync(`${file}-wal`).size > 0) checkpointFile(file);
    copyFileSync(file, incoming);
    const inspection = inspectFile(incoming);
    const wrong = unfit(file, inspection);
    if (wrong || inspection.kind !== 'sqlite') return wrong ?? refusal((tr) => tr('restore.notSqlite', { file }));
    const db = await openDatabase({ url: `file:${incoming}` });
    let migrated: number;
    try {
      migrated = (await migrateDatabase(db)).applied;
    } finally {
      closeDatabase(db);
    }
    const after = inspectFile(incoming);
    if (after.kind !== 'sqlite' || after.problems.length > 0 || !checkpointFile(incoming))
      return refusal((tr) => tr('restore.damaged', { file, detail: 'after migrating' }));
    let kept: string | undefined;
    if (existsSync(database)) {
      if (!checkpointFile(database)) return refusal((tr) => tr('restore.busy', { database }));
      kept = `${database}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`;
      renameSync(database, kept);
      for (const suffix of ['-wal', '-shm']) rmSync(`${database}${suffix}`, { force: true });
    }
    for (const suffix of ['-wal', '-shm']) rmSync(`${incoming}${suffix}`, { force: true });
    renameSync(incoming, database);
    return {
      kind: 'restored',
      file,
      database,
      before: describeSchema(inspection.applied),
      schema: describeSchema(after.applied),
      migrated,
      kept,
    };
  } finally {
    clean();
    lock.release();
  }
}

/** How long a starting server waits for a restore of its database to finish before it gives up. */
const RESTORE_WAIT_MS = 10_000;

/**
 * A starting server's hold on a local file's serving lock, which `restoreDatabase` checks; nothing for other
 * databases. A restore in progress past the wait is a ConfigError: the server does not start.
 */
export function holdServingLock(database: DatabaseConfig): ServingLock | undefined {
  const file = localFilePath(database.url);
  if (!file || database.syncUrl) return undefined;
  const lock = holdShared(file, RESTORE_WAIT_MS);
  if (!lock) throw new ConfigError(t('en', 'serve.restoring', { database: file, lock: servingLockPath(file) }));
  return lock;
}
