/**
 * The weights editor and the weights API: every number shown is the engine's, every save is a new version with its
 * audit entry, an invalid spec writes nothing, and only administrators get in.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildProblem } from '../../src/app/problem.ts';
import { auditLog, panelMembers, weightSets } from '../../src/db/schema.ts';
import { ahp, evaluate, type Result } from '../../src/engine/index.ts';
import { addUser, get, ORIGIN, post, sessions, startDemoApp, type TestApp } from './harness.ts';

const DEMO = 'hexi-corridor-2017';
const BASE = `/assessments/${DEMO}/weights`;
let t: TestApp;
let assessmentId: number;
const as = sessions(() => t);

const versions = async () =>
  (
    await t.db
      .select()
      .from(weightSets)
      .where(eq(weightSets.assessmentId, assessmentId as never))
  ).length;
const audits = async (action: string) => (await t.db.select().from(auditLog).where(eq(auditLog.action, action))).length;

/** Saaty's example of an inconsistent 4 × 4 judgment set over the four dimensions (upper triangle). */
const INCONSISTENT = { '0.1': '3', '0.2': '1/5', '0.3': '9', '1.2': '7', '1.3': '1/3', '2.3': '5' };
const toFraction = (s: string) => (s.startsWith('1/') ? 1 / Number(s.slice(2)) : Number(s));
const matrixOf = (upper: Record<string, string>, n: number) =>
  Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => {
      if (i === j) return 1;
      const v = toFraction(upper[i < j ? `${i}.${j}` : `${j}.${i}`] ?? '1');
      return i < j ? v : 1 / v;
    }),
  );
const ahpFields = (upper: Record<string, string>) =>
  Object.fromEntries(Object.entries(upper).map(([k, v]) => [`dimensions.ahp.${k}`, v]));

/** What the engine says for the demo's Problem with these weights: the reference for every page number. */
async function engineWith(weights: unknown): Promise<Result> {
  const problem = await buildProblem(t.db, assessmentId as never);
  const { sensitivity: _s, ...rest } = problem;
  return evaluate({ ...rest, weights });
}
const pct = (v: number) =>
  new Intl.NumberFormat('en', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v);

beforeAll(async () => {
  t = await startDemoApp();
  const [demo] = await t.db.query.assessments.findMany();
  assessmentId = demo!.id;
  const outsider = await addUser(t.db, 'outsider', 'river-oasis-gansu-42');
  const reader = await addUser(t.db, 'reader', 'river-oasis-gansu-42');
  await t.db.insert(panelMembers).values({ assessmentId: demo!.id, userId: reader.id, role: 'viewer' });
  expect(outsider.id).toBeGreaterThan(0);
});
afterAll(() => t.close());

describe('who may weigh', () => {
  it('lets administrators in and nobody else; the overview links there for administrators only', async () => {
    expect((await get(t, BASE, { cookie: await as('admin') })).status).toBe(200);
    expect((await get(t, BASE, { cookie: await as('expert1') })).status).toBe(403);
    expect((await get(t, BASE, { cookie: await as('outsider') })).status).toBe(404);
    expect((await get(t, BASE, { cookie: await as('reader') })).status).toBe(404);
    expect((await get(t, BASE)).status).toBe(303);
    const before = await versions();
    const forged = await post(t, BASE, { 'dimensions.scheme': 'equal' }, { cookie: await as('expert1') });
    expect(forged.status).toBe(403);
    expect(await versions()).toBe(before);
    expect(await (await get(t, `/assessments/${DEMO}`, { cookie: await as('admin') })).text()).toContain(
      `href="${BASE}"`,
    );
    expect(await (await get(t, `/assessments/${DEMO}`, { cookie: await as('expert1') })).text()).not.toContain(
      `href="${BASE}"`,
    );
  });
});

