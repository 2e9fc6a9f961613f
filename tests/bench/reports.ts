/**
 * PDF reports: the demo's report and a city brief through the report pool (a worker thread, as the server does
 * it), and a 300-city × 40-indicator report in a fresh process (time and memory). Medians; printed, never
 * asserted. `npx tsx tests/bench/reports.ts` runs it alone.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { ReportPool } from '../../src/app/report-pool/pool.ts';
import type { ReportJob } from '../../src/app/reports.ts';
import { closeDatabase, openDatabase } from '../../src/db/client.ts';
import { assessments, resultSnapshots, users } from '../../src/db/schema.ts';
import { ENGINE_VERSION } from '../../src/engine/index.ts';
import { SESSION_COOKIE } from '../../src/web/auth/cookies.ts';
import { startSession } from '../../src/web/auth/sessions.ts';
import { demoMeta, demoSet } from '../report/demo-set.ts';
import { largeSet } from '../report/large-set.ts';
import { autosave, DIST_ENTRY, EVALUATORS, figures, seed, startServer, stopServer, type Walk } from './http.ts';

const CHILD = fileURLToPath(new URL('./report-child.ts', import.meta.url));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function pooled(pool: ReportPool, job: ReportJob, runs: number): Promise<number> {
  await pool.render(job, () => {});
  const times: number[] = [];
  for (let k = 0; k < runs; k++) {
    const start = performance.now();
    await pool.render(job, () => {});
    times.push(performance.now() - start);
  }
  return median(times);
}

export async function reportRows(): Promise<string[]> {
  const pool = new ReportPool();
  const dir = mkdtempSync(join(tmpdir(), 'corridor-bench-reports-'));
  try {
    const set = await demoSet();
    const job = (kind: 'report' | 'brief', locale: 'en' | 'zh'): ReportJob => ({
      kind,
      input: JSON.stringify({ set, meta: demoMeta }),
      locale,
      ...(kind === 'brief' ? { city: 'wuwei' } : {}),
    });
    const demo = {
      reportEn: await pooled(pool, job('report', 'en'), 7),
      reportZh: await pooled(pool, job('report', 'zh'), 7),
      briefZh: await pooled(pool, job('brief', 'zh'), 7),
    };
    const file = join(dir, 'large.json');
    writeFileSync(file, JSON.stringify({ set: largeSet(300, 40), meta: demoMeta }));
    const large = ['en', 'zh'].map((locale) => {
      const runs = Array.from({ length: 3 }, () => {
        const child = spawnSync(process.execPath, ['--import', 'tsx', CHILD, file, locale], {
          encoding: 'utf8',
          maxBuffer: 1 << 20,
        });
        if (child.status !== 0) throw new Error(`report-child failed (${child.status}): ${child.stderr}`);
        return JSON.parse(child.stdout) as { ms: number; bytes: number; heapPeakMb: number; maxRssMb: number };
      });
      return {
        locale,
        ms: median(runs.map((r) => r.ms)),
        heap: median(runs.map((r) => r.heapPeakMb)),
        rss: median(runs.map((r) => r.maxRssMb)),
        bytes: runs[0]!.bytes,
      };
    });
    return [
      '',
      'PDF reports (pdfmake, Noto Sans SC subset embedded). Demo: through the report pool, warm worker, median of 7.',
      '300 cities × 40 indicators: a fresh process each, median of 3; heap is the peak of the heap and array buffers',
      'above the start, RSS the process peak (Node and the fonts included).',
      '',
      '| document | time (ms) | memory | target |',
      '| --- | ---: | --- | --- |',
      `| demo report, English (5 cities) | ${demo.reportEn.toFixed(0)} | | ≤ 400 ms |`,
      `| demo report, Chinese | ${demo.reportZh.toFixed(0)} | | ≤ 400 ms |`,
      `| demo city brief, Chinese | ${demo.briefZh.toFixed(0)} | | |`,
      ...large.map(
        (r) =>
          `| 300 × 40 report, ${r.locale === 'en' ? 'English' : 'Chinese'} (${(r.bytes / 2 ** 20).toFixed(1)} MB) | ${r.ms.toFixed(0)} | heap ${r.heap.toFixed(0)} MB, RSS ${r.rss.toFixed(0)} MB | ≤ 6 s, ≤ 400 MB |`,
      ),
    ];
  } finally {
    await pool.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const BIG_CODE = 'big-report';

/**
 * Score saves on the real server process while two 300-city reports render: the autosave load of the HTTP bench
 * (tests/bench/http.ts) for SAVE_SECONDS alone, then again while an administrator asks for the English and the
 * Chinese report of a 300 × 40 snapshot. The reports render in the server's report pool, off the event loop.
 */
