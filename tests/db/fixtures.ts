import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeDatabase, type Db, migrateDatabase, openDatabase } from '../../src/db/client.ts';

/** A migrated in-memory database: the real schema on real libSQL, gone when closed. */
export async function memoryDb(): Promise<Db> {
  const db = await openDatabase({ url: ':memory:' });
  await migrateDatabase(db);
  return db;
}

/** A temporary folder for database files; `cleanup` closes what was opened there and removes it. */
export function tempDir(prefix = 'corridor-test-') {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const opened: Db[] = [];
  return {
    dir,
    url: (name = 'corridor.db') => `file:${join(dir, name)}`,
    async open(name?: string): Promise<Db> {
      const db = await openDatabase({ url: `file:${join(dir, name ?? 'corridor.db')}` });
      opened.push(db);
      return db;
    },
    cleanup() {
      for (const db of opened.splice(0)) closeDatabase(db);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Row counts of every application table, to compare a database before and after an operation. */
export async function rowCounts(db: Db): Promise<Record<string, number>> {
  const tables = await db.$client.execute(
    "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%' order by name",
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables.rows) {
    const rs = await db.$client.execute(`select count(*) as n from "${String(name)}"`);
    counts[String(name)] = Number(rs.rows[0].n);
  }
  return counts;
}

/**
 * The password the seed printed beside a username: `Created administrator "admin" with password: …` or `  expert1    …
 * Name`.
 */
export function printedPassword(output: string, username: string): string {
  const match = new RegExp(`(?:"${username}" with password: |^\\s+${username}\\s+)(\\S+)`, 'm').exec(output);
  if (!match) throw new Error(`no password printed for ${username} in:\n${output}`);
  return match[1];
}
