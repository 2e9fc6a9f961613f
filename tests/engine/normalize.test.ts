import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromRows, toRows } from '../../src/engine/matrix.ts';
import { type Bounds, type CriterionType, type NormalizationName, normalize } from '../../src/engine/normalize.ts';
import { issuesOf } from './fixtures/issues.ts';
import { diakoulaki } from './fixtures/published.ts';
import { expectClose } from './weights/context.ts';

const run = (rows: number[][], name: NormalizationName, types: CriterionType[], bounds?: (Bounds | undefined)[]) => {
  const warnings: string[] = [];
  const ids = types.map((_, j) => `c${j + 1}`);
  const out = normalize(fromRows(rows), name, bounds ? { ids, types, bounds } : { ids, types }, (w) =>
    warnings.push(w),
  );
  return { rows: toRows(out), flat: Array.from(out.data), warnings };
};

// pymcdm (Kizielewicz, Shekhovtsov & Sałabun 2023, SoftwareX 22, 101368), tests/test_normalizations.py:
// one 6 × 3 matrix, criteria types [cost, cost, benefit], expected outputs to 8 decimals (row-major).
// pymcdm's formulas match docs/engine.md §3 for minmax, vector (cost 1 − x/‖x‖), sum (cost (1/x)/Σ(1/x)) and its
// "linear" normalization, which is docs/engine.md §3's `max` (benefit x/max, cost min/x).
const pymcdm = [
  [66, 56, 95],
  [61, 55, 166],
  [65, 49, 113],
  [95, 56, 99],
  [63, 43, 178],
  [74, 59, 140],
];
const pymcdmTypes: CriterionType[] = ['cost', 'cost', 'benefit'];

describe('minmax', () => {
  // Diakoulaki, Mavrotas & Papayannakis (1995), Computers & OR 22(7), 763–770: the CRITIC paper's data and
  // its min-max ("ideal point") transform, as in scikit-criteria's tests (test_norm.py, IdealPoint).
  it('reproduces the Diakoulaki et al. (1995) transform (benefit criteria)', () => {
    const { flat } = run(diakoulaki, 'minmax', ['benefit', 'benefit', 'benefit']);
    expectClose(
      flat,
      [
        1.0, 0.21243523, 0.99702381, 0.57845188, 0.0, 1.0, 0.53242678, 0.44559585, 0.46130952, 0.45606695, 0.78497409,
        0.19940476, 0.41841004, 0.65025907, 0.40178571, 0.40376569, 1.0, 0.06845238, 0.29811715, 0.84455959, 0.33333333,
        0.0, 0.79015544, 0.0,
      ],
      8,
    );
  });

  it('uses fixed bounds instead of the column range', () => {
    const { rows } = run(
      [
        [3, 3],
        [5, 5],
        [7, 7],
      ],
      'minmax',
      ['benefit', 'cost'],
      [
        [1, 9],
        [1, 9],
      ],
    );
    expect(rows).toEqual([
      [0.25, 0.75],
      [0.5, 0.5],
      [0.75, 0.25],
    ]);
  });

  it('keeps a city’s value independent of the other cities when bounds are fixed', () => {
    const alone = run([[4], [6]], 'minmax', ['benefit'], [[0, 10]]).rows[0];
    const withOthers = run([[4], [6], [9], [1]], 'minmax', ['benefit'], [[0, 10]]).rows[0];
    expect(withOthers).toEqual(alone);
  });

  it('min-max results do not change when a benefit column is scaled by a positive constant', () => {
    // Integers: values a last bit apart would lose to cancellation in x − min what the test is about, and a
    // subnormal such as 5e-324 (which the engine refuses) times 0.001 is 0.
    const value = fc.integer({ min: -1000, max: 1000 });
    const matrix = fc.array(fc.array(value, { minLength: 3, maxLength: 3 }), { minLength: 2, maxLength: 10 });
    fc.assert(
      fc.property(
        matrix,
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        fc.integer({ min: 0, max: 2 }),
        (rows, k, j) => {
          const types: CriterionType[] = ['benefit', 'benefit', 'cost'];
          const scaled = rows.map((row) => row.map((v, c) => (c === j && types[c] === 'benefit' ? v * k : v)));
          expectClose(run(scaled, 'minmax', types).flat, run(rows, 'minmax', types).flat, 9);
        },
      ),
    );
  });
});

