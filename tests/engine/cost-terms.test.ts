import { describe, expect, it } from 'vitest';
import { type CostEstimate, type CostLimits, costIssues, estimateCost, evaluate } from '../../src/engine/index.ts';
import { methodDescriptor, methodSchema } from '../../src/engine/methods/index.ts';
import { numbersJson } from '../../src/engine/methods/method.ts';
import { acceptabilityPositions } from '../../src/engine/sensitivity.ts';
import type { Criterion } from '../../src/engine/spec.ts';
import { type WeightSpec, weightSpecSchema, weightsCost } from '../../src/engine/weights/index.ts';
import { NUMBER_JSON, type ProblemSize, plus, rankNs, sortSteps } from '../../src/engine/work.ts';
import { matrixProblem, panelScores } from '../bench/data.ts';
import { expectForm as fitForm } from './fit.ts';

// The cost model's terms (docs/engine.md §11) without timing anything: each term must have the form §11 states (its
// coefficients are calibrated, so only their sign and order of magnitude are fixed here), and each JSON term must count
// the result's JSON text as §11 says (a double as NUMBER_JSON characters with its comma).

type Point = Record<string, number>;
/** The points here are sizes by name (m, n, parts …). */
const expectForm: typeof fitForm<Point> = fitForm;

const NS = 1;
const BYTES = 8;
const lg = Math.log2;
const grid = (ms: readonly number[], ns: readonly number[]): Point[] => ms.flatMap((m) => ns.map((n) => ({ m, n })));
const MN = grid([2, 5, 40, 300, 2851], [1, 3, 20, 64]);
const mn = ({ m, n }: Point) => m! * n!;
const perM = ({ m }: Point) => m!;
const perN = ({ n }: Point) => n!;

const criteria = (n: number, dimensions: readonly string[] = []): Criterion[] =>
  Array.from({ length: n }, (_, j) => ({
    id: `c${j + 1}`,
    type: j % 4 === 3 ? 'cost' : 'benefit',
    ...(dimensions.length > 0 ? { dimension: dimensions[j % dimensions.length]! } : {}),
  }));
const sizeOf = (m: number, n: number, dimensions: readonly string[] = []): ProblemSize => ({
  m,
  n,
  criteria: criteria(n, dimensions),
  dimensions,
});

const schemes = [{ method: 'entropy' }, { method: 'critic' }, { method: 'equal' }, { method: 'entropy' }];

const methodCost = (spec: unknown, m: number, n: number) => {
  const parsed = methodSchema.parse(spec);
  return methodDescriptor(parsed.name)!.cost(parsed, sizeOf(m, n));
};
const weightCost = (spec: unknown, size: ProblemSize) => weightsCost(weightSpecSchema.parse(spec) as WeightSpec, size);

describe('cost model: the shared terms', () => {
  it('counts a sort of c items as c lg c comparisons, none for one item', () => {
    expect(sortSteps(1)).toBe(0);
    expect(sortSteps(2)).toBe(2);
    expect(sortSteps(8)).toBe(24);
    expect(sortSteps(1000)).toBeCloseTo(1000 * lg(1000), 9);
  });

  it('costs a ranking of m scores as a · m lg m + b · m (§11: rank(m) = 6 m lg m + 20 m)', () => {
    expectForm(
      [1, 2, 3, 10, 100, 1000, 50_000].map((m) => ({ m })),
      ({ m }) => rankNs(m!),
      { 'm lg m': ({ m }) => m! * lg(m!), m: perM },
      NS,
    );
  });

  it('adds up time, memory and JSON of the works it joins', () => {
    const a = { ns: 1, bytes: 20, json: 300 };
    const b = { ns: 4000, bytes: 50_000, json: 600_000 };
    expect(plus()).toEqual({ ns: 0, bytes: 0, json: 0 });
    expect(plus(a, b, a)).toEqual({ ns: 4002, bytes: 50_040, json: 600_600 });
  });

  it('counts a list of m numbers under a key as JSON writes it at NUMBER_JSON − 1 characters a number', () => {
    const number = 0.1 + 0.2;
    expect(JSON.stringify(number)).toHaveLength(NUMBER_JSON - 1);
    for (const key of ['S', 'dPlus', 'phiMinus'])
      for (const m of [1, 2, 7, 1000]) {
        const list = JSON.stringify({ [key]: Array.from({ length: m }, () => number) }).slice(1, -1);
        expect(numbersJson(key, m), `${key}, m = ${m}`).toBe(list.length);
      }
  });
});

