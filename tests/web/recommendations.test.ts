/**
 * The recommendation rule editor through the real app on a real libSQL file: own rules added, changed and deleted,
 * library rules overridden for one assessment and reverted, each change audited; validation at the fields, conflicts,
 * who may do it, rule ids of another assessment, and hostile text.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssessment } from '../../src/app/assessments.ts';
import { DEMO_ASSESSMENT } from '../../src/db/demo/hexi-demo.ts';
import { hexiRules } from '../../src/db/demo/recommendations.ts';
import { dataVersionOf } from '../../src/db/queries/snapshots.ts';
import { findUserByUsername } from '../../src/db/queries/users.ts';
import { assessments, auditLog, recommendationRules } from '../../src/db/schema.ts';
import { addUser, get, post, sessions, startDemoApp, type TestApp } from './harness.ts';

const DEMO = DEMO_ASSESSMENT.code;
const URL = `/assessments/${DEMO}/recommendations`;
let t: TestApp;
const as = sessions(() => t);
let demoId: number;
let otherId: number;

beforeAll(async () => {
  t = await startDemoApp();
  await addUser(t.db, 'outsider', 'not-on-any-panel-42');
  const admin = await findUserByUsername(t.db, 'admin');
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
  const rows = await t.db.select().from(assessments);
  demoId = rows.find((a) => a.code === DEMO)!.id;
  otherId = rows.find((a) => a.code === 'other-2020')!.id;
});
afterAll(() => t.close());

const own = (assessmentId: number) =>
  t.db
    .select()
    .from(recommendationRules)
    .where(eq(recommendationRules.assessmentId, assessmentId as never));
const library = () => t.db.select().from(recommendationRules).where(isNull(recommendationRules.assessmentId));
const libraryRule = async (code: string) => (await library()).find((r) => r.code === code)!;
const audits = (action: string) => t.db.select().from(auditLog).where(eq(auditLog.action, action));

const fields = (extra: Record<string, string> = {}) => ({
  code: 'water-saving',
  dimension: 'social',
  source: 'Panel workshop, 2026',
  textEn: 'Price water to save it.',
  textZh: '以水价促节水。',
  'condition.type': 'obstacle',
  'condition.indicator': 'ecological_pressure',
  'condition.within': '2',
  ...extra,
});

describe('who may edit rules', () => {
  it('administrators; evaluators and viewers are refused, outsiders do not learn the assessment exists', async () => {
    expect((await get(t, URL, { cookie: await as('admin') })).status).toBe(200);
    expect((await get(t, URL, { cookie: await as('expert1') })).status).toBe(403);
    // A viewer sees a published assessment, and is still refused its rules.
    await t.db
      .update(assessments)
      .set({ status: 'published' })
      .where(eq(assessments.id, demoId as never));
    try {
      expect((await get(t, URL, { cookie: await as('reader1') })).status).toBe(403);
      expect((await post(t, URL, fields(), { cookie: await as('reader1') })).status).toBe(403);
    } finally {
      await t.db
        .update(assessments)
        .set({ status: 'open' })
        .where(eq(assessments.id, demoId as never));
    }
    expect((await get(t, URL, { cookie: await as('outsider') })).status).toBe(404);
    expect((await post(t, URL, fields(), { cookie: await as('expert1') })).status).toBe(403);
    expect(await own(demoId)).toEqual([]);
    expect(await audits('rule.create')).toEqual([]);
  });
});

describe('the page', () => {
  it('lists the library rules, each checked against the assessment’s dimensions and indicators', async () => {
    const html = await (await get(t, URL, { cookie: await as('admin') })).text();
    for (const r of hexiRules) expect(html).toContain(`data-code="${r.code}"`);
    expect(html.match(/rule__origin--library/g)).toHaveLength(hexiRules.length);
    expect(html.match(/Every dimension and indicator it names is in this assessment\./g)).toHaveLength(
      hexiRules.length,
    );
    expect(html).toContain('Human capital and innovation capacity is a main obstacle');
    const overview = await (await get(t, `/assessments/${DEMO}`, { cookie: await as('admin') })).text();
    expect(overview).toContain(`href="${URL}"`);
  });

  it('reads in Chinese', async () => {
    const html = await (
      await get(t, URL, { cookie: await as('admin'), headers: { 'accept-language': 'zh-CN' } })
    ).text();
    expect(html).toContain('建议规则');
    expect(html).toContain('规则库');
  });
});

describe('an own rule', () => {
  let id: number;

  it('is added with its audit entry and listed as this assessment’s', async () => {
    const version = await dataVersionOf(t.db, demoId as never);
    const res = await post(t, URL, fields(), { cookie: await as('admin') });
    expect(res.status).toBe(303);
    // The live results are cached by data version: a rule change must be a new version (its reports cite the rules).
    expect(await dataVersionOf(t.db, demoId as never)).toBeGreaterThan(version!);
    expect(res.headers.get('location')).toBe(`${URL}?done=created&rule=water-saving`);
    const [row] = await own(demoId);
    id = row!.id;
    expect(row).toMatchObject({
      code: 'water-saving',
      dimensionCode: 'social',
      condition: { type: 'obstacle', indicator: 'ecological_pressure', within: 2 },
      textEn: 'Price water to save it.',
      textZh: '以水价促节水。',
      source: 'Panel workshop, 2026',
    });
    const [entry] = await audits('rule.create');
    expect(entry).toMatchObject({
      entity: 'assessment',
      entityId: String(demoId),
      before: null,
      after: { code: 'water-saving', condition: { type: 'obstacle', indicator: 'ecological_pressure', within: 2 } },
    });
    const html = await (await get(t, res.headers.get('location')!, { cookie: await as('admin') })).text();
    expect(html).toContain('Rule &quot;water-saving&quot; added.');
    expect(html).toMatch(/data-code="water-saving"[\s\S]*?rule__origin--own/);
    const trail = await (await get(t, `/assessments/${DEMO}/audit`, { cookie: await as('admin') })).text();
    expect(trail).toContain('Recommendation rule added');
  });

  it('is changed in place, audited with before and after', async () => {
    const res = await post(
      t,
      `${URL}/${id}`,
      fields({ 'condition.type': 'level', 'condition.min': '', 'condition.max': '7', textEn: 'Coordinate first.' }),
      { cookie: await as('admin') },
    );
    expect(res.status).toBe(303);
    const [row] = await own(demoId);
    expect(row).toMatchObject({ id, condition: { type: 'level', max: 7 }, textEn: 'Coordinate first.' });
    const [entry] = await audits('rule.update');
    expect(entry).toMatchObject({
      before: { textEn: 'Price water to save it.', condition: { type: 'obstacle' } },
      after: { textEn: 'Coordinate first.', condition: { type: 'level', max: 7 } },
    });
  });

  it('takes a combination as JSON, stored as the schema reads it', async () => {
    const parts = [
      { type: 'lagging-dimension', dimension: 'social' },
      { type: 'any', conditions: [{ type: 'weak-consensus', indicator: 'hukou_social_security', below: 0.4 }] },
    ];
    const res = await post(
      t,
      `${URL}/${id}`,
      fields({ 'condition.type': 'all', 'condition.conditions': JSON.stringify(parts) }),
      { cookie: await as('admin') },
    );
    expect(res.status).toBe(303);
    expect((await own(demoId))[0]!.condition).toEqual({ type: 'all', conditions: parts });
  });

  it('refuses a code another rule has (its own or the library’s) with 409, writing nothing', async () => {
    await post(t, URL, fields({ code: 'second' }), { cookie: await as('admin') });
    const before = await own(demoId);
    const same = await post(t, URL, fields(), { cookie: await as('admin') });
    expect(same.status).toBe(409);
    expect(await same.text()).toContain('a rule with the code &quot;water-saving&quot; already applies');
    expect((await post(t, URL, fields({ code: 'human-capital' }), { cookie: await as('admin') })).status).toBe(409);
    const second = before.find((r) => r.code === 'second')!;
    expect((await post(t, `${URL}/${second.id}`, fields(), { cookie: await as('admin') })).status).toBe(409);
    expect(await own(demoId)).toEqual(before);
  });

  it('is deleted (not reverted: it has no library version), audited', async () => {
    const second = (await own(demoId)).find((r) => r.code === 'second')!;
    expect((await post(t, `${URL}/${second.id}/revert`, {}, { cookie: await as('admin') })).status).toBe(409);
    const res = await post(t, `${URL}/${second.id}/delete`, {}, { cookie: await as('admin') });
    expect(res.status).toBe(303);
    expect((await own(demoId)).map((r) => r.code)).toEqual(['water-saving']);
    const [entry] = await audits('rule.delete');
    expect(entry).toMatchObject({ before: { code: 'second' }, after: null });
  });
});

describe('validation', () => {
  it('names each field at fault with a 422 and writes nothing', async () => {
    const before = await own(demoId);
    const res = await post(
      t,
      URL,
      fields({
        code: 'Bad Code',
        textEn: ' ',
        dimension: 'economy',
        'condition.indicator': '',
        'condition.within': '0',
      }),
      { cookie: await as('admin') },
    );
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Code: 1–63 lower-case letters');
    expect(html).toContain('Advice in English: this field is required');
    expect(html).toContain(
      'Dimension (where the report lists the advice): expected one of this assessment&#39;s dimensions (planning, policy, industry, social)',
    );
    expect(html).toContain('Indicator: ');
    expect(html).toContain('Among the first … obstacles: within is at least 1');
    expect(html).toMatch(/id="rule__-code" name="code" aria-invalid="true"/);
    // What was typed is shown again.
    expect(html).toContain('value="Bad Code"');
    const level = await post(
      t,
      URL,
      fields({ 'condition.type': 'level', 'condition.min': '8', 'condition.max': '3' }),
      {
        cookie: await as('admin'),
      },
    );
    expect(level.status).toBe(422);
    expect(await level.text()).toContain('Up to level: min is above max');
    const notJson = await post(t, URL, fields({ 'condition.type': 'any', 'condition.conditions': '[{' }), {
      cookie: await as('admin'),
    });
    expect(notJson.status).toBe(422);
    expect(await notJson.text()).toContain('Conditions, as a JSON list: this is not valid JSON');
    const inner = await post(
      t,
      URL,
      fields({ 'condition.type': 'any', 'condition.conditions': '[{"type":"obstacle","within":3}]' }),
      { cookie: await as('admin') },
    );
    expect(inner.status).toBe(422);
    expect(await inner.text()).toContain('Conditions, as a JSON list: conditions[0].indicator: ');
    const badNumber = await post(t, URL, fields({ 'condition.within': 'two' }), { cookie: await as('admin') });
    expect(badNumber.status).toBe(422);
    expect(await badNumber.text()).toContain('Among the first … obstacles: not a number');
    expect(await own(demoId)).toEqual(before);
  });
});

describe('a library rule', () => {
  it('changed here becomes this assessment’s version; the library and other assessments keep theirs', async () => {
    const lib = await libraryRule('human-capital');
    const res = await post(
      t,
      `${URL}/${lib.id}`,
      fields({
        code: 'human-capital',
        dimension: 'industry',
        textEn: 'Train people here.',
        textZh: '在本地培养人才。',
        'condition.indicator': 'human_capital',
        'condition.within': '3',
      }),
      { cookie: await as('admin') },
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${URL}?done=overridden&rule=human-capital`);
    expect(await libraryRule('human-capital')).toEqual(lib);
    const override = (await own(demoId)).find((r) => r.code === 'human-capital')!;
    expect(override).toMatchObject({ textEn: 'Train people here.', condition: { within: 3 } });
    const [entry] = await audits('rule.override');
    expect(entry).toMatchObject({
      entityId: String(demoId),
      before: { textEn: lib.textEn },
      after: { textEn: 'Train people here.' },
    });
    const html = await (await get(t, URL, { cookie: await as('admin') })).text();
    expect(html).toMatch(/data-code="human-capital"[\s\S]*?rule__origin--override/);
    expect(html).toContain('Train people here.');
    expect(html).toContain(lib.textEn);
    expect(html.match(/data-code="human-capital"/g)).toHaveLength(1);
    const other = await (await get(t, '/assessments/other-2020/recommendations', { cookie: await as('admin') })).text();
    expect(other).toMatch(/data-code="human-capital"[\s\S]*?rule__origin--library/);
    expect(other).not.toContain('Train people here.');
    expect(await own(otherId)).toEqual([]);
  });

  it('keeps its code, cannot be changed twice from the library row, nor deleted', async () => {
    const lib = await libraryRule('human-capital');
    const override = (await own(demoId)).find((r) => r.code === 'human-capital')!;
    const renamed = await post(t, `${URL}/${override.id}`, fields({ code: 'people' }), { cookie: await as('admin') });
    expect(renamed.status).toBe(422);
    expect(await renamed.text()).toContain('Code: the code of a library rule stays');
    expect(
      (await post(t, `${URL}/${lib.id}`, fields({ code: 'human-capital' }), { cookie: await as('admin') })).status,
    ).toBe(409);
    expect((await post(t, `${URL}/${lib.id}/delete`, {}, { cookie: await as('admin') })).status).toBe(409);
    expect((await post(t, `${URL}/${override.id}/delete`, {}, { cookie: await as('admin') })).status).toBe(409);
    expect(await libraryRule('human-capital')).toEqual(lib);
  });

  it('reverts to the library version, audited', async () => {
    const override = (await own(demoId)).find((r) => r.code === 'human-capital')!;
    const res = await post(
      t,
      `${URL}/${override.id}/revert`,
      {},
      { cookie: await as('admin'), headers: { 'HX-Request': 'true' } },
    );
    expect(res.status).toBe(200);
    const fragment = await res.text();
    expect(fragment).not.toContain('<html');
    expect(fragment).toContain('Rule &quot;human-capital&quot; follows the library again.');
    expect(fragment).toMatch(/data-code="human-capital"[\s\S]*?rule__origin--library/);
    expect((await own(demoId)).some((r) => r.code === 'human-capital')).toBe(false);
    const [entry] = await audits('rule.revert');
    expect(entry).toMatchObject({
      before: { textEn: 'Train people here.' },
      after: { textEn: (await libraryRule('human-capital')).textEn },
    });
  });
});

describe('rule ids', () => {
  it('of another assessment, or that are no ids, are not found, and nothing changes', async () => {
    await t.db.insert(recommendationRules).values({
      assessmentId: otherId as never,
      code: 'theirs',
      dimensionCode: 'social',
      condition: { type: 'lagging-dimension', dimension: 'social' },
      textEn: 'Theirs.',
      textZh: '他们的。',
      source: '',
    });
    const [theirs] = await own(otherId);
    const cookie = await as('admin');
    expect((await post(t, `${URL}/${theirs!.id}`, fields({ code: 'theirs' }), { cookie })).status).toBe(404);
    expect((await post(t, `${URL}/${theirs!.id}/delete`, {}, { cookie })).status).toBe(404);
    expect((await post(t, `${URL}/${theirs!.id}/revert`, {}, { cookie })).status).toBe(404);
    expect((await post(t, `${URL}/abc`, fields(), { cookie })).status).toBe(404);
    expect((await post(t, `${URL}/99999`, fields(), { cookie })).status).toBe(404);
    expect(await own(otherId)).toEqual([theirs]);
    const page = await (await get(t, URL, { cookie })).text();
    expect(page).not.toContain('Theirs.');
  });
});

describe('ids a rule names', () => {
  it('that are not in the assessment are shown, and a rule that can never fire says so', async () => {
    const res = await post(
      t,
      URL,
      fields({
        code: 'gdp-rule',
        'condition.type': 'any',
        'condition.conditions': JSON.stringify([{ type: 'obstacle', indicator: 'gdp_growth' }]),
      }),
      { cookie: await as('admin') },
    );
    expect(res.status).toBe(303);
    const html = await (await get(t, URL, { cookie: await as('admin') })).text();
    expect(html).toContain('It can never fire in this assessment:');
    expect(html).toContain('There is no indicator &quot;gdp_growth&quot; (conditions[0].indicator)');
  });
});

describe('hostile text', () => {
  it('is shown escaped', async () => {
    const evil = `<script>alert("x")</script>' onmouseover="alert(1)`;
    const res = await post(t, URL, fields({ code: 'evil', textEn: evil, textZh: evil, source: evil }), {
      cookie: await as('admin'),
    });
    expect(res.status).toBe(303);
    const html = await (await get(t, URL, { cookie: await as('admin') })).text();
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('" onmouseover="');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    const refused = await post(t, URL, fields({ code: evil }), { cookie: await as('admin') });
    expect(refused.status).toBe(422);
    expect(await refused.text()).not.toContain('<script>alert');
    const done = await (
      await get(t, `${URL}?done=created&rule=${encodeURIComponent('<script>x</script>')}`, {
        cookie: await as('admin'),
      })
    ).text();
    expect(done).not.toContain('<script>x');
    expect(done).not.toContain('role="status"');
  });
});

describe('an archived assessment', () => {
  it('shows its rules and changes none', async () => {
    await t.db
      .update(assessments)
      .set({ archivedAt: t.now() })
      .where(eq(assessments.id, demoId as never));
    try {
      const before = await own(demoId);
      const res = await post(t, URL, fields({ code: 'late' }), { cookie: await as('admin') });
      expect(res.status).toBe(409);
      expect(await res.text()).toContain('archived');
      const [first] = before;
      expect((await post(t, `${URL}/${first!.id}/delete`, {}, { cookie: await as('admin') })).status).toBe(409);
      expect(await own(demoId)).toEqual(before);
      const html = await (await get(t, URL, { cookie: await as('admin') })).text();
      expect(html).toContain('its rules can be read but not changed');
    } finally {
      await t.db
        .update(assessments)
        .set({ archivedAt: null })
        .where(and(eq(assessments.id, demoId as never)));
    }
  });
});