describe('vector', () => {
  // R package MCDA (Meyer & Olteanu), TOPSIS help page example: Corsa / Clio / Fiesta with weights
  // 0.35, 0.25, 0.25, 0.15 and documented ideal solutions; the positive ideal of the benefit criteria is
  // w_j · max_i x_ij/‖x_j‖: Economy 0.171636015, Aesthetics 0.159499658, Boot capacity 0.087302767 and the
  // negative ideal 0.124958799, 0.131352659, 0.085797547.
  it('reproduces the ideal solutions of the R MCDA TOPSIS example (benefit criteria)', () => {
    const { rows } = run(
      [
        [5490, 51.4, 8.5, 285],
        [6500, 70.6, 7, 288],
        [6489, 54.3, 7.5, 290],
      ],
      'vector',
      ['benefit', 'benefit', 'benefit', 'benefit'],
    );
    const weights = [0.35, 0.25, 0.25, 0.15];
    const ideal = (j: number, pick: (a: number, b: number) => number) =>
      weights[j]! * rows.map((r) => r[j]!).reduce((a, b) => pick(a, b));
    expect(ideal(1, Math.max)).toBeCloseTo(0.171636015, 9);
    expect(ideal(2, Math.max)).toBeCloseTo(0.159499658, 9);
    expect(ideal(3, Math.max)).toBeCloseTo(0.087302767, 9);
    expect(ideal(1, Math.min)).toBeCloseTo(0.124958799, 9);
    expect(ideal(2, Math.min)).toBeCloseTo(0.131352659, 9);
    expect(ideal(3, Math.min)).toBeCloseTo(0.085797547, 9);
    // Purchase price is a cost there; its positive ideal is w · min x/‖x‖ = 0.179573776 (before any turning around).
    expect(ideal(0, Math.min)).toBeCloseTo(0.179573776, 9);
  });
});

describe('max', () => {
  it('needs positive costs and a positive maximum, and says so for every column at once', () => {
    expect(
      issuesOf(() =>
        run(
          [
            [1, 0, -1],
            [2, 3, -2],
            [3, -1, -1],
          ],
          'max',
          ['benefit', 'cost', 'benefit'],
        ),
      ),
    ).toEqual([
      { path: 'matrix[0][1]', message: '"max" normalization of a cost criterion needs values > 0, got 0' },
      { path: 'matrix[2][1]', message: '"max" normalization of a cost criterion needs values > 0, got -1' },
      { path: 'matrix[0][2]', message: '"max" normalization needs a positive maximum, got -1' },
    ]);
  });
  it('points a non-positive maximum at the cell that holds it', () => {
    expect(
      issuesOf(() =>
        run(
          [
            [1, -3],
            [2, -2],
            [3, -1],
          ],
          'max',
          ['benefit', 'benefit'],
        ),
      ),
    ).toEqual([{ path: 'matrix[2][1]', message: '"max" normalization needs a positive maximum, got -1' }]);
  });
});

describe('sum', () => {
  it('needs values > 0 and names every offending cell', () => {
    expect(
      issuesOf(() =>
        run(
          [
            [0, 2],
            [3, -4],
            [5, -1],
          ],
          'sum',
          ['benefit', 'cost'],
        ),
      ),
    ).toEqual([
      { path: 'matrix[0][0]', message: '"sum" normalization of this criterion needs values > 0, got 0' },
      { path: 'matrix[1][1]', message: '"sum" normalization of a cost criterion needs values > 0, got -4' },
      { path: 'matrix[2][1]', message: '"sum" normalization of a cost criterion needs values > 0, got -1' },
    ]);
  });
});