describe('cost model: the methods’ terms have the forms of §11', () => {
  // prepare linear in the cells; a score a multiply-add or a few per cell and some work per alternative.
  for (const name of ['wsm', 'wpm', 'topsis', 'vikor']) {
    it(`${name}: prepare ∝ m n in time and memory, a score a · m n + b · m`, () => {
      const cost = ({ m, n }: Point) => methodCost({ name }, m!, n!);
      expectForm(MN, (p) => cost(p).prepare.ns, { 'm n': mn }, NS);
      expectForm(MN, (p) => cost(p).prepare.bytes, { 'm n': mn }, BYTES);
      expectForm(MN, (p) => cost(p).scoreNs, { 'm n': mn, m: perM }, NS);
    });
  }

  // compare: its methods' own terms, a result per method per alternative and Spearman's ρ per ordered pair
  // (two rankings sorted); a score is each method's score and ranking.
  const compared = ['topsis', 'vikor', 'wsm', 'wpm'];
  const compareAt = ({ m, k }: Point) => {
    const methods = Array.from({ length: k! }, (_, i) => ({ name: compared[i % compared.length]! }));
    const parts = methods.map((method) => methodCost(method, m!, 7));
    return { own: methodCost({ name: 'compare', methods }, m!, 7), parts };
  };
  const MK = [2, 10, 100, 1000, 5000].flatMap((m) => [2, 3, 4, 5, 8].map((k) => ({ m, k })));
  const sum = (values: readonly number[]) => values.reduce((s, v) => s + v, 0);

  it('compare: prepare is its methods’ plus a · k m + k (k − 1)(b · m lg m + c · m)', () => {
    expectForm(
      MK,
      (p) => {
        const { own, parts } = compareAt(p);
        return own.prepare.ns - sum(parts.map((q) => q.prepare.ns));
      },
      {
        'k m': ({ m, k }) => k! * m!,
        'k (k − 1) m lg m': ({ m, k }) => k! * (k! - 1) * m! * lg(m!),
        'k (k − 1) m': ({ m, k }) => k! * (k! - 1) * m!,
      },
      NS,
    );
    expectForm(
      MK,
      (p) => {
        const { own, parts } = compareAt(p);
        return own.prepare.bytes - sum(parts.map((q) => q.prepare.bytes));
      },
      { 'k m': ({ m, k }) => k! * m! },
      BYTES,
    );
  });

  it('compare: a score is each method’s score and ranking (§11: Σ (score + rank(m)))', () => {
    for (const p of MK) {
      const { own, parts } = compareAt(p);
      expect(own.scoreNs).toBeCloseTo(sum(parts.map((q) => q.scoreNs + rankNs(p.m!))), 6);
    }
  });
});

describe('cost model: the weighting schemes’ terms have the forms of §11', () => {
  it('equal and direct: linear in n', () => {
    const ns = [1, 2, 5, 40, 300].map((n) => ({ n }));
    const equal = { method: 'equal' };
    expectForm(ns, ({ n }) => weightCost(equal, sizeOf(10, n!)).ns, { n: perN }, NS);
    expectForm(ns, ({ n }) => weightCost(equal, sizeOf(10, n!)).bytes, { n: perN }, BYTES);
    const direct = (n: number) => ({ method: 'direct', values: Array.from({ length: n }, (_, j) => j + 1) });
    expectForm(ns, ({ n }) => weightCost(direct(n!), sizeOf(10, n!)).ns, { n: perN }, NS);
    expectForm(ns, ({ n }) => weightCost(direct(n!), sizeOf(10, n!)).bytes, { n: perN }, BYTES);
  });

  it('entropy: two sweeps of the matrix, a min-max normalization first costing more time and a copy', () => {
    const cost = (normalization: string) => (p: Point) =>
      weightCost({ method: 'entropy', normalization }, sizeOf(p.m!, p.n!));
    for (const normalization of ['none', 'minmax']) expectForm(MN, (p) => cost(normalization)(p).ns, { 'm n': mn }, NS);
    expectForm(MN, (p) => cost('none')(p).bytes, { n: perN }, BYTES);
    expectForm(MN, (p) => cost('minmax')(p).bytes, { 'm n': mn, n: perN }, BYTES);
    for (const p of MN) {
      expect(cost('minmax')(p).ns).toBeGreaterThan(cost('none')(p).ns);
      expect(cost('minmax')(p).bytes).toBeGreaterThan(cost('none')(p).bytes);
    }
  });

  it('CRITIC: the correlation matrix over m rows (m n²), for Spearman a sort per column', () => {
    const cost = (correlation: string) => (p: Point) =>
      weightCost({ method: 'critic', correlation }, sizeOf(p.m!, p.n!));
    expectForm(MN, (p) => cost('pearson')(p).ns, { 'm n': mn, 'm n²': ({ m, n }) => m! * n! * n! }, NS);
    expectForm(
      MN,
      (p) => cost('spearman')(p).ns,
      { 'm n': mn, 'm n²': ({ m, n }) => m! * n! * n!, 'n m lg m': ({ m, n }) => n! * m! * lg(m!) },
      NS,
    );
    for (const correlation of ['pearson', 'spearman'])
      expectForm(MN, (p) => cost(correlation)(p).bytes, { 'm n': mn, 'n²': ({ n }) => n! * n! }, BYTES);
  });

  it('combined: its parts’ terms plus a mix linear in n per part', () => {
    const points = grid([5, 300], [1, 3, 20, 64]).flatMap((p) => [2, 3, 4].map((parts) => ({ ...p, parts })));
    const terms = (p: Point) => {
      const parts = schemes.slice(0, p.parts);
      const size = sizeOf(p.m!, p.n!);
      return { own: weightCost({ method: 'combined', parts }, size), parts: parts.map((s) => weightCost(s, size)) };
    };
    const beyond = (key: 'ns' | 'bytes') => (p: Point) => {
      const { own, parts } = terms(p);
      return own[key] - parts.reduce((s, w) => s + w[key], 0);
    };
    expectForm(points, beyond('ns'), { 'n · parts': ({ n, parts }) => n! * parts! }, NS);
    expectForm(points, beyond('bytes'), { 'n · parts': ({ n, parts }) => n! * parts! }, BYTES);
  });

  it('hierarchical: the dimensions weighed over d, each dimension’s criteria on their own, plus a sweep of n', () => {
    const points = grid([5, 300], [4, 12, 40, 64]).flatMap((p) => [1, 2, 4].map((d) => ({ ...p, d })));
    const within = { method: 'combined', parts: [{ method: 'entropy' }, { method: 'critic' }] };
    const beyond = (key: 'ns' | 'bytes') => (p: Point) => {
      const dimensions = Array.from({ length: p.d! }, (_, k) => `dim-${k + 1}`);
      const size = sizeOf(p.m!, p.n!, dimensions);
      const own = weightCost({ method: 'hierarchical', dimensions: { method: 'equal' }, within }, size);
      const top = weightCost({ method: 'equal' }, { ...size, n: p.d! });
      const local = dimensions.map((d) => {
        const members = size.criteria.filter((c) => c.dimension === d);
        return weightCost(within, { ...size, n: members.length, criteria: members });
      });
      return own[key] - top[key] - local.reduce((s, w) => s + w[key], 0);
    };
    expectForm(points, beyond('ns'), { n: perN }, NS);
    expectForm(points, beyond('bytes'), { n: perN }, BYTES);
  });
});

