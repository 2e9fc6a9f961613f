/**
 * Recommendation rules over real engine Results of small Problems whose outcome is worked out by hand here: the right
 * cities fire, the cited numbers are the Result's (formatted), combinations, weak consensus from a panel, analyses
 * that are missing, ids that are unknown, and the schema's messages.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DemoRule, hexiRules } from '../../src/db/demo/recommendations.ts';
import { evaluate, type Result } from '../../src/engine/index.ts';
import type { ReportLabels, RuleRecord } from '../../src/report/input.ts';
import {
  cite,
  MAX_CONDITION_DEPTH,
  parseCondition,
  type RuleCondition,
  recommend,
  ruleConditionSchema,
} from '../../src/report/recommendations.ts';

const criteria = [
  { id: 'p1', dimension: 'planning' },
  { id: 'p2', dimension: 'planning' },
  { id: 's1', dimension: 'social' },
  { id: 's2', dimension: 'social' },
].map((c) => ({ ...c, type: 'benefit' as const, bounds: [0, 10] as [number, number] }));

/**
 * On a 0–10 scale with equal weights r = x / 10 and U is the mean r of a dimension's criteria (docs/engine.md §6):
 * Anning is strong on planning and weak on social matters (U 0.85 and 0.15), Baiyin balanced (0.5, 0.5), Chengguan
 * the other way round (0.25, 0.85).
 */
const MATRIX = [
  [8, 9, 2, 1],
  [5, 5, 5, 5],
  [3, 2, 9, 8],
];
const U = [
  [0.85, 0.15],
  [0.5, 0.5],
  [0.25, 0.85],
];
/** standard coupling for two subsystems, equal contributions: C = 2√(U₁U₂)/(U₁+U₂), T = (U₁+U₂)/2, D = √(CT). */
const D = U.map(([a, b]) => Math.sqrt(((2 * Math.sqrt(a! * b!)) / (a! + b!)) * ((a! + b!) / 2)));

const base = {
  alternatives: ['anning', 'baiyin', 'chengguan'],
  dimensions: ['planning', 'social'],
  criteria,
  matrix: MATRIX,
};
const full = evaluate({ ...base, coordination: {}, obstacles: { top: 2 } });
const bare = evaluate(base);

const labels: ReportLabels = {
  assessment: {
    code: 'test',
    name: { en: 'Test', zh: '测试' },
    region: { en: 'Nowhere', zh: '无' },
    period: '2026',
    description: { en: '', zh: '' },
    illustrative: true,
  },
  alternatives: [
    { code: 'anning', en: 'Anning', zh: '安宁' },
    { code: 'baiyin', en: 'Baiyin', zh: '白银' },
    { code: 'chengguan', en: 'Chengguan', zh: '城关' },
  ],
  dimensions: [
    { code: 'planning', en: 'Planning', zh: '规划' },
    { code: 'social', en: 'Social', zh: '社会' },
  ],
  criteria: ['p1', 'p2', 's1', 's2'].map((code) => ({
    code,
    en: `Indicator ${code}`,
    zh: `指标${code}`,
    unit: null,
    source: 'expert' as const,
  })),
};

const rule = (code: string, condition: unknown): RuleRecord => ({
  code,
  dimensionCode: 'social',
  condition,
  textEn: `Advice ${code}`,
  textZh: `建议${code}`,
  source: 'test',
});

/** The codes of the alternatives a rule fires for. */
const firing = (result: Result, condition: unknown): string[] =>
  recommend(result, labels, [rule('r', condition)])
    .alternatives.filter((a) => a.recommendations.length > 0)
    .map((a) => a.alternative);

describe('the worked example', () => {
  it('is what the engine computes', () => {
    for (let i = 0; i < 3; i++)
      for (let k = 0; k < 2; k++) expect(full.coordination!.U[i]![k]).toBeCloseTo(U[i]![k]!, 12);
    expect(full.coordination!.D.map((d) => d)).toEqual(D.map((d) => expect.closeTo(d, 12)));
    expect(full.coordination!.lagging.map((l) => l.dimensions)).toEqual([['social'], [], ['planning']]);
    // Anning: w(1 − r) = 0.05, 0.025, 0.2, 0.225 of 0.5: s2 45 %, s1 40 %.
    expect(full.obstacles![0]!.top).toEqual([
      { criterion: 's2', degree: expect.closeTo(0.45, 12) },
      { criterion: 's1', degree: expect.closeTo(0.4, 12) },
    ]);
  });
});

