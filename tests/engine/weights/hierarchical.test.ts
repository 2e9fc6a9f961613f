import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromRows, toRows } from '../../../src/engine/matrix.ts';
import type { WeightSpec } from '../../../src/engine/problem.ts';
import { computeWeights } from '../../../src/engine/weights/index.ts';
import { dataFor } from '../../../src/engine/weights/target.ts';
import { issuesOf } from '../fixtures/issues.ts';
import { context, expectClose, sumOf } from './context.ts';

const ahp = (pairwise: unknown): WeightSpec =>
  ({ method: 'ahp', pairwise, priority: 'eigenvector', randomIndex: 'saaty', threshold: 0.1 }) as WeightSpec;
const hierarchical = (dimensions: WeightSpec, within: WeightSpec): WeightSpec => ({
  method: 'hierarchical',
  dimensions,
  within,
});

// Criteria d, e in dimension b; x, y, z in dimension c.
const data = [
  [1, 2, 3, 4, 5],
  [2, 1, 5, 3, 4],
  [4, 3, 1, 2, 6],
  [3, 5, 2, 6, 1],
];
const grouped = () =>
  context(data, { ids: ['d', 'e', 'x', 'y', 'z'], dimensions: ['b', 'c'], dimensionOf: ['b', 'b', 'c', 'c', 'c'] });

describe('hierarchical weights: published example', () => {
  // AHPy (PhilipGriffith/AHPy, tests/test_ahp.py test_master_a/b/c): goal a weighs b and c equally
  // (comparison 1); b compares d to e as 4 (local 0.8, 0.2; global 0.4, 0.1); c's children have measured
  // values x 2, y 4, z 4 (local 0.2, 0.4, 0.4; global 0.1, 0.2, 0.2). Measured values enter AHP as the
  // consistent matrix v_i / v_j.
  it('reproduces the AHPy two-level hierarchy: global = dimension weight × local weight', () => {
    const spec = hierarchical(
      ahp([
        [1, 1],
        [1, 1],
      ]),
      ahp({
        b: [
          [1, 4],
          [1 / 4, 1],
        ],
        c: [
          [1, 1 / 2, 1 / 2],
          [2, 1, 1],
          [2, 1, 1],
        ],
      }),
    );
    const { weights, info } = computeWeights(spec, grouped());
    expectClose(weights, [0.4, 0.1, 0.1, 0.2, 0.2], 4);
    if (info.method !== 'hierarchical') expect.fail('expected hierarchical info');
    expectClose(info.dimensions.weights, [0.5, 0.5], 4);
    expectClose(info.within.b!.weights, [0.8, 0.2], 4);
    expectClose(info.within.c!.weights, [0.2, 0.4, 0.4], 4);
    expect(info.within.c).toMatchObject({ method: 'ahp', consistency: { acceptable: true } });
  });
});

describe('hierarchical weights: within specs', () => {
  it('direct values are over all criteria and normalized inside each dimension', () => {
    const spec = hierarchical({ method: 'direct', values: [3, 1] }, { method: 'direct', values: [1, 3, 2, 2, 4] });
    // b: 0.75 · (0.25, 0.75); c: 0.25 · (0.25, 0.25, 0.5)
    expectClose(computeWeights(spec, grouped()).weights, [0.1875, 0.5625, 0.0625, 0.0625, 0.125], 12);
  });

  it('entropy and CRITIC use only the dimension’s own columns', () => {
    for (const within of [
      { method: 'entropy', normalization: 'none', shift: 0 },
      { method: 'critic', respectTypes: true, correlation: 'pearson' },
    ] as WeightSpec[]) {
      const { weights } = computeWeights(hierarchical({ method: 'equal' }, within), grouped());
      const b = computeWeights(within, context(data.map((r) => r.slice(0, 2)))).weights;
      const c = computeWeights(within, context(data.map((r) => r.slice(2)))).weights;
      expectClose(weights, [...Array.from(b, (w) => w / 2), ...Array.from(c, (w) => w / 2)], 12);
    }
  });

  it('equal within gives each dimension’s criteria equal shares of it', () => {
    expectClose(
      computeWeights(hierarchical({ method: 'equal' }, { method: 'equal' }), grouped()).weights,
      [0.25, 0.25, 1 / 6, 1 / 6, 1 / 6],
      12,
    );
  });

  it('criteria need not be listed dimension by dimension', () => {
    const ctx = context(data, { dimensions: ['b', 'c'], dimensionOf: ['c', 'b', 'c', 'b', 'c'] });
    const spec = hierarchical({ method: 'direct', values: [1, 3] }, { method: 'equal' });
    expectClose(computeWeights(spec, ctx).weights, [0.25, 0.125, 0.25, 0.125, 0.25], 12);
  });

  it('a one-criterion dimension may omit its AHP matrix', () => {
    const ctx = context(
      data.map((r) => r.slice(0, 3)),
      { dimensions: ['b', 'c'], dimensionOf: ['b', 'b', 'c'] },
    );
    const spec = hierarchical(
      { method: 'equal' },
      ahp({
        b: [
          [1, 3],
          [1 / 3, 1],
        ],
      }),
    );
    expectClose(computeWeights(spec, ctx).weights, [0.375, 0.125, 0.5], 12);
  });
});

