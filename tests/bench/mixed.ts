/**
 * The mixed workload of `npm run bench` (issue 11, item 8): the real server process on the HTTP bench's assessment
 * (100 cities × 24 indicators, every cell scored), 100 connections at once for MIXED_SECONDS: evaluators autosaving
 * scores, administrators changing the weights and reading the live results, viewers downloading city briefs of a
 * published snapshot (a new PDF for each city and language, so the report worker is busy throughout). Scoring is
 * also measured alone first, on the same connections, for the comparison. Printed, never asserted.
 * `npx tsx tests/bench/mixed.ts [seconds]` runs it alone (a short form checks the bench itself works);
 * `BENCH_PROFILE_DIR=DIR` writes the server's CPU profile there.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { eq } from 'drizzle-orm';
import { closeDatabase, openDatabase } from '../../src/db/client.ts';
import { panelMembers, users } from '../../src/db/schema.ts';
import { SESSION_COOKIE } from '../../src/web/auth/cookies.ts';
import { startSession } from '../../src/web/auth/sessions.ts';
import {
  autosave,
  CITIES,
  CODE,
  DIST_ENTRY,
  figures,
  INDICATORS,
  type LoadFigures,
  type Seeded,
  scoreEveryCell,
  seed,
  startServer,
  stopServer,
  type Walk,
} from './http.ts';

const MIXED_SECONDS = 60;
const ALONE_SECONDS = 15;
/** 100 connections in all. */
const EVALUATORS = 60;
const WEIGHT_EDITORS = 5;
const RESULT_READERS = 15;
const VIEWERS = 20;
/** One weight change a second among the administrators (autocannon's lowest rate), not a script in a loop. */
const WEIGHT_CHANGES_PER_S = 1;
const REQUEST_TIMEOUT_S = 30;
const SPECS = [{ method: 'equal' }, { method: 'entropy' }];

interface Group {
  readonly figures: LoadFigures;
  readonly statuses: Readonly<Record<number, number>>;
}

const tally = (statuses: Map<number, number>) => (status: number) =>
  statuses.set(status, (statuses.get(status) ?? 0) + 1);

/** `count` sessions of users with a seat of `role` (or the administrator's, for `admin`), as cookies. */
async function sessions(databaseUrl: string, count: number, role: 'viewer' | 'admin'): Promise<string[]> {
  const db = await openDatabase({ url: databaseUrl });
  try {
    const [admin] = await db.select().from(users).where(eq(users.username, 'admin'));
    const [{ assessmentId }] = await db.select({ assessmentId: panelMembers.assessmentId }).from(panelMembers);
    const cookies: string[] = [];
    for (let k = 0; k < count; k++) {
      let id = admin!.id;
      if (role === 'viewer') {
        const [viewer] = await db
          .insert(users)
          .values({
            username: `viewer${k}`,
            displayName: `Viewer ${k}`,
            passwordHash: admin!.passwordHash,
            isAdmin: false,
            createdAt: new Date(),
          })
          .returning();
        await db.insert(panelMembers).values({ assessmentId: assessmentId!, userId: viewer!.id, role: 'viewer' });
        id = viewer!.id;
      }
      const { token } = await startSession(db, id, new Date(), { ip: null, userAgent: null });
      cookies.push(`${SESSION_COOKIE}=${token}`);
    }
    return cookies;
  } finally {
    closeDatabase(db);
  }
}

/** One autocannon run of `connections`, each with its own cookie, every request made by `next`. */
function drive(
  base: string,
  seconds: number,
  cookies: readonly string[],
  statuses: Map<number, number>,
  next: (k: number) => { method: 'GET' | 'PUT'; path: string; body?: unknown },
  overallRate?: number,
) {
  let client = 0;
  return autocannon({
    url: base,
    connections: cookies.length,
    duration: seconds,
    // A PDF or a cold evaluation may take longer than autocannon's default 10 s; past this it counts as an error.
    timeout: REQUEST_TIMEOUT_S,
    ...(overallRate ? { overallRate } : {}),
    setupClient: (c) => {
      const cookie = cookies[client++ % cookies.length]!;
      let k = client * 7919;
      c.setRequests([
        {
          setupRequest: (req) => {
            const r = next(k++);
            return {
              ...req,
              method: r.method,
              path: r.path,
              headers: { cookie, origin: base, 'content-type': 'application/json' },
              ...(r.body === undefined ? {} : { body: JSON.stringify(r.body) }),
            };
          },
          onResponse: tally(statuses),
        },
      ]);
    },
  });
}

export interface MixedBench {
  readonly seconds: number;
  readonly alone: Group;
  readonly saves: Group;
  readonly weights: Group;
  readonly results: Group;
  readonly briefs: Group;
}