describe('the editor', () => {
  const preview = async (fields: Record<string, string>) => {
    const res = await post(t, `${BASE}/preview`, fields, {
      cookie: await as('admin'),
      headers: { 'HX-Request': 'true' },
    });
    return { status: res.status, html: await res.text() };
  };

  it('shows the engine’s global weights for the current version', async () => {
    const html = await (await get(t, BASE, { cookie: await as('admin') })).text();
    const result = await engineWith({ method: 'equal' });
    result.criteria.forEach((code, k) => {
      expect(html).toContain(`<output data-global="${code}">${pct(result.weights[k]!)}</output>`);
    });
    expect(html).toContain('Equal weights: the starting point of the demo');
  });

  it('gives the AHP matrix’s λmax, CI and CR as the engine does, with the most inconsistent judgment and its suggestion', async () => {
    const { status, html } = await preview({ 'dimensions.scheme': 'ahp', ...ahpFields(INCONSISTENT) });
    expect(status).toBe(200);
    expect(html.startsWith('<form id="weights-editor"')).toBe(true);
    const reference = ahp(matrixOf(INCONSISTENT, 4));
    expect(reference.consistency.acceptable).toBe(false);
    expect(html).toContain(`CR ${reference.consistency.cr.toFixed(3)}`);
    expect(html).toContain(`λmax ${reference.consistency.lambdaMax.toFixed(3)}`);
    expect(html).toContain(`CI ${reference.consistency.ci.toFixed(3)}`);
    const { i, j } = reference.consistency.worst!;
    const field = `dimensions.ahp.${Math.min(i, j)}.${Math.max(i, j)}`;
    expect(html).toMatch(
      new RegExp(`<td class="ahp__cell ahp__cell--worst"><span><select id="${field.replaceAll('.', '\\.')}"`),
    );
    expect(html).toContain(`name="apply" value="${field}=`);
    const global = await engineWith({
      method: 'hierarchical',
      dimensions: { method: 'ahp', pairwise: matrixOf(INCONSISTENT, 4) },
      within: { method: 'equal' },
    });
    global.criteria.forEach((code, k) => {
      expect(html).toContain(`<output data-global="${code}">${pct(global.weights[k]!)}</output>`);
    });
  });

  it('applies the suggested judgment and lowers CR', async () => {
    const first = ahp(matrixOf(INCONSISTENT, 4)).consistency;
    const { i, j, suggested } = first.worst!;
    const key = `${Math.min(i, j)}.${Math.max(i, j)}`;
    const value = i < j ? suggested : 1 / suggested;
    const text = value >= 1 ? String(Math.round(value)) : `1/${Math.round(1 / value)}`;
    const { html } = await preview({
      'dimensions.scheme': 'ahp',
      ...ahpFields(INCONSISTENT),
      apply: `dimensions.ahp.${key}=${text}`,
    });
    const after = ahp(matrixOf({ ...INCONSISTENT, [key]: text }, 4)).consistency;
    expect(after.cr).toBeLessThan(first.cr);
    expect(html).toContain(`CR ${after.cr.toFixed(3)}`);
    expect(html).toMatch(new RegExp(`<option value="${text.replace('/', '\\/')}" selected="">`));
  });

  it('shows direct shares and the entropy blend’s intermediate values from the engine', async () => {
    const fields = {
      'dimensions.scheme': 'direct',
      'dimensions.value.planning': '4',
      'dimensions.value.policy': '3',
      'dimensions.value.industry': '2',
      'dimensions.value.social': '1',
      'blend.objective': 'entropy',
      'blend.alpha': '60',
      'blend.mix': 'linear',
    };
    const { html } = await preview(fields);
    expect(html).toContain('<output data-share="planning">40.0%</output>');
    expect(html).toContain('<output data-share="social">10.0%</output>');
    const result = await engineWith({
      method: 'combined',
      parts: [
        { method: 'hierarchical', dimensions: { method: 'direct', values: [4, 3, 2, 1] }, within: { method: 'equal' } },
        { method: 'entropy', normalization: 'minmax' },
      ],
      alpha: [0.6, 0.4],
      mix: 'linear',
    });
    result.criteria.forEach((code, k) => {
      expect(html).toContain(`<output data-global="${code}">${pct(result.weights[k]!)}</output>`);
    });
    const entropy = (result.weighting as { parts: { entropy: number[] }[] }).parts[1]!.entropy;
    expect(html).toContain(`<td>${entropy[0]!.toFixed(4)}</td>`);
  });

  it('shows CRITIC’s σ, information and correlation matrix from the engine', async () => {
    const { html } = await preview({ 'blend.objective': 'critic', 'blend.alpha': '50', 'blend.mix': 'linear' });
    const result = await engineWith({
      method: 'combined',
      parts: [
        { method: 'hierarchical', dimensions: { method: 'equal' }, within: { method: 'equal' } },
        { method: 'critic' },
      ],
      alpha: [0.5, 0.5],
      mix: 'linear',
    });
    const critic = (result.weighting as { parts: { sd: number[]; correlations: number[][] }[] }).parts[1]!;
    expect(html).toContain(`<td>${critic.sd[0]!.toFixed(4)}</td>`);
    expect(html).toContain('<tbody class="weights__correlations">');
    expect(html).toContain(`<td>${critic.correlations[0]![1]!.toFixed(3)}</td>`);
  });

  it('names the field of a bad value and shows no numbers for it', async () => {
    const { html } = await preview({ 'dimensions.scheme': 'direct', 'dimensions.value.policy': 'lots' });
    expect(html).toContain('<code>dimensions.value.policy</code>: not a number');
    expect(html).toMatch(/id="dimensions\.value\.policy"[^>]*aria-invalid="true"/);
  });
});