describe('a lagging dimension', () => {
  it('fires for the cities where it lags, citing U against the strongest dimension', () => {
    const out = recommend(full, labels, [rule('social', { type: 'lagging-dimension', dimension: 'social' })]);
    expect(out.alternatives.map((a) => a.alternative)).toEqual(['anning', 'baiyin', 'chengguan']);
    const [anning, baiyin, chengguan] = out.alternatives;
    expect(baiyin!.recommendations).toEqual([]);
    expect(chengguan!.recommendations).toEqual([]);
    expect(anning!.name).toEqual({ en: 'Anning', zh: '安宁' });
    const [fired] = anning!.recommendations;
    expect(fired).toMatchObject({
      code: 'social',
      dimensionCode: 'social',
      text: { en: 'Advice social', zh: '建议social' },
      source: 'test',
    });
    const u = full.coordination!.U[0]!;
    expect(fired!.evidence).toEqual([
      {
        type: 'lagging-dimension',
        dimension: 'social',
        U: u[1],
        strongest: 'planning',
        strongestU: u[0],
        en: `Social is a lagging dimension: U = ${cite.index(u[1]!)} against ${cite.index(u[0]!)} for Planning`,
        zh: `社会维度滞后：U = ${cite.index(u[1]!)}，最强的规划维度为 ${cite.index(u[0]!)}`,
      },
    ]);
    expect(fired!.evidence[0]!.en).toContain('U = 0.150 against 0.850');
    expect(firing(full, { type: 'lagging-dimension', dimension: 'planning' })).toEqual(['chengguan']);
  });
});

describe('the coordination level', () => {
  it('fires inside the range, citing D and the level', () => {
    // D = 0.598 (level 6), 0.707 (8), 0.679 (7), lower-closed classes of width 0.1.
    expect(full.coordination!.level.map((l) => l.index)).toEqual([6, 8, 7]);
    expect(firing(full, { type: 'level', max: 7 })).toEqual(['anning', 'chengguan']);
    expect(firing(full, { type: 'level', min: 7 })).toEqual(['baiyin', 'chengguan']);
    expect(firing(full, { type: 'level', min: 7, max: 7 })).toEqual(['chengguan']);
    expect(firing(full, { type: 'level', min: 9 })).toEqual([]);
    const [, , chengguan] = recommend(full, labels, [rule('l', { type: 'level', max: 7 })]).alternatives;
    expect(chengguan!.recommendations[0]!.evidence).toEqual([
      {
        type: 'level',
        D: full.coordination!.D[2],
        level: 7,
        en: `D = ${cite.index(D[2]!)}, primary coordination (level 7 of 10)`,
        zh: `D = ${cite.index(D[2]!)}，初级协调（10 级中的第 7 级）`,
      },
    ]);
    expect(cite.index(D[2]!)).toBe('0.679');
  });
});

describe('an obstacle', () => {
  it('fires where the indicator is among the top obstacles, or the first `within`, citing its place and degree', () => {
    // Baiyin's four degrees are equal, and ties go in criterion order: p1, p2.
    expect(firing(full, { type: 'obstacle', indicator: 's1' })).toEqual(['anning']);
    expect(firing(full, { type: 'obstacle', indicator: 'p2' })).toEqual(['baiyin', 'chengguan']);
    expect(firing(full, { type: 'obstacle', indicator: 's1', within: 1 })).toEqual([]);
    expect(firing(full, { type: 'obstacle', indicator: 's2', within: 1 })).toEqual(['anning']);
    // Chengguan's obstacles are its planning indicators (p2 first: 0.8 of 1.3).
    expect(firing(full, { type: 'obstacle', indicator: 'p2', within: 1 })).toEqual(['chengguan']);
    const [anning] = recommend(full, labels, [rule('o', { type: 'obstacle', indicator: 's1' })]).alternatives;
    const degree = full.obstacles![0]!.top[1]!.degree;
    expect(anning!.recommendations[0]!.evidence).toEqual([
      {
        type: 'obstacle',
        indicator: 's1',
        position: 2,
        degree,
        en: 'Indicator s1 is obstacle no. 2 with degree 40.0 %',
        zh: '指标s1为第 2 位障碍因子，障碍度 40.0%',
      },
    ]);
  });

  it('does not fire for a city whose every weighted indicator is at its best (no obstacles at all)', () => {
    const best = evaluate({ ...base, matrix: [[10, 10, 10, 10], ...MATRIX.slice(1)], obstacles: { top: 4 } });
    expect(best.obstacles![0]!.top).toEqual([]);
    expect(firing(best, { type: 'obstacle', indicator: 's1' })).not.toContain('anning');
  });
});