const SAVE_SECONDS = 30;

export async function savesUnderReportsRows(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'corridor-bench-saves-'));
  const url = `file:${join(dir, 'bench.db')}`;
  try {
    const db = await openDatabase({ url });
    const seeded = await seed(db);
    const [admin] = await db.select().from(users).where(eq(users.username, 'admin'));
    const set = largeSet(300, 40);
    const [{ id: assessmentId }] = await db
      .insert(assessments)
      .values({
        code: BIG_CODE,
        nameEn: 'Benchmark report',
        nameZh: '基准报告',
        regionEn: 'Benchmark region',
        regionZh: '基准地区',
        period: '2026',
        status: 'published',
        methodSettings: {},
        createdBy: admin!.id,
        createdAt: new Date(),
      })
      .returning({ id: assessments.id });
    const problem = JSON.stringify(set.problem);
    // The set stands for a published snapshot of a 300-city assessment, stored as publishing stores one.
    const [{ id: snapshotId }] = await db
      .insert(resultSnapshots)
      .values({
        assessmentId,
        createdAt: new Date(),
        createdBy: admin!.id,
        problem,
        result: JSON.stringify(set.result),
        engineVersion: ENGINE_VERSION,
        hash: createHash('sha256').update(problem).digest('hex'),
        published: true,
        comparisonProblem: set.comparisonProblem ? JSON.stringify(set.comparisonProblem) : null,
        comparisonResult: set.comparison ? JSON.stringify(set.comparison) : null,
        labels: JSON.stringify(set.labels),
        rules: JSON.stringify(set.rules),
      })
      .returning({ id: resultSnapshots.id });
    const { token } = await startSession(db, admin!.id, new Date(), { ip: null, userAgent: null });
    closeDatabase(db);
    const server = await startServer(DIST_ENTRY, url);
    const walk: Walk = { acknowledged: new Map(), positions: Array.from({ length: EVALUATORS }, () => 0) };
    try {
      await autosave(server.url, seeded, 3, walk, new Map());
      const statuses = [new Map<number, number>(), new Map<number, number>()] as const;
      const alone = figures('PUT …/scores, alone', await autosave(server.url, seeded, SAVE_SECONDS, walk, statuses[0]));
      const started = performance.now();
      const report = async (lang: string) => {
        const address = `${server.url}/assessments/${BIG_CODE}/snapshots/${snapshotId}/report.pdf?lang=${lang}`;
        for (;;) {
          const res = await fetch(address, { headers: { cookie: `${SESSION_COOKIE}=${token}` } });
          const body = await res.arrayBuffer();
          if (res.status === 200) return { lang, ms: performance.now() - started, bytes: body.byteLength };
          if (res.status !== 202) throw new Error(`report ${lang} answered ${res.status}`);
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
      };
      const [during, ...reports] = await Promise.all([
        autosave(server.url, seeded, SAVE_SECONDS, walk, statuses[1]),
        report('en'),
        report('zh'),
      ]);
      const under = figures('PUT …/scores, two 300-city reports rendering', during);
      return [
        '',
        `Score saves on the server process (${EVALUATORS} connections of autosave, ${SAVE_SECONDS} s each), alone and while`,
        'an administrator asks for the English and the Chinese report of a 300 × 40 snapshot (one report worker):',
        '',
        '| load | requests/s | p50 (ms) | p99 (ms) | errors | non-2xx | statuses |',
        '| --- | ---: | ---: | ---: | ---: | ---: | --- |',
        ...[alone, under].map(
          (f, k) =>
            `| ${f.label} | ${Math.round(f.perSecond)} | ${f.p50} | ${f.p99} | ${f.errors} | ${f.non2xx} | ${JSON.stringify(Object.fromEntries(statuses[k]!))} |`,
        ),
        '',
        ...reports.map(
          (r) =>
            `The ${r.lang === 'en' ? 'English' : 'Chinese'} report (${(r.bytes / 2 ** 20).toFixed(1)} MB) was served ${(r.ms / 1000).toFixed(1)} s after it was asked for.`,
        ),
      ];
    } finally {
      await stopServer(server);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  for (const line of await reportRows()) console.log(line);
  for (const line of await savesUnderReportsRows()) console.log(line);
}