describe('hierarchical weights: errors', () => {
  it('needs dimensions and a dimension on every criterion', () => {
    const issues = issuesOf(() =>
      computeWeights(hierarchical({ method: 'equal' }, { method: 'equal' }), context(data)),
    );
    expect(issues).toContainEqual({
      path: 'dimensions',
      message: 'hierarchical weights need the problem\'s "dimensions"',
    });
    expect(issues).toContainEqual({
      path: 'criteria[0].dimension',
      message: 'hierarchical weights need a dimension on every criterion; c1 has none',
    });
  });

  it('names only the missing dimensions when the problem has none, not every criterion’s as unlisted', () => {
    const ctx = context(data, { dimensionOf: ['b', 'b', 'c', 'c', 'c'] });
    expect(issuesOf(() => computeWeights(hierarchical({ method: 'equal' }, { method: 'equal' }), ctx))).toEqual([
      { path: 'dimensions', message: 'hierarchical weights need the problem\'s "dimensions"' },
    ]);
  });

  it('rejects a criterion whose dimension is not listed', () => {
    const ctx = context(data, { dimensions: ['b', 'c'], dimensionOf: ['b', 'b', 'c', 'q', 'c'] });
    expect(issuesOf(() => computeWeights(hierarchical({ method: 'equal' }, { method: 'equal' }), ctx))).toEqual([
      { path: 'criteria[3].dimension', message: 'dimension "q" is not listed in dimensions' },
    ]);
  });

  it('rejects a dimension without criteria', () => {
    const ctx = context(data, { dimensions: ['b', 'c', 'empty'], dimensionOf: ['b', 'b', 'c', 'c', 'c'] });
    expect(issuesOf(() => computeWeights(hierarchical({ method: 'equal' }, { method: 'equal' }), ctx))).toEqual([
      { path: 'dimensions[2]', message: 'dimension "empty" has no criteria' },
    ]);
  });

  it('checks the dimension-level spec against the number of dimensions', () => {
    expect(
      issuesOf(() =>
        computeWeights(hierarchical({ method: 'direct', values: [1, 2, 3] }, { method: 'equal' }), grouped()),
      ),
    ).toEqual([{ path: 'weights.dimensions.values', message: 'expected 2 values (one per dimension), got 3' }]);
    const issues = issuesOf(() =>
      computeWeights(
        hierarchical(
          ahp([
            [1, 2, 3],
            [1 / 2, 1, 1],
            [1 / 3, 1, 1],
          ]),
          { method: 'equal' },
        ),
        grouped(),
      ),
    );
    expect(issues).toEqual([
      {
        path: 'weights.dimensions.pairwise',
        message: 'expected a 2×2 matrix (one row and column per dimension, in order), got 3 rows',
      },
    ]);
  });

  it('does not weigh dimensions from data', () => {
    const issues = issuesOf(() =>
      computeWeights(
        hierarchical({ method: 'entropy', normalization: 'none', shift: 0 }, { method: 'equal' }),
        grouped(),
      ),
    );
    expect(issues).toEqual([
      {
        path: 'weights.dimensions.method',
        message: 'entropy weights need data; dimensions can only be weighed by judgment (equal, direct or ahp)',
      },
    ]);
  });

  it('checks a dimension’s AHP matrix against that dimension’s criteria', () => {
    const wrong = ahp({
      b: [
        [1, 4],
        [1 / 4, 1],
      ],
      c: [
        [1, 2],
        [1 / 2, 1],
      ],
    });
    expect(issuesOf(() => computeWeights(hierarchical({ method: 'equal' }, wrong), grouped()))).toEqual([
      {
        path: 'weights.within.pairwise.c',
        message: 'expected a 3×3 matrix (one row and column per criterion, in order), got 2 rows',
      },
    ]);
  });

  it('wants AHP matrices within keyed by dimension, all of them, and no others', () => {
    expect(
      issuesOf(() =>
        computeWeights(
          hierarchical(
            { method: 'equal' },
            ahp([
              [1, 2],
              [0.5, 1],
            ]),
          ),
          grouped(),
        ),
      )[0]!.path,
    ).toBe('weights.within.pairwise');
    expect(
      issuesOf(() =>
        computeWeights(
          hierarchical(
            { method: 'equal' },
            ahp({
              b: [
                [1, 4],
                [1 / 4, 1],
              ],
            }),
          ),
          grouped(),
        ),
      ),
    ).toEqual([{ path: 'weights.within.pairwise', message: 'missing the pairwise comparisons for dimension "c"' }]);
    const extra = ahp({
      b: [
        [1, 4],
        [1 / 4, 1],
      ],
      c: [
        [1, 1, 1],
        [1, 1, 1],
        [1, 1, 1],
      ],
      q: [[1]],
    });
    expect(issuesOf(() => computeWeights(hierarchical({ method: 'equal' }, extra), grouped()))).toEqual([
      { path: 'weights.within.pairwise.q', message: '"q" is not one of the dimensions' },
    ]);
  });

  it('points into the dimension’s matrix for entry errors', () => {
    const bad = ahp({
      b: [
        [1, 4],
        [1 / 4, 1],
      ],
      c: [
        [1, 1, 1],
        [1, 1, 1],
        [1, 3, 1],
      ],
    });
    expect(issuesOf(() => computeWeights(hierarchical({ method: 'equal' }, bad), grouped()))).toEqual([
      {
        path: 'weights.within.pairwise.c[2][1]',
        message: 'must be the reciprocal of weights.within.pairwise.c[1][2] = 1 (1/1 ≈ 1), got 3',
      },
    ]);
  });

  it('rejects all-zero direct values inside one dimension', () => {
    const spec = hierarchical({ method: 'equal' }, { method: 'direct', values: [0, 0, 1, 1, 1] });
    expect(issuesOf(() => computeWeights(spec, grouped()))).toEqual([
      { path: 'weights.within.values', message: 'the values of dimension "b" must not all be zero' },
    ]);
  });

  it('cannot nest', () => {
    const nested = hierarchical({ method: 'equal' }, hierarchical({ method: 'equal' }, { method: 'equal' }));
    expect(issuesOf(() => computeWeights(nested, grouped()))).toEqual([
      { path: 'weights.within.method', message: 'hierarchical weights can only be used at the top level' },
    ]);
  });
});