describe('weak consensus', () => {
  /**
   * Two experts: on x they rank the cities alike (W = 1), on y in opposite orders, so every city's rank sum is the
   * same and S = 0, W = 0 (Kendall's W, docs/engine.md §9).
   */
  const panel = evaluate({
    alternatives: base.alternatives,
    criteria: [
      { id: 'x', type: 'benefit', bounds: [1, 9] },
      { id: 'y', type: 'benefit', bounds: [1, 9] },
    ],
    panel: {
      experts: ['e1', 'e2'],
      scores: [
        [
          [1, 1],
          [5, 5],
          [9, 9],
        ],
        [
          [2, 9],
          [6, 5],
          [8, 1],
        ],
      ],
    },
  });
  const panelLabels: ReportLabels = {
    ...labels,
    dimensions: [],
    criteria: [
      { code: 'x', en: 'Water', zh: '水', unit: null, source: 'expert' },
      { code: 'y', en: 'Land', zh: '土地', unit: null, source: 'expert' },
    ],
  };

  it('fires for every city when the panel’s W on the indicator is below the threshold', () => {
    expect(panel.panel!.agreement.map((a) => a.W)).toEqual([1, 0]);
    const out = recommend(panel, panelLabels, [
      rule('y', { type: 'weak-consensus', indicator: 'y' }),
      rule('x', { type: 'weak-consensus', indicator: 'x', below: 1 }),
    ]);
    for (const a of out.alternatives) {
      expect(a.recommendations.map((r) => r.code)).toEqual(['y']);
      expect(a.recommendations[0]!.evidence).toEqual([
        {
          type: 'weak-consensus',
          indicator: 'y',
          W: 0,
          below: 0.5,
          en: 'Kendall’s W for Land is 0.000, below 0.5',
          zh: '专家组对土地的肯德尔协调系数 W 为 0.000，低于 0.5',
        },
      ]);
    }
    expect(out.rules.every((r) => r.canFire)).toBe(true);
  });

  it('does not fire without a W (a single expert)', () => {
    const one = evaluate({
      alternatives: ['a', 'b'],
      criteria: [{ id: 'y', type: 'benefit' }],
      panel: { experts: ['e1'], scores: [[[1], [2]]] },
    });
    expect(one.panel!.agreement[0]!.W).toBeNull();
    expect(firing(one, { type: 'weak-consensus', indicator: 'y', below: 1 })).toEqual([]);
  });
});

describe('combinations', () => {
  it('all: every part holds, with every part’s evidence; any: at least one, with the evidence of those that hold', () => {
    const lagSocial = { type: 'lagging-dimension', dimension: 'social' };
    const lagPlanning = { type: 'lagging-dimension', dimension: 'planning' };
    const s2First = { type: 'obstacle', indicator: 's2', within: 1 };
    expect(firing(full, { type: 'all', conditions: [lagSocial, s2First] })).toEqual(['anning']);
    expect(firing(full, { type: 'all', conditions: [lagSocial, lagPlanning] })).toEqual([]);
    expect(firing(full, { type: 'any', conditions: [lagSocial, lagPlanning] })).toEqual(['anning', 'chengguan']);
    const [anning] = recommend(full, labels, [
      rule('both', { type: 'any', conditions: [{ type: 'all', conditions: [lagSocial, s2First] }, lagPlanning] }),
    ]).alternatives;
    expect(anning!.recommendations[0]!.evidence.map((e) => e.type)).toEqual(['lagging-dimension', 'obstacle']);
  });

  it('cite a fact once when two parts find it', () => {
    const s2 = { type: 'obstacle', indicator: 's2' };
    const [anning] = recommend(full, labels, [rule('twice', { type: 'all', conditions: [s2, s2] })]).alternatives;
    expect(anning!.recommendations[0]!.evidence).toHaveLength(1);
  });
});

describe('what a Result lacks', () => {
  it('conditions needing coordination, obstacles or a panel do not fire, and the rule says why', () => {
    const rules = [
      rule('lag', { type: 'lagging-dimension', dimension: 'social' }),
      rule('level', { type: 'level', max: 10 }),
      rule('obstacle', { type: 'obstacle', indicator: 's1' }),
      rule('panel', { type: 'weak-consensus', indicator: 's1' }),
    ];
    const out = recommend(bare, labels, rules);
    expect(out.alternatives.every((a) => a.recommendations.length === 0)).toBe(true);
    expect(
      out.rules.map((r) => [r.code, r.canFire, r.problems.map((p) => p.kind === 'missing-analysis' && p.analysis)]),
    ).toEqual([
      ['lag', false, ['coordination']],
      ['level', false, ['coordination']],
      ['obstacle', false, ['obstacles']],
      ['panel', false, ['panel']],
    ]);
    expect(out.rules[2]!.problems[0]).toMatchObject({
      en: 'The results have no obstacle analysis',
      zh: '结果中没有障碍度分析',
    });
  });
});

