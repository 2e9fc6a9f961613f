/**
 * Group AHP: evaluators give their own pairwise comparisons; the weights editor combines them (AIJ, weighted by
 * influence) with each member's CR shown, and a member can be left out. Every number against the engine.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProblem } from '../../src/app/problem.ts';
import { ahpJudgments, auditLog, weightSets } from '../../src/db/schema.ts';
import { ahp, evaluate, type Result } from '../../src/engine/index.ts';
import { addUser, get, post, sessions, startDemoApp, type TestApp } from './harness.ts';

const DEMO = 'hexi-corridor-2017';
const URL = `/assessments/${DEMO}/judgments`;
let t: TestApp;
let assessmentId: number;
const as = sessions(() => t);

const JUDGMENTS: Record<string, Record<string, string>> = {
  expert1: { '0.1': '3', '0.2': '5', '0.3': '7', '1.2': '2', '1.3': '3', '2.3': '2' },
  expert2: { '0.1': '2', '0.2': '3', '0.3': '5', '1.2': '2', '1.3': '2', '2.3': '1' },
  // Badly inconsistent: planning over policy over industry, yet industry over planning.
  expert3: { '0.1': '9', '0.2': '1/9', '0.3': '9', '1.2': '9', '1.3': '1/9', '2.3': '9' },
};
const value = (s: string) => (s.startsWith('1/') ? 1 / Number(s.slice(2)) : Number(s));
const matrixOf = (upper: Record<string, string>) =>
  Array.from({ length: 4 }, (_, i) =>
    Array.from({ length: 4 }, (_, j) =>
      i === j ? 1 : i < j ? value(upper[`${i}.${j}`]!) : 1 / value(upper[`${j}.${i}`]!),
    ),
  );
const fields = (upper: Record<string, string>) =>
  Object.fromEntries(Object.entries(upper).map(([k, v]) => [`j.${k}`, v]));

async function engineWith(weights: unknown): Promise<Result> {
  const { sensitivity: _s, ...rest } = await buildProblem(t.db, assessmentId as never);
  return evaluate({ ...rest, weights });
}
const pct = (v: number) =>
  new Intl.NumberFormat('en', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v);

beforeAll(async () => {
  t = await startDemoApp();
  assessmentId = (await t.db.query.assessments.findMany())[0]!.id;
  await addUser(t.db, 'outsider', 'river-oasis-gansu-42');
});
afterAll(() => t.close());

describe('an evaluator’s own comparisons', () => {
  it('are for the panel’s evaluators and chair', async () => {
    expect((await get(t, URL, { cookie: await as('expert1') })).status).toBe(200);
    expect((await get(t, URL, { cookie: await as('outsider') })).status).toBe(404);
    expect((await get(t, URL, { cookie: await as('reader1') })).status).toBe(404);
    expect(await (await get(t, `/assessments/${DEMO}`, { cookie: await as('expert1') })).text()).toContain(
      `href="${URL}"`,
    );
  });

  it('show CR as the engine computes it while they are changed, and are saved with an audit entry', async () => {
    const preview = await post(
      t,
      `${URL}/preview`,
      { level: 'dimensions', ...fields(JUDGMENTS.expert3!) },
      { cookie: await as('expert1'), headers: { 'HX-Request': 'true' } },
    );
    expect(preview.status).toBe(200);
    const cr = ahp(matrixOf(JUDGMENTS.expert3!)).consistency.cr.toFixed(3);
    expect(await preview.text()).toContain(`data-cr="${cr}"`);
    expect(await t.db.select().from(ahpJudgments)).toHaveLength(0);
    for (const [user, upper] of Object.entries(JUDGMENTS)) {
      const res = await post(t, URL, { level: 'dimensions', ...fields(upper) }, { cookie: await as(user) });
      expect(res.status).toBe(303);
    }
    const rows = await t.db.select().from(ahpJudgments);
    expect(rows).toHaveLength(3);
    expect(rows.find((r) => r.level === 'dimensions')!.matrix).toEqual(matrixOf(JUDGMENTS.expert1!));
    expect(await t.db.select().from(auditLog).where(eq(auditLog.action, 'judgments.save'))).toHaveLength(3);
    const bad = await post(
      t,
      URL,
      { level: 'dimensions', ...fields(JUDGMENTS.expert1!), 'j.0.1': '10' },
      { cookie: await as('expert1') },
    );
    expect(bad.status).toBe(400);
    // A judgment left out is not taken for "equal": the whole triangle is needed.
    const partial = await post(t, URL, { level: 'dimensions', 'j.0.1': '3' }, { cookie: await as('expert1') });
    expect(partial.status).toBe(400);
    expect(rows.find((r) => r.level === 'dimensions')!.matrix).toEqual(matrixOf(JUDGMENTS.expert1!));
    expect((await post(t, URL, { level: 'nowhere', 'j.0.1': '3' }, { cookie: await as('expert1') })).status).toBe(404);
  });
});

describe('group AHP in the weights editor', () => {
  const preview = async (extra: Record<string, string>) => {
    const res = await post(
      t,
      `/assessments/${DEMO}/weights/preview`,
      { 'dimensions.scheme': 'group', ...extra },
      { cookie: await as('admin'), headers: { 'HX-Request': 'true' } },
    );
    return res.text();
  };

  it('combines every member’s matrix (AIJ) and shows each member’s CR', async () => {
    const html = await preview({});
    const matrices = ['expert1', 'expert2', 'expert3'].map((u) => matrixOf(JUDGMENTS[u]!));
    for (const [k, u] of ['expert1', 'expert2', 'expert3'].entries())
      expect(html).toMatch(
        new RegExp(
          `<tr data-member="${u}"><th scope="row">[^<]+</th><td[^>]*>${ahp(matrices[k]!).consistency.cr.toFixed(3)}</td>`,
        ),
      );
    expect(html).toContain('class="weights__cr--bad"');
    const result = await engineWith({
      method: 'hierarchical',
      dimensions: { method: 'ahp', pairwise: matrices, expertInfluence: [1, 1, 1] },
      within: { method: 'equal' },
    });
    result.criteria.forEach((code, k) =>
      expect(html).toContain(`<output data-global="${code}">${pct(result.weights[k]!)}</output>`),
    );
  });

  it('leaves out a member on request, and saves the combination as a version', async () => {
    const html = await preview({ 'dimensions.exclude.expert3': 'on' });
    const matrices = ['expert1', 'expert2'].map((u) => matrixOf(JUDGMENTS[u]!));
    const spec = {
      method: 'hierarchical',
      dimensions: { method: 'ahp', pairwise: matrices, expertInfluence: [1, 1] },
      within: { method: 'equal' },
    };
    const result = await engineWith(spec);
    result.criteria.forEach((code, k) =>
      expect(html).toContain(`<output data-global="${code}">${pct(result.weights[k]!)}</output>`),
    );
    const saved = await post(
      t,
      `/assessments/${DEMO}/weights`,
      { 'dimensions.scheme': 'group', 'dimensions.exclude.expert3': 'on' },
      { cookie: await as('admin') },
    );
    expect(saved.status).toBe(303);
    expect((await buildProblem(t.db, assessmentId as never)).weights).toEqual(spec);
    const page = await (await get(t, `/assessments/${DEMO}/weights`, { cookie: await as('admin') })).text();
    expect(page).toContain('<option value="group" selected="">');
    // Reopened, the version still leaves expert3 out (the spec holds matrices only), and so does its restore.
    const leftOut = /name="dimensions\.exclude\.expert3" value="on" checked=""/;
    const kept = /name="dimensions\.exclude\.expert1" value="on" checked=""/;
    expect(page).toMatch(leftOut);
    expect(page).not.toMatch(kept);
    await post(t, `/assessments/${DEMO}/weights`, { 'dimensions.scheme': 'group' }, { cookie: await as('admin') });
    const everyone = await (await get(t, `/assessments/${DEMO}/weights`, { cookie: await as('admin') })).text();
    expect(everyone).not.toMatch(leftOut);
    const versions = (await t.db.select().from(weightSets)).map((w) => w.version);
    const leaving = Math.max(...versions) - 1;
    const restored = await post(
      t,
      `/assessments/${DEMO}/weights/restore`,
      { version: String(leaving) },
      { cookie: await as('admin') },
    );
    expect(restored.status).toBe(303);
    expect(await (await get(t, `/assessments/${DEMO}/weights`, { cookie: await as('admin') })).text()).toMatch(leftOut);
  });
});
