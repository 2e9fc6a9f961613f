/**
 * Database faults on the real app and a real libSQL file: a read-only file, a full disk (simulated with
 * `max_page_count`, SQLite's page limit, which fails a write with the same SQLITE_FULL as a full disk) and a
 * database locked by another connection. Each must give a 503 saying what is wrong (a page in the visitor's
 * language, JSON with Retry-After on the API), write nothing, show in /healthz, and pass without a restart.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, chmodSync, constants, copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'libsql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EnginePool } from '../../src/app/engine-pool/pool.ts';
import { ReportPool } from '../../src/app/report-pool/pool.ts';
import { MAX_RATIONALE } from '../../src/app/scoring.ts';
import { MAX_DISPLAY_NAME } from '../../src/app/users.ts';
import { closeDatabase, type Db, migrateDatabase, onEveryConnection, openDatabase } from '../../src/db/client.ts';
import { type DatabaseFault, databaseFault } from '../../src/db/faults.ts';
import { findUserByUsername } from '../../src/db/queries/users.ts';
import { seedIfEmpty } from '../../src/db/seed.ts';
import { t as translate } from '../../src/i18n/messages.ts';
import { createApp } from '../../src/web/app.ts';
import { SESSION_COOKIE } from '../../src/web/auth/cookies.ts';
import { startSession } from '../../src/web/auth/sessions.ts';

const DEMO = 'hexi-corridor-2017';
const ORIGIN = 'http://localhost';
const NOW = new Date('2026-03-02T09:00:00Z');

let dir: string;
let template: string;
/** A session for each user the tests act as, made in the template before any fault. */
const cookies: Record<string, string> = {};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'corridor-faults-'));
  template = join(dir, 'template.db');
  const db = await openDatabase({ url: `file:${join(dir, 'seeded.db')}` });
  await migrateDatabase(db);
  await seedIfEmpty(db, { adminPassword: 'admin-password-for-tests', demo: true, log: () => {}, clock: () => NOW });
  for (const username of ['admin', 'expert1']) {
    const user = await findUserByUsername(db, username);
    const { token } = await startSession(db, user!.id, NOW, { ip: null, userAgent: null });
    cookies[username] = `${SESSION_COOKIE}=${token}`;
  }
  // One file, without a WAL beside it, to copy for each test.
  await db.$client.execute({ sql: 'vacuum into ?', args: [template] });
  closeDatabase(db);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * A copy of the template in WAL mode, as the server leaves a file. It is set in another process: SQLite shares
 * a file's descriptors among the connections of one process, so a connection opened here before the file
 * became read-only would let the app's later ones write to it.
 */
function freshDatabase(name: string): string {
  const file = join(dir, `${name}.db`);
  copyFileSync(template, file);
  execFileSync(process.execPath, [
    '-e',
    `const db = new (require('libsql'))(${JSON.stringify(file)}); db.exec('pragma journal_mode = wal'); db.close();`,
  ]);
  return file;
}

interface Running {
  readonly db: Db;
  readonly app: ReturnType<typeof createApp>;
  readonly logs: string[];
  close(): Promise<void>;
}

async function startApp(file: string): Promise<Running> {
  const db = await openDatabase({ url: `file:${file}` });
  const engine = new EnginePool();
  const reports = new ReportPool();
  const logs: string[] = [];
  const app = createApp({ db, clock: () => NOW, log: (l) => logs.push(l), engine, reports: reports.render });
  return {
    db,
    app,
    logs,
    close: async () => {
      closeDatabase(db);
      await engine.close();
      await reports.close();
    },
  };
}

/** Every row of every table, hashed, read through a connection of its own. */
function digest(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db
      .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
      .all() as { name: string }[];
    const hash = createHash('sha256');
    for (const { name } of tables) {
      const rows = (db.prepare(`select * from "${name}"`).raw(true).all() as unknown[][]).map((row) =>
        JSON.stringify(row, (_, v) =>
          typeof v === 'bigint' ? String(v) : v instanceof Buffer ? v.toString('hex') : v,
        ),
      );
      hash.update(`${name}\n${rows.sort().join('\n')}\n`);
    }
    return hash.digest('hex');
  } finally {
    db.close();
  }
}

