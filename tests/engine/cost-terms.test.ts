import { describe, expect, it } from 'vitest';
import { estimateCost, evaluate } from '../../src/engine/index.ts';
import { methodDescriptor, methodSchema } from '../../src/engine/methods/index.ts';
import { numbersJson } from '../../src/engine/methods/method.ts';
import type { Criterion } from '../../src/engine/spec.ts';
import { type WeightSpec, weightSpecSchema, weightsCost } from '../../src/engine/weights/index.ts';
import { NUMBER_JSON, type ProblemSize, plus, rankNs, sortSteps } from '../../src/engine/work.ts';
import { matrixProblem } from '../bench/data.ts';

// The cost model's terms (docs/engine.md §11) without timing anything: each term must have the form §11 states (its
// coefficients are calibrated, so only their sign and order of magnitude are fixed here), and each JSON term must count
// the result's JSON text as §11 says (a double as NUMBER_JSON characters with its comma).

type Point = Record<string, number>;

/** Least-squares coefficients of y over the basis functions at the points (normal equations, Gaussian elimination). */
function leastSquares(
  points: readonly Point[],
  y: (p: Point) => number,
  basis: readonly ((p: Point) => number)[],
): number[] {
  const k = basis.length;
  const a = Array.from({ length: k }, () => new Array<number>(k + 1).fill(0));
  for (const p of points) {
    const row = basis.map((f) => f(p));
    const v = y(p);
    for (let r = 0; r < k; r++) {
      for (let c = 0; c < k; c++) a[r]![c]! += row[r]! * row[c]!;
      a[r]![k]! += row[r]! * v;
    }
  }
  for (let c = 0; c < k; c++) {
    const pivot = a.slice(c).reduce((best, row, i) => (Math.abs(row[c]!) > Math.abs(a[best]![c]!) ? c + i : best), c);
    [a[c], a[pivot]] = [a[pivot]!, a[c]!];
    for (let r = 0; r < k; r++) {
      if (r === c) continue;
      const factor = a[r]![c]! / a[c]![c]!;
      for (let j = c; j <= k; j++) a[r]![j]! -= factor * a[c]![j]!;
    }
  }
  return a.map((row, r) => row[k]! / row[r]!);
}

/**
 * y is exactly Σ c_i basis_i over the points, every c_i at least `least`: nanoseconds of real work are at least one
 * per unit of the term, bytes at least 8 (every array held is of doubles or pointers).
 */
function expectForm(
  points: readonly Point[],
  y: (p: Point) => number,
  basis: Record<string, (p: Point) => number>,
  least: number,
): void {
  const fs = Object.values(basis);
  const c = leastSquares(points, y, fs);
  for (const p of points) {
    const predicted = fs.reduce((s, f, i) => s + c[i]! * f(p), 0);
    expect(
      Math.abs(y(p) - predicted),
      `${JSON.stringify(p)}: off the form ${Object.keys(basis).join(' + ')}`,
    ).toBeLessThan(1e-9 * Math.max(1, Math.abs(y(p))));
  }
  Object.keys(basis).forEach((term, i) => {
    expect(c[i], `coefficient of ${term}`).toBeGreaterThanOrEqual(least);
  });
}

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