/**
 * Length of `value`'s JSON text with every number written at NUMBER_JSON − 1 characters (its comma is the
 * separator JSON writes), ranks at the width of m: what §11 counts, so that only the structure is compared.
 */
function modelledJson(value: unknown, m: number, key = ''): number {
  if (typeof value === 'number') return key === 'ranks' ? String(m).length : NUMBER_JSON - 1;
  const commas = (count: number) => Math.max(0, count - 1);
  if (Array.isArray(value))
    return 2 + commas(value.length) + value.reduce((s: number, x) => s + modelledJson(x, m, key), 0);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return (
      2 +
      commas(entries.length) +
      entries.reduce((s, [k, v]) => s + JSON.stringify(k).length + 1 + modelledJson(v, m, k), 0)
    );
  }
  return JSON.stringify(value).length;
}

/** The `"key":[…]` lists of m numbers anywhere in `value`, modelled as above. */
function listsOfM(value: unknown, m: number): number {
  if (Array.isArray(value)) return value.reduce((s: number, x) => s + listsOfM(x, m), 0);
  if (value === null || typeof value !== 'object') return 0;
  return Object.entries(value).reduce((s, [k, v]) => {
    const list = Array.isArray(v) && v.length === m && v.every((x) => typeof x === 'number');
    return s + (list ? JSON.stringify(k).length + 1 + modelledJson(v, m, k) : listsOfM(v, m));
  }, 0);
}

const partOf = (problem: unknown, path: string) => estimateCost(problem).parts.find((p) => p.path === path)!;