describe('saving', () => {
  let before: number;
  beforeEach(async () => {
    before = await versions();
  });

  it('saves a new version with its note and audit entry, and the Problem carries it', async () => {
    const res = await post(
      t,
      BASE,
      {
        'dimensions.scheme': 'direct',
        'dimensions.value.planning': '2',
        'dimensions.value.policy': '1',
        'dimensions.value.industry': '1',
        'dimensions.value.social': '1',
        note: 'Planning counts double <b>',
      },
      { cookie: await as('admin') },
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${BASE}?saved=${before + 1}`);
    expect(await versions()).toBe(before + 1);
    const problem = await buildProblem(t.db, assessmentId as never);
    expect(problem.weights).toEqual({
      method: 'hierarchical',
      dimensions: { method: 'direct', values: [2, 1, 1, 1] },
      within: { method: 'equal' },
    });
    expect(await audits('weights.save')).toBeGreaterThan(0);
    const html = await (await get(t, `${BASE}?saved=${before + 1}`, { cookie: await as('admin') })).text();
    expect(html).toContain(`Saved as version ${before + 1}`);
    expect(html).toContain('Planning counts double &lt;b&gt;');
    expect(html).toContain('<option value="direct" selected="">');
  });

  it('writes nothing when the engine refuses the weights or a field is wrong', async () => {
    const zero = await post(
      t,
      BASE,
      {
        'dimensions.scheme': 'direct',
        'dimensions.value.planning': '0',
        'dimensions.value.policy': '0',
        'dimensions.value.industry': '0',
        'dimensions.value.social': '0',
      },
      { cookie: await as('admin') },
    );
    expect(zero.status).toBe(422);
    expect(await zero.text()).toContain('weights.dimensions');
    const typo = await post(t, BASE, { 'within.scheme': 'magic' }, { cookie: await as('admin') });
    expect(typo.status).toBe(422);
    expect(await typo.text()).toContain('<code>within.scheme</code>: must be one of');
    expect(await versions()).toBe(before);
  });

  it('saves JSON the form cannot build, says so, and refuses JSON the engine rejects', async () => {
    const bad = await post(t, `${BASE}/json`, { spec: '{"method":"nope"}' }, { cookie: await as('admin') });
    expect(bad.status).toBe(422);
    expect(await versions()).toBe(before);
    const notJson = await post(t, `${BASE}/json`, { spec: '{method' }, { cookie: await as('admin') });
    expect(notJson.status).toBe(422);
    expect(await notJson.text()).toContain('This is not JSON.');
    const spec = { method: 'critic', correlation: 'spearman' };
    const ok = await post(
      t,
      `${BASE}/json`,
      { spec: JSON.stringify(spec), note: 'CRITIC' },
      { cookie: await as('admin') },
    );
    expect(ok.status).toBe(303);
    expect(await versions()).toBe(before + 1);
    const html = await (await get(t, BASE, { cookie: await as('admin') })).text();
    expect(html).toContain('in a form this editor does not build');
    const result = await engineWith(spec);
    expect(html).toContain(`<output data-global="${result.criteria[0]}">${pct(result.weights[0]!)}</output>`);
  });

  it('makes an earlier version current again as a new version, and compares two versions', async () => {
    const res = await post(t, `${BASE}/restore`, { version: '1' }, { cookie: await as('admin') });
    expect(res.status).toBe(303);
    expect(await versions()).toBe(before + 1);
    expect((await buildProblem(t.db, assessmentId as never)).weights).toEqual({ method: 'equal' });
    expect(await audits('weights.restore')).toBe(1);
    expect((await post(t, `${BASE}/restore`, { version: '99' }, { cookie: await as('admin') })).status).toBe(404);
    expect((await post(t, `${BASE}/restore`, { version: 'x' }, { cookie: await as('admin') })).status).toBe(400);

    const html = await (await get(t, `${BASE}?a=1&b=2`, { cookie: await as('admin') })).text();
    const [a, b] = await Promise.all([
      engineWith({ method: 'equal' }),
      engineWith({
        method: 'hierarchical',
        dimensions: { method: 'direct', values: [2, 1, 1, 1] },
        within: { method: 'equal' },
      }),
    ]);
    expect(html).toContain('Overall weights: version 1 and version 2');
    const k = 0;
    const change = b.weights[k]! - a.weights[k]!;
    expect(html).toContain(
      `<td>${pct(a.weights[k]!)}</td><td>${pct(b.weights[k]!)}</td><td>${change > 0 ? '+' : ''}${pct(change)}</td>`,
    );
  });
});

describe('the API', () => {
  const api = async (method: string, path: string, username: string, body?: unknown, query = '') =>
    t.app.request(`/api/assessments/${DEMO}${path}${query}`, {
      method,
      headers: { origin: ORIGIN, cookie: await as(username), 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });

  it('gives the Problem byte for byte as corridor problem prints it', async () => {
    const res = await api('GET', '/problem', 'admin');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.text()).toBe(`${JSON.stringify(await buildProblem(t.db, assessmentId as never))}\n`);
    expect((await api('GET', '/problem', 'expert1')).status).toBe(403);
    expect((await api('GET', '/problem', 'outsider')).status).toBe(404);
  });

  it('saves a weight spec as a new version, and refuses a bad one with the engine’s paths and nothing written', async () => {
    const before = await versions();
    const spec = {
      method: 'hierarchical',
      dimensions: { method: 'direct', values: [1, 1, 1, 3] },
      within: { method: 'equal' },
    };
    const res = await api('PUT', '/weights', 'admin', spec, '?note=social%20first');
    expect(res.status).toBe(201);
    const body = (await res.json()) as { version: number; weights: number[] };
    expect(body.version).toBe(before + 1);
    expect(body.weights).toEqual((await engineWith(spec)).weights);

    const bad = await api('PUT', '/weights', 'admin', { method: 'direct', values: [1, 2] });
    expect(bad.status).toBe(422);
    const errors = ((await bad.json()) as { errors: { path: string }[] }).errors;
    expect(errors[0]!.path).toMatch(/^weights/);
    expect((await api('PUT', '/weights', 'admin', '{oops')).status).toBe(400);
    expect((await api('PUT', '/weights', 'expert1', spec)).status).toBe(403);
    expect(await versions()).toBe(before + 1);

    const list = (await (await api('GET', '/weights', 'admin')).json()) as {
      current: { version: number; note: string; spec: unknown };
      versions: unknown[];
    };
    expect(list.current).toMatchObject({ version: before + 1, note: 'social first', spec });
    expect(list.versions).toHaveLength(before + 1);
  });
});
