/**
 * The HTTP part of `npm run bench` (issue 8): the real server process on a database file holding a 100-city ×
 * 24-indicator assessment with 50 evaluators, driven by autocannon from this process. Autosave is
 * `PUT /api/assessments/:code/scores` from 50 connections, one evaluator each, every connection keeping its own
 * cells' versions as a browser tab would; afterwards the rows and audit entries are counted against the
 * acknowledged saves. The start page is `GET /` signed in. `BENCH_SERVER=path/to/bin/corridor.js` measures another
 * build (an older checkout) on the same data, for a before-and-after in one run.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { count, eq, sql } from 'drizzle-orm';
import { closeDatabase, type Db, migrateDatabase, openDatabase } from '../../src/db/client.ts';
import type { UserId } from '../../src/db/ids.ts';
import {
  alternatives,
  assessments,
  auditLog,
  dimensions,
  indicators,
  panelMembers,
  rounds,
  scores,
  users,
} from '../../src/db/schema.ts';
import { seedIfEmpty } from '../../src/db/seed.ts';
import { SESSION_COOKIE } from '../../src/web/auth/cookies.ts';
import { startSession } from '../../src/web/auth/sessions.ts';

export const CITIES = 100;
export const INDICATORS = 24;
export const EVALUATORS = 50;
export const CODE = 'bench';
const DIMENSIONS = ['planning', 'policy', 'industry', 'social'];

export interface Seeded {
  readonly cookies: readonly string[];
  readonly cells: readonly { readonly city: string; readonly indicator: string }[];
}

export interface Shape {
  readonly cities: number;
  readonly indicators: number;
  readonly evaluators: number;
}

/**
 * An assessment `bench` of the given shape (expert indicators on a 1–9 scale over the four dimensions), its
 * panel and a session per evaluator, written straight to the database; with an administrator when it has none.
 */
export async function seed(
  db: Db,
  shape: Shape = { cities: CITIES, indicators: INDICATORS, evaluators: EVALUATORS },
): Promise<Seeded> {
  await migrateDatabase(db);
  await seedIfEmpty(db, { adminPassword: 'bench-admin-password', demo: false, log: () => {} });
  const now = new Date();
  const [admin] = await db.select().from(users).where(eq(users.username, 'admin'));
  const [{ id: assessmentId }] = await db
    .insert(assessments)
    .values({
      code: CODE,
      nameEn: 'Benchmark assessment',
      nameZh: '基准评估',
      regionEn: 'Benchmark region',
      regionZh: '基准地区',
      period: '2026',
      status: 'open',
      methodSettings: { method: { name: 'topsis' } },
      createdBy: admin!.id,
      createdAt: now,
    })
    .returning({ id: assessments.id });
  const dims = await db
    .insert(dimensions)
    .values(DIMENSIONS.map((code, position) => ({ assessmentId, code, nameEn: code, nameZh: code, position })))
    .returning();
  const cities = Array.from({ length: shape.cities }, (_, k) => `city-${k}`);
  await db
    .insert(alternatives)
    .values(cities.map((code, position) => ({ assessmentId, code, nameEn: code, nameZh: code, position })));
  const inds = Array.from({ length: shape.indicators }, (_, k) => `ind-${k}`);
  await db.insert(indicators).values(
    inds.map((code, position) => ({
      assessmentId,
      dimensionId: dims[position % dims.length]!.id,
      code,
      nameEn: code,
      nameZh: code,
      direction: 'benefit' as const,
      source: 'expert' as const,
      scaleMin: 1,
      scaleMax: 9,
      position,
    })),
  );
  const ids: UserId[] = [];
  for (let k = 0; k < shape.evaluators; k++) {
    const [user] = await db
      .insert(users)
      .values({
        username: `bench${k}`,
        displayName: `Bench ${k}`,
        passwordHash: admin!.passwordHash,
        isAdmin: false,
        createdAt: now,
      })
      .returning();
    ids.push(user!.id);
  }
  await db.insert(panelMembers).values(ids.map((userId) => ({ assessmentId, userId, role: 'evaluator' as const })));
  await db.insert(rounds).values({ assessmentId, number: 1, status: 'open', opensAt: now });
  const cookies: string[] = [];
  for (const id of ids) {
    const { token } = await startSession(db, id, now, { ip: null, userAgent: null });
    cookies.push(`${SESSION_COOKIE}=${token}`);
  }
  return { cookies, cells: cities.flatMap((city) => inds.map((indicator) => ({ city, indicator }))) };
}

/**
 * Every evaluator scores every cell of the open round, with pseudo-random values 1…9 from `seed` (the same seed,
 * the same scores): the full grid that the results and the AHP editor work on.
 */