describe('cost model: the JSON terms count the result', () => {
  const methods: { label: string; spec: Record<string, unknown>; k?: number }[] = [
    { label: 'WSM', spec: { name: 'wsm' } },
    { label: 'WPM', spec: { name: 'wpm' } },
    { label: 'TOPSIS', spec: { name: 'topsis' } },
    { label: 'VIKOR', spec: { name: 'vikor' } },
    { label: 'PROMETHEE II', spec: { name: 'promethee2' } },
    {
      label: 'compare of 4',
      spec: {
        name: 'compare',
        methods: [{ name: 'topsis' }, { name: 'vikor' }, { name: 'wsm' }, { name: 'promethee2' }],
      },
      k: 4,
    },
  ];
  // The estimate counts every list of m numbers in `details` exactly (and compare's k × k ρ at NUMBER_JSON each);
  // fixed text (keys of the whole object, VIKOR's flags and compromise set) it counts in part or not at all.
  for (const { label, spec, k = 0 } of methods) {
    it(`${label}: details at least their lists of m numbers, at most the whole`, () => {
      for (const [m, n] of [
        [10, 6],
        [57, 20],
        [1000, 3],
      ] as const) {
        const problem = { ...matrixProblem(m, n, m + n), method: spec };
        const { details } = evaluate(problem);
        const estimate = partOf(problem, k > 0 ? 'method.methods' : 'method').resultBytes;
        expect(estimate, `m = ${m}, n = ${n}`).toBeGreaterThanOrEqual(listsOfM(details, m) + k * k * NUMBER_JSON);
        expect(estimate, `m = ${m}, n = ${n}`).toBeLessThanOrEqual(modelledJson(details, m));
      }
    });
  }

  const dimensioned = (m: number, n: number, d: number, weights: unknown) => {
    const p = matrixProblem(m, n, 3);
    const dimensions = Array.from({ length: d }, (_, k) => `dim-${k + 1}`);
    return {
      ...p,
      dimensions,
      criteria: p.criteria.map((c, j) => ({ ...c, dimension: dimensions[j % d]! })),
      weights,
    };
  };
  const weightings: { label: string; spec: (n: number) => unknown }[] = [
    { label: 'equal', spec: () => ({ method: 'equal' }) },
    { label: 'direct', spec: (n) => ({ method: 'direct', values: Array.from({ length: n }, (_, j) => j + 1) }) },
    { label: 'entropy', spec: () => ({ method: 'entropy' }) },
    { label: 'entropy, min-max', spec: () => ({ method: 'entropy', normalization: 'minmax' }) },
    { label: 'CRITIC', spec: () => ({ method: 'critic' }) },
    { label: 'CRITIC, Spearman', spec: () => ({ method: 'critic', correlation: 'spearman' }) },
    { label: 'combined', spec: () => ({ method: 'combined', parts: schemes.slice(0, 3) }) },
    {
      label: 'hierarchical',
      spec: () => ({ method: 'hierarchical', dimensions: { method: 'equal' }, within: { method: 'entropy' } }),
    },
    {
      label: 'hierarchical of combined',
      spec: () => ({
        method: 'hierarchical',
        dimensions: { method: 'direct', values: [3, 2, 1] },
        within: { method: 'combined', parts: [{ method: 'critic' }, { method: 'entropy' }] },
      }),
    },
  ];
  const schemesIn = (value: unknown): number =>
    Array.isArray(value)
      ? value.reduce((s: number, x) => s + schemesIn(x), 0)
      : value !== null && typeof value === 'object'
        ? ('method' in value ? 1 : 0) + Object.values(value).reduce((s: number, x) => s + schemesIn(x), 0)
        : 0;
  // Per criterion the numbers grow exactly as the estimate says (the rows of an n × n matrix add their brackets and a
  // comma, 2 characters each); a scheme's fixed text (its name and options) is a round sum, within 100 characters.
  for (const { label, spec } of weightings) {
    it(`${label}: weighting grows as its numbers do, within 100 characters a scheme`, () => {
      const at = (n: number) => {
        const problem = dimensioned(40, n, 3, spec(n));
        const weighting = evaluate(problem).weighting;
        return { estimate: partOf(problem, 'weights').resultBytes, json: modelledJson(weighting, 40), weighting };
      };
      const [small, large] = [at(6), at(30)];
      expect(Math.abs(large.estimate - small.estimate - (large.json - small.json))).toBeLessThanOrEqual(2 * (30 - 6));
      for (const { estimate, json, weighting } of [small, large])
        expect(Math.abs(estimate - json)).toBeLessThanOrEqual(100 * schemesIn(weighting));
    });
  }
});

describe('cost model: the whole result', () => {
  // The calibration's JSON factor (§11), here deterministic and with every option of the problem at once.
  it('estimates the JSON of a result with every part within 2×', () => {
    const dimensions = ['d1', 'd2', 'd3'];
    for (const [m, n, samples] of [
      [20, 6, 400],
      [150, 12, 64],
      [600, 3, 10],
    ] as const) {
      const p = matrixProblem(m, n, m);
      const problem = {
        ...p,
        dimensions,
        criteria: p.criteria.map((c, j) => ({ ...c, dimension: dimensions[j % 3]! })),
        sensitivity: { samples },
        coordination: {},
        obstacles: {},
        explain: true,
      };
      const measured = JSON.stringify(evaluate(problem)).length;
      const { resultBytes } = estimateCost(problem);
      expect(resultBytes, `m = ${m}, n = ${n}`).toBeLessThanOrEqual(2 * measured);
      expect(resultBytes, `m = ${m}, n = ${n}`).toBeGreaterThanOrEqual(measured / 2);
    }
  });
});

/** A part's own work, undoing §11's sums: ms = 1.5 (w + 8 j) / 10⁶, bytes = working arrays + 2 j, j its JSON. */
const workOf = (problem: unknown, path: string) => {
  const part = partOf(problem, path);
  return {
    ns: (part.ms * 1e6) / 1.5 - 8 * part.resultBytes,
    bytes: part.bytes - 2 * part.resultBytes,
    json: part.resultBytes,
  };
};

/** Length of `value`'s JSON text without its numbers and the contents of its strings: keys, quotes and punctuation. */
function fixedText(value: unknown): number {
  if (typeof value === 'number') return 0;
  if (typeof value === 'string') return 2;
  const commas = (count: number) => Math.max(0, count - 1);
  if (Array.isArray(value)) return 2 + commas(value.length) + value.reduce((s: number, x) => s + fixedText(x), 0);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    return (
      2 + commas(entries.length) + entries.reduce((s, [k, v]) => s + JSON.stringify(k).length + 1 + fixedText(v), 0)
    );
  }
  return JSON.stringify(value).length;
}

/** The problem of m × n with its criteria spread over d dimensions (none for d = 0), and `extra` fields. */
const dimensionedProblem = (m: number, n: number, d: number, extra: Record<string, unknown> = {}) => {
  const p = matrixProblem(m, n, m + n);
  const dimensions = Array.from({ length: d }, (_, k) => `dim-${k + 1}`);
  return {
    ...p,
    ...(d > 0 ? { dimensions, criteria: p.criteria.map((c, j) => ({ ...c, dimension: dimensions[j % d]! })) } : {}),
    ...extra,
  };
};