describe('the columns a target weighs', () => {
  // TargetData.columns lists the criteria weighed, in order: the data a scheme sees follows that order.
  it('come in the order the target lists them', () => {
    const matrix = fromRows(data);
    const criteria = ['d', 'e', 'x', 'y', 'z'].map((id) => ({ id, type: 'benefit' as const }));
    for (const columns of [
      [0, 1, 2, 4, 3],
      [1, 2, 3, 4, 0],
      [4, 2],
    ]) {
      const target = {
        names: columns.map((c) => criteria[c]!.id),
        noun: 'criterion' as const,
        data: { matrix, criteria, columns, dimensions: [] },
        warn: () => {},
        path: 'weights',
      };
      const { x, criteria: picked } = dataFor(target, 'entropy');
      expect(toRows(x)).toEqual(data.map((row) => columns.map((c) => row[c]!)));
      expect(picked.map((c) => c.id)).toEqual(target.names);
    }
  });
});

describe('hierarchical weights: properties', () => {
  it('are non-negative and sum to 1 for any direct weights at either level', () => {
    const positive = (n: number) =>
      fc.array(fc.double({ min: 0.01, max: 100, noNaN: true }), { minLength: n, maxLength: n });
    fc.assert(
      fc.property(positive(2), positive(5), (top, within) => {
        const { weights } = computeWeights(
          hierarchical({ method: 'direct', values: top }, { method: 'direct', values: within }),
          grouped(),
        );
        expect(Array.from(weights).every((w) => w >= 0)).toBe(true);
        expect(sumOf(weights)).toBeCloseTo(1, 9);
      }),
    );
  });
});