export async function scoreEveryCell(db: Db, cells: Seeded['cells'], seed: number): Promise<void> {
  // The bench's assessment only: a database may hold others (the demo, in the browser tests).
  const [own] = await db.select().from(assessments).where(eq(assessments.code, CODE));
  const id = own!.id;
  const [round] = await db.select().from(rounds).where(eq(rounds.assessmentId, id));
  const experts = (await db.query.panelMembers.findMany({ where: (m, { eq: is }) => is(m.assessmentId, id) })).map(
    (m) => m.userId,
  );
  const cities = await db.select().from(alternatives).where(eq(alternatives.assessmentId, id));
  const cityId = new Map(cities.map((c) => [c.code, c.id]));
  const inds = await db.select().from(indicators).where(eq(indicators.assessmentId, id));
  const indId = new Map(inds.map((i) => [i.code, i.id]));
  let x = seed;
  const values = experts.flatMap((expertId) =>
    cells.map((cell) => {
      x = (x * 48271) % 2147483647;
      return {
        roundId: round!.id,
        expertId,
        alternativeId: cityId.get(cell.city)!,
        indicatorId: indId.get(cell.indicator)!,
        value: 1 + (x % 9),
        updatedAt: new Date(),
      };
    }),
  );
  for (let k = 0; k < values.length; k += 1000) await db.insert(scores).values(values.slice(k, k + 1000));
}

export interface Server {
  readonly url: string;
  readonly child: ChildProcess;
}