interface Answer {
  readonly status: number;
  readonly type: string;
  readonly retryAfter: string | null;
  readonly text: string;
}

async function call(
  running: Running,
  method: string,
  path: string,
  options: { cookie?: string; json?: unknown; form?: Record<string, string>; htmx?: boolean; lang?: string } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { origin: ORIGIN, 'accept-language': options.lang ?? 'en' };
  if (options.cookie) headers.cookie = options.cookie;
  if (options.htmx) headers['hx-request'] = 'true';
  let body: string | undefined;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(options.form).toString();
  }
  const res = await running.app.request(path, { method, headers, body });
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    retryAfter: res.headers.get('retry-after'),
    text: await res.text(),
  };
}

/**
 * The writes the tests attempt: a score through the API and the grid (the group commit), a form (the client).
 * Each carries text long enough to need new pages, which the page limit refuses.
 */
function writes(running: Running, attempt: number) {
  const value = String(2 + attempt);
  const rationale = 'r'.repeat(MAX_RATIONALE);
  return {
    apiScore: () =>
      call(running, 'PUT', `/api/assessments/${DEMO}/scores`, {
        cookie: cookies.expert1,
        json: { city: 'wuwei', indicator: 'plan_alignment', value: Number(value), rationale, version: 1 + attempt },
      }),
    pageScore: () =>
      call(running, 'PUT', `/assessments/${DEMO}/score/cell`, {
        cookie: cookies.expert1,
        htmx: true,
        form: { city: 'jinchang', indicator: 'plan_alignment', value, rationale, version: String(1 + attempt) },
      }),
    formSave: (lang: string) =>
      call(running, 'POST', '/admin/users', {
        cookie: cookies.admin,
        lang,
        form: { username: `new.user${attempt}`, displayName: 'n'.repeat(MAX_DISPLAY_NAME), isAdmin: '' },
      }),
  };
}

const health = async (running: Running) => {
  const res = await call(running, 'GET', '/healthz');
  return { status: res.status, body: JSON.parse(res.text) as Record<string, unknown> };
};

const noStack = (text: string) => {
  expect(text).not.toMatch(/\n\s+at |\.ts:\d+|Error:|SQLITE_/);
};

/** What every refused write answers while the fault lasts, and that nothing was written. */
async function expectRefused(running: Running, file: string, fault: DatabaseFault) {
  const before = digest(file);
  const w = writes(running, 0);

  const api = await w.apiScore();
  expect(api.status).toBe(503);
  expect(api.type).toMatch(/^application\/json/);
  expect(Number(api.retryAfter)).toBeGreaterThan(0);
  expect(JSON.parse(api.text)).toEqual({
    errors: [{ path: '', message: translate('en', `fault.${fault}`) }],
    database: fault,
  });

  const grid = await w.pageScore();
  expect(grid.status).toBe(503);
  expect(grid.type).toMatch(/^text\/html/);
  expect(grid.text).toContain(translate('en', `fault.${fault}`));
  expect(grid.text).toContain(translate('en', 'fault.title'));
  noStack(grid.text);

  // The form's answer, in the visitor's language, inside the layout.
  const form = await w.formSave('zh-CN');
  expect(form.status).toBe(503);
  expect(form.retryAfter).not.toBeNull();
  expect(form.text).toMatch(/^<!doctype html>/);
  expect(form.text).toContain('<html lang="zh-Hans"');
  expect(form.text).toContain(translate('zh', `fault.${fault}`));
  noStack(form.text);

  // Reads go on: the scoring grid and the API's scores still answer.
  expect((await call(running, 'GET', `/assessments/${DEMO}/score`, { cookie: cookies.expert1 })).status).toBe(200);
  expect((await call(running, 'GET', `/api/assessments/${DEMO}/scores`, { cookie: cookies.expert1 })).status).toBe(200);

  expect(await health(running)).toEqual({ status: 503, body: { status: 'degraded', database: fault } });
  expect(digest(file)).toBe(before);
  for (const line of running.logs) expect(line).not.toMatch(/\n\s+at /);
}

