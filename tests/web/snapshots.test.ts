import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssessment } from '../../src/app/assessments.ts';
import { DEMO_ASSESSMENT } from '../../src/db/demo/hexi-demo.ts';
import type { SnapshotId } from '../../src/db/ids.ts';
import { findUserByUsername } from '../../src/db/queries/users.ts';
import { assessments, auditLog, panelMembers, resultSnapshots, scores } from '../../src/db/schema.ts';
import { evaluate } from '../../src/engine/index.ts';
import { corridor } from '../cli/io.ts';
import { addUser, get, ORIGIN, sessionCookie, startDemoApp, type TestApp } from './harness.ts';

let t: TestApp;
const cookies: Record<string, string> = {};
const DEMO = DEMO_ASSESSMENT.code;
const api = `/api/assessments/${DEMO}`;

const publish = (as: string, code: string = DEMO) =>
  Promise.resolve(
    t.app.request(`/api/assessments/${code}/snapshots`, {
      method: 'POST',
      headers: { origin: ORIGIN, cookie: cookies[as]! },
    }),
  );
const json = async (res: Response) => {
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  return res.json();
};

beforeAll(async () => {
  t = await startDemoApp();
  const admin = await findUserByUsername(t.db, 'admin');
  await addUser(t.db, 'outsider', 'not-on-any-panel-42');
  const chair = await addUser(t.db, 'chair2', 'chairs-another-panel-42');
  // A second assessment chaired by someone else, for the cross-assessment checks.
  const other = await createAssessment(
    t.db,
    t.now(),
    { id: admin!.id, isAdmin: true },
    {
      code: 'other-2020',
      nameEn: 'Other',
      nameZh: '其他',
      regionEn: 'Elsewhere',
      regionZh: '别处',
      period: '2020',
      template: 'hexi',
    },
  );
  if (other.kind !== 'created') throw new Error('could not create the second assessment');
  const [row] = await t.db.select().from(assessments).where(eq(assessments.code, 'other-2020'));
  await t.db.insert(panelMembers).values({ assessmentId: row!.id, userId: chair.id, role: 'chair' });
  for (const name of ['admin', 'expert1', 'reader1', 'outsider', 'chair2'])
    cookies[name] = await sessionCookie(t, name);
});
afterAll(() => t.close());

