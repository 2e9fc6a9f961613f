import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromRows } from '../../src/engine/matrix.ts';
import { obstacles } from '../../src/engine/obstacles.ts';
import type { Criterion } from '../../src/engine/problem.ts';
import { mathmodelsScores } from './fixtures/published.ts';

const criteriaOf = (ids: string[], dims?: string[]): Criterion[] =>
  ids.map((id, j) => ({ id, type: 'benefit', ...(dims ? { dimension: dims[j]! } : {}) }));

describe('obstacle degree, published example', () => {
  // Documented example of the R package mathmodels, reference page "System Evaluation Functions for Coupling and
  // Obstacle Analysis" (zhjx19/mathmodels, docs/reference/system_evaluation.html). obstacle_degree() prints the
  // unscaled terms w_j (1 − X_ij) to three significant digits; the obstacle degree is each term's share of its
  // row, so O must equal printed / Σ printed up to that rounding.
  const X = mathmodelsScores.map((row) => [...row]);
  const printedEqual = [
    [0.328, 0.243, 0.245],
    [0.274, 0.106, 0.209],
    [0.15, 0.314, 0.142],
    [0.109, 0.173, 0.0306],
    [0.326, 0.037, 0.266],
    [0.00417, 0.148, 0.0339],
  ];
  const printedWeighted = [
    [0.394, 0.218, 0.22],
    [0.329, 0.0953, 0.188],
    [0.18, 0.282, 0.128],
    [0.131, 0.156, 0.0275],
    [0.392, 0.0333, 0.239],
    [0.005, 0.133, 0.0305],
  ];
  const crit = criteriaOf(['s1', 's2', 's3']);

  it.each([
    ['equal weights: obstacle_degree(df)', [1 / 3, 1 / 3, 1 / 3], printedEqual],
    ['weights 0.4, 0.3, 0.3: obstacle_degree(df, c(0.4, 0.3, 0.3))', [0.4, 0.3, 0.3], printedWeighted],
  ])('%s', (_, weights, printed) => {
    const out = obstacles({ top: 3 }, fromRows(X), weights, crit, undefined);
    out.forEach((alt, i) => {
      const row = printed[i]!;
      const total = row.reduce((a, b) => a + b, 0);
      expect(alt.top).toHaveLength(3);
      for (const { criterion, degree } of alt.top) {
        const j = ['s1', 's2', 's3'].indexOf(criterion);
        expect(Math.abs(degree - row[j]! / total)).toBeLessThan(3e-3);
      }
    });
    // Object A's largest obstacle is s1 in both runs (0.328 and 0.394 in the printed tables).
    expect(out[0]!.top[0]!.criterion).toBe('s1');
  });
});

describe('obstacle degree', () => {
  it('lists the top criteria largest first and sums each dimension', () => {
    const r = fromRows([[0, 0.5, 1, 0.75]]);
    const crit = criteriaOf(['a', 'b', 'c', 'd'], ['x', 'y', 'x', 'y']);
    const [alt] = obstacles({ top: 2 }, r, [0.25, 0.25, 0.25, 0.25], crit, ['x', 'y']);
    // w·I = 0.25, 0.125, 0, 0.0625; Σ = 0.4375.
    expect(alt!.top).toEqual([
      { criterion: 'a', degree: 0.25 / 0.4375 },
      { criterion: 'b', degree: 0.125 / 0.4375 },
    ]);
    expect(alt!.dimensions[0]).toEqual({ dimension: 'x', degree: 0.25 / 0.4375 });
    expect(alt!.dimensions[1]!.dimension).toBe('y');
    expect(alt!.dimensions[1]!.degree).toBeCloseTo(0.1875 / 0.4375, 15);
  });

  it('breaks ties in criterion order and leaves out criteria that hold nothing back', () => {
    const r = fromRows([[0.5, 0.5, 1]]);
    const [alt] = obstacles({ top: 5 }, r, [0.3, 0.3, 0.4], criteriaOf(['p', 'q', 's']), undefined);
    expect(alt!.top.map((o) => o.criterion)).toEqual(['p', 'q']);
    expect(alt!.dimensions).toEqual([]);
  });

  it('gives all zeros to an alternative that is best on every weighted criterion', () => {
    const r = fromRows([[1, 0.2]]);
    const [alt] = obstacles({ top: 5 }, r, [1, 0], criteriaOf(['p', 'q'], ['x', 'x']), ['x']);
    expect(alt).toEqual({ top: [], dimensions: [{ dimension: 'x', degree: 0 }] });
  });

  it('gives degrees that sum to 1, or all 0, per alternative (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }).chain((n) =>
          fc.record({
            rows: fc.array(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n }), {
              minLength: 1,
              maxLength: 5,
            }),
            weights: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n }),
            dimOf: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: n, maxLength: n }),
          }),
        ),
        ({ rows, weights, dimOf }) => {
          const n = weights.length;
          const crit = criteriaOf(
            Array.from({ length: n }, (_, j) => `c${j}`),
            dimOf.map((k) => `d${k}`),
          );
          const out = obstacles({ top: n }, fromRows(rows), weights, crit, ['d0', 'd1', 'd2']);
          for (const alt of out) {
            const byCriteria = alt.top.reduce((s, o) => s + o.degree, 0);
            const byDimension = alt.dimensions.reduce((s, o) => s + o.degree, 0);
            alt.top.forEach((o) => expect(o.degree).toBeGreaterThan(0));
            if (alt.top.length === 0) expect(byDimension).toBe(0);
            else {
              expect(byCriteria).toBeCloseTo(1, 12);
              expect(byDimension).toBeCloseTo(1, 12);
            }
          }
        },
      ),
    );
  });
});
