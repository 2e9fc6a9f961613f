import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../src/db/client.ts';
import { DEMO_ASSESSMENT, demoEvaluators } from '../../src/db/demo/hexi-demo.ts';
import { printedPassword, rowCounts, tempDir } from '../db/fixtures.ts';

const BIN = fileURLToPath(new URL('../../bin/corridor.js', import.meta.url));

interface Server {
  readonly child: ChildProcess;
  readonly url: string;
  output(): string;
}

/**
 * `node bin/corridor.js serve` as `npm start` runs it, on a port the OS picks (PORT=0), resolved once it prints its
 * URL.
 */
async function start(env: NodeJS.ProcessEnv): Promise<Server> {
  const child = spawn(process.execPath, [BIN, 'serve'], {
    env: { PATH: process.env.PATH, ...env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += String(chunk)));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      stdout += String(chunk);
      const match = /Corridor is listening on (http:\/\/\S+)/.exec(stdout);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) =>
      reject(new Error(`serve exited with ${code} before listening:\n${stdout}\n${stderr}`)),
    );
  });
  return { child, url, output: () => stdout + stderr };
}

async function stop(server: Server): Promise<number | null> {
  const exited = once(server.child, 'exit');
  server.child.kill('SIGTERM');
  const [code] = await exited;
  return code as number | null;
}

/** Signs in through the real login form (with the Origin header a browser sends) and returns the session cookie. */
async function login(url: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Origin: url, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username, password }),
  });
  expect(response.status, `login of ${username}`).toBe(303);
  const cookie = response.headers.get('set-cookie');
  expect(cookie).toBeTruthy();
  return cookie!.split(';')[0];
}

describe('corridor serve (npm start)', () => {
  let temp: ReturnType<typeof tempDir>;
  const running: Server[] = [];
  beforeEach(() => {
    temp = tempDir();
  });
  afterEach(async () => {
    for (const server of running.splice(0)) if (server.child.exitCode === null) await stop(server);
    temp.cleanup();
  });

  it('migrates and seeds a new database, serves the demo to its users, stops on SIGTERM, and seeds nothing on the next start', async () => {
    const env = { DATABASE_URL: temp.url('data/corridor.db') };
    const first = await start(env);
    running.push(first);
    expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const health = await fetch(`${first.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });

    // The administrator sees every assessment; each of the five evaluators sees the demo as an evaluator.
    for (const [username, group, role] of [
      ['admin', 'all', 'Panel chair'],
      ...demoEvaluators.map((e) => [e.username, 'evaluator', 'Evaluator']),
    ]) {
      const cookie = await login(first.url, username, printedPassword(first.output(), username));
      const home = await fetch(first.url, { headers: { Cookie: cookie, 'Accept-Language': 'en' } });
      expect(home.status).toBe(200);
      const html = await home.text();
      const section = html.match(new RegExp(`<section[^>]*data-group="${group}"[\\s\\S]*?</section>`))?.[0] ?? '';
      expect(section, username).toContain(DEMO_ASSESSMENT.nameEn);
      expect(section, username).toContain(`<span class="badge badge--role">${role}</span>`);
    }

    expect(await stop(first)).toBe(0);
    expect(first.output()).toMatch(/Received SIGTERM: shutting down\./);

    const db = await openDatabase({ url: env.DATABASE_URL });
    const counts = await rowCounts(db);
    closeDatabase(db);
    expect(counts).toMatchObject({ users: 7, assessments: 1, alternatives: 5 });

    const second = await start(env);
    running.push(second);
    expect(second.output()).toMatch(/nothing seeded/);
    expect(second.output()).not.toMatch(/password:/);
    expect(await stop(second)).toBe(0);
    const again = await openDatabase({ url: env.DATABASE_URL });
    expect(await rowCounts(again)).toMatchObject({
      users: counts.users,
      assessments: counts.assessments,
      scores: counts.scores,
    });
    closeDatabase(again);
    // Two server processes and six scrypt hashes: allow for a busy machine.
  }, 60_000);

  it('behind a trusted proxy (CORRIDOR_TRUST_PROXY), limits clients by X-Forwarded-For and honours its https', async () => {
    const server = await start({
      DATABASE_URL: temp.url(),
      CORRIDOR_DEMO: 'off',
      CORRIDOR_ADMIN_PASSWORD: 'admin-password-for-tests',
      // The test's requests come from the loopback address, IPv4 or IPv6: it plays the proxy.
      CORRIDOR_TRUST_PROXY: '127.0.0.1,::1',
    });
    running.push(server);
    const attempt = (client: string, proto = 'http') =>
      fetch(`${server.url}/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          Origin: server.url,
          'Content-Type': 'application/x-www-form-urlencoded',
          'X-Forwarded-For': client,
          'X-Forwarded-Proto': proto,
        },
        body: new URLSearchParams({ username: 'admin', password: 'wrong' }),
      });
    for (let i = 0; i < 5; i++) expect((await attempt('192.0.2.1')).status).toBe(422);
    const held = await attempt('192.0.2.1');
    expect(held.status).toBe(429);
    expect(Number(held.headers.get('retry-after'))).toBeGreaterThan(60);
    // Past the account's 1 s delay, another client behind the same proxy is not held by the first one's limit.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const other = await attempt('192.0.2.2', 'https');
    expect(other.status).toBe(422);
    expect(other.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    expect((await attempt('192.0.2.1')).status).toBe(429);
  }, 60_000);

  it('exits 1 naming CORRIDOR_TRUST_PROXY when it is not a list of addresses or ranges', async () => {
    const child = spawn(process.execPath, [BIN, 'serve'], {
      env: { PATH: process.env.PATH, DATABASE_URL: temp.url(), CORRIDOR_TRUST_PROXY: '10.0.0.1,proxy.local' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    const [code] = await once(child, 'exit');
    expect(code).toBe(1);
    expect(stderr).toBe(
      'corridor serve: CORRIDOR_TRUST_PROXY must be a comma-separated list of IP addresses or CIDR ranges (e.g. 10.0.0.5,10.1.0.0/16), not "proxy.local"\n',
    );
  });

  it('exits 1 with a clear message when a setting is unusable', async () => {
    const child = spawn(process.execPath, [BIN, 'serve'], {
      env: { PATH: process.env.PATH, DATABASE_URL: temp.url(), CORRIDOR_DEMO: 'perhaps' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    const [code] = await once(child, 'exit');
    expect(code).toBe(1);
    expect(stderr).toBe('corridor serve: CORRIDOR_DEMO must be "on" or "off", not "perhaps"\n');
  });
});