export async function mixedBench(seconds = MIXED_SECONDS, profileDir?: string): Promise<MixedBench> {
  const dir = mkdtempSync(join(tmpdir(), 'corridor-bench-mixed-'));
  const url = `file:${join(dir, 'bench.db')}`;
  try {
    const db = await openDatabase({ url });
    const seeded: Seeded = await seed(db, { cities: CITIES, indicators: INDICATORS, evaluators: EVALUATORS });
    await scoreEveryCell(db, seeded.cells, 1);
    closeDatabase(db);
    const admins = await sessions(url, WEIGHT_EDITORS + RESULT_READERS, 'admin');
    const viewers = await sessions(url, VIEWERS, 'viewer');
    const server = await startServer(DIST_ENTRY, url, profileDir);
    try {
      const api = `/api/assessments/${CODE}`;
      const published = await fetch(`${server.url}${api}/snapshots`, {
        method: 'POST',
        headers: { cookie: admins[0]!, origin: server.url },
      });
      if (published.status !== 201)
        throw new Error(`publishing answered ${published.status}: ${await published.text()}`);
      const { id } = (await published.json()) as { id: number };
      // Every cell was scored once (version 1) before the server started: the tabs begin from there.
      const acknowledged = new Map<string, number>();
      for (let e = 0; e < EVALUATORS; e++)
        for (const cell of seeded.cells) acknowledged.set(`${e}:${cell.city}:${cell.indicator}`, 1);
      const walk: Walk = { acknowledged, positions: Array.from({ length: EVALUATORS }, () => 0) };
      await autosave(server.url, seeded, 3, walk, new Map(), EVALUATORS);
      const aloneStatuses = new Map<number, number>();
      const aloneSeconds = Math.min(ALONE_SECONDS, seconds);
      const alone = await autosave(server.url, seeded, aloneSeconds, walk, aloneStatuses, EVALUATORS);

      const statuses = Array.from({ length: 4 }, () => new Map<number, number>());
      const [saves, weights, results, briefs] = await Promise.all([
        autosave(server.url, seeded, seconds, walk, statuses[0]!, EVALUATORS),
        drive(
          server.url,
          seconds,
          admins.slice(0, WEIGHT_EDITORS),
          statuses[1]!,
          (k) => ({
            method: 'PUT',
            path: `${api}/weights?note=bench`,
            body: SPECS[k % SPECS.length],
          }),
          WEIGHT_CHANGES_PER_S,
        ),
        drive(server.url, seconds, admins.slice(WEIGHT_EDITORS), statuses[2]!, () => ({
          method: 'GET',
          path: `${api}/results`,
        })),
        drive(server.url, seconds, viewers, statuses[3]!, (k) => ({
          method: 'GET',
          path: `/assessments/${CODE}/snapshots/${id}/cities/city-${k % CITIES}/brief.pdf?lang=${k % 2 ? 'zh' : 'en'}`,
        })),
      ]);
      const group = (label: string, r: autocannon.Result, s: Map<number, number>): Group => ({
        figures: figures(label, r),
        statuses: Object.fromEntries(s),
      });
      return {
        seconds,
        alone: group(`PUT …/scores alone (${EVALUATORS} connections, ${aloneSeconds} s)`, alone, aloneStatuses),
        saves: group(`PUT …/scores (${EVALUATORS} evaluators)`, saves, statuses[0]!),
        weights: group(`PUT …/weights (${WEIGHT_EDITORS} administrators)`, weights, statuses[1]!),
        results: group(`GET …/results (${RESULT_READERS} administrators)`, results, statuses[2]!),
        briefs: group(`GET …/cities/:city/brief.pdf (${VIEWERS} viewers)`, briefs, statuses[3]!),
      };
    } finally {
      await stopServer(server);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function mixedTable(run: MixedBench): string[] {
  const mixed = [run.saves, run.weights, run.results, run.briefs];
  const total = mixed.reduce((sum, g) => sum + g.figures.requests, 0);
  return [
    '',
    `Mixed load on the server process (100 connections, ${run.seconds} s; 100 cities × 24 indicators, every cell`,
    `scored by ${EVALUATORS} evaluators): ${Math.round(total / run.seconds)} requests/s in all. A brief that is not ready`,
    'within 5 s answers 202 (its progress page), which counts as a success here; answers by status in the last column.',
    '',
    '| load | requests/s | p50 (ms) | p99 (ms) | errors | non-2xx | statuses |',
    '| --- | ---: | ---: | ---: | ---: | ---: | --- |',
    ...[run.alone, ...mixed].map(
      ({ figures: f, statuses }) =>
        `| ${f.label} | ${Math.round(f.perSecond)} | ${f.p50} | ${f.p99} | ${f.errors} | ${f.non2xx} | ${JSON.stringify(statuses)} |`,
    ),
  ];
}

export const mixedRows = async (seconds?: number, profileDir?: string) =>
  mixedTable(await mixedBench(seconds, profileDir));

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const seconds = process.argv[2] ? Number(process.argv[2]) : undefined;
  for (const line of await mixedRows(seconds, process.env.BENCH_PROFILE_DIR)) console.log(line);
}
