/**
 * Two real server processes (`bin/corridor.js serve`) on one database file, behind a round-robin proxy written
 * here: whatever one process writes (sessions, login attempts, score versions, snapshots, report renders, import
 * jobs), the other must see, because nothing another instance needs is kept in process memory (README, Several
 * processes).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ASSESSMENT, demoEvaluators } from '../../src/db/demo/hexi-demo.ts';
import { printedPassword, tempDir } from '../db/fixtures.ts';

const BIN = fileURLToPath(new URL('../../bin/corridor.js', import.meta.url));
const CODE = DEMO_ASSESSMENT.code;

interface Instance {
  readonly child: ChildProcess;
  readonly url: string;
  output(): string;
}

async function serve(databaseUrl: string): Promise<Instance> {
  const child = spawn(process.execPath, [BIN, 'serve'], {
    env: { PATH: process.env.PATH, DATABASE_URL: databaseUrl, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (chunk) => (out += String(chunk)));
  child.stderr!.on('data', (chunk) => (out += String(chunk)));
  const url = await new Promise<string>((resolve, reject) => {
    const listening = () => {
      const match = /Corridor is listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]!);
    };
    child.stdout!.on('data', listening);
    child.once('exit', (code) => reject(new Error(`serve exited with ${code} before listening:\n${out}`)));
  });
  return { child, url, output: () => out };
}

/**
 * Sends each request to the next instance in turn, body and headers as they came (the Host too, so the apps'
 * origin check sees the proxy's address), and says in `x-served-by` which instance answered.
 */
function roundRobin(backends: readonly string[]): Promise<{ server: Server; url: string }> {
  let next = 0;
  const server = createServer((req, res) => {
    const index = next++ % backends.length;
    const target = new URL(req.url ?? '/', backends[index]);
    const upstream = request(target, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, { ...answer.headers, 'x-served-by': String(index) });
      answer.pipe(res);
    });
    upstream.on('error', () => {
      res.writeHead(502).end();
    });
    req.pipe(upstream);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
    ),
  );
}

const servedBy = (res: Response) => res.headers.get('x-served-by');