/** Once the fault is gone, the same writes land, without a restart. */
async function expectRecovered(running: Running, file: string) {
  expect(await health(running)).toEqual({ status: 200, body: { status: 'ok' } });
  const before = digest(file);
  const w = writes(running, 0);
  const api = await w.apiScore();
  expect(api.status).toBe(200);
  expect(JSON.parse(api.text)).toMatchObject({ city: 'wuwei', value: 2, version: 2 });
  expect((await w.pageScore()).status).toBe(200);
  expect((await w.formSave('en')).status).toBe(201);
  expect(digest(file)).not.toBe(before);
}

/** Root ignores file modes, so the file is made immutable instead where chattr is allowed. */
function makeReadOnly(file: string): (() => void) | undefined {
  chmodSync(file, 0o444);
  const writable = () => {
    try {
      accessSync(file, constants.W_OK);
      return true;
    } catch {
      return false;
    }
  };
  if (!writable()) return () => chmodSync(file, 0o644);
  try {
    execFileSync('chattr', ['+i', file], { stdio: 'ignore' });
  } catch {
    chmodSync(file, 0o644);
    return undefined;
  }
  return () => {
    execFileSync('chattr', ['-i', file]);
    chmodSync(file, 0o644);
  };
}

/**
 * Runs `during` on an app started on a read-only copy of the database, makes the file writable again, then runs
 * `after` on the same app; false when this machine cannot make a file read-only for its user.
 */
async function whileReadOnly(
  name: string,
  during: (running: Running, file: string) => Promise<void>,
  after: (running: Running, file: string) => Promise<void>,
): Promise<boolean> {
  const file = freshDatabase(name);
  const undo = makeReadOnly(file);
  if (!undo) return false;
  const running = await startApp(file);
  let undone = false;
  try {
    await during(running, file);
    undo();
    undone = true;
    await after(running, file);
  } finally {
    if (!undone) undo();
    await running.close();
  }
  return true;
}

describe('a read-only database file', () => {
  it('refuses writes with 503 and writes nothing, then carries on once the file is writable', async (ctx) => {
    const ran = await whileReadOnly(
      'read-only',
      (running, file) => expectRefused(running, file, 'read-only'),
      expectRecovered,
    );
    if (!ran) ctx.skip();
  });

  it('also recovers when the first request after the fix is a write, not the health check', async (ctx) => {
    const ran = await whileReadOnly(
      'read-only-2',
      async (running) => {
        expect((await writes(running, 0).apiScore()).status).toBe(503);
        expect((await writes(running, 0).formSave('en')).status).toBe(503);
      },
      async (running) => {
        expect((await writes(running, 0).apiScore()).status).toBe(200);
        expect((await writes(running, 0).formSave('en')).status).toBe(201);
      },
    );
    if (!ran) ctx.skip();
  });
});

describe('a full disk', () => {
  it('refuses writes with 503 and writes nothing, then carries on once there is room', {
    timeout: 60_000,
  }, async () => {
    const file = freshDatabase('full');
    const running = await startApp(file);
    try {
      // The limit cannot go below the current size, so 1 means "no new page".
      await onEveryConnection(running.db, 'pragma max_page_count = 1');
      // A new account is small: the pages it goes to are filled first, so that the next one needs a new page.
      let filled = false;
      for (let i = 0; i < 60 && !filled; i++) {
        const form = { username: `fill.${String(i).padStart(2, '0')}`, displayName: 'n'.repeat(MAX_DISPLAY_NAME) };
        const res = await call(running, 'POST', '/admin/users', { cookie: cookies.admin, form });
        filled = res.status === 503;
      }
      expect(filled).toBe(true);
      await expectRefused(running, file, 'full');
      await onEveryConnection(running.db, 'pragma max_page_count = 1073741823');
      await expectRecovered(running, file);
    } finally {
      await running.close();
    }
  });
});

