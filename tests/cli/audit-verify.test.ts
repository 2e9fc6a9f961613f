import { join } from 'node:path';
import Database from 'libsql';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../db/fixtures.ts';
import { corridor } from './io.ts';

/** `corridor audit verify` on a seeded database file, and the head `corridor backup` prints for it. */
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

/** Past the triggers, as someone with write access to the file could. */
function tamper(sql: string) {
  const file = new Database(database, { timeout: 5_000 });
  try {
    file.exec('pragma foreign_keys = off');
    for (const { name } of file
      .prepare("select name from sqlite_master where type = 'trigger' and tbl_name in ('audit_log', 'audit_chain')")
      .all() as { name: string }[])
      file.exec(`drop trigger ${name}`);
    file.exec(sql);
  } finally {
    file.close();
  }
}

const headOf = (stdout: string) => /head ([0-9a-f]{64})/.exec(stdout)?.[1];

describe('corridor audit verify', () => {
  it('reports an intact log with its count and head, exit 0', async () => {
    const run = await corridor(['audit', 'verify'], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^audit log intact: \d+ entries, head [0-9a-f]{64}\n$/);
    expect(Number(/(\d+) entries/.exec(run.stdout)![1])).toBeGreaterThan(0);
  });

  it('names the first altered entry by id, when and what, exit 1', async () => {
    const file = new Database(database);
    const { id, action } = file.prepare('select id, action from audit_log order by id limit 1 offset 1').get() as {
      id: number;
      action: string;
    };
    file.close();
    tamper(`update audit_log set after = '{}' where id = ${id}`);
    const run = await corridor(['audit', 'verify'], env);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      new RegExp(
        `^corridor audit verify: entry ${id} \\(\\d{4}-\\d\\d-\\d\\dT[^,]+, ${action.replace('.', '\\.')}\\) was altered: .* \\(1 entries before it verified\\)\n$`,
      ),
    );
  });

  it('names a removed entry', async () => {
    tamper('delete from audit_log where id = 1');
    const run = await corridor(['audit', 'verify'], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('entry 1 is missing');
  });

  it('says it in Chinese under a zh locale', async () => {
    tamper('delete from audit_log where id = 1');
    const run = await corridor(['audit', 'verify'], { ...env, LANG: 'zh_CN.UTF-8' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('记录 1 缺失');
  });

  it('checks a head printed by corridor backup, and catches the log truncated after it', async () => {
    const backup = await corridor(['backup', join(temp.dir, 'copy.db')], env);
    expect(backup.code).toBe(0);
    const head = headOf(backup.stdout)!;
    expect(backup.stdout).toContain(`corridor audit verify --head ${head}`);
    const copied = await corridor(['audit', 'verify'], { ...env, DATABASE_URL: `file:${join(temp.dir, 'copy.db')}` });
    expect(headOf(copied.stdout)).toBe(head);

    const found = await corridor(['audit', 'verify', '--head', head], env);
    expect(found.code).toBe(0);
    expect(found.stdout).toContain(`the recorded head ${head} is in the chain`);

    tamper(
      'delete from audit_chain where entry_id = (select max(id) from audit_log); delete from audit_log where id = (select max(id) from audit_log)',
    );
    expect((await corridor(['audit', 'verify'], env)).code).toBe(0);
    const truncated = await corridor(['audit', 'verify', '--head', head.toUpperCase()], env);
    expect(truncated.code).toBe(1);
    expect(truncated.stderr).toBe(
      `corridor audit verify: the recorded head ${head} is not in the chain: the audit log was truncated or rebuilt since it was recorded\n`,
    );
  });

  it('keeps the chain verifiable through backup and restore', async () => {
    const copy = join(temp.dir, 'copy.db');
    const head = headOf((await corridor(['backup', copy], env)).stdout)!;
    expect((await corridor(['restore', copy], env)).code).toBe(0);
    const run = await corridor(['audit', 'verify', '--head', head], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it.each([
    [[], 'missing action: verify'],
    [['check'], 'unknown action "check": use verify'],
    [['verify', '--head', 'abc'], '--head: "abc" is not a chain head (64 hexadecimal digits)'],
    [['verify', '--since', '1'], 'unknown option "--since"'],
  ])('refuses %j with usage, exit 2', async (args, message) => {
    const run = await corridor(['audit', ...args], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`corridor audit: ${message}`);
    expect(run.stderr).toContain('Usage: corridor audit verify [--head HASH]');
  });
});
