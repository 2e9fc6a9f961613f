/** A real app on a real, migrated libSQL file, with a clock the test can move. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EnginePool, type EnginePoolSettings } from '../../src/app/engine-pool/pool.ts';
import { ReportPool } from '../../src/app/report-pool/pool.ts';
import { hashPassword } from '../../src/auth/password.ts';
import { closeDatabase, type Db, migrateDatabase, openDatabase } from '../../src/db/client.ts';
import { createUser, findUserByUsername } from '../../src/db/queries/users.ts';
import type { User } from '../../src/db/schema.ts';
import { seedIfEmpty } from '../../src/db/seed.ts';
import { createApp } from '../../src/web/app.ts';
import { SESSION_COOKIE } from '../../src/web/auth/cookies.ts';
import { startSession } from '../../src/web/auth/sessions.ts';
import { parseTrustedProxies } from '../../src/web/trusted-proxy.ts';

export const ORIGIN = 'http://localhost';

export interface TestApp {
  readonly app: ReturnType<typeof createApp>;
  readonly db: Db;
  readonly logs: string[];
  readonly engine: EnginePool;
  now(): Date;
  advance(ms: number): void;
  close(): Promise<void>;
}

export async function startTestApp(
  options: {
    secureCookies?: boolean;
    /** CORRIDOR_TRUST_PROXY's value, e.g. `10.0.0.5,10.1.0.0/16`. */
    trustProxy?: string;
    engine?: Partial<EnginePoolSettings>;
  } = {},
): Promise<TestApp> {
  const trusted = options.trustProxy === undefined ? undefined : parseTrustedProxies(options.trustProxy);
  if (trusted && !trusted.ok) throw new Error(`bad trustProxy entry ${trusted.bad}`);
  const dir = mkdtempSync(join(tmpdir(), 'corridor-web-'));
  const db = await openDatabase({ url: `file:${join(dir, 'test.db')}` });
  await migrateDatabase(db);
  let now = new Date('2026-03-02T09:00:00Z');
  const logs: string[] = [];
  const engine = new EnginePool(options.engine);
  const reports = new ReportPool();
  const app = createApp({
    reports: reports.render,
    db,
    clock: () => now,
    log: (line) => logs.push(line),
    secureCookies: options.secureCookies,
    trustedProxies: trusted?.proxies,
    engine,
  });
  return {
    app,
    db,
    logs,
    engine,
    now: () => now,
    advance: (ms) => {
      now = new Date(now.getTime() + ms);
    },
    close: async () => {
      closeDatabase(db);
      await engine.close();
      await reports.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function addUser(
  db: Db,
  username: string,
  password: string,
  extra: { isAdmin?: boolean; displayName?: string } = {},
): Promise<User> {
  return createUser(
    db,
    {
      username,
      displayName: extra.displayName ?? username,
      passwordHash: await hashPassword(password),
      isAdmin: extra.isAdmin ?? false,
    },
    null,
    new Date(),
  );
}

export interface Call {
  readonly cookie?: string;
  /** The peer address the server sees (what @hono/node-server passes as bindings). */
  readonly address?: string;
  readonly headers?: Record<string, string>;
}

const bindings = (address: string | undefined) =>
  address ? { incoming: { socket: { remoteAddress: address } } } : undefined;

export function get(t: TestApp, path: string, call: Call = {}): Promise<Response> {
  const headers: Record<string, string> = { ...call.headers };
  if (call.cookie) headers.cookie = call.cookie;
  return Promise.resolve(t.app.request(path, { headers }, bindings(call.address)));
}

/** A same-origin form post, as a browser sends it. */
export function post(
  t: TestApp,
  path: string,
  fields: Record<string, string> | string,
  call: Call = {},
): Promise<Response> {
  const headers: Record<string, string> = {
    origin: ORIGIN,
    'content-type': 'application/x-www-form-urlencoded',
    ...call.headers,
  };
  if (call.cookie) headers.cookie = call.cookie;
  const body = typeof fields === 'string' ? fields : new URLSearchParams(fields).toString();
  return Promise.resolve(t.app.request(path, { method: 'POST', headers, body }, bindings(call.address)));
}

/** The `name=value` pair of a Set-Cookie header, ready to send back. */
export function cookieFrom(res: Response, name: string): string | undefined {
  const line = res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
  return line?.split(';')[0];
}

export const setCookieLine = (res: Response, name: string): string | undefined =>
  res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));

export async function login(
  t: TestApp,
  username: string,
  password: string,
  call: Call = {},
): Promise<{ res: Response; cookie: string }> {
  const res = await post(t, '/login', { username, password }, call);
  const cookie = cookieFrom(res, 'corridor_session');
  if (res.status !== 303 || !cookie) throw new Error(`login as ${username} failed with ${res.status}`);
  return { res, cookie };
}

/** A signed-in session for an existing user, made directly: signing in through the form hashes a password each time. */
export async function sessionCookie(t: TestApp, username: string): Promise<string> {
  const user = await findUserByUsername(t.db, username);
  if (!user) throw new Error(`no user ${username}`);
  const { token } = await startSession(t.db, user.id, t.now(), { ip: null, userAgent: null });
  return `${SESSION_COOKIE}=${token}`;
}

/** A session cookie per username, made once each: `const as = sessions(() => t); await as('expert1')`. */
export function sessions(app: () => TestApp): (username: string) => Promise<string> {
  const made = new Map<string, Promise<string>>();
  return (username) => {
    if (!made.has(username)) made.set(username, sessionCookie(app(), username));
    return made.get(username)!;
  };
}

/** The test app with the Hexi Corridor demo seeded (round 1 open, five evaluators with illustrative scores). */
export async function startDemoApp(adminPassword = 'admin-password-for-tests'): Promise<TestApp> {
  const t = await startTestApp();
  await seedIfEmpty(t.db, { adminPassword, demo: true, log: () => {}, clock: t.now });
  return t;
}
