/**
 * The results page and the PDF reports, server side, through `app.request` on a database file: the page of a
 * 300-city × 40-indicator assessment cold (its data just changed, so the engine runs) and cached (same data
 * version), the demo's report and a city brief, and the 300-city report (time and the worker's peak memory).
 * Medians; printed, never asserted. `npx tsx tests/bench/results.ts` runs it alone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { eq } from 'drizzle-orm';
import { EnginePool } from '../../src/app/engine-pool/pool.ts';
import { ReportPool } from '../../src/app/report-pool/pool.ts';
import { closeDatabase, type Db, migrateDatabase, openDatabase } from '../../src/db/client.ts';
import { assessments, scores } from '../../src/db/schema.ts';
import { seedIfEmpty } from '../../src/db/seed.ts';
import { createApp } from '../../src/web/app.ts';
import { SESSION_COOKIE } from '../../src/web/auth/cookies.ts';
import { startSession } from '../../src/web/auth/sessions.ts';
import { CODE, scoreEveryCell, seed } from './http.ts';

export const BIG = { cities: 300, indicators: 40, evaluators: 5 } as const;

/** The analyses the demo turns on: coordination, obstacles and a 2,000-sample sensitivity run. */
export const FULL_SETTINGS = {
  method: { name: 'topsis' },
  coordination: {},
  obstacles: { top: 5 },
  sensitivity: { samples: 2000, seed: 1 },
};

/** Seeds the generated assessment with every cell scored by every evaluator, and the demo settings. */
export async function seedScored(db: Db): Promise<void> {
  const { cells } = await seed(db, BIG);
  const [assessment] = await db.select().from(assessments).where(eq(assessments.code, CODE));
  await db.update(assessments).set({ methodSettings: FULL_SETTINGS }).where(eq(assessments.id, assessment!.id));
  await scoreEveryCell(db, cells, 11);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function resultsRows(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'corridor-bench-results-'));
  const db = await openDatabase({ url: `file:${join(dir, 'results.db')}` });
  const engine = new EnginePool();
  const reports = new ReportPool();
  try {
    await migrateDatabase(db);
    await seedIfEmpty(db, { adminPassword: 'bench-admin-password', demo: false, log: () => {} });
    await seedScored(db);
    const app = createApp({ db, log: () => {}, engine, reports: reports.render });
    const admin = await db.query.users.findFirst({ where: (u, { eq: is }) => is(u.username, 'admin') });
    const { token } = await startSession(db, admin!.id, new Date(), { ip: null, userAgent: null });
    const cookie = `${SESSION_COOKIE}=${token}`;
    const fetchOk = async (path: string) => {
      const res = await app.request(path, { headers: { cookie } });
      // The bytes as the server sends them: decoding them is the browser's work, not the server's.
      const body = new TextDecoder().decode(await res.arrayBuffer());
      if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
      return body;
    };
    const page = async () => {
      const start = performance.now();
      const body = await fetchOk(`/assessments/${CODE}/results`);
      return { ms: performance.now() - start, firstLook: body.includes('aria-busy="true"') };
    };
    const [cell] = await db.select().from(scores).limit(1);
    const cold: number[] = [];
    const whole: number[] = [];
    const cached: number[] = [];
    let firstLooks = 0;
    await page();
    await fetchOk(`/assessments/${CODE}/results/complete`);
    for (let k = 0; k < 7; k++) {
      // A changed rationale raises the data version: the next page evaluates the Problem again.
      await db
        .update(scores)
        .set({ rationale: `bench ${k}` })
        .where(eq(scores.id, cell!.id));
      const start = performance.now();
      const first = await page();
      cold.push(first.ms);
      if (first.firstLook) firstLooks++;
      // What htmx asks for at once: the whole body, which the first look's evaluation is already making.
      await fetchOk(`/assessments/${CODE}/results/complete`);
      whole.push(performance.now() - start);
      for (let j = 0; j < 5; j++) cached.push((await page()).ms);
    }
    return [
      '',
      `Results page, server time through app.request, ${BIG.cities} cities × ${BIG.indicators} expert indicators × ` +
        `${BIG.evaluators} evaluators, TOPSIS with coordination, obstacles and 2,000 sensitivity samples:`,
      '',
      '| page | median (ms) | runs | target (ms) |',
      '| --- | ---: | ---: | ---: |',
      `| results, cold (data just changed): the first answer${firstLooks === cold.length ? ', a first look' : ` (${firstLooks} of ${cold.length} a first look)`} | ${median(cold).toFixed(0)} | ${cold.length} | ≤ 150 |`,
      `| results, cold: until the whole body is in (the first answer, then \`…/results/complete\`) | ${median(whole).toFixed(0)} | ${whole.length} | |`,
      `| results, cached (same data version) | ${median(cached).toFixed(1)} | ${cached.length} | ≤ 10 |`,
    ];
  } finally {
    closeDatabase(db);
    await engine.close();
    await reports.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  for (const line of await resultsRows()) console.log(line);
}