describe('unknown ids and invalid conditions', () => {
  it('never fire, and each rule says why; an `any` with one good branch still can', () => {
    const out = recommend(full, labels, [
      rule('dim', { type: 'lagging-dimension', dimension: 'economy' }),
      rule('ind', { type: 'obstacle', indicator: 'gdp' }),
      rule('some', {
        type: 'any',
        conditions: [
          { type: 'obstacle', indicator: 'gdp' },
          { type: 'obstacle', indicator: 's2' },
        ],
      }),
      rule('every', {
        type: 'all',
        conditions: [
          { type: 'obstacle', indicator: 'gdp' },
          { type: 'obstacle', indicator: 's2' },
        ],
      }),
      rule('broken', { type: 'obstacle' }),
    ]);
    const check = Object.fromEntries(out.rules.map((r) => [r.code, r]));
    expect(check.dim).toMatchObject({
      canFire: false,
      problems: [{ kind: 'unknown-dimension', id: 'economy', path: 'dimension' }],
    });
    expect(check.dim!.problems[0]!.en).toBe('There is no dimension "economy" (dimension)');
    expect(check.ind).toMatchObject({ canFire: false, problems: [{ kind: 'unknown-indicator', id: 'gdp' }] });
    expect(check.some).toMatchObject({
      canFire: true,
      problems: [{ kind: 'unknown-indicator', id: 'gdp', path: 'conditions[0].indicator' }],
    });
    expect(check.every).toMatchObject({ canFire: false });
    expect(check.broken).toMatchObject({ canFire: false, problems: [{ kind: 'invalid', path: 'indicator' }] });
    const fired = out.alternatives.map((a) => a.recommendations.map((r) => r.code));
    expect(fired).toEqual([['some'], [], []]);
  });
});

describe('the schema', () => {
  const issues = (value: unknown) => {
    const parsed = parseCondition(value);
    return parsed.ok ? [] : parsed.issues;
  };

  it('names the path of each problem', () => {
    expect(
      issues({
        type: 'all',
        conditions: [
          { type: 'level', min: 1 },
          { type: 'obstacle', within: 0 },
        ],
      }),
    ).toEqual([
      { path: 'conditions[1].indicator', message: expect.stringContaining("indicator's code") },
      { path: 'conditions[1].within', message: 'within is at least 1' },
    ]);
    expect(issues({ type: 'obstacles', indicator: 'x' })).toEqual([
      {
        path: 'type',
        message:
          'unknown condition type "obstacles"; expected one of lagging-dimension, level, obstacle, weak-consensus, all, any',
      },
    ]);
    expect(issues({ type: 'level' })).toEqual([{ path: 'min', message: 'give min, max or both' }]);
    expect(issues({ type: 'level', min: 8, max: 3 })).toEqual([{ path: 'max', message: 'min is above max' }]);
    expect(issues({ type: 'level', min: 0.5 })[0]!.path).toBe('min');
    expect(issues({ type: 'weak-consensus', indicator: 'x', below: 0 })).toEqual([
      { path: 'below', message: 'below is more than 0' },
    ]);
    expect(issues({ type: 'lagging-dimension', dimension: 'x', extra: 1 })[0]!.message).toContain('extra');
    expect(issues({ type: 'any', conditions: [] })).toEqual([
      { path: 'conditions', message: 'a combination needs at least one condition' },
    ]);
    expect(issues('obstacle')).toEqual([{ path: '', message: 'expected a condition (an object with a "type")' }]);
    expect(issues({ type: 'lagging-dimension', dimension: '  ' })[0]!.path).toBe('dimension');
  });

  const nest = (depth: number): unknown =>
    depth === 1 ? { type: 'obstacle', indicator: 's1' } : { type: 'all', conditions: [nest(depth - 1)] };

  it(`takes combinations ${MAX_CONDITION_DEPTH} deep and refuses deeper ones at the limit, however deep`, () => {
    expect(issues(nest(MAX_CONDITION_DEPTH))).toEqual([]);
    const deeper = issues(nest(MAX_CONDITION_DEPTH + 1));
    expect(deeper).toEqual([
      { path: 'conditions[0].conditions[0].conditions[0].conditions[0]', message: 'combinations nest at most 4 deep' },
    ]);
    // A hostile depth is refused without walking all of it (nothing recurses 100 000 deep).
    let deep: unknown = { type: 'obstacle', indicator: 's1' };
    for (let k = 0; k < 100_000; k++) deep = { type: 'any', conditions: [deep] };
    expect(issues(deep)).toHaveLength(1);
  });

  it('accepts every demo rule, and the demo’s type is a condition', () => {
    const asCondition = (c: DemoRule['condition']): RuleCondition => c;
    for (const r of hexiRules) expect(ruleConditionSchema.parse(asCondition(r.condition))).toEqual(r.condition);
  });
});