describe('publishing a snapshot', () => {
  it('is refused to viewers, evaluators, outsiders and another panel’s chair, with nothing written', async () => {
    for (const [who, status] of [
      ['reader1', 404],
      ['expert1', 403],
      ['outsider', 404],
      ['chair2', 404],
    ] as const) {
      const res = await publish(who);
      expect(res.status, who).toBe(status);
      expect((await json(res)).errors[0].message).toBeTruthy();
    }
    expect(await t.db.$count(resultSnapshots)).toBe(0);
  });

  it('before the first snapshot, a viewer cannot open the assessment at all', async () => {
    expect((await get(t, `${api}/snapshots`, { cookie: cookies.reader1, headers: { origin: ORIGIN } })).status).toBe(
      404,
    );
  });

  let id: SnapshotId;
  let hash: string;
  it('stores the Problem, the Result the engine gives for it, and the SHA-256 of the Problem’s text', async () => {
    const res = await publish('admin');
    expect(res.status).toBe(201);
    ({ id, hash } = await json(res));
    expect(res.headers.get('location')).toBe(`${api}/snapshots/${id}`);
    const [row] = await t.db.select().from(resultSnapshots).where(eq(resultSnapshots.id, id));
    expect(row!.hash).toBe(createHash('sha256').update(row!.problem).digest('hex'));
    expect(hash).toBe(row!.hash);
    // Re-running the stored Problem through the CLI gives the stored Result, byte for byte.
    const cli = await corridor(['evaluate', '-'], {}, row!.problem);
    expect(cli.code).toBe(0);
    expect(cli.stdout).toBe(`${row!.result}\n`);
    expect(JSON.parse(row!.result)).toEqual(evaluate(JSON.parse(row!.problem)));
    // The demo's settings turn on the analyses the study is about.
    const result = JSON.parse(row!.result);
    expect(result.coordination.D).toHaveLength(5);
    expect(result.obstacles).toHaveLength(5);
    expect(result.sensitivity.samples).toBe(2000);
    expect(JSON.parse(row!.comparisonResult!).details.results.map((r: { name: string }) => r.name)).toEqual([
      'wsm',
      'topsis',
      'vikor',
      'promethee2',
    ]);
    expect(row!.weightSetVersion).toBe(1);
    const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'snapshot.publish'));
    expect(audit!.after).toMatchObject({ hash, weightSetVersion: 1 });
  });

  it('lets viewers list and read it, with its stored documents', async () => {
    const list = await json(await get(t, `${api}/snapshots`, { cookie: cookies.reader1, headers: { origin: ORIGIN } }));
    expect(list.snapshots).toEqual([expect.objectContaining({ id, hash, author: 'admin', weightSetVersion: 1 })]);
    const res = await get(t, `${api}/snapshots/${id}`, { cookie: cookies.reader1, headers: { origin: ORIGIN } });
    expect(res.status).toBe(200);
    const body = await json(res);
    const [row] = await t.db.select().from(resultSnapshots).where(eq(resultSnapshots.id, id));
    // A reader gets the Problem without the experts' own scores (Delphi anonymity); the chair gets it whole.
    const stored = JSON.parse(row!.problem);
    expect(body.problem.panel.scores).toBeUndefined();
    expect(body.problem.panel.experts).toEqual(stored.panel.experts);
    expect(body.redacted).toEqual(['problem.panel.scores', 'comparisonProblem.panel.scores']);
    expect(body.comparisonProblem.panel.scores).toBeUndefined();
    const whole = await json(
      await get(t, `${api}/snapshots/${id}`, { cookie: cookies.admin, headers: { origin: ORIGIN } }),
    );
    expect(JSON.stringify(whole.problem)).toBe(row!.problem);
    expect(whole.redacted).toEqual([]);
    expect(JSON.stringify(body.result)).toBe(row!.result);
    expect(body.labels.alternatives.map((a: { zh: string }) => a.zh)).toEqual([
      '武威',
      '金昌',
      '张掖',
      '嘉峪关',
      '酒泉',
    ]);
    expect(body.rules.length).toBeGreaterThan(0);
  });

  it('gives the same documents as a download, the scores to the chair and administrators only', async () => {
    const [row] = await t.db.select().from(resultSnapshots).where(eq(resultSnapshots.id, id));
    const download = (who: string) =>
      get(t, `/assessments/${DEMO}/snapshots/${id}/snapshot.json`, { cookie: cookies[who] });
    const reader = await json(await download('reader1'));
    expect(reader.problem.panel.scores).toBeUndefined();
    expect(reader.redacted).toEqual(['problem.panel.scores', 'comparisonProblem.panel.scores']);
    expect(reader.comparisonProblem.panel.scores).toBeUndefined();
    const admin = await json(await download('admin'));
    expect(JSON.stringify(admin.problem)).toBe(row!.problem);
    expect(JSON.stringify(admin.comparisonProblem)).toBe(row!.comparisonProblem);
    expect(admin.redacted).toEqual([]);
    expect(admin.result).toEqual(evaluate(admin.problem));
    for (const body of [reader, admin]) {
      expect(body).toMatchObject({ id, hash: row!.hash, author: 'admin', weightSetVersion: 1 });
      expect(JSON.stringify(body.result)).toBe(row!.result);
      expect(JSON.stringify(body.rules)).toBe(row!.rules);
    }
  });

  it('keeps the live draft from viewers and evaluators', async () => {
    for (const who of ['reader1', 'expert1']) {
      const res = await get(t, `${api}/results`, { cookie: cookies[who], headers: { origin: ORIGIN } });
      expect(res.status, who).toBe(403);
    }
    const res = await get(t, `${api}/results`, { cookie: cookies.admin, headers: { origin: ORIGIN } });
    expect(res.status).toBe(200);
    const live = await json(res);
    expect(live.result).toEqual(evaluate(live.problem));
    expect(live.comparison).toEqual(evaluate(live.comparisonProblem));
    const [row] = await t.db.select().from(assessments).where(eq(assessments.code, DEMO));
    expect(live.dataVersion).toBe(row!.dataVersion);
    expect(live.methodSettings).toEqual(row!.methodSettings);
    expect(live.weightSetVersion).toBeGreaterThanOrEqual(1);
    expect(live.labels.alternatives.map((a: { zh: string }) => a.zh)).toContain('武威');
    expect(live.rules.length).toBeGreaterThan(0);
    expect(Object.keys(live)).toEqual([
      'dataVersion',
      'weightSetVersion',
      'methodSettings',
      'problem',
      'result',
      'comparisonProblem',
      'comparison',
      'labels',
      'rules',
    ]);
  });

  it('answers 404 for ids of other assessments, unknown ids and id tricks', async () => {
    const otherRes = await publish('admin', 'other-2020');
    // The template has no scores yet, so it cannot be evaluated: 409 with the reason, nothing written.
    expect(otherRes.status).toBe(409);
    for (const bad of [String(id + 1), '0', '-1', '1e0', '01', '1.0', '..%2F..%2Fetc%2Fpasswd', '9'.repeat(40)]) {
      const res = await get(t, `${api}/snapshots/${bad}`, { cookie: cookies.admin, headers: { origin: ORIGIN } });
      expect(res.status, bad).toBe(404);
      expect((await json(res)).errors).toBeDefined();
    }
    const res = await get(t, `/api/assessments/other-2020/snapshots/${id}`, {
      cookie: cookies.chair2,
      headers: { origin: ORIGIN },
    });
    expect(res.status).toBe(404);
  });

  it('cannot be changed or removed: the database refuses', async () => {
    const client = t.db.$client;
    await expect(
      client.execute({ sql: "update result_snapshots set hash = 'forged' where id = ?", args: [id] }),
    ).rejects.toThrow(/immutable: UPDATE is not allowed/);
    await expect(client.execute({ sql: 'delete from result_snapshots where id = ?', args: [id] })).rejects.toThrow(
      /immutable: DELETE is not allowed/,
    );
    await expect(
      client.execute({
        sql: 'insert or replace into result_snapshots select * from result_snapshots where id = ?',
        args: [id],
      }),
    ).rejects.toThrow(/immutable/);
    const [row] = await t.db.select().from(resultSnapshots).where(eq(resultSnapshots.id, id));
    expect(row!.hash).toBe(hash);
  });

  it('a later snapshot of changed data is a new row; the first stays as it was', async () => {
    const before = (await t.db.select().from(resultSnapshots).where(eq(resultSnapshots.id, id)))[0]!;
    const [cell] = await t.db.select().from(scores).limit(1);
    await t.db
      .update(scores)
      .set({ value: cell!.value === 9 ? 1 : 9 })
      .where(eq(scores.id, cell!.id));
    const res = await publish('admin');
    expect(res.status).toBe(201);
    const second = await json(res);
    expect(second.id).toBeGreaterThan(id);
    expect(second.hash).not.toBe(hash);
    const after = (await t.db.select().from(resultSnapshots).where(eq(resultSnapshots.id, id)))[0]!;
    expect(after).toEqual(before);
  });
});

