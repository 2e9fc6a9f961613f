import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeWeights } from '../../../src/engine/weights/index.ts';
import { issuesOf } from '../fixtures/issues.ts';
import { context, expectClose } from './context.ts';

const rows = (n: number, m = 3) => Array.from({ length: m }, (_, i) => Array.from({ length: n }, (_, j) => i + j + 1));

describe('equal weights', () => {
  // scikit-criteria, tests/preprocessing/test_weighters.py test_EqualWeighter: 20 criteria → 1/20 each.
  it('gives 20 criteria 1/20 each (scikit-criteria EqualWeighter example)', () => {
    const { weights, info } = computeWeights({ method: 'equal' }, context(rows(20)));
    expectClose(weights, new Array<number>(20).fill(1 / 20), 15);
    expect(info).toEqual({ method: 'equal' });
  });
});

describe('direct weights', () => {
  // Haas, R. & Meixner, O., "An Illustrated Guide to the Analytic Hierarchy Process" (fuel economy of four
  // cars, 34, 27, 24 and 28 mpg, normalized): 0.3009, 0.2389, 0.2124, 0.2478, as AHPy checks in
  // tests/test_ahp.py test_normalized_weights.
  it('normalizes stated values (Haas & Meixner fuel-economy example)', () => {
    const { weights, info } = computeWeights({ method: 'direct', values: [34, 27, 24, 28] }, context(rows(4)));
    expectClose(weights, [0.3009, 0.2389, 0.2124, 0.2478], 4);
    expect(info).toEqual({ method: 'direct' });
  });

  it('keeps a zero weight at zero', () => {
    expectClose(computeWeights({ method: 'direct', values: [0, 1, 3] }, context(rows(3))).weights, [0, 0.25, 0.75], 15);
  });

  it('rejects the wrong number of values', () => {
    expect(issuesOf(() => computeWeights({ method: 'direct', values: [1, 2] }, context(rows(3))))).toEqual([
      { path: 'weights.values', message: 'expected 3 values (one per criterion), got 2' },
    ]);
  });

  it('puts its paths at the top level when the spec is the whole document (empty path)', () => {
    const ctx = { ...context(rows(3)), path: '' };
    expect(issuesOf(() => computeWeights({ method: 'direct', values: [1, 2] }, ctx))).toEqual([
      { path: 'values', message: 'expected 3 values (one per criterion), got 2' },
    ]);
  });

  it('rejects all-zero values', () => {
    expect(issuesOf(() => computeWeights({ method: 'direct', values: [0, 0, 0] }, context(rows(3))))).toEqual([
      { path: 'weights.values', message: 'weights must not all be zero' },
    ]);
  });

  it('rejects negative or non-finite values at their index', () => {
    expect(issuesOf(() => computeWeights({ method: 'direct', values: [1, -2, Number.NaN] }, context(rows(3))))).toEqual(
      [
        { path: 'weights.values[1]', message: 'expected a finite number ≥ 0, got -2' },
        { path: 'weights.values[2]', message: 'expected a finite number ≥ 0, got NaN' },
      ],
    );
  });

  it('are non-negative and sum to 1 for any valid values', () => {
    fc.assert(
      fc.property(
        fc
          .array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 12 })
          .filter((v) => v.some((x) => x > 0)),
        (values) => {
          const { weights } = computeWeights({ method: 'direct', values }, context(rows(values.length)));
          expect(Array.from(weights).every((w) => w >= 0)).toBe(true);
          expect(Array.from(weights).reduce((s, w) => s + w, 0)).toBeCloseTo(1, 12);
        },
      ),
    );
  });
});