export function startServer(entry: string, databaseUrl: string, profileDir?: string): Promise<Server> {
  const child = spawn(
    process.execPath,
    [...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []), entry, 'serve', '--port', '0'],
    {
      env: { ...process.env, DATABASE_URL: databaseUrl, CORRIDOR_DEMO: 'off', NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((done, fail) => {
    let out = '';
    const listening = (chunk: Buffer) => {
      out += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      if (!url) return;
      // The request log keeps coming: read it and let it go.
      child.stdout!.off('data', listening).on('data', () => {});
      done({ url, child });
    };
    child.stdout!.on('data', listening);
    child.on('exit', (code) => fail(new Error(`the server exited with ${code} before listening:\n${out}`)));
  });
}

export const stopServer = (server: Server) =>
  new Promise<void>((done) => {
    server.child.on('exit', () => done());
    server.child.kill('SIGTERM');
  });

export interface LoadFigures {
  readonly label: string;
  readonly requests: number;
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
  readonly non2xx: number;
}

export const figures = (label: string, r: autocannon.Result): LoadFigures => ({
  label,
  requests: r.requests.total,
  perSecond: r.requests.total / (r.duration || 1),
  p50: r.latency.p50,
  p99: r.latency.p99,
  errors: r.errors + r.timeouts,
  non2xx: r.non2xx,
});

export interface Walk {
  /** `evaluator:city:indicator` → the version the server last acknowledged. */
  readonly acknowledged: Map<string, number>;
  /** How far each evaluator has got through the grid. */
  readonly positions: number[];
}

/**
 * One connection per evaluator; each walks the grid in its own order, sending the version it last got back
 * (kept across runs in `walk`, as a browser tab keeps it across saves). The state lives outside autocannon's
 * per-request context, which is reset every time its list of requests starts over.
 */
export function autosave(
  url: string,
  seeded: Seeded,
  seconds: number,
  walk: Walk,
  statuses: Map<number, number>,
  evaluators = EVALUATORS,
) {
  let next = 0;
  return autocannon({
    url: `${url}/api/assessments/${CODE}/scores`,
    connections: evaluators,
    duration: seconds,
    setupClient: (client) => {
      const evaluator = next++ % evaluators;
      let cell = '';
      client.setRequests([
        {
          method: 'PUT',
          setupRequest: (req) => {
            const k = walk.positions[evaluator]!++;
            const target = seeded.cells[(evaluator * 37 + k) % seeded.cells.length]!;
            cell = `${evaluator}:${target.city}:${target.indicator}`;
            return {
              ...req,
              headers: { 'content-type': 'application/json', origin: url, cookie: seeded.cookies[evaluator]! },
              body: JSON.stringify({ ...target, value: 1 + (k % 9), version: walk.acknowledged.get(cell) ?? 0 }),
            };
          },
          onResponse: (status, body) => {
            statuses.set(status, (statuses.get(status) ?? 0) + 1);
            if (status === 200) walk.acknowledged.set(cell, (JSON.parse(body) as { version: number }).version);
            // A save still in flight when the previous run stopped was applied unseen: carry on from the stored one.
            if (status === 409)
              walk.acknowledged.set(cell, (JSON.parse(body) as { stored: { version: number } }).stored.version);
          },
        },
      ]);
    },
  });
}

const load = (url: string, seconds: number, cookie?: string) =>
  autocannon({ url, connections: EVALUATORS, duration: seconds, headers: cookie ? { cookie } : {} });

export interface HttpBench {
  readonly entry: string;
  /** The lightest route through the whole stack (one `select 1`): what this machine's ceiling is. */
  readonly health: LoadFigures;
  readonly start: LoadFigures;
  readonly save: LoadFigures;
  /** The measured run's answers by status: anything but 200 is a failed save. */
  readonly statuses: Readonly<Record<number, number>>;
  /** Acknowledged saves against what the file holds afterwards. */
  readonly acknowledged: number;
  readonly stored: { readonly rows: number; readonly versions: number; readonly audits: number; readonly lost: number };
}

/** Seeds a fresh file, starts the server from `entry`, drives both loads, stops it and counts. */
export async function httpBench(
  entry: string,
  options: { seconds?: number; profileDir?: string } = {},
): Promise<HttpBench> {
  const seconds = options.seconds ?? 20;
  const dir = mkdtempSync(join(tmpdir(), 'corridor-bench-'));
  const url = `file:${join(dir, 'bench.db')}`;
  try {
    const db = await openDatabase({ url });
    const seeded = await seed(db);
    closeDatabase(db);
    const server = await startServer(entry, url, options.profileDir);
    const walk: Walk = { acknowledged: new Map(), positions: Array.from({ length: EVALUATORS }, () => 0) };
    const statuses = new Map<number, number>();
    let health: autocannon.Result;
    let start: autocannon.Result;
    let save: autocannon.Result;
    try {
      // A short warm-up of each route first, so the JIT is not what gets measured.
      await load(`${server.url}/healthz`, 2);
      health = await load(`${server.url}/healthz`, Math.max(2, seconds / 2));
      await load(`${server.url}/`, 2, seeded.cookies[0]);
      start = await load(`${server.url}/`, Math.max(2, seconds / 2), seeded.cookies[0]);
      await autosave(server.url, seeded, 2, walk, new Map());
      save = await autosave(server.url, seeded, seconds, walk, statuses);
    } finally {
      await stopServer(server);
    }
    const after = await openDatabase({ url });
    try {
      const [rows] = await after.select({ n: count(), versions: sql<number>`sum(${scores.version})` }).from(scores);
      const [audits] = await after
        .select({ n: count() })
        .from(auditLog)
        .where(sql`${auditLog.action} in ('score.create', 'score.update')`);
      const stored = await after
        .select({
          expert: users.username,
          city: alternatives.code,
          indicator: indicators.code,
          version: scores.version,
        })
        .from(scores)
        .innerJoin(users, eq(users.id, scores.expertId))
        .innerJoin(alternatives, eq(alternatives.id, scores.alternativeId))
        .innerJoin(indicators, eq(indicators.id, scores.indicatorId));
      const held = new Map(
        stored.map((s) => [`${s.expert.slice('bench'.length)}:${s.city}:${s.indicator}`, s.version]),
      );
      const lost = [...walk.acknowledged].filter(([cell, version]) => (held.get(cell) ?? 0) < version).length;
      const ackd = [...walk.acknowledged.values()].reduce((a, b) => a + b, 0);
      return {
        entry,
        health: figures('GET /healthz', health),
        start: figures('GET / signed in', start),
        save: figures('PUT …/scores (autosave)', save),
        statuses: Object.fromEntries(statuses),
        acknowledged: ackd,
        stored: { rows: rows!.n, versions: Number(rows!.versions ?? 0), audits: audits!.n, lost },
      };
    } finally {
      closeDatabase(after);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function httpTable(runs: readonly HttpBench[]): string[] {
  const lines = [
    '| build | route | requests/s | p50 (ms) | p99 (ms) | errors | non-2xx |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const run of runs) {
    for (const f of [run.health, run.start, run.save]) {
      lines.push(
        `| ${run.entry} | ${f.label} | ${Math.round(f.perSecond)} | ${f.p50} | ${f.p99} | ${f.errors} | ${f.non2xx} |`,
      );
    }
  }
  lines.push('');
  for (const run of runs) {
    lines.push(
      `${run.entry}: ${run.acknowledged} saves acknowledged; the file holds ${run.stored.rows} cells whose versions ` +
        `add up to ${run.stored.versions}, ${run.stored.audits} score audit entries, ${run.stored.lost} acknowledged ` +
        `saves missing; answers by status ${JSON.stringify(run.statuses)}.`,
    );
  }
  return lines;
}

export const DIST_ENTRY = resolve(import.meta.dirname, '../../bin/corridor.js');

export async function httpRows(): Promise<string[]> {
  const entries = [...(process.env.BENCH_SERVER ? [resolve(process.env.BENCH_SERVER)] : []), DIST_ENTRY];
  const runs: HttpBench[] = [];
  for (const entry of entries) runs.push(await httpBench(entry));
  return httpTable(runs);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  for (const line of await httpRows()) console.log(line);
}