describe('two server processes on one database file behind a round-robin proxy', () => {
  const temp = tempDir('corridor-two-');
  const instances: Instance[] = [];
  let proxy: { server: Server; url: string };
  let seedOutput = '';

  const login = (username: string, password: string) =>
    fetch(`${proxy.url}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { Origin: proxy.url, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username, password }),
    });
  const signIn = async (username: string) => {
    const res = await login(username, printedPassword(seedOutput, username));
    expect(res.status, `sign-in of ${username}`).toBe(303);
    return res.headers.get('set-cookie')!.split(';')[0]!;
  };
  const api = (path: string, cookie: string, init: RequestInit = {}) =>
    fetch(`${proxy.url}/api/assessments/${CODE}${path}`, {
      ...init,
      headers: { cookie, origin: proxy.url, 'content-type': 'application/json', ...init.headers },
    });

  beforeAll(async () => {
    // One after the other: the first migrates and seeds the demo, the second finds the file ready.
    instances.push(await serve(temp.url()));
    seedOutput = instances[0]!.output();
    instances.push(await serve(temp.url()));
    expect(instances[1]!.output()).toMatch(/nothing seeded/);
    proxy = await roundRobin(instances.map((i) => i.url));
  }, 60_000);

  afterAll(async () => {
    proxy?.server.close();
    for (const instance of instances) {
      if (instance.child.exitCode !== null) continue;
      const exited = once(instance.child, 'exit');
      instance.child.kill('SIGTERM');
      await exited;
    }
    temp.cleanup();
  });

  it('keeps a session made by one process signed in on the other, and ends it on both', async () => {
    const cookie = await signIn(demoEvaluators[0]!.username);
    const served = new Set<string | null>();
    for (let k = 0; k < 4; k++) {
      const home = await fetch(proxy.url, { headers: { cookie, 'Accept-Language': 'en' } });
      expect(home.status).toBe(200);
      expect(await home.text()).toContain(DEMO_ASSESSMENT.nameEn);
      served.add(servedBy(home));
    }
    expect(served).toEqual(new Set(['0', '1']));
    const out = await fetch(`${proxy.url}/logout`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, Origin: proxy.url },
    });
    expect(out.status).toBe(303);
    for (let k = 0; k < 2; k++) {
      const after = await api('/scores', cookie);
      expect(after.status, `served by ${servedBy(after)}`).toBe(401);
    }
  }, 30_000);

  it('refuses a stale score version with 409 whichever process answers', async () => {
    const cookie = await signIn(demoEvaluators[1]!.username);
    const own = (await (await api('/scores', cookie)).json()) as {
      cells: { city: string; indicator: string; value: number | null; version: number }[];
    };
    const cell = own.cells[0]!;
    let version = cell.version;
    const refusedBy = new Set<string | null>();
    for (let k = 0; k < 4; k++) {
      const body = { city: cell.city, indicator: cell.indicator, value: 1 + ((k + 2) % 9) };
      const saved = await api('/scores', cookie, { method: 'PUT', body: JSON.stringify({ ...body, version }) });
      expect(saved.status).toBe(200);
      const next = ((await saved.json()) as { version: number }).version;
      expect(next).toBe(version + 1);
      // The version just replaced, sent again twice: once to each process.
      for (let again = 0; again < 2; again++) {
        const stale = await api('/scores', cookie, { method: 'PUT', body: JSON.stringify({ ...body, version }) });
        expect(stale.status).toBe(409);
        expect(((await stale.json()) as { stored: { version: number } }).stored.version).toBe(next);
        refusedBy.add(servedBy(stale));
      }
      version = next;
    }
    expect(refusedBy).toEqual(new Set(['0', '1']));
    const last = (await (await api('/scores', cookie)).json()) as typeof own;
    expect(last.cells.find((c) => c.city === cell.city && c.indicator === cell.indicator)?.version).toBe(version);
  }, 30_000);

  it('counts failed sign-ins against one limit across both processes', async () => {
    const username = demoEvaluators[2]!.username;
    const failedOn = new Set<string | null>();
    for (let k = 0; k < 5; k++) {
      const res = await login(username, 'not the password');
      expect(res.status).toBe(422);
      failedOn.add(servedBy(res));
    }
    expect(failedOn).toEqual(new Set(['0', '1']));
    // The right password now, on either process: this account's limit from this address (both processes see the
    // proxy's) is reached whoever counted the failures.
    for (let k = 0; k < 2; k++) {
      const res = await login(username, printedPassword(seedOutput, username));
      expect(res.status, `served by ${servedBy(res)}`).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    }
  }, 30_000);

  it('publishes through one process and serves the snapshot and its report through both', async () => {
    const admin = await signIn('admin');
    const published = await api('/snapshots', admin, { method: 'POST' });
    expect(published.status, await published.clone().text()).toBe(201);
    const { id } = (await published.json()) as { id: number };
    const listedBy = new Set<string | null>();
    for (let k = 0; k < 2; k++) {
      const list = await api('/snapshots', admin);
      expect(list.status).toBe(200);
      const { snapshots } = (await list.json()) as { snapshots: { id: number }[] };
      expect(snapshots.map((s) => s.id)).toContain(id);
      listedBy.add(servedBy(list));
    }
    expect(listedBy).toEqual(new Set(['0', '1']));

    // Asked for on both processes at once: one claims the render, the other waits for the same row.
    const address = `${proxy.url}/assessments/${CODE}/snapshots/${id}/report.pdf?lang=en`;
    const ask = () => fetch(address, { headers: { cookie: admin } });
    const first = await Promise.all([ask(), ask()]);
    expect(new Set(first.map(servedBy))).toEqual(new Set(['0', '1']));
    for (const res of first) expect([200, 202]).toContain(res.status);
    // Polled on alternate processes until the render is done, then fetched from each.
    const status = `${proxy.url}/assessments/${CODE}/snapshots/${id}/report-status?kind=report&lang=en`;
    for (let polls = 0; ; polls++) {
      const poll = await fetch(status, { headers: { cookie: admin } });
      expect(poll.status).toBe(200);
      const html = await poll.text();
      expect(html).not.toContain('notice--error');
      // A render under way polls again (hx-get); a finished one only links to the PDF.
      if (!html.includes('hx-get=')) break;
      expect(polls).toBeLessThan(120);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const bodies: Buffer[] = [];
    const fetchedBy = new Set<string | null>();
    for (let k = 0; k < 2; k++) {
      const pdf = await ask();
      expect(pdf.status).toBe(200);
      expect(pdf.headers.get('content-type')).toBe('application/pdf');
      bodies.push(Buffer.from(await pdf.arrayBuffer()));
      fetchedBy.add(servedBy(pdf));
    }
    expect(fetchedBy).toEqual(new Set(['0', '1']));
    expect(bodies[0]!.subarray(0, 5).toString()).toBe('%PDF-');
    // The same stored PDF from both: rendered once, not once per process.
    expect(bodies[0]!.equals(bodies[1]!)).toBe(true);
  }, 90_000);
  it('checks an upload on one process, shows its progress and preview on both, and imports it once', async () => {
    const admin = await signIn('admin');
    const lines = ['city,indicator,year,value,source'];
    // Enough rows that the check spans a few slices, so early polls may find it under way.
    for (let year = 1901; year <= 2100; year++)
      for (const city of ['wuwei', 'jinchang', 'zhangye', 'jiayuguan', 'jiuquan'])
        lines.push(`${city},primary_share_change,${year},${year / 100},Two-process bulletin`);
    const form = new FormData();
    form.append('file', new File([`${lines.join('\n')}\n`], 'two.csv'));
    const base = `${proxy.url}/assessments/${CODE}/import`;
    const uploaded = await fetch(base, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: admin, origin: proxy.url },
      body: form,
    });
    expect(uploaded.status).toBe(303);
    const job = new URL(uploaded.headers.get('location')!, proxy.url).href;
    const polledBy = new Set<string | null>();
    for (let polls = 0; ; polls++) {
      const progress = await fetch(`${job}/progress`, { headers: { cookie: admin } });
      polledBy.add(servedBy(progress));
      if (progress.status === 204) {
        expect(progress.headers.get('hx-refresh')).toBe('true');
        break;
      }
      expect(progress.status).toBe(200);
      expect(polls).toBeLessThan(200);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    for (let k = 0; k < 2; k++) {
      const page = await fetch(job, { headers: { cookie: admin, 'Accept-Language': 'en' } });
      expect(page.status, `served by ${servedBy(page)}`).toBe(200);
      expect(await page.text()).toContain(`${lines.length - 1} rows ready`);
      polledBy.add(servedBy(page));
    }
    expect(polledBy).toEqual(new Set(['0', '1']));

    // Confirmed twice at once, one request to each process: one claims the job and writes, the other finds it taken.
    const confirm = () =>
      fetch(`${job}/commit`, { method: 'POST', redirect: 'manual', headers: { cookie: admin, origin: proxy.url } });
    const answers = await Promise.all([confirm(), confirm()]);
    expect(new Set(answers.map(servedBy))).toEqual(new Set(['0', '1']));
    expect(answers.map((a) => a.status).sort()).toEqual([303, 404]);
    const db = await temp.open();
    const written = await db.$client.execute(
      "select count(*) as n from indicator_values where source = 'Two-process bulletin'",
    );
    expect(Number(written.rows[0]!.n)).toBe(lines.length - 1);
    const audited = await db.$client.execute(
      "select count(*) as n from audit_log where action = 'statistics.import' and json_extract(after, '$.file') = 'two.csv'",
    );
    expect(Number(audited.rows[0]!.n)).toBe(1);
  }, 60_000);
});
