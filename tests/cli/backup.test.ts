import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrate } from 'drizzle-orm/libsql/migrator';
import Database from 'libsql';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import journal from '../../drizzle/meta/_journal.json' with { type: 'json' };
import { closeDatabase, MIGRATIONS_FOLDER, openDatabase } from '../../src/db/client.ts';
import { holdExclusive, holdShared, servingLockPath } from '../../src/db/serving-lock.ts';
import { serverSettingsFromEnv, startServer } from '../../src/server.ts';
import { rowCounts, tempDir } from '../db/fixtures.ts';
import { corridor } from './io.ts';

let temp: ReturnType<typeof tempDir>;
let env: NodeJS.ProcessEnv;
let database: string;
beforeEach(async () => {
  temp = tempDir();
  database = join(temp.dir, 'corridor.db');
  env = { DATABASE_URL: `file:${database}`, CORRIDOR_ADMIN_PASSWORD: 'correct horse battery' };
  expect((await corridor(['seed'], env)).code).toBe(0);
});
afterEach(() => temp.cleanup());

const counts = async (file: string) => {
  const db = await openDatabase({ url: `file:${file}` });
  try {
    return await rowCounts(db);
  } finally {
    closeDatabase(db);
  }
};

const integrity = (file: string) => {
  const db = new Database(file);
  try {
    return (db.prepare('pragma integrity_check').all() as { integrity_check: string }[]).map((r) => r.integrity_check);
  } finally {
    db.close();
  }
};

const latest = journal.entries[journal.entries.length - 1]!.tag;

