/**
 * /assessments/:code/setup: the description, cities, dimensions and indicators edited in place. The structure is
 * fixed while a round is open; a change that takes data with it says what goes and waits for confirmation; every
 * change is audited; an archived assessment is read-only.
 */
import { and, count, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProblem } from '../../src/app/problem.ts';
import {
  ahpJudgments,
  alternatives,
  assessments,
  auditLog,
  dimensions,
  indicators,
  indicatorValues,
  scores,
} from '../../src/db/schema.ts';
import { addUser, get, ORIGIN, sessions, startDemoApp, type TestApp } from './harness.ts';

const DEMO = 'hexi-corridor-2017';
const SETUP = `/assessments/${DEMO}/setup`;
let t: TestApp;
const as = sessions(() => t);

const send = async (username: string, path: string, fields: Record<string, string> = {}, htmx = false) => {
  const res = await t.app.request(`${SETUP}${path}`, {
    method: 'POST',
    headers: {
      origin: ORIGIN,
      cookie: await as(username),
      'content-type': 'application/x-www-form-urlencoded',
      ...(htmx ? { 'hx-request': 'true' } : {}),
    },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: res.status, location: res.headers.get('location'), html: await res.text() };
};
const page = async (username = 'admin') => (await get(t, SETUP, { cookie: await as(username) })).text();
const audits = async (prefix: string) =>
  (await t.db.select().from(auditLog)).filter((e) => e.action.startsWith(prefix));
const demo = async () => (await t.db.select().from(assessments).where(eq(assessments.code, DEMO)))[0]!;
const cityCodes = async () => (await t.db.select().from(alternatives)).map((c) => c.code);
const indicator = async (code: string) => (await t.db.select().from(indicators).where(eq(indicators.code, code)))[0];
const countOf = async (table: typeof scores | typeof indicatorValues, where: ReturnType<typeof eq>) =>
  (await t.db.select({ n: count() }).from(table).where(where))[0]!.n;

const city = (code: string, nameEn: string, nameZh: string) => ({ code, nameEn, nameZh });
const expertIndicator = {
  code: 'water_use',
  dimension: 'social',
  nameEn: 'Water use efficiency',
  nameZh: '用水效率',
  descriptionEn: 'How well the city uses its water.',
  descriptionZh: '城市用水的效率。',
  direction: 'benefit',
  source: 'expert',
  scaleMin: '1',
  scaleMax: '9',
  anchors: '1 | very weak | 很弱\n9 | very strong | 很强',
  unit: '',
  boundMin: '',
  boundMax: '',
};

beforeAll(async () => {
  t = await startDemoApp();
  await addUser(t.db, 'outsider', 'river-oasis-gansu-42');
});
afterAll(() => t.close());

describe('who may set up an assessment', () => {
  it('administrators only: evaluators get 403, someone off the panel 404, and only administrators see the link', async () => {
    expect((await get(t, SETUP, { cookie: await as('expert1') })).status).toBe(403);
    expect((await get(t, SETUP, { cookie: await as('outsider') })).status).toBe(404);
    expect((await send('expert1', '/cities', city('lanzhou', 'Lanzhou', '兰州'))).status).toBe(403);
    expect(await cityCodes()).not.toContain('lanzhou');
    const overview = async (u: string) => (await get(t, `/assessments/${DEMO}`, { cookie: await as(u) })).text();
    expect(await overview('admin')).toContain(`href="${SETUP}"`);
    expect(await overview('expert1')).not.toContain(`href="${SETUP}"`);
  });

  it('shows every city in both languages, the dimensions and the indicators with their scale', async () => {
    const html = await page();
    expect(html).toContain('value="Wuwei"');
    expect(html).toContain('value="武威"');
    for (const code of ['planning', 'policy', 'industry', 'social']) expect(html).toContain(`value="${code}"`);
    expect(html).toContain('plan_alignment');
    expect(html).toMatch(/scored by experts 1–9/);
  });
});

describe('while round 1 is open', () => {
  it('refuses structure changes with the reason, and writes nothing', async () => {
    const before = await cityCodes();
    const added = await send('admin', '/cities', city('lanzhou', 'Lanzhou', '兰州'));
    expect(added.status).toBe(409);
    expect(added.html).toContain('round 1 is open');
    const recoded = await send('admin', '/cities/wuwei', city('wu-wei', 'Wuwei', '武威'));
    expect(recoded.status).toBe(409);
    expect((await send('admin', '/indicators/plan_alignment/remove')).status).toBe(409);
    expect((await send('admin', '/dimensions', city('ecology', 'Ecology', '生态'))).status).toBe(409);
    expect(await cityCodes()).toEqual(before);
    expect(await audits('city.')).toEqual([]);
  });

  it('still lets a name be corrected, audited with before and after', async () => {
    const res = await send('admin', '/cities/wuwei', city('wuwei', 'Wuwei City', '武威市'));
    expect(res.status).toBe(303);
    expect(decodeURIComponent(res.location!)).toContain('Saved Wuwei City 武威市.');
    const [entry] = await audits('city.update');
    expect(entry).toMatchObject({
      before: { code: 'wuwei', nameEn: 'Wuwei', nameZh: '武威' },
      after: { code: 'wuwei', nameEn: 'Wuwei City', nameZh: '武威市' },
    });
    expect(await send('admin', '/cities/wuwei', city('wuwei', 'Wuwei', '武威'))).toMatchObject({ status: 303 });
  });

  it('refuses archiving until the round is closed', async () => {
    const res = await send('admin', '/archive');
    expect(res.status).toBe(409);
    expect(res.html).toContain('close it before archiving');
    expect((await demo()).archivedAt).toBeNull();
  });
});

describe('after the round is closed', () => {
  beforeAll(async () => {
    const res = await t.app.request(`/assessments/${DEMO}/rounds/close`, {
      method: 'POST',
      headers: { origin: ORIGIN, cookie: await as('admin'), 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
    });
    expect(res.status).toBe(303);
  });

  it('refuses a bad code or a missing name at its field with 422, and a taken code with 409', async () => {
    const before = await cityCodes();
    const bad = await send('admin', '/cities', city('Lan Zhou', 'Lanzhou', '兰州'));
    expect(bad.status).toBe(422);
    expect(bad.html).toContain('Code: 1–63 lower-case letters');
    expect(bad.html).toContain('value="Lan Zhou"');
    const noName = await send('admin', '/cities', city('lanzhou', 'Lanzhou', ' '));
    expect(noName.status).toBe(422);
    expect(noName.html).toContain('Name (Chinese): this field is required');
    const taken = await send('admin', '/cities', city('zhangye', 'Zhangye again', '张掖'));
    expect(taken.status).toBe(409);
    expect(taken.html).toContain('the code &quot;zhangye&quot; is taken by another city');
    expect(await cityCodes()).toEqual(before);
  });

  it('adds a city at the end, audited, and answers htmx with the fragment alone', async () => {
    const res = await send('admin', '/cities', city('lanzhou', 'Lanzhou <b>', '兰州'), true);
    expect(res.status).toBe(200);
    expect(res.html).not.toContain('<html');
    expect(res.html).toMatch(/^<div id="setup">/);
    expect(res.html).toContain('Added Lanzhou &lt;b&gt; 兰州.');
    const rows = await t.db.select().from(alternatives).orderBy(alternatives.position);
    expect(rows.at(-1)).toMatchObject({ code: 'lanzhou', nameEn: 'Lanzhou <b>', nameZh: '兰州' });
    expect((await audits('city.add'))[0]!.after).toEqual({ code: 'lanzhou', nameEn: 'Lanzhou <b>', nameZh: '兰州' });
    const bad = await send('admin', '/cities', city('', 'x', 'y'), true);
    expect(bad.status).toBe(422);
    expect(bad.html).toMatch(/^<div id="setup">/);
    expect(bad.html).toContain('aria-invalid="true"');
  });

  it('removes a city without data at once, and asks first for one with scores, naming what goes', async () => {
    expect((await send('admin', '/cities/lanzhou/remove')).status).toBe(303);
    expect(await cityCodes()).not.toContain('lanzhou');

    const jinchang = (await t.db.select().from(alternatives).where(eq(alternatives.code, 'jinchang')))[0]!;
    const given = await countOf(scores, eq(scores.alternativeId, jinchang.id));
    const statistics = await countOf(indicatorValues, eq(indicatorValues.alternativeId, jinchang.id));
    expect(given).toBeGreaterThan(0);
    expect(statistics).toBeGreaterThan(0);
    const asked = await send('admin', '/cities/jinchang/remove');
    expect(asked.status).toBe(409);
    expect(asked.html).toContain('Removing Jinchang 金昌 deletes, for good:');
    expect(asked.html).toContain(`${given} scores given by the panel (all rounds)`);
    expect(asked.html).toContain(`${statistics} imported statistics`);
    expect(asked.html).toContain('name="confirm" value="yes"');
    expect(await cityCodes()).toContain('jinchang');

    const done = await send('admin', '/cities/jinchang/remove', { confirm: 'yes' });
    expect(done.status).toBe(303);
    expect(await cityCodes()).not.toContain('jinchang');
    expect(await countOf(scores, eq(scores.alternativeId, jinchang.id))).toBe(0);
    expect((await audits('city.remove')).at(-1)!.before).toMatchObject({ code: 'jinchang', scores: given, statistics });
  });

  it('checks an indicator’s scale, anchor words and bounds, each at its field', async () => {
    const noScale = await send('admin', '/indicators', { ...expertIndicator, scaleMin: '', scaleMax: '' });
    expect(noScale.status).toBe(422);
    expect(noScale.html).toContain('Scale from: an expert-scored indicator needs its scale');
    const upsideDown = await send('admin', '/indicators', { ...expertIndicator, scaleMin: '9', scaleMax: '1' });
    expect(upsideDown.html).toContain('Scale to: must be above 9');
    const offScale = await send('admin', '/indicators', {
      ...expertIndicator,
      anchors: '1 | weak | 弱\n10 | top | 顶',
    });
    expect(offScale.status).toBe(422);
    expect(offScale.html).toContain('Anchor words: line 2 (&quot;10 | top | 顶&quot;): 10 is not on the scale 1–9');
    const halfBound = await send('admin', '/indicators/secondary_share_change', {
      ...expertIndicator,
      code: 'secondary_share_change',
      dimension: 'industry',
      source: 'statistic',
      scaleMin: '',
      scaleMax: '',
      boundMin: '-10',
    });
    expect(halfBound.status).toBe(422);
    expect(halfBound.html).toContain('Fixed upper bound: give both ends, or neither');
    const notNumber = await send('admin', '/indicators', { ...expertIndicator, scaleMax: 'nine' });
    expect(notNumber.html).toContain('Scale to: &quot;nine&quot; is not a number');
    expect(await indicator('water_use')).toBeUndefined();
  });

  it('adds an expert indicator with its anchor words, dropping comparisons that no longer fit only once confirmed', async () => {
    const expert1 = (await t.db.query.users.findFirst({ where: (u, { eq }) => eq(u.username, 'expert1') }))!;
    const n = (
      await t.db
        .select({ n: count() })
        .from(indicators)
        .innerJoin(dimensions, eq(dimensions.id, indicators.dimensionId))
        .where(eq(dimensions.code, 'social'))
    )[0]!.n;
    // One member's comparisons of the social indicators: all equal, a consistent n × n matrix.
    await t.db.insert(ahpJudgments).values({
      assessmentId: (await demo()).id,
      userId: expert1.id,
      level: 'social',
      matrix: Array.from({ length: n }, () => Array.from({ length: n }, () => 1)),
      updatedAt: t.now(),
    });
    const asked = await send('admin', '/indicators', expertIndicator);
    expect(asked.status).toBe(409);
    expect(asked.html).toContain('the pairwise comparisons of Social by 1 panel members');
    expect(await indicator('water_use')).toBeUndefined();
    const done = await send('admin', '/indicators', { ...expertIndicator, confirm: 'yes' });
    expect(done.status).toBe(303);
    expect(await indicator('water_use')).toMatchObject({
      source: 'expert',
      scaleMin: 1,
      scaleMax: 9,
      anchors: [
        { value: 1, en: 'very weak', zh: '很弱' },
        { value: 9, en: 'very strong', zh: '很强' },
      ],
      unit: null,
      boundMin: null,
    });
    expect(await t.db.select().from(ahpJudgments).where(eq(ahpJudgments.level, 'social'))).toEqual([]);
  });

  it('gives a statistic fixed normalization bounds, which the Problem carries to the engine', async () => {
    const res = await send('admin', '/indicators/secondary_share_change', {
      code: 'secondary_share_change',
      dimension: 'industry',
      nameEn: 'Change of the secondary sector’s share',
      nameZh: '第二产业比重变化',
      descriptionEn: '',
      descriptionZh: '',
      direction: 'benefit',
      source: 'statistic',
      scaleMin: '',
      scaleMax: '',
      anchors: '',
      unit: 'percentage points',
      boundMin: '-20',
      boundMax: '20,5',
    });
    expect(res.status).toBe(303);
    expect(await indicator('secondary_share_change')).toMatchObject({ boundMin: -20, boundMax: 20.5 });
    const problem = (await buildProblem(t.db, (await demo()).id)) as {
      criteria: { id: string; bounds?: number[] }[];
    };
    expect(problem.criteria.find((c) => c.id === 'secondary_share_change')!.bounds).toEqual([-20, 20.5]);
  });

  it('refuses a narrower scale that existing scores fall outside', async () => {
    const ind = (await indicator('plan_alignment'))!;
    const outside = (
      await t.db
        .select({ n: count() })
        .from(scores)
        .where(and(eq(scores.indicatorId, ind.id), inArray(scores.value, [6, 7, 8, 9])))
    )[0]!.n;
    expect(outside).toBeGreaterThan(0);
    const res = await send('admin', '/indicators/plan_alignment', {
      ...expertIndicator,
      code: 'plan_alignment',
      dimension: 'planning',
      nameEn: ind.nameEn,
      nameZh: ind.nameZh,
      scaleMax: '5',
      anchors: '',
    });
    expect(res.status).toBe(409);
    expect(res.html).toContain(`${outside} scores of this indicator lie outside 1–5`);
    expect((await indicator('plan_alignment'))!.scaleMax).toBe(9);
  });

  it('removes a dimension only once confirmed, with its indicators and their scores and statistics', async () => {
    const industry = (await t.db.select().from(dimensions).where(eq(dimensions.code, 'industry')))[0]!;
    const own = (await t.db.select().from(indicators).where(eq(indicators.dimensionId, industry.id))).map((i) => i.id);
    const statistics = await countOf(indicatorValues, inArray(indicatorValues.indicatorId, own) as never);
    const asked = await send('admin', '/dimensions/industry/remove');
    expect(asked.status).toBe(409);
    expect(asked.html).toContain(`${own.length} indicators of this dimension`);
    expect(asked.html).toContain(`${statistics} imported statistics`);
    expect(await t.db.select().from(dimensions).where(eq(dimensions.code, 'industry'))).toHaveLength(1);
    expect((await send('admin', '/dimensions/industry/remove', { confirm: 'yes' })).status).toBe(303);
    expect(await t.db.select().from(indicators).where(inArray(indicators.id, own))).toEqual([]);
    expect(await countOf(indicatorValues, inArray(indicatorValues.indicatorId, own) as never)).toBe(0);
    expect((await audits('dimension.remove'))[0]!.before).toMatchObject({ code: 'industry', statistics });
  });

  it('reserves "dimensions" and carries a dimension’s comparisons over when its code changes', async () => {
    const reserved = await send('admin', '/dimensions', city('dimensions', 'All', '全部'));
    expect(reserved.status).toBe(422);
    expect(reserved.html).toContain('reserved');
    const expert2 = (await t.db.query.users.findFirst({ where: (u, { eq }) => eq(u.username, 'expert2') }))!;
    await t.db.insert(ahpJudgments).values({
      assessmentId: (await demo()).id,
      userId: expert2.id,
      level: 'policy',
      matrix: [[1]],
      updatedAt: t.now(),
    });
    expect((await send('admin', '/dimensions/policy', city('governance', 'Governance', '治理'))).status).toBe(303);
    const levels = (await t.db.select().from(ahpJudgments)).map((j) => j.level);
    expect(levels).toContain('governance');
    expect(levels).not.toContain('policy');
  });

  it('edits the description, escaped on the page', async () => {
    const res = await send('admin', '/details', {
      nameEn: 'Hexi Corridor urbanization 2017',
      nameZh: '河西走廊城镇化 2017',
      regionEn: 'Hexi Corridor, Gansu',
      regionZh: '甘肃河西走廊',
      period: '2017',
      descriptionEn: 'Five cities <script>alert(1)</script>',
      descriptionZh: '五个城市',
    });
    expect(res.status).toBe(303);
    expect(await demo()).toMatchObject({ nameEn: 'Hexi Corridor urbanization 2017', descriptionZh: '五个城市' });
    const html = await page();
    expect(html).toContain('Five cities &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>alert(1)');
    const missing = await send('admin', '/details', {
      nameEn: '',
      nameZh: 'x',
      regionEn: 'x',
      regionZh: 'x',
      period: 'x',
    });
    expect(missing.status).toBe(422);
    expect(missing.html).toContain('Name (English): this field is required');
    expect((await audits('assessment.update')).length).toBe(1);
  });

  it('archives: read-only, no round can open, listed as archived; and restores', async () => {
    expect((await send('admin', '/archive')).status).toBe(303);
    expect((await demo()).archivedAt).not.toBeNull();
    expect(await page()).toContain('This assessment is archived');
    const refused = await send('admin', '/cities/wuwei', city('wuwei', 'Wuwei!', '武威'));
    expect(refused.status).toBe(409);
    expect(refused.html).toContain('archived');
    const round = await t.app.request(`/assessments/${DEMO}/rounds/open`, {
      method: 'POST',
      headers: { origin: ORIGIN, cookie: await as('admin'), 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
    });
    expect(round.status).toBe(409);
    expect(await (await get(t, '/', { cookie: await as('admin') })).text()).toContain(
      '<span class="badge badge--closed">archived</span>',
    );
    expect((await send('admin', '/restore')).status).toBe(303);
    expect((await demo()).archivedAt).toBeNull();
    expect((await audits('assessment.')).map((e) => e.action)).toEqual(
      expect.arrayContaining(['assessment.archive', 'assessment.restore']),
    );
  });
});
