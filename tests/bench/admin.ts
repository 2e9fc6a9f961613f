/**
 * Administration timings, server side, through `app.request` on a database file (no network): the AHP editor's
 * live update when one judgment of a 9 × 9 matrix changes, and a 10 MB statistics import (the check, then the
 * write). Medians of several runs; printed, never asserted. `npx tsx tests/bench/admin.ts` runs it alone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { EnginePool } from '../../src/app/engine-pool/pool.ts';
import { commitImport, previewImport } from '../../src/app/import.ts';
import { ReportPool } from '../../src/app/report-pool/pool.ts';
import { closeDatabase, migrateDatabase, openDatabase } from '../../src/db/client.ts';
import { findUserByUsername } from '../../src/db/queries/users.ts';
import { assessments } from '../../src/db/schema.ts';
import { seedIfEmpty } from '../../src/db/seed.ts';
import { ahp } from '../../src/engine/index.ts';
import { createApp } from '../../src/web/app.ts';
import { SESSION_COOKIE } from '../../src/web/auth/cookies.ts';
import { startSession } from '../../src/web/auth/sessions.ts';
import { scoreEveryCell, seed } from './http.ts';

const RUNS = 15;

async function medianOf(runs: number, work: () => Promise<unknown>): Promise<number> {
  await work();
  const times: number[] = [];
  for (let k = 0; k < runs; k++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(runs / 2)]!;
}

/** 20 cities, 36 expert indicators (9 per dimension), 5 evaluators with every cell scored. */
async function ahpRows(dir: string): Promise<string[]> {
  const db = await openDatabase({ url: `file:${join(dir, 'ahp.db')}` });
  const engine = new EnginePool();
  try {
    const { cells } = await seed(db, { cities: 20, indicators: 36, evaluators: 5 });
    const [assessment] = await db.select().from(assessments);
    await scoreEveryCell(db, cells, 7);
    const admin = await findUserByUsername(db, 'admin');
    const { token } = await startSession(db, admin!.id, new Date(), { ip: null, userAgent: null });
    const reports = new ReportPool();
    const app = createApp({ db, engine, log: () => {}, reports: reports.render });
    // Within each dimension, AHP over its 9 indicators; one judgment of the first dimension changes per request.
    const base: Record<string, string> = { 'dimensions.scheme': 'equal', 'within.scheme': 'ahp' };
    const choices = ['3', '5', '1/3', '7', '2'];
    let turn = 0;
    const serverMs = await medianOf(RUNS, async () => {
      const body = new URLSearchParams({ ...base, 'within.ahp.planning.0.8': choices[turn++ % choices.length]! });
      const res = await app.request(`/assessments/${assessment!.code}/weights/preview`, {
        method: 'POST',
        headers: {
          origin: 'http://localhost',
          cookie: `${SESSION_COOKIE}=${token}`,
          'content-type': 'application/x-www-form-urlencoded',
          'hx-request': 'true',
        },
        body: body.toString(),
      });
      if (res.status !== 200) throw new Error(`preview answered ${res.status}`);
      await res.text();
    });
    const matrix = Array.from({ length: 9 }, (_, i) =>
      Array.from({ length: 9 }, (_, j) => (i === j ? 1 : i < j ? 3 : 1 / 3)),
    );
    const ahpMs = await medianOf(RUNS * 10, async () => ahp(matrix));
    return [
      '',
      'AHP editor, one judgment of a 9 × 9 matrix changed (POST /weights/preview, 20 cities × 36 indicators × 5 experts):',
      `  server time ${serverMs.toFixed(1)} ms (median of ${RUNS}); the engine's ahp() on one 9 × 9 matrix alone ${ahpMs.toFixed(3)} ms`,
    ];
  } finally {
    closeDatabase(db);
    await engine.close();
  }
}

/** A 10 MB CSV of the demo's statistic indicators, checked and written as the import page does it. */
async function importRows(dir: string): Promise<string[]> {
  const db = await openDatabase({ url: `file:${join(dir, 'import.db')}` });
  try {
    await migrateDatabase(db);
    await seedIfEmpty(db, { adminPassword: 'bench-admin-password', demo: true, log: () => {} });
    const [assessment] = await db.select().from(assessments);
    const cities = ['wuwei', 'jinchang', 'zhangye', 'jiayuguan', 'jiuquan'];
    const inds = ['secondary_share_change', 'tertiary_share_change', 'primary_share_change'];
    const lines = ['city,indicator,year,value,source'];
    const note = `"${'Statistical yearbook of Gansu province, table 3-7; '.repeat(66)}"`;
    for (let year = 1901; year <= 2100; year++)
      for (const c of cities) for (const i of inds) lines.push(`${c},${i},${year},${year / 100},${note}`);
    const bytes = new TextEncoder().encode(lines.join('\n'));
    let written = 0;
    const checkMs = await medianOf(5, async () => {
      const outcome = await previewImport(db, assessment!.id, bytes);
      if (outcome.kind !== 'preview' || outcome.preview.invalid > 0) throw new Error('the bench file did not check');
    });
    const outcome = await previewImport(db, assessment!.id, bytes);
    if (outcome.kind !== 'preview') throw new Error('unreadable');
    const writeMs = await medianOf(5, async () => {
      const done = await commitImport(
        db,
        new Date(),
        null,
        { assessment: assessment!, access: { role: 'administrator', panelRole: null } },
        outcome.preview,
        'bench.csv',
      );
      if (done.kind !== 'imported') throw new Error('not imported');
      written = done.count;
    });
    return [
      '',
      `Statistics import, ${(bytes.length / 1024 / 1024).toFixed(1)} MB CSV, ${written} rows (5 cities × 3 indicators × 200 years, long sources):`,
      `  check ${checkMs.toFixed(0)} ms, write ${writeMs.toFixed(0)} ms (medians of 5; the write replaces every value each time)`,
    ];
  } finally {
    closeDatabase(db);
  }
}

export async function adminRows(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'corridor-bench-admin-'));
  try {
    return [...(await ahpRows(dir)), ...(await importRows(dir))];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  for (const line of await adminRows()) console.log(line);
}