describe('properties', () => {
  const leaf = fc.oneof(
    fc.record({ type: fc.constant('lagging-dimension' as const), dimension: fc.constantFrom('planning', 'social') }),
    fc
      .tuple(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 10 }))
      .map(([a, b]) => ({ type: 'level' as const, min: Math.min(a, b), max: Math.max(a, b) })),
    fc.record(
      {
        type: fc.constant('obstacle' as const),
        indicator: fc.constantFrom('p1', 'p2', 's1', 's2'),
        within: fc.integer({ min: 1, max: 4 }),
      },
      { requiredKeys: ['type', 'indicator'] },
    ),
  );
  /** Conditions up to `depth` deep, so that a part wrapped in one more combination is still within the limit. */
  const conditionOf = (depth: number): fc.Arbitrary<RuleCondition> =>
    depth === 1
      ? leaf
      : fc.oneof(
          leaf,
          fc.record({
            type: fc.constantFrom('all' as const, 'any' as const),
            conditions: fc.array(conditionOf(depth - 1), { minLength: 1, maxLength: 3 }),
          }),
        );
  const condition = conditionOf(MAX_CONDITION_DEPTH - 1);
  const matrix = fc.array(fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 4, maxLength: 4 }), {
    minLength: 3,
    maxLength: 3,
  });
  const resultOf = (m: number[][]) => evaluate({ ...base, matrix: m, coordination: {}, obstacles: { top: 3 } });

  it('all fires exactly where every part fires, any where some part does', () => {
    fc.assert(
      fc.property(matrix, fc.array(condition, { minLength: 1, maxLength: 3 }), (m, parts) => {
        const result = resultOf(m);
        const each = parts.map((p) => new Set(firing(result, p)));
        const all = firing(result, { type: 'all', conditions: parts });
        const any = firing(result, { type: 'any', conditions: parts });
        expect(all).toEqual(base.alternatives.filter((a) => each.every((s) => s.has(a))));
        expect(any).toEqual(base.alternatives.filter((a) => each.some((s) => s.has(a))));
      }),
    );
  });

  it('is deterministic, and a Result read back from JSON gives the same', () => {
    fc.assert(
      fc.property(matrix, fc.array(condition, { minLength: 1, maxLength: 4 }), (m, conditions) => {
        const result = resultOf(m);
        const rules = conditions.map((c, k) => rule(`r${k}`, c));
        const once = recommend(result, labels, rules);
        expect(recommend(result, labels, rules)).toEqual(once);
        expect(recommend(JSON.parse(JSON.stringify(result)), labels, rules)).toEqual(once);
      }),
    );
  });

  it('cites the Result’s own numbers', () => {
    fc.assert(
      fc.property(matrix, condition, (m, c) => {
        const result = resultOf(m);
        const co = result.coordination!;
        recommend(result, labels, [rule('r', c)]).alternatives.forEach((a, i) => {
          for (const e of a.recommendations.flatMap((r) => r.evidence)) {
            if (e.type === 'lagging-dimension') {
              expect(e.U).toBe(co.U[i]![co.dimensions.indexOf(e.dimension)]);
              expect(e.strongestU).toBe(Math.max(...co.U[i]!));
              expect(co.lagging[i]!.dimensions).toContain(e.dimension);
              expect(e.en).toContain(`U = ${cite.index(e.U)}`);
            } else if (e.type === 'level') {
              expect([e.D, e.level]).toEqual([co.D[i], co.level[i]!.index]);
              expect(e.en).toContain(`D = ${cite.index(e.D)}`);
            } else if (e.type === 'obstacle') {
              expect(result.obstacles![i]!.top[e.position - 1]).toEqual({ criterion: e.indicator, degree: e.degree });
              expect(e.en).toContain(cite.percent(e.degree, 'en'));
            }
          }
        });
      }),
    );
  });
});