describe('an archived assessment', () => {
  it('is read-only: nothing is published', async () => {
    const before = await t.db.$count(resultSnapshots);
    await t.db.update(assessments).set({ archivedAt: t.now() }).where(eq(assessments.code, DEMO));
    try {
      const res = await publish('admin');
      expect(res.status).toBe(409);
      expect((await json(res)).errors[0].message).toMatch(/archived/);
      expect(await t.db.$count(resultSnapshots)).toBe(before);
    } finally {
      await t.db.update(assessments).set({ archivedAt: null }).where(eq(assessments.code, DEMO));
    }
  });
});

describe('the data version', () => {
  it('rises with every change the Problem is built from', async () => {
    const version = async () =>
      (await t.db.select({ v: assessments.dataVersion }).from(assessments).where(eq(assessments.code, DEMO)))[0]!.v;
    const v0 = await version();
    const [cell] = await t.db.select().from(scores).limit(1);
    await t.db.update(scores).set({ rationale: 'changed' }).where(eq(scores.id, cell!.id));
    const v1 = await version();
    expect(v1).toBeGreaterThan(v0);
    await t.db
      .update(assessments)
      .set({ methodSettings: { method: { name: 'wsm' } } })
      .where(eq(assessments.code, DEMO));
    expect(await version()).toBeGreaterThan(v1);
  });
});
