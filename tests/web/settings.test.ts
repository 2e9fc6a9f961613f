/** Method settings: saved only when the engine accepts them on the assessment's data, its errors at their fields. */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProblem } from '../../src/app/problem.ts';
import { assessments, auditLog } from '../../src/db/schema.ts';
import { evaluate } from '../../src/engine/index.ts';
import { get, post, sessions, startDemoApp, type TestApp } from './harness.ts';

const DEMO = 'hexi-corridor-2017';
const URL = `/assessments/${DEMO}/settings`;
let t: TestApp;
const as = sessions(() => t);
const stored = async () => (await t.db.select().from(assessments))[0]!.methodSettings;

beforeAll(async () => {
  t = await startDemoApp();
});
afterAll(() => t.close());

const base = {
  'method.name': 'topsis',
  'method.normalization': 'vector',
  'panel.aggregate': 'mean',
  'delphi.consensusIqr': '1',
};

describe('method settings', () => {
  it('are for administrators', async () => {
    expect((await get(t, URL, { cookie: await as('admin') })).status).toBe(200);
    expect((await get(t, URL, { cookie: await as('expert1') })).status).toBe(403);
    const before = await stored();
    expect(
      (await post(t, URL, { ...base, 'method.name': 'vikor', 'method.v': '0.2' }, { cookie: await as('expert1') }))
        .status,
    ).toBe(403);
    expect(await stored()).toEqual(before);
  });

  it('show the stored settings', async () => {
    const html = await (await get(t, URL, { cookie: await as('admin') })).text();
    expect(html).toContain('<option value="topsis" selected="">');
  });

  it('save what the engine accepts, audited, and the Problem carries it', async () => {
    const res = await post(
      t,
      URL,
      {
        ...base,
        'method.name': 'vikor',
        'method.v': '0,3',
        'coordination.enabled': 'on',
        'coordination.variant': 'wang2021',
        'coordination.boundaries': 'lower-closed',
        'coordination.laggingRatio': '0.7',
        'obstacles.enabled': 'on',
        'obstacles.top': '3',
        'panel.aggregate': 'median',
        'delphi.consensusIqr': '1.5',
      },
      { cookie: await as('admin') },
    );
    expect(res.status).toBe(303);
    expect(await stored()).toEqual({
      method: { name: 'vikor', v: 0.3 },
      coordination: { variant: 'wang2021', boundaries: 'lower-closed', laggingRatio: 0.7 },
      obstacles: { top: 3 },
      panel: { aggregate: 'median' },
      delphi: { consensusIqr: 1.5 },
    });
    const [demo] = await t.db.select().from(assessments);
    const problem = await buildProblem(t.db, demo!.id);
    expect(problem.method).toEqual({ name: 'vikor', v: 0.3 });
    expect(problem.coordination).toEqual({ variant: 'wang2021', boundaries: 'lower-closed', laggingRatio: 0.7 });
    expect((problem.panel as { aggregate: string }).aggregate).toBe('median');
    expect(problem).not.toHaveProperty('delphi');
    const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'settings.update'));
    expect(entry).toMatchObject({ entity: 'assessment', before: { method: { name: 'topsis' } } });
    const html = await (await get(t, `${URL}?saved=1`, { cookie: await as('admin') })).text();
    expect(html).toContain('Settings saved.');
    expect(html).toContain('<option value="wang2021" selected="">');
  });

  it('show the engine’s error at its field and write nothing', async () => {
    const before = await stored();
    const res = await post(t, URL, { ...base, 'method.name': 'vikor', 'method.v': '2' }, { cookie: await as('admin') });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toMatch(
      /id="method\.v" name="method\.v" type="text" inputmode="decimal" value="2" aria-invalid="true"/,
    );
    expect(html).toMatch(/<p class="field__error" id="method\.v-error">[^<]*(1|less)/);
    const promethee = await post(
      t,
      URL,
      { ...base, 'method.name': 'promethee2', 'method.preference[0].function': 'linear' },
      { cookie: await as('admin') },
    );
    expect(promethee.status).toBe(422);
    expect(await promethee.text()).toContain('aria-invalid="true"');
    const text = await post(
      t,
      URL,
      { ...base, 'coordination.enabled': 'on', 'coordination.laggingRatio': 'most' },
      { cookie: await as('admin') },
    );
    expect(text.status).toBe(422);
    expect(await text.text()).toContain('coordination.laggingRatio: not a number');
    expect(await stored()).toEqual(before);
  });

  it('save the Fan variant and a level table of the study’s own, audited, and the evaluation classifies by it', async () => {
    const levels =
      '0 | severely imbalanced | 严重失调\n0.25 | slightly imbalanced | 轻度失调\n\n0.5 | coordinated | 协调';
    const res = await post(
      t,
      URL,
      {
        ...base,
        'coordination.enabled': 'on',
        'coordination.variant': 'fan',
        'coordination.boundaries': 'upper-closed',
        'coordination.laggingRatio': '0.8',
        'coordination.levels': levels,
      },
      { cookie: await as('admin') },
    );
    expect(res.status).toBe(303);
    const table = [
      { from: 0, en: 'severely imbalanced', zh: '严重失调' },
      { from: 0.25, en: 'slightly imbalanced', zh: '轻度失调' },
      { from: 0.5, en: 'coordinated', zh: '协调' },
    ];
    expect((await stored())?.coordination).toEqual({
      variant: 'fan',
      boundaries: 'upper-closed',
      laggingRatio: 0.8,
      levels: table,
    });
    const entries = await t.db.select().from(auditLog).where(eq(auditLog.action, 'settings.update'));
    expect(entries.at(-1)).toMatchObject({ entity: 'assessment', after: { coordination: { levels: table } } });
    const [demo] = await t.db.select().from(assessments);
    const { coordination } = evaluate(await buildProblem(t.db, demo!.id));
    expect(coordination!.levels).toEqual(table);
    expect(coordination!.level.every((l) => l.index >= 1 && l.index <= 3)).toBe(true);
    const html = await (await get(t, URL, { cookie: await as('admin') })).text();
    expect(html).toContain('<option value="fan" selected="">');
    expect(html).toContain(
      '0 | severely imbalanced | 严重失调\n0.25 | slightly imbalanced | 轻度失调\n0.5 | coordinated | 协调</textarea>',
    );
  });

  it('show a level table’s problems at its field, line by line, and write nothing', async () => {
    const before = await stored();
    const send = async (levels: string) =>
      post(
        t,
        URL,
        { ...base, 'coordination.enabled': 'on', 'coordination.laggingRatio': '0.8', 'coordination.levels': levels },
        { cookie: await as('admin') },
      );
    const engine = await send('0.1 | low | 低\n\n0.1 | high | ');
    expect(engine.status).toBe(422);
    const html = await engine.text();
    expect(html).toMatch(/<textarea id="coordination\.levels"[^>]*aria-invalid="true"/);
    expect(html).toContain(
      'id="coordination.levels-error">line 1, lower bound: the first class must start at 0, got 0.1; line 3, lower bound: expected a lower bound above 0.1, got 0.1: list the classes from the lowest up; line 3, Chinese name: must not be empty</p>',
    );
    const form = await send('0 | low');
    expect(form.status).toBe(422);
    expect(await form.text()).toContain(
      'line 1: expected three parts separated by |, lower bound | English name | Chinese name',
    );
    expect(await stored()).toEqual(before);
  });

  it('show another method’s options on request without saving', async () => {
    const before = await stored();
    const res = await post(
      t,
      `${URL}/form`,
      { ...base, 'method.name': 'promethee2' },
      { cookie: await as('admin'), headers: { 'HX-Request': 'true' } },
    );
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('name="method.preference[0].function"');
    expect(html).not.toMatch(/<div hidden="">\s*<h3>PROMETHEE/);
    expect(await stored()).toEqual(before);
  });
});