describe('a database locked by another connection', () => {
  it('refuses writes with 503 and writes nothing, then carries on once the lock is released', async () => {
    const file = freshDatabase('locked');
    const running = await startApp(file);
    // Waiting 5 s for the lock at each refused write would only slow the test; the outcome is the same.
    await onEveryConnection(running.db, 'pragma busy_timeout = 100');
    const holder = new Database(file);
    try {
      holder.exec('begin exclusive');
      await expectRefused(running, file, 'locked');
      holder.exec('rollback');
      await expectRecovered(running, file);
    } finally {
      if (holder.inTransaction) holder.exec('rollback');
      holder.close();
      await running.close();
    }
  });
});

describe('databaseFault', () => {
  it.each([
    [{ code: 'SQLITE_READONLY', rawCode: 8 }, 'read-only'],
    [{ code: 'SQLITE_READONLY_DBMOVED' }, 'read-only'],
    [{ code: 'SQLITE_FULL', rawCode: 13 }, 'full'],
    [{ code: 'SQLITE_BUSY', rawCode: 5 }, 'locked'],
    [{ code: 'SQLITE_IOERR_WRITE', rawCode: 778 }, 'io-error'],
    [{ code: 'SQLITE_CANTOPEN' }, 'unavailable'],
    [{ code: 'SQLITE_CORRUPT' }, 'corrupt'],
    [{ code: 'SQLITE_CONSTRAINT_UNIQUE', rawCode: 2067 }, undefined],
    [new Error('plain'), undefined],
    [{ message: 'wrapped', cause: { code: 'SQLITE_FULL' } }, 'full'],
  ] as const)('%j is %s', (err, fault) => {
    expect(databaseFault(err)).toBe(fault);
  });
});

describe('the CLI', () => {
  /** `corridor user add` through the real binary, which writes a user and its audit entry in one transaction. */
  const addUser = (file: string) =>
    spawnSync(process.execPath, ['bin/corridor.js', 'user', 'add', 'cli.user'], {
      env: { PATH: process.env.PATH, DATABASE_URL: `file:${file}` },
      input: 'a-long-password-for-the-cli\n',
      encoding: 'utf8',
    });

  const expectClearFailure = (run: ReturnType<typeof addUser>, says: RegExp) => {
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(says);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stdout).not.toContain('Created');
  };

  it('on a read-only file: a clear message, exit 1, nothing written; it works once the file is writable', async (ctx) => {
    const file = freshDatabase('cli-read-only');
    const before = digest(file);
    const undo = makeReadOnly(file);
    if (!undo) return ctx.skip();
    let run: ReturnType<typeof addUser>;
    try {
      run = addUser(file);
    } finally {
      undo();
    }
    expectClearFailure(run, /^corridor user add: the database file is read-only: make it/);
    expect(digest(file)).toBe(before);
    const again = addUser(file);
    expect(again.stderr).toBe('');
    expect(again.status).toBe(0);
  });

  it('on a locked database: a clear message after the busy timeout, exit 1, nothing written', async () => {
    const file = freshDatabase('cli-locked');
    const before = digest(file);
    const holder = new Database(file);
    holder.exec('begin exclusive');
    let run: ReturnType<typeof addUser>;
    try {
      run = addUser(file);
    } finally {
      holder.exec('rollback');
      holder.close();
    }
    expectClearFailure(run, /^corridor user add: the database is locked by another program/);
    expect(digest(file)).toBe(before);
  });
});
