/**
 * Import jobs kept in the database: two instances on two connections to one file stand for two server processes.
 * Progress written by one is read by the other, one confirmation of two wins, expired and interrupted jobs are
 * never served, a job is only its owner's, and a full store makes room with finished jobs first.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessibleAssessment } from '../../src/app/access.ts';
import { assessmentAccess } from '../../src/app/access.ts';
import { type ImportPreview, previewImport } from '../../src/app/import.ts';
import { ImportJobs, MAX_JOBS, STALE_AFTER_MS, TTL_MS } from '../../src/app/import-jobs.ts';
import type { Db } from '../../src/db/client.ts';
import { migrateDatabase } from '../../src/db/client.ts';
import type { AssessmentId, UserId } from '../../src/db/ids.ts';
import { findUserByUsername } from '../../src/db/queries/users.ts';
import { auditLog, importJobs, indicatorValues } from '../../src/db/schema.ts';
import { seedIfEmpty } from '../../src/db/seed.ts';
import { tempDir } from '../db/fixtures.ts';

const temp = tempDir('corridor-import-jobs-');
let now = new Date('2026-03-02T09:00:00Z');
const clock = () => now;
let one: Db;
let two: Db;
let seat: AccessibleAssessment;
let admin: { id: UserId };
let owner: { userId: UserId; assessmentId: AssessmentId };
let a: ImportJobs;
let b: ImportJobs;

beforeAll(async () => {
  one = await temp.open();
  await migrateDatabase(one);
  await seedIfEmpty(one, { adminPassword: 'admin-password-for-tests', demo: true, log: () => {}, clock });
  two = await temp.open();
  const user = (await findUserByUsername(one, 'admin'))!;
  admin = { id: user.id };
  seat = (await assessmentAccess(one, { id: user.id, isAdmin: true }, { code: 'hexi-corridor-2017' }))!;
  owner = { userId: user.id, assessmentId: seat.assessment.id };
  a = new ImportJobs(one, clock);
  b = new ImportJobs(two, clock);
}, 60_000);
afterAll(() => temp.cleanup());

const csv = (year: number, cities = ['wuwei', 'jinchang']) =>
  new TextEncoder().encode(
    `city,indicator,year,value,source\n${cities.map((c, k) => `${c},secondary_share_change,${year},${k + 1},B`).join('\n')}\n`,
  );

async function previewOf(bytes: Uint8Array): Promise<ImportPreview> {
  const outcome = await previewImport(one, seat.assessment.id, bytes);
  if (outcome.kind !== 'preview') throw new Error(outcome.message);
  return outcome.preview;
}

/** Waits (in real time: the background check writes on its own) until `b` sees the job in a state of `kind`. */
async function seenBy(jobs: ImportJobs, id: string, kind: string) {
  for (let k = 0; k < 200; k++) {
    const job = await jobs.get(id, owner);
    if (job?.state.kind === kind) return job;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`job ${id} never became ${kind}`);
}

const stored = async (year: number) =>
  (await one.select().from(indicatorValues).where(eq(indicatorValues.year, year))).length;

const deferred = <T>() => {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
};
const never = () => new Promise<never>(() => {});