describe('cost model: the problem’s own parts have the forms of §11', () => {
  const sizes = grid([1, 2, 7, 40, 300], [1, 3, 20]);

  it('alternatives: 80 m n + 1,500 m + 300 n in time, per cell and per alternative in memory', () => {
    const work = ({ m, n }: Point) => workOf(matrixProblem(m!, n!, 1), 'alternatives');
    expectForm(sizes, (p) => work(p).ns, { 'm n': mn, m: perM, n: perN }, NS);
    expectForm(sizes, (p) => work(p).bytes, { 'm n': mn, m: perM }, BYTES);
  });

  it('alternatives: the common fields’ lists as JSON writes them, plus a fixed text', () => {
    // The names (twice: alternatives and order), the criteria's ids, the weights, scores and ranks.
    const lists = ['alternatives', 'criteria', 'weights', 'scores', 'ranks', 'order'];
    const rest = [
      [1, 1],
      [7, 3],
      [40, 20],
      [300, 2],
      [1200, 5],
    ].map(([m, n]) => {
      const problem = matrixProblem(m!, n!, 1);
      const result = evaluate(problem) as unknown as Record<string, unknown>;
      const written = lists.reduce(
        (s, key) => s + JSON.stringify(key).length + 2 + modelledJson(result[key], m!, key),
        0,
      );
      return partOf(problem, 'alternatives').resultBytes - written;
    });
    for (const r of rest) expect(r).toBe(rest[0]);
    expect(rest[0]).toBeGreaterThanOrEqual(0);
    expect(rest[0]).toBeLessThanOrEqual(400);
  });

  const panelProblem = ({ m, n, E, w = 1 }: Point) => ({
    alternatives: Array.from({ length: m! }, (_, i) => `a${i + 1}`),
    criteria: Array.from({ length: n! }, (_, j) => ({ id: `${'c'.repeat(w)}${j + 1}`, type: 'benefit' })),
    panel: {
      experts: Array.from({ length: E! }, (_, k) => `${'e'.repeat(w + k)}`),
      scores: panelScores(E!, m!, n!, m! + n! + E!),
    },
  });

  it('panel.experts: m n (20 E + 10 E lg E + 300) + n E (10 m lg m + 20 m), memory per score and per cell', () => {
    const points = [2, 3, 8, 30, 200].flatMap((m) => [1, 4].flatMap((n) => [1, 2, 5, 16].map((E) => ({ m, n, E }))));
    const work = (p: Point) => workOf(panelProblem(p), 'panel.experts');
    expectForm(
      points,
      (p) => work(p).ns,
      {
        'm n E': ({ m, n, E }) => m! * n! * E!,
        'm n E lg E': ({ m, n, E }) => m! * n! * E! * lg(E!),
        'm n': mn,
        'n E m lg m': ({ m, n, E }) => n! * E! * m! * lg(m!),
      },
      NS,
    );
    expectForm(points, (p) => work(p).bytes, { 'E m n': ({ m, n, E }) => E! * m! * n!, 'm n': mn }, BYTES);
  });

  it('panel.experts: per cell and per criterion at least their fixed text, every name written', () => {
    const points = [2, 5, 12].flatMap((m) =>
      [1, 3, 7].flatMap((n) => [1, 2, 6].flatMap((E) => [1, 4].map((w) => ({ m, n, E, w })))),
    );
    const { panel } = evaluate(panelProblem({ m: 2, n: 2, E: 2 })) as unknown as {
      panel: { cells: unknown[][]; agreement: unknown[] };
    };
    const names = (p: Point) => {
      const { criteria, panel: experts } = panelProblem(p);
      return {
        ids: criteria.reduce((s, c) => s + c.id.length, 0),
        experts: experts.experts.reduce((s, e) => s + e.length, 0),
      };
    };
    expectForm(
      points,
      (p) => workOf(panelProblem(p), 'panel.experts').json,
      {
        'm n': mn,
        n: perN,
        'id characters': (p) => names(p).ids,
        'expert characters': (p) => names(p).experts,
        E: ({ E }) => E!,
        1: () => 1,
      },
      // Each name's quotes and comma; a cell's and an agreement entry's keys with their comma.
      {
        'm n': fixedText(panel.cells[0]![0]) + 1,
        n: fixedText(panel.agreement[0]) + 1,
        'id characters': 1,
        'expert characters': 1,
        E: 3,
        1: 0,
      },
    );
  });

  const method = { name: 'topsis' };
  const sampled = (m: number, n: number, samples: number, oneWay = false) => ({
    ...matrixProblem(m, n, m + n),
    method,
    sensitivity: { samples, oneWay },
  });
  const sensitivityPoints = [2, 10, 150].flatMap((m) =>
    [1, 5, 20].flatMap((n) => [1, 100, 3000].map((S) => ({ m, n, S }))),
  );

  it('sensitivity.samples: S (score + rank(m) + 120 n + 10 m), memory a count per alternative and position', () => {
    const work = ({ m, n, S }: Point) => workOf(sampled(m!, n!, S!), 'sensitivity.samples');
    expectForm(
      sensitivityPoints,
      ({ m, n, S }) => {
        const { scoreNs } = methodCost(method, m!, n!);
        return work({ m, n, S }).ns - S! * (scoreNs + rankNs(m!));
      },
      { 'S n': ({ n, S }) => S! * n!, 'S m': ({ m, S }) => S! * m! },
      NS,
    );
    // The counts of each alternative at each of K positions are 32-bit integers.
    expectForm(
      sensitivityPoints,
      (p) => work(p).bytes,
      { 'm K': ({ m }) => m! * acceptabilityPositions(m!), m: perM },
      4,
    );
  });

  it('sensitivity.samples: at least the JSON written', () => {
    for (const [m, n, samples] of [
      [3, 2, 1],
      [50, 3, 1],
      [100, 2, 3],
      [3, 4, 8],
      [20, 6, 400],
      [150, 5, 64],
      [150, 5, 7],
    ] as const) {
      const problem = sampled(m, n, samples);
      const { sensitivity } = evaluate(problem);
      expect(partOf(problem, 'sensitivity.samples').resultBytes, `m = ${m}, S = ${samples}`).toBeGreaterThanOrEqual(
        JSON.stringify({ sensitivity }).length - 2,
      );
    }
  });

  it('sensitivity.samples: a share c/S at its decimal expansion when S = 2^a 5^b, else as a double', () => {
    // m = 3: every share of the 3 × 3 acceptabilities and each expected rank widens with the share's decimals.
    const json = (samples: number) => partOf(sampled(3, 2, samples), 'sensitivity.samples').resultBytes;
    const widest = (samples: number) =>
      1 + Math.max(...Array.from({ length: samples - 1 }, (_, c) => JSON.stringify((c + 1) / samples).length));
    const finite = [8, 10, 16, 25, 40, 64, 125, 200, 512, 1000];
    for (const samples of finite)
      expect(json(samples) - json(10), `S = ${samples}`).toBe((widest(samples) - widest(10)) * (3 * 3 + 3));
    for (const samples of [3, 7, 12, 30, 96]) {
      expect(json(samples), `S = ${samples}`).toBeGreaterThan(Math.max(...finite.map(json)));
      expect(json(samples), `S = ${samples}`).toBeLessThanOrEqual(json(10) + (NUMBER_JSON - widest(10)) * (3 * 3 + 3));
    }
  });

  it('sensitivity.oneWay: n · calls · (score + 30 m), an n × n matrix, at least the JSON written', () => {
    const points = grid([2, 10, 100], [1, 4, 15]);
    const work = ({ m, n }: Point) => workOf(sampled(m!, n!, 1, true), 'sensitivity.oneWay');
    expectForm(
      points,
      (p) => work(p).ns,
      { 'n score': ({ m, n }) => n! * methodCost(method, m!, n!).scoreNs, 'n m': mn },
      NS,
    );
    expectForm(points, (p) => work(p).bytes, { 'n²': ({ n }) => n! * n! }, BYTES);
    for (const { m, n } of points) {
      const problem = sampled(m!, n!, 1, true);
      const oneWay = evaluate(problem).sensitivity!.oneWay;
      // Each interval as written, its numbers as doubles (the list's key and brackets are fixed text).
      expect(work({ m, n }).json, `m = ${m}, n = ${n}`).toBeGreaterThanOrEqual(modelledJson(oneWay, m!) - 2);
    }
  });

  const coordinationPoints = [2, 10, 300].flatMap((m) =>
    [4, 8, 16].flatMap((n) => [2, 3, 4].map((d) => ({ m, n, d }))),
  );
  const coordinated = ({ m, n, d }: Point, variant = 'standard') =>
    dimensionedProblem(m!, n!, d!, { coordination: { variant } });

  it('coordination: 30 m n + 6,000 m + 60 m d (+ 5 m d² for wang2021) + rank(m), memory per cell and per U', () => {
    const ns = (variant: string) => (p: Point) => workOf(coordinated(p, variant), 'coordination').ns - rankNs(p.m!);
    const md = ({ m, d }: Point) => m! * d!;
    expectForm(coordinationPoints, ns('standard'), { 'm n': mn, m: perM, 'm d': md }, NS);
    expectForm(
      coordinationPoints,
      ns('wang2021'),
      { 'm n': mn, m: perM, 'm d': md, 'm d²': ({ m, d }) => m! * d! * d! },
      NS,
    );
    expectForm(
      coordinationPoints,
      (p) => workOf(coordinated(p), 'coordination').bytes,
      { 'm n': mn, 'm d': md },
      BYTES,
    );
  });

  it('coordination: at least the JSON written, a double per U', () => {
    expectForm(
      coordinationPoints,
      (p) => workOf(coordinated(p), 'coordination').json,
      { 'm d': ({ m, d }) => m! * d!, m: perM, d: ({ d }) => d!, 1: () => 1 },
      { 'm d': NUMBER_JSON, m: 3 * NUMBER_JSON, d: 1, 1: 0 },
    );
    for (const p of coordinationPoints) {
      const problem = coordinated(p);
      const { coordination } = evaluate(problem);
      expect(partOf(problem, 'coordination').resultBytes, JSON.stringify(p)).toBeGreaterThanOrEqual(
        JSON.stringify({ coordination }).length - 2,
      );
    }
  });

  it('obstacles: m (20 n + 25 n lg n + 3,000), + 30 m n for its own min-max matrix without coordination', () => {
    const points = grid([2, 10, 300], [2, 3, 8, 20]);
    const work = (p: Point, extra: Record<string, unknown>) =>
      workOf(dimensionedProblem(p.m!, p.n!, 2, { obstacles: {}, ...extra }), 'obstacles');
    const basis = { 'm n': mn, 'm n lg n': ({ m, n }: Point) => m! * n! * lg(n!), m: perM };
    expectForm(points, (p) => work(p, {}).ns, basis, NS);
    expectForm(points, (p) => work(p, { coordination: {} }).ns, basis, NS);
    expectForm(points, (p) => work(p, {}).ns - work(p, { coordination: {} }).ns, { 'm n': mn }, NS);
    expectForm(points, (p) => work(p, {}).bytes, { 'm n': mn }, BYTES);
  });

  it('obstacles: each alternative’s top criteria and its dimensions as JSON writes them', () => {
    for (const [m, n, d, top] of [
      [10, 3, 0, 5],
      [10, 3, 2, 5],
      [30, 8, 3, 2],
      [30, 8, 0, 5],
      [50, 9, 4, 9],
    ] as const) {
      const problem = dimensionedProblem(m, n, d, { obstacles: { top } });
      const obstacles = evaluate(problem).obstacles!;
      const written = modelledJson({ obstacles }, m) - 2;
      // An entry of the top is left out where the degree is 0 (the criterion's best alternative); the estimate
      // counts min(top, n) for every alternative. Per alternative its braces and commas are round, within 5.
      const entry = 'indicator-1'.length + NUMBER_JSON + 26;
      const missing = obstacles.reduce((s, o) => s + (Math.min(top, n) - o.top.length) * entry, 0);
      const estimate = partOf(problem, 'obstacles').resultBytes;
      expect(estimate, `m = ${m}, n = ${n}, d = ${d}`).toBeGreaterThanOrEqual(written);
      expect(estimate, `m = ${m}, n = ${n}, d = ${d}`).toBeLessThanOrEqual(written + missing + 5 * m);
    }
  });

  it('explain: per value of each matrix it adds, 80 ns and a double, its JSON as written', () => {
    const options = [
      { method: { name: 'wsm' } },
      { method: { name: 'promethee2' } },
      { method: { name: 'topsis' }, coordination: {} },
      { method: { name: 'promethee2' }, obstacles: {} },
      { method: { name: 'vikor' }, coordination: {}, obstacles: {} },
    ];
    for (const extra of options)
      for (const [m, n] of [
        [10, 4],
        [60, 9],
      ] as const) {
        const problem = dimensionedProblem(m, n, 2, { ...extra, explain: true });
        const matrices = Object.entries(evaluate(problem).explain!).filter(([, v]) => Array.isArray(v));
        const values = matrices.length * m * n;
        const work = workOf(problem, 'explain');
        const label = `${JSON.stringify(extra)}, m = ${m}`;
        expect(work.ns / values, label).toBeCloseTo(
          workOf(dimensionedProblem(2, 2, 2, { explain: true }), 'explain').ns / 12,
          9,
        );
        expect(work.bytes, label).toBe(8 * values);
        const written = matrices.reduce((s, [key, v]) => s + JSON.stringify(key).length + 2 + modelledJson(v, m), 0);
        const keys = matrices.reduce((s, [key]) => s + JSON.stringify(key).length + 2, 0);
        expect(work.json, label).toBeLessThanOrEqual(written);
        expect(work.json, label).toBeGreaterThanOrEqual(written - keys - matrices.length);
      }
  });

  it('each part is there exactly when its field asks for the work', () => {
    const paths = (problem: unknown) => estimateCost(problem).parts.map((p) => p.path);
    const plain = matrixProblem(5, 4, 1);
    expect(paths(plain)).toEqual(['alternatives', 'weights', 'method']);
    expect(paths({ ...plain, sensitivity: { oneWay: false }, explain: false })).toEqual([
      'alternatives',
      'weights',
      'method',
      'sensitivity.samples',
    ]);
    const { matrix: _, ...withoutMatrix } = dimensionedProblem(5, 4, 2, {
      sensitivity: {},
      coordination: {},
      obstacles: {},
      explain: true,
    });
    const panel = { experts: ['x', 'y'], scores: panelScores(2, 5, 4, 1) };
    expect(paths({ ...withoutMatrix, panel })).toEqual([
      'alternatives',
      'panel.experts',
      'weights',
      'method',
      'sensitivity.samples',
      'sensitivity.oneWay',
      'coordination',
      'obstacles',
      'explain',
    ]);
  });

  it('the whole: the parts’ time and JSON summed, their memory above the 16 MB young generation', () => {
    for (const problem of [
      matrixProblem(5, 4, 1),
      dimensionedProblem(300, 12, 3, { sensitivity: {}, coordination: {}, obstacles: {}, explain: true }),
    ]) {
      const estimate = estimateCost(problem);
      const sum = (key: 'ms' | 'bytes' | 'resultBytes') => estimate.parts.reduce((s, p) => s + p[key], 0);
      expect(estimate.ms).toBeCloseTo(sum('ms'), 9);
      expect(estimate.bytes).toBe(16e6 + sum('bytes'));
      expect(estimate.resultBytes).toBe(sum('resultBytes'));
    }
  });
});

