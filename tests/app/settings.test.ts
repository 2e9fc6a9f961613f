/**
 * Method settings of an assessment that cannot be evaluated yet (no cities, no indicators) are checked against the
 * engine's schema part by part, the panel's aggregate options included.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { assessmentAccess } from '../../src/app/access.ts';
import { createAssessment } from '../../src/app/assessments.ts';
import { EnginePool } from '../../src/app/engine-pool/pool.ts';
import { checkSettings } from '../../src/app/settings.ts';
import { atLevelsField, readSettings, settingsFields } from '../../src/app/settings-form.ts';
import { memoryDb } from '../db/fixtures.ts';
import { addUser } from '../web/harness.ts';

const pool = new EnginePool();
afterAll(() => pool.close());

async function blank() {
  const db = await memoryDb();
  const admin = await addUser(db, 'admin', 'admin-password-for-tests', { isAdmin: true });
  const actor = { id: admin.id, isAdmin: true };
  const input = {
    code: 'empty',
    nameEn: 'E',
    nameZh: '空',
    regionEn: 'R',
    regionZh: '区',
    period: '2020',
    template: 'blank',
  };
  expect((await createAssessment(db, new Date(), actor, input)).kind).toBe('created');
  return { db, seat: (await assessmentAccess(db, actor, { code: 'empty' }))! };
}

describe('settings of an assessment without data', () => {
  it('refuses a panel aggregate or trim the engine would refuse, at its path', async () => {
    const { db, seat } = await blank();
    const bad = await checkSettings(db, pool, seat, { panel: { aggregate: 'mode', trim: 0.7 } });
    expect(bad.kind).toBe('refused');
    const paths = bad.kind === 'refused' ? bad.issues.map((i) => i.path) : [];
    expect([...new Set(paths)]).toEqual(['panel.aggregate', 'panel.trim']);
    const stray = await checkSettings(db, pool, seat, { panel: { experts: ['a'] } });
    expect(stray).toMatchObject({ kind: 'refused', issues: [expect.objectContaining({ path: 'panel' })] });
  });

  it('accepts valid settings, saying that only the schema was checked', async () => {
    const { db, seat } = await blank();
    const ok = await checkSettings(db, pool, seat, {
      method: { name: 'vikor', v: 0.5 },
      panel: { aggregate: 'trimmed', trim: 0.2 },
    });
    expect(ok).toEqual({ kind: 'ok', evaluated: false });
    const method = await checkSettings(db, pool, seat, { method: { name: 'vikor', v: 2 } });
    expect(method).toMatchObject({ kind: 'refused', issues: [expect.objectContaining({ path: 'method.v' })] });
  });
});

describe('the coordination level table on the settings form', () => {
  const frame = { dimensions: ['x', 'y'], criteria: ['p', 'q'] };
  const form = (levels: string, over: Record<string, string> = {}) => ({
    'method.name': 'wsm',
    'coordination.enabled': 'on',
    'coordination.variant': 'fan',
    'coordination.boundaries': 'upper-closed',
    'coordination.laggingRatio': '0.8',
    'coordination.levels': levels,
    'delphi.consensusIqr': '1',
    ...over,
  });

  it('reads one class per line, blank lines skipped, and writes it back the same way', () => {
    const text = '0 | low | 低\n\n0,5 |  high coordination | 高度协调 \n';
    const reading = readSettings(form(text), frame);
    expect(reading).toMatchObject({
      ok: true,
      settings: {
        coordination: {
          variant: 'fan',
          boundaries: 'upper-closed',
          levels: [
            { from: 0, en: 'low', zh: '低' },
            { from: 0.5, en: 'high coordination', zh: '高度协调' },
          ],
        },
      },
    });
    const stored = reading.ok ? reading.settings : {};
    expect(settingsFields(stored, frame)['coordination.levels']).toBe(
      '0 | low | 低\n0.5 | high coordination | 高度协调',
    );
  });

  it('leaves the table out when the field is empty, so the engine uses its ten classes', () => {
    const reading = readSettings(form('  \n'), frame);
    expect(reading.ok && reading.settings.coordination).toEqual({
      variant: 'fan',
      boundaries: 'upper-closed',
      laggingRatio: 0.8,
    });
    expect(settingsFields({}, frame)['coordination.levels']).toBe('');
  });

  it('names the line that is not three parts or whose bound is not a number', () => {
    expect(readSettings(form('0 | low\n\nhalf | mid | 中\n0.8 | a | b | c'), frame)).toEqual({
      ok: false,
      issues: [
        {
          path: 'coordination.levels',
          message: 'line 1: expected three parts separated by |, lower bound | English name | Chinese name',
        },
        { path: 'coordination.levels', message: 'line 3: the lower bound is not a number' },
        {
          path: 'coordination.levels',
          message: 'line 4: expected three parts separated by |, lower bound | English name | Chinese name',
        },
      ],
    });
  });

  it("puts the engine's issues with a class at the field, naming its line and part, in the order of the lines", () => {
    const text = '0.1 | low | 低\n\n0.1 |  | 高';
    const other = { path: 'coordination.laggingRatio', message: 'm' };
    expect(
      atLevelsField(
        [
          { path: 'coordination.levels[1].en', message: 'must not be empty' },
          other,
          { path: 'coordination.levels[0].from', message: 'the first class must start at 0, got 0.1' },
          { path: 'coordination.levels[1].from', message: 'expected a lower bound above 0.1, got 0.1' },
          { path: 'coordination.levels[5].zh', message: 'm' },
          { path: 'coordination.levels', message: 'must not be empty' },
        ],
        text,
      ),
    ).toEqual([
      other,
      { path: 'coordination.levels', message: 'must not be empty' },
      { path: 'coordination.levels', message: 'line 1, lower bound: the first class must start at 0, got 0.1' },
      { path: 'coordination.levels', message: 'line 3, lower bound: expected a lower bound above 0.1, got 0.1' },
      { path: 'coordination.levels', message: 'line 3, English name: must not be empty' },
      { path: 'coordination.levels', message: 'class 6, Chinese name: m' },
    ]);
  });
});

describe('coordination settings of an assessment without data', () => {
  it('accepts the fan variant and a level table, and names a bad class at its path', async () => {
    const { db, seat } = await blank();
    const levels = [
      { from: 0, en: 'low', zh: '低' },
      { from: 0.5, en: 'high', zh: '高' },
    ];
    expect(await checkSettings(db, pool, seat, { coordination: { variant: 'fan', levels } })).toEqual({
      kind: 'ok',
      evaluated: false,
    });
    const bad = await checkSettings(db, pool, seat, {
      coordination: { levels: [{ from: 0.1, en: 'low', zh: '低' }, ...levels.slice(1)] },
    });
    expect(bad).toEqual({
      kind: 'refused',
      status: 422,
      issues: [{ path: 'coordination.levels[0].from', message: 'the first class must start at 0, got 0.1' }],
    });
  });
});
