/**
 * A generated result set of any size for the report's scale tests and measurements: m cities × n indicators over
 * four dimensions, a panel of expert scores, evaluated by the real engine with every analysis the demo has.
 */
import { evaluate } from '../../src/engine/index.ts';
import type { ResultSet, RuleRecord } from '../../src/report/input.ts';

const DIMENSIONS = ['planning', 'policy', 'industry', 'social'] as const;
const ZH = { planning: '规划', policy: '政策', industry: '产业', social: '社会' } as const;

/** Deterministic scores 1…9 that differ by city, indicator and expert. */
const score = (i: number, j: number, e: number) => 1 + ((i * 7919 + j * 104729 + e * 1299709) % 9);

const RULES: RuleRecord[] = DIMENSIONS.map((d) => ({
  code: `lagging-${d}`,
  dimensionCode: d,
  condition: { type: 'lagging-dimension', dimension: d },
  textEn: `Strengthen the ${d} dimension where it lags behind the others.`,
  textZh: `在${ZH[d]}维度滞后的地方加以加强。`,
  source: 'generated for the tests',
}));

export function largeSet(
  m: number,
  n: number,
  options: { readonly experts?: number; readonly samples?: number } = {},
): ResultSet {
  const experts = options.experts ?? 5;
  const alternatives = Array.from({ length: m }, (_, i) => `city-${i + 1}`);
  const criteria = Array.from({ length: n }, (_, j) => ({
    id: `ind-${j + 1}`,
    dimension: DIMENSIONS[j % DIMENSIONS.length]!,
    type: j % 5 === 4 ? ('cost' as const) : ('benefit' as const),
    bounds: [1, 9] as [number, number],
  }));
  const problem = {
    alternatives,
    dimensions: [...DIMENSIONS],
    criteria,
    method: { name: 'topsis' },
    coordination: {},
    obstacles: { top: 5 },
    ...(options.samples === 0 ? {} : { sensitivity: { samples: options.samples ?? 500, seed: 1, oneWay: true } }),
    panel: {
      experts: Array.from({ length: experts }, (_, e) => `expert-${e + 1}`),
      scores: Array.from({ length: experts }, (_, e) =>
        Array.from({ length: m }, (_, i) => Array.from({ length: n }, (_, j) => score(i, j, e))),
      ),
    },
  };
  return {
    problem,
    result: evaluate(problem),
    comparisonProblem: null,
    comparison: null,
    labels: {
      assessment: {
        code: 'generated',
        name: { en: `Generated assessment of ${m} cities`, zh: `${m} 个城市的生成评估` },
        region: { en: 'Nowhere', zh: '无' },
        period: '2026',
        description: { en: '', zh: '' },
        illustrative: true,
      },
      alternatives: alternatives.map((code, i) => ({ code, en: `City ${i + 1}`, zh: `城市 ${i + 1}` })),
      dimensions: DIMENSIONS.map((code) => ({ code, en: code[0]!.toUpperCase() + code.slice(1), zh: ZH[code] })),
      criteria: criteria.map((c, j) => ({
        code: c.id,
        en: `Indicator ${j + 1}`,
        zh: `指标 ${j + 1}`,
        unit: null,
        source: 'expert' as const,
      })),
    },
    rules: RULES,
  };
}