describe('cost model: the issues over a limit', () => {
  // The message is the contract the API and the pages show: the total and the limit in round units, the part that
  // costs most with its own amount, what to change in that part, and `corridor evaluate` for larger work.
  const limits: CostLimits = { ms: 2000, bytes: 512e6, resultBytes: 32e6 };
  const estimate = (parts: { path: string; ms?: number; bytes?: number; resultBytes?: number }[]): CostEstimate => {
    const full = parts.map((p) => ({ ms: 1, bytes: 1, resultBytes: 1, ...p }));
    const sum = (key: 'ms' | 'bytes' | 'resultBytes') => full.reduce((s, p) => s + p[key], 0);
    return { ms: sum('ms'), bytes: sum('bytes'), resultBytes: sum('resultBytes'), parts: full };
  };

  it('names the total, the limit, the part that costs most and its remedy', () => {
    const issues = costIssues(
      estimate([
        { path: 'alternatives', ms: 100 },
        { path: 'method', ms: 2500 },
        { path: 'weights', ms: 20 },
      ]),
      limits,
    );
    expect(issues).toEqual([
      {
        path: 'method',
        message:
          'this problem would take about 2.6 s, over the limit of 2 s (method: 2.5 s); use another method or fewer ' +
          'alternatives, or run the same JSON with `corridor evaluate`',
      },
    ]);
  });

  it('says for each part what shrinks it', () => {
    const remedies: Record<string, string> = {
      alternatives: 'fewer alternatives or criteria',
      'panel.experts': 'fewer experts, alternatives or criteria',
      weights: 'a simpler weighting',
      method: 'another method or fewer alternatives',
      'method.methods': 'fewer methods to compare',
      'sensitivity.samples': 'fewer samples',
      'sensitivity.oneWay': '"oneWay": false',
      coordination: 'fewer dimensions or alternatives',
      obstacles: 'fewer alternatives',
      explain: '"explain": false',
      // A part the table does not know (an estimate built by hand) still gets advice.
      elsewhere: 'a smaller problem',
    };
    for (const [path, remedy] of Object.entries(remedies)) {
      const [issue] = costIssues(estimate([{ path: 'alternatives' }, { path, ms: 3000 }]), limits);
      expect(issue!.path).toBe(path);
      expect(issue!.message).toContain(
        `(${path}: 3 s); use ${remedy}, or run the same JSON with \`corridor evaluate\``,
      );
    }
  });

  it('shows time in ms below a second, memory and JSON in kB, MB or GB', () => {
    const message = (key: 'ms' | 'bytes' | 'resultBytes', value: number) =>
      costIssues(estimate([{ path: 'alternatives', [key]: value }]), { ms: 0, bytes: 0, resultBytes: 0 }).find((i) =>
        i.message.includes({ ms: 'take about', bytes: 'need about', resultBytes: 'answer with about' }[key]),
      )!.message;
    expect(message('ms', 999.4)).toContain('would take about 999 ms, over the limit of 0 ms (alternatives: 999 ms)');
    expect(message('ms', 1000)).toContain('would take about 1 s,');
    expect(message('ms', 61_234)).toContain('would take about 61 s,');
    expect(message('bytes', 999_400)).toContain('would need about 999 kB of memory, over the limit of 0 kB of memory');
    expect(message('bytes', 1e6)).toContain('would need about 1 MB of memory,');
    expect(message('bytes', 254e6)).toContain('would need about 250 MB of memory,');
    expect(message('bytes', 1e9)).toContain('would need about 1 GB of memory,');
    expect(message('resultBytes', 3.4e9)).toContain(
      'would answer with about 3.4 GB of JSON, over the limit of 0 kB of JSON',
    );
  });

  it('reports each limit exceeded, none at or below its limit', () => {
    const at = estimate([{ path: 'alternatives', ms: 2000, bytes: 512e6, resultBytes: 32e6 }]);
    expect(costIssues(at, limits)).toEqual([]);
    const over = estimate([{ path: 'alternatives', ms: 2001, bytes: 513e6, resultBytes: 33e6 }]);
    expect(costIssues(over, limits).map((i) => i.message.slice(0, 30))).toEqual([
      'this problem would take about ',
      'this problem would need about ',
      'this problem would answer with',
    ]);
  });

  it('names the first part when parts cost the same, the largest wherever it is', () => {
    const path = (parts: { path: string; ms: number }[]) => costIssues(estimate(parts), limits)[0]!.path;
    expect(
      path([
        { path: 'method', ms: 1500 },
        { path: 'explain', ms: 1500 },
      ]),
    ).toBe('method');
    expect(
      path([
        { path: 'method', ms: 2500 },
        { path: 'explain', ms: 1500 },
      ]),
    ).toBe('method');
    expect(
      path([
        { path: 'method', ms: 1500 },
        { path: 'explain', ms: 2500 },
      ]),
    ).toBe('explain');
  });
});