describe('corridor backup', () => {
  it('writes a sound copy with the same rows and prints its size and schema version', async () => {
    const target = join(temp.dir, 'copy.db');
    const run = await corridor(['backup', target], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const size = statSync(target).size;
    const copy = new Database(target);
    const { entries, head } = copy
      .prepare(
        'select count(*) as entries, (select hash from audit_chain order by entry_id desc limit 1) as head from audit_log',
      )
      .get() as { entries: number; head: string };
    copy.close();
    expect(entries).toBeGreaterThan(0);
    expect(run.stdout).toBe(
      `Wrote ${target}: ${size >= 1024 * 1024 ? `${(size / 1024 / 1024).toFixed(1)} MiB (${size} bytes)` : `${size} bytes`}, schema ${journal.entries.length} migrations, the latest ${latest}; PRAGMA integrity_check: ok.\n` +
        `Audit log in the copy: ${entries} entries, head ${head}. Record the head elsewhere to check later: corridor audit verify --head ${head}\n`,
    );
    expect(integrity(target)).toEqual(['ok']);
    expect(await counts(target)).toEqual(await counts(database));
    expect((await counts(target)).assessments).toBeGreaterThan(0);
  });

  it('refuses an existing file unless --force, and leaves no partial file', async () => {
    const target = join(temp.dir, 'copy.db');
    writeFileSync(target, 'keep me');
    const refused = await corridor(['backup', target], env);
    expect(refused).toEqual({
      code: 1,
      stdout: '',
      stderr: `corridor backup: ${target} already exists: name another file, or pass --force to replace it\n`,
    });
    expect(statSync(target).size).toBe('keep me'.length);
    expect((await corridor(['backup', target, '--force'], env)).code).toBe(0);
    expect(integrity(target)).toEqual(['ok']);
    expect(readdirSync(temp.dir).filter((name) => name.includes('partial'))).toEqual([]);
  });

  it('speaks Chinese under a zh locale, and refuses a remote database or a missing one', async () => {
    const target = join(temp.dir, 'copy.db');
    writeFileSync(target, 'x');
    const zh = await corridor(['backup', target], { ...env, LANG: 'zh_CN.UTF-8' });
    expect(zh.stderr).toBe(`corridor backup: ${target} 已存在：请换一个文件名，或加 --force 覆盖它\n`);
    const remote = await corridor(['backup', join(temp.dir, 'r.db')], { DATABASE_URL: 'libsql://db.example.org' });
    expect(remote.code).toBe(1);
    expect(remote.stderr).toContain('not on "libsql://db.example.org"');
    const missing = await corridor(['backup', join(temp.dir, 'm.db')], { DATABASE_URL: temp.url('none.db') });
    expect(missing.stderr).toBe(`corridor backup: there is no database at ${join(temp.dir, 'none.db')}\n`);
    expect(existsSync(join(temp.dir, 'none.db'))).toBe(false);
  });

  it('needs a file name', async () => {
    const run = await corridor(['backup'], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('missing <file>');
  });
});

describe('corridor restore', () => {
  it('puts a backup back, keeping the database it replaced', async () => {
    const target = join(temp.dir, 'copy.db');
    expect((await corridor(['backup', target], env)).code).toBe(0);
    const before = await counts(database);
    expect((await corridor(['user', 'add', 'late'], env, 'a long enough password\n')).code).toBe(0);
    expect((await counts(database)).users).toBe(before.users! + 1);
    const run = await corridor(['restore', target], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const kept = readdirSync(temp.dir).find((name) => name.startsWith('corridor.db.before-restore-'));
    expect(kept).toBeDefined();
    expect(run.stdout).toBe(
      [
        `Checked ${target}: PRAGMA integrity_check ok, a Corridor database, schema ${journal.entries.length} migrations, the latest ${latest}.`,
        `The database it replaced is kept as ${join(temp.dir, kept!)}.`,
        `Restored ${target} into ${database}.`,
        '',
      ].join('\n'),
    );
    expect(await counts(database)).toEqual(before);
    expect((await counts(join(temp.dir, kept!))).users).toBe(before.users! + 1);
    expect(integrity(database)).toEqual(['ok']);
  });

  it('refuses while a server holds the lock, and works once it has gone', async () => {
    const target = join(temp.dir, 'copy.db');
    expect((await corridor(['backup', target], env)).code).toBe(0);
    const lock = holdShared(database, 1000)!;
    const refused = await corridor(['restore', target], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      `corridor restore: a server is using ${database} (it holds the lock ${servingLockPath(database)}): stop every \`corridor serve\` on it, then restore\n`,
    );
    expect(readdirSync(temp.dir).some((name) => name.includes('before-restore'))).toBe(false);
    lock.release();
    expect((await corridor(['restore', target], env)).code).toBe(0);
  });

  it('keeps a server from starting while a restore holds the lock', async () => {
    const lock = holdExclusive(database)!;
    try {
      const settings = serverSettingsFromEnv({ ...env, PORT: '0', CORRIDOR_DEMO: 'off' });
      await expect(startServer(settings, () => {})).rejects.toThrow(
        `a restore of ${database} is in progress (it holds the lock ${servingLockPath(database)})`,
      );
    } finally {
      lock.release();
    }
  }, 30_000);

  it('refuses a file that is not a database, not Corridor’s, damaged or from a newer build, changing nothing', async () => {
    const before = await counts(database);
    const junk = join(temp.dir, 'junk.db');
    writeFileSync(junk, 'not a database at all, just text '.repeat(200));
    expect((await corridor(['restore', junk], env)).stderr).toBe(
      `corridor restore: ${junk} is not a SQLite database\n`,
    );

    const other = join(temp.dir, 'other.db');
    const o = new Database(other);
    o.exec('create table notes (id integer primary key, body text)');
    o.close();
    expect((await corridor(['restore', other], env)).stderr).toContain('is a SQLite database but not a Corridor one');

    const newer = join(temp.dir, 'newer.db');
    expect((await corridor(['backup', newer], env)).code).toBe(0);
    const n = new Database(newer);
    n.prepare('insert into __drizzle_migrations (hash, created_at) values (?, ?)').run('future', 4_102_444_800_000);
    n.close();
    const refusedNewer = await corridor(['restore', newer], env);
    expect(refusedNewer.code).toBe(1);
    expect(refusedNewer.stderr).toContain('has a schema this build does not know');

    const damaged = join(temp.dir, 'damaged.db');
    expect((await corridor(['backup', damaged], env)).code).toBe(0);
    // Garbage over the last pages: the header and schema still read, the b-trees there do not.
    const bytes = readFileSync(damaged);
    bytes.fill(0x5a, bytes.length - 3 * 4096);
    writeFileSync(damaged, bytes);
    const refusedDamaged = await corridor(['restore', damaged], env);
    expect(refusedDamaged.code).toBe(1);
    expect(refusedDamaged.stderr).toContain('fails PRAGMA integrity_check');

    expect(await counts(database)).toEqual(before);
    expect(readdirSync(temp.dir).some((name) => name.includes('before-restore') || name.includes('restoring'))).toBe(
      false,
    );
  });

  it('brings an older backup up to date with the pending migrations', async () => {
    // The schema of the previous build: drizzle/ without its last migration.
    const folder = join(temp.dir, 'drizzle-old');
    cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
    const older = { ...journal, entries: journal.entries.slice(0, -1) };
    writeFileSync(join(folder, 'meta', '_journal.json'), JSON.stringify(older));
    const old = join(temp.dir, 'old.db');
    const db = await openDatabase({ url: `file:${old}` });
    await migrate(db, { migrationsFolder: folder });
    closeDatabase(db);
    const run = await corridor(['restore', old], env);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain(`schema ${journal.entries.length - 1} migrations`);
    expect(run.stdout).toContain(
      `Its schema was older: applied 1 migration(s), now ${journal.entries.length} migrations, the latest ${latest}.`,
    );
    expect(integrity(database)).toEqual(['ok']);
  });
});
