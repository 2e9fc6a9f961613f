import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessmentAccess } from '../../src/app/access.ts';
import { EngineUnavailable } from '../../src/app/engine-pool/pool.ts';
import { metaOf, type PdfRenderer, RETRY_AFTER_MS, reportStatus, requestReport } from '../../src/app/reports.ts';
import { snapshotSet } from '../../src/app/results.ts';
import { type LazySnapshot, publishAs, snapshotOf } from '../../src/app/snapshots.ts';
import { DEMO_ASSESSMENT } from '../../src/db/demo/hexi-demo.ts';
import type { StoredSnapshot } from '../../src/db/queries/snapshots.ts';
import { findUserByUsername } from '../../src/db/queries/users.ts';
import { reportRenders } from '../../src/db/schema.ts';
import type { Result } from '../../src/engine/index.ts';
import { pdfOf } from '../../src/report/pdf/document.ts';
import { addUser, get, sessionCookie, startDemoApp, type TestApp } from './harness.ts';

let t: TestApp;
let dir: string;
const cookies: Record<string, string> = {};
const DEMO = DEMO_ASSESSMENT.code;
const page = `/assessments/${DEMO}`;
let id: number;
let result: Result;

/** A snapshot already read in full as a report's source. */
const storedSource = (stored: StoredSnapshot): LazySnapshot => ({ snapshot: stored, documents: async () => stored });

/** The demo's published snapshot, as the administrator reads it. */
async function demoSnapshot(): Promise<StoredSnapshot> {
  const admin = await findUserByUsername(t.db, 'admin');
  const seat = await assessmentAccess(t.db, { id: admin!.id, isAdmin: true }, { code: DEMO });
  const stored = await snapshotOf(t.db, seat!, String(id));
  if ('kind' in stored) throw new Error('no snapshot');
  return stored;
}

/** A brief of `stored` on `city`, through `render`. */
const askBrief = (
  render: PdfRenderer,
  stored: StoredSnapshot,
  locale: 'en' | 'zh',
  city: string,
  waitMs: number,
  clock = () => new Date(),
) => requestReport(t.db, render, clock, storedSource(stored), 'brief', locale, city, waitMs);

const pdfText = (bytes: Uint8Array, name: string): string => {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
};
const pageCount = (bytes: Uint8Array, name: string): number => {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
};