describe('import jobs in the database', () => {
  it('shows the progress and the preview of a check on one instance to the other', async () => {
    const preview = await previewOf(csv(2040));
    const finish = deferred<{ kind: 'preview'; preview: ImportPreview }>();
    const { id } = await a.start(owner, 'shared.csv', async (progress) => {
      progress(4_000, 10_000);
      return finish.promise;
    });
    const checking = await b.get(id, owner);
    expect(checking?.state.kind).toBe('checking');
    for (let k = 0; k < 100 && (await b.get(id, owner))?.state.kind === 'checking'; k++) {
      const state = (await b.get(id, owner))!.state;
      if (state.kind === 'checking' && state.done === 4_000) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect((await b.get(id, owner))?.state).toEqual({ kind: 'checking', done: 4_000, total: 10_000 });
    finish.resolve({ kind: 'preview', preview });
    const ready = await seenBy(b, id, 'ready');
    expect(ready.fileName).toBe('shared.csv');
    expect(ready.state).toMatchObject({
      kind: 'ready',
      preview: { valid: 2, invalid: 0, sample: [{ city: 'wuwei' }, { city: 'jinchang' }] },
    });
    // A progress poll reads the counts, not the preview's rows.
    expect((await b.get(id, owner, false))?.state).toEqual({ kind: 'ready', preview: {} });
  });

  it('writes a preview once when it is confirmed on both instances at the same moment', async () => {
    const preview = await previewOf(csv(2041));
    const { id } = await a.start(owner, 'twice.csv', async () => ({ kind: 'preview', preview }));
    await seenBy(b, id, 'ready');
    const outcomes = await Promise.all([a.confirm(id, admin, seat), b.confirm(id, admin, seat)]);
    expect(outcomes.filter((o) => o?.kind === 'imported')).toEqual([{ kind: 'imported', count: 2, replaced: 0 }]);
    expect(outcomes.filter((o) => o === undefined)).toHaveLength(1);
    expect(await stored(2041)).toBe(2);
    const entries = (await one.select().from(auditLog).where(eq(auditLog.action, 'statistics.import'))).filter(
      (e) => (e.after as { file: string }).file === 'twice.csv',
    );
    expect(entries).toHaveLength(1);
    // Marked imported in the same transaction, its rows no longer kept; a third confirmation finds nothing to do.
    expect(await a.get(id, owner)).toMatchObject({ state: { kind: 'imported', count: 2, replaced: 0 } });
    const [row] = await one.select().from(importJobs).where(eq(importJobs.id, id));
    expect(row!.preview).toBeNull();
    expect(await b.confirm(id, admin, seat)).toBeUndefined();
  });

  it('makes a refused confirmation ready again, with nothing written', async () => {
    const preview = await previewOf(
      new TextEncoder().encode(
        'city,indicator,year,value,source\nwuwei,secondary_share_change,2042,1,B\natlantis,secondary_share_change,2042,1,B\n',
      ),
    );
    const { id } = await a.start(owner, 'bad.csv', async () => ({ kind: 'preview', preview }));
    await seenBy(a, id, 'ready');
    expect(await b.confirm(id, admin, seat)).toMatchObject({ kind: 'refused', status: 422 });
    expect((await a.get(id, owner))?.state.kind).toBe('ready');
    expect(await stored(2042)).toBe(0);
  });

  it('is its owner’s only: another user or assessment finds nothing, and cannot confirm it', async () => {
    const preview = await previewOf(csv(2043));
    const { id } = await a.start(owner, 'mine.csv', async () => ({ kind: 'preview', preview }));
    await seenBy(a, id, 'ready');
    const other = (await findUserByUsername(one, 'expert1'))!.id;
    expect(await b.get(id, { ...owner, userId: other })).toBeUndefined();
    expect(await b.get(id, { ...owner, assessmentId: 999_999 as AssessmentId })).toBeUndefined();
    expect(await b.confirm(id, { id: other }, seat)).toBeUndefined();
    expect(
      await b.confirm(id, admin, { ...seat, assessment: { ...seat.assessment, id: 999_999 as AssessmentId } }),
    ).toBeUndefined();
    expect(await b.get('no-such-job', owner)).toBeUndefined();
    expect((await a.get(id, owner))?.state.kind).toBe('ready');
    expect(await stored(2043)).toBe(0);
  });

  it('reports a check whose process stopped refreshing it as interrupted', async () => {
    const { id } = await a.start(owner, 'stalled.csv', never);
    expect((await b.get(id, owner))?.state.kind).toBe('checking');
    now = new Date(now.getTime() + STALE_AFTER_MS + 1_000);
    expect((await b.get(id, owner))?.state).toEqual({ kind: 'interrupted' });
    expect((await b.get(id, owner, false))?.state).toEqual({ kind: 'interrupted' });
  });

  it('never serves an expired job, and deletes it when the next one starts', async () => {
    const preview = await previewOf(csv(2044));
    const { id } = await a.start(owner, 'old.csv', async () => ({ kind: 'preview', preview }));
    await seenBy(b, id, 'ready');
    now = new Date(now.getTime() + TTL_MS + 1_000);
    expect(await b.get(id, owner)).toBeUndefined();
    expect(await b.confirm(id, admin, seat)).toBeUndefined();
    expect(await stored(2044)).toBe(0);
    expect(await one.select().from(importJobs).where(eq(importJobs.id, id))).toHaveLength(1);
    await b.start(owner, 'new.csv', never);
    expect(await one.select().from(importJobs).where(eq(importJobs.id, id))).toHaveLength(0);
  });

  it('keeps at most MAX_JOBS: finished jobs make room first, then waiting previews, checks under way last', async () => {
    now = new Date(now.getTime() + TTL_MS + 1_000);
    const preview = await previewOf(csv(2045));
    const waiting = await a.start(owner, 'waiting.csv', async () => ({ kind: 'preview', preview }));
    await seenBy(a, waiting.id, 'ready');
    now = new Date(now.getTime() + 1);
    const finished = await a.start(owner, 'done.csv', async () => ({ kind: 'unreadable', message: 'empty' }));
    await seenBy(a, finished.id, 'unreadable');
    const checking = [];
    for (let k = 0; k < MAX_JOBS - 2; k++) {
      now = new Date(now.getTime() + 1);
      checking.push(await (k % 2 ? a : b).start(owner, `checking-${k}.csv`, never));
    }
    expect(await one.$count(importJobs)).toBe(MAX_JOBS);

    await b.start(owner, 'next.csv', never);
    expect(await a.get(finished.id, owner)).toBeUndefined();
    expect((await a.get(waiting.id, owner))?.state.kind).toBe('ready');
    await a.start(owner, 'after.csv', never);
    expect(await a.get(waiting.id, owner)).toBeUndefined();
    for (const job of checking) expect((await b.get(job.id, owner))?.state.kind).toBe('checking');
    expect(await one.$count(importJobs)).toBe(MAX_JOBS);
  });
});
