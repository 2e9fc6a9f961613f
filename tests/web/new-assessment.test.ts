/** Creating an assessment: administrators only, blank or from the Hexi Corridor template, in one batch, audited. */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProblem } from '../../src/app/problem.ts';
import { demoCities, demoDimensions, demoIndicators } from '../../src/db/demo/hexi-demo.ts';
import { alternatives, assessments, auditLog, dimensions, indicators } from '../../src/db/schema.ts';
import { get, post, sessions, startDemoApp, type TestApp } from './harness.ts';

let t: TestApp;
const as = sessions(() => t);
const form = (code: string, template = 'hexi') => ({
  code,
  template,
  nameEn: 'Hexi Corridor, 2022',
  nameZh: '河西走廊（2022年）',
  regionEn: 'Gansu',
  regionZh: '甘肃',
  period: '2022',
});
const byCode = async (code: string) => (await t.db.select().from(assessments).where(eq(assessments.code, code)))[0];

beforeAll(async () => {
  t = await startDemoApp();
});
afterAll(() => t.close());

describe('a new assessment', () => {
  it('is for administrators, and the start page offers it to them only', async () => {
    expect((await get(t, '/assessments/new', { cookie: await as('admin') })).status).toBe(200);
    expect((await get(t, '/assessments/new', { cookie: await as('expert1') })).status).toBe(403);
    expect((await post(t, '/assessments/new', form('sneaky'), { cookie: await as('expert1') })).status).toBe(403);
    expect(await byCode('sneaky')).toBeUndefined();
    expect(await (await get(t, '/', { cookie: await as('admin') })).text()).toContain('href="/assessments/new"');
    expect(await (await get(t, '/', { cookie: await as('expert1') })).text()).not.toContain('href="/assessments/new"');
  });

  it('from the template has the study’s structure, as a draft, audited', async () => {
    const res = await post(t, '/assessments/new', form('hexi-2022'), { cookie: await as('admin') });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/assessments/hexi-2022');
    const a = await byCode('hexi-2022');
    expect(a).toMatchObject({ status: 'draft', nameZh: '河西走廊（2022年）' });
    const cities = await t.db
      .select()
      .from(alternatives)
      .where(eq(alternatives.assessmentId, a!.id))
      .orderBy(alternatives.position);
    const dims = await t.db
      .select()
      .from(dimensions)
      .where(eq(dimensions.assessmentId, a!.id))
      .orderBy(dimensions.position);
    const inds = await t.db
      .select()
      .from(indicators)
      .where(eq(indicators.assessmentId, a!.id))
      .orderBy(indicators.position);
    expect(cities.map((c) => c.code)).toEqual(demoCities.map((c) => c.code));
    expect(dims.map((d) => d.code)).toEqual(demoDimensions.map((d) => d.code));
    expect(inds.map((i) => i.code)).toEqual(demoIndicators.map((i) => i.code));
    const dimCode = new Map(dims.map((d) => [d.id, d.code]));
    expect(inds.map((i) => dimCode.get(i.dimensionId))).toEqual(demoIndicators.map((i) => i.dimensionCode));
    const [entry] = await t.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, String(a!.id)));
    expect(entry).toMatchObject({
      action: 'assessment.create',
      entity: 'assessment',
      after: { code: 'hexi-2022', template: 'hexi' },
    });
    // No statistics yet: the Problem says what is missing.
    await expect(buildProblem(t.db, a!.id)).rejects.toThrow(/statistics missing/);
    expect((await get(t, '/assessments/hexi-2022', { cookie: await as('admin') })).status).toBe(200);
  });

  it('blank has nothing in it', async () => {
    expect((await post(t, '/assessments/new', form('empty-one', 'blank'), { cookie: await as('admin') })).status).toBe(
      303,
    );
    const a = await byCode('empty-one');
    expect(await t.db.select().from(indicators).where(eq(indicators.assessmentId, a!.id))).toHaveLength(0);
  });

  it('names the field that is wrong and writes nothing', async () => {
    const before = (await t.db.select().from(assessments)).length;
    const bad = await post(t, '/assessments/new', form('Bad Code!'), { cookie: await as('admin') });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('Code (used in addresses): 1–63 lower-case letters');
    const taken = await post(t, '/assessments/new', form('hexi-corridor-2017'), { cookie: await as('admin') });
    expect(taken.status).toBe(409);
    const reserved = await post(t, '/assessments/new', form('new'), { cookie: await as('admin') });
    expect(reserved.status).toBe(422);
    const noName = await post(t, '/assessments/new', { ...form('x-1'), nameZh: ' ' }, { cookie: await as('admin') });
    expect(noName.status).toBe(422);
    expect(await noName.text()).toContain('Name in Chinese: this field is required');
    expect((await t.db.select().from(assessments)).length).toBe(before);
  });
});