beforeAll(async () => {
  t = await startDemoApp();
  dir = mkdtempSync(join(tmpdir(), 'corridor-pdf-'));
  const published = await publishAs(t.db, t.engine, t.now(), DEMO, undefined);
  if (published.kind !== 'published') throw new Error('could not publish');
  id = published.id;
  const [row] = await t.db.query.resultSnapshots.findMany();
  result = JSON.parse(row!.result) as Result;
  await addUser(t.db, 'outsider', 'not-on-any-panel-42');
  for (const name of ['admin', 'reader1', 'outsider']) cookies[name] = await sessionCookie(t, name);
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('PDF reports of a snapshot', () => {
  it('gives a reader the Chinese report with the engine’s numbers, in Chinese glyphs, under a safe name', async () => {
    const res = await get(t, `${page}/snapshots/${id}/report.pdf?lang=zh`, { cookie: cookies.reader1 });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="corridor-${DEMO}-${id}-zh.pdf"`);
    const text = pdfText(new Uint8Array(await res.arrayBuffer()), 'report-zh.pdf');
    for (const city of ['武威', '金昌', '张掖', '嘉峪关', '酒泉']) expect(text).toContain(city);
    const co = result.coordination!;
    for (let i = 0; i < 5; i++) {
      expect(text).toContain(co.D[i]!.toFixed(3));
      expect(text).toContain(co.level[i]!.zh);
    }
    for (const s of result.scores) expect(text).toContain(s.toFixed(3));
    expect(text).toContain('耦合协调');
  });

  it('gives the English report and a two-page brief, the second time from the database without rendering again', async () => {
    const res = await get(t, `${page}/snapshots/${id}/report.pdf?lang=en`, { cookie: cookies.reader1 });
    expect(res.status).toBe(200);
    const text = pdfText(new Uint8Array(await res.arrayBuffer()), 'report-en.pdf');
    for (const level of result.coordination!.level) expect(text).toContain(level.en);
    const brief = await get(t, `${page}/snapshots/${id}/cities/wuwei/brief.pdf?lang=en`, { cookie: cookies.reader1 });
    expect(brief.status).toBe(200);
    expect(brief.headers.get('content-disposition')).toBe(`attachment; filename="corridor-${DEMO}-${id}-wuwei-en.pdf"`);
    const bytes = new Uint8Array(await brief.arrayBuffer());
    expect(pageCount(bytes, 'brief.pdf')).toBe(2);
    expect(pdfText(bytes, 'brief.pdf')).toContain(result.coordination!.D[0]!.toFixed(3));
    const rows = await t.db.select().from(reportRenders);
    const again = await get(t, `${page}/snapshots/${id}/cities/wuwei/brief.pdf?lang=en`, { cookie: cookies.reader1 });
    expect(new Uint8Array(await again.arrayBuffer())).toEqual(bytes);
    expect(await t.db.select().from(reportRenders)).toEqual(rows);
  });

  it('refuses a bad language, an unknown city, and every id or path trick, with no file touched', async () => {
    expect((await get(t, `${page}/snapshots/${id}/report.pdf?lang=fr`, { cookie: cookies.reader1 })).status).toBe(400);
    for (const path of [
      `${page}/snapshots/${id}/cities/lanzhou/brief.pdf?lang=en`,
      `${page}/snapshots/${id}/cities/..%2F..%2Fetc%2Fpasswd/brief.pdf?lang=en`,
      `${page}/snapshots/${id + 7}/report.pdf?lang=en`,
      `${page}/snapshots/0${id}/report.pdf?lang=en`,
      `${page}/snapshots/${id}%00/report.pdf?lang=en`,
      `/assessments/nowhere/snapshots/${id}/report.pdf?lang=en`,
    ]) {
      const res = await get(t, path, { cookie: cookies.reader1 });
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type'), path).toMatch(/^text\/html/);
    }
    // Someone on no panel learns nothing, not even that the snapshot exists.
    expect((await get(t, `${page}/snapshots/${id}/report.pdf?lang=en`, { cookie: cookies.outsider })).status).toBe(404);
    expect((await get(t, `${page}/snapshots/${id}/report.pdf?lang=en`)).status).toBe(303);
  });
});

describe('a long render', () => {
  it('answers with its progress, finishes in the background, and is then served without rendering again', async () => {
    const stored = await demoSnapshot();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let renders = 0;
    // The real document, held back until the test lets it go, reporting progress on the way.
    const render: PdfRenderer = async (job, onProgress) => {
      renders++;
      // The worker's input, put together from the stored texts, is the snapshot's set as parsing it gives it.
      expect(JSON.parse(job.input)).toEqual({ set: snapshotSet(stored), meta: metaOf(stored) });
      onProgress(1, 20);
      await gate;
      return pdfOf(job.kind, JSON.parse(job.input), job.locale, job.city, onProgress);
    };
    const ask = () => askBrief(render, stored, 'zh', 'jinchang', 50);
    const first = await ask();
    expect(first).toEqual({ kind: 'pending', done: 1, total: 20 });
    expect(await reportStatus(t.db, stored.id, 'brief', 'zh', 'jinchang')).toEqual({
      kind: 'running',
      done: 1,
      total: 20,
      stale: false,
    });
    // A second request while it runs starts nothing.
    expect((await ask()).kind).toBe('pending');
    expect(renders).toBe(1);
    release();
    await expect.poll(() => reportStatus(t.db, stored.id, 'brief', 'zh', 'jinchang')).toEqual({ kind: 'done' });
    const ready = await ask();
    expect(ready.kind).toBe('ready');
    expect(renders).toBe(1);
    if (ready.kind === 'ready') expect(pdfText(ready.pdf, 'jinchang.pdf')).toContain('金昌');
  });

  it('marks a failed render, which the next request tries again', async () => {
    const stored = await demoSnapshot();
    const timedOut: PdfRenderer = async () => {
      throw new EngineUnavailable('timeout', 'the report took longer than 120 s and was stopped');
    };
    const failed = await askBrief(timedOut, stored, 'en', 'zhangye', 1000);
    expect(failed).toEqual({ kind: 'failed', message: 'the report took longer than 120 s and was stopped' });
    // Right away, it is not tried again: every reader's click would start another doomed render.
    const working: PdfRenderer = (job, onProgress) =>
      pdfOf(job.kind, JSON.parse(job.input), job.locale, job.city, onProgress);
    expect((await askBrief(working, stored, 'en', 'zhangye', 1000)).kind).toBe('failed');
    const later = () => new Date(Date.now() + RETRY_AFTER_MS + 1000);
    expect((await askBrief(working, stored, 'en', 'zhangye', 5000, later)).kind).toBe('ready');
  });

  it('tells a reader no more than that an unexpected failure happened', async () => {
    const stored = await demoSnapshot();
    const broken: PdfRenderer = async () => {
      throw new Error('ENOENT: /srv/corridor/node_modules/pdfmake/secret/path');
    };
    const failed = await askBrief(broken, stored, 'zh', 'jiuquan', 1000);
    expect(failed).toEqual({ kind: 'failed', message: 'the report could not be made' });
  });
});
