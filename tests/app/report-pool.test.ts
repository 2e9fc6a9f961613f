/**
 * The report pool on its own: real worker threads making the real PDFs of the seeded demo, progress through the
 * task's port, the event loop free while a long report renders, and the limits (time, queue, heap) refused with a
 * reason, after which a fresh worker serves the next report.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ReportPool, ReportUnavailable } from '../../src/app/report-pool/pool.ts';
import type { ResultSet } from '../../src/report/input.ts';
import { pdfOf } from '../../src/report/pdf/document.ts';
import { serverSettingsFromEnv } from '../../src/server.ts';
import { demoMeta, demoSet } from '../report/demo-set.ts';
import { largeSet } from '../report/large-set.ts';

const pools: ReportPool[] = [];
const poolOf = (settings: ConstructorParameters<typeof ReportPool>[0]) => {
  const pool = new ReportPool(settings);
  pools.push(pool);
  return pool;
};
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.close()));
});

let set: ResultSet;
/** Seconds of layout: long enough to see whether the event loop waits for it. */
let medium: ResultSet;
/** More than a 48 MB heap holds. */
let large: ResultSet;
/** Longer to render than the time limit below on any machine (about 13 s here, with the limit at 4 s). */
let huge: ResultSet;
beforeAll(async () => {
  set = await demoSet();
  medium = largeSet(120, 24, { samples: 0 });
  large = largeSet(200, 24, { samples: 0 });
  huge = largeSet(1200, 40, { samples: 0 });
});

const failure = async (promise: Promise<unknown>) => {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ReportUnavailable);
  return err as ReportUnavailable;
};

describe('ReportPool', () => {
  it('makes exactly the PDF the calling thread makes, report and brief', async () => {
    const pool = poolOf({ threads: 1 });
    const input = { set, meta: demoMeta };
    const report = await pool.renderPdf('report', input, 'zh');
    expect(report.equals(await pdfOf('report', input, 'zh'))).toBe(true);
    const brief = await pool.render(
      { kind: 'brief', input: JSON.stringify(input), locale: 'en', city: 'jiuquan' },
      () => {},
    );
    expect(Buffer.from(brief).equals(await pdfOf('brief', input, 'en', 'jiuquan'))).toBe(true);
  });

  it('reports progress from the worker, counting up to the total', async () => {
    const pool = poolOf({ threads: 1 });
    const seen: [number, number][] = [];
    await pool.renderPdf('report', { set, meta: demoMeta }, 'en', undefined, (done, total) => seen.push([done, total]));
    expect(seen.length).toBeGreaterThan(set.result.alternatives.length);
    const total = seen[0]![1];
    expect(seen.every(([done, t]) => t === total && done >= 1 && done <= total)).toBe(true);
    expect(seen.map(([done]) => done)).toEqual([...seen.map(([done]) => done)].sort((a, b) => a - b));
  });

  it('keeps the event loop free while a long report renders', async () => {
    const pool = poolOf({ threads: 1, timeoutMs: 120_000 });
    let longest = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
    }, 10);
    try {
      const pdf = await pool.renderPdf('report', { set: medium, meta: demoMeta }, 'en');
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      clearInterval(timer);
    }
    // Seconds of layout went by in the worker; the main thread never waited for more than a moment.
    expect(longest).toBeLessThan(500);
  });

  it('stops a report that takes too long, says so, and the next one gets a fresh worker', async () => {
    const pool = poolOf({ threads: 1, timeoutMs: 4_000 });
    // Warm the worker first (its start-up takes a second or two), so that the limit stops the long report.
    await pool.renderPdf('brief', { set, meta: demoMeta }, 'en', 'wuwei');
    const err = await failure(pool.renderPdf('report', { set: huge, meta: demoMeta }, 'en'));
    expect(err.reason).toBe('timeout');
    expect(err.message).toMatch(/longer than 4 s/);
    const pdf = await pool.renderPdf('brief', { set, meta: demoMeta }, 'en', 'wuwei');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it.skipIf(process.platform !== 'linux')('renders at the nice value it is given, in its own thread only', async () => {
    // Each thread's nice value is field 19 of its /proc stat line, counting from the pid (after the name's ')').
    const niceOf = (tid: string) =>
      Number(readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]);
    const nices = () => readdirSync('/proc/self/task').map(niceOf);
    const before = nices();
    const pool = poolOf({ threads: 1, nice: 7 });
    await pool.renderPdf('brief', { set, meta: demoMeta }, 'en', 'wuwei');
    const after = nices();
    expect(after.filter((n) => n === 7).length).toBe(before.filter((n) => n === 7).length + 1);
    expect(niceOf(String(process.pid))).toBe(0);
  });

  it('takes the server’s nice value from CORRIDOR_REPORT_NICE, 10 when unset, and refuses one out of range', () => {
    expect(serverSettingsFromEnv({}).reportNice).toBe(10);
    expect(serverSettingsFromEnv({ CORRIDOR_REPORT_NICE: '0' }).reportNice).toBe(0);
    for (const bad of ['20', '-1', 'low'])
      expect(() => serverSettingsFromEnv({ CORRIDOR_REPORT_NICE: bad })).toThrow(
        /^CORRIDOR_REPORT_NICE must be a whole number from 0 to 19/,
      );
  });

  it('refuses at once when the queue is full instead of queueing without end', async () => {
    const pool = poolOf({ threads: 1, maxQueue: 1, timeoutMs: 120_000 });
    const runs = Array.from({ length: 4 }, () => pool.renderPdf('report', { set, meta: demoMeta }, 'en'));
    const outcomes = await Promise.allSettled(runs);
    const refused = outcomes.filter((o) => o.status === 'rejected');
    expect(refused.length).toBeGreaterThan(0);
    for (const o of refused) expect((o as PromiseRejectedResult).reason.reason).toBe('busy');
    expect(outcomes.some((o) => o.status === 'fulfilled')).toBe(true);
  });

  it('ends a worker that runs out of heap, says so, and the next report gets a fresh worker', async () => {
    const pool = poolOf({ threads: 1, heapMb: 48, timeoutMs: 120_000 });
    const err = await failure(pool.renderPdf('report', { set: large, meta: demoMeta }, 'en'));
    expect(err.reason).toBe('memory');
    expect(err.message).toMatch(/48 MB/);
    const pdf = await pool.renderPdf('brief', { set, meta: demoMeta }, 'en', 'wuwei');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('refuses a brief on a city the snapshot does not have, before any worker starts', async () => {
    const pool = poolOf({ threads: 1 });
    const err = await failure(pool.renderPdf('brief', { set, meta: demoMeta }, 'en', 'atlantis'));
    expect(err.reason).toBe('unknown-city');
    expect(err.message).toBe('no city "atlantis" in this snapshot');
  });
});