describe('cost handling in every normalization (pymcdm example)', () => {
  // Expected outputs of pymcdm's tests for minmax, vector, linear (= spec `max`) and sum normalizations.
  const expected: Record<Exclude<NormalizationName, 'none'>, number[]> = {
    minmax: [
      0.85294118, 0.1875, 0.0, 1.0, 0.25, 0.85542169, 0.88235294, 0.625, 0.21686747, 0.0, 0.1875, 0.04819277,
      0.94117647, 1.0, 1.0, 0.61764706, 0.0, 0.54216867,
    ],
    vector: [
      0.62375904, 0.57085288, 0.28587109, 0.65226214, 0.57851622, 0.49952212, 0.62945966, 0.62449627, 0.34003614,
      0.45844104, 0.57085288, 0.29790777, 0.6408609, 0.67047632, 0.53563215, 0.57815408, 0.54786285, 0.42128371,
    ],
    max: [
      0.92424242, 0.76785714, 0.53370787, 1.0, 0.78181818, 0.93258427, 0.93846154, 0.87755102, 0.63483146, 0.64210526,
      0.76785714, 0.55617978, 0.96825397, 1.0, 1.0, 0.82432432, 0.72881356, 0.78651685,
    ],
    sum: [
      0.17447136, 0.155945, 0.12010114, 0.1887723, 0.15878037, 0.20986094, 0.17715554, 0.17822286, 0.14285714,
      0.12121168, 0.155945, 0.12515803, 0.18277952, 0.20309117, 0.22503161, 0.15560959, 0.1480156, 0.17699115,
    ],
  };
  it.each(Object.keys(expected) as (keyof typeof expected)[])(
    '%s reproduces pymcdm with criteria [cost, cost, benefit]',
    (name) => {
      expectClose(run(pymcdm, name, pymcdmTypes).flat, expected[name], 8);
    },
  );
});

describe('none', () => {
  it('returns the raw values, whatever the type, as a copy', () => {
    const input = fromRows([
      [1, -2],
      [3, 4],
    ]);
    const out = normalize(input, 'none', { ids: ['a', 'b'], types: ['benefit', 'cost'] }, () => {});
    expect(toRows(out)).toEqual([
      [1, -2],
      [3, 4],
    ]);
    out.data[0] = 99;
    expect(input.data[0]).toBe(1);
  });
});

describe('constant columns', () => {
  it.each(['minmax', 'vector', 'max', 'sum'] as const)(
    '%s: a constant column becomes 1 everywhere with a warning naming it',
    (name) => {
      const { rows, warnings } = run(
        [
          [5, 1],
          [5, 2],
          [5, 3],
        ],
        name,
        ['cost', 'benefit'],
      );
      expect(rows.map((r) => r[0])).toEqual([1, 1, 1]);
      expect(warnings).toEqual(['criterion c1: constant column, normalized to 1']);
    },
  );

  it('ignores bounds outside minmax: a constant column still becomes 1', () => {
    const { rows, warnings } = run([[5], [5]], 'vector', ['benefit'], [[0, 10]]);
    expect(rows).toEqual([[1], [1]]);
    expect(warnings).toEqual(['criterion c1: constant column, normalized to 1']);
  });

  it('with fixed bounds a constant column is placed on the scale, not flattened', () => {
    const { rows, warnings } = run([[5], [5]], 'minmax', ['benefit'], [[0, 10]]);
    expect(rows).toEqual([[0.5], [0.5]]);
    expect(warnings).toEqual([]);
  });
});

describe('every normalization but none is higher-is-better', () => {
  it('a better raw value never gets a lower r, for benefit and cost alike', () => {
    const column = fc.uniqueArray(fc.double({ min: 0.1, max: 1e3, noNaN: true }), { minLength: 2, maxLength: 8 });
    fc.assert(
      fc.property(
        column,
        fc.constantFrom<NormalizationName>('minmax', 'vector', 'max', 'sum'),
        fc.constantFrom<CriterionType>('benefit', 'cost'),
        (xs, name, type) => {
          const r = run(
            xs.map((x) => [x]),
            name,
            [type],
          ).flat;
          for (let a = 0; a < xs.length; a++) {
            for (let b = 0; b < xs.length; b++) {
              const better = type === 'benefit' ? xs[a]! > xs[b]! : xs[a]! < xs[b]!;
              if (better) expect(r[a]!).toBeGreaterThanOrEqual(r[b]!);
            }
          }
        },
      ),
    );
  });
});
