import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toRows } from '../../../src/engine/matrix.ts';
import { normalize } from '../../../src/engine/normalize.ts';
import { computeWeights } from '../../../src/engine/weights/index.ts';
import { issuesOf } from '../fixtures/issues.ts';
import { context, expectClose, sumOf } from './context.ts';

const entropy = (normalization: 'none' | 'minmax' = 'none', shift = 0) => ({
  method: 'entropy' as const,
  normalization,
  shift,
});

// Zavadskas, E. K. & Podvezko, V. (2016). Integrated determination of objective criteria weights in MCDM.
// Int. J. of Information Technology & Decision Making 15(2), 267–283 (criteria 1 and 3 are costs).
const zavadskas = [
  [3.0, 100, 10, 7],
  [2.5, 80, 8, 5],
  [1.8, 50, 20, 11],
  [2.2, 70, 12, 9],
];

describe('entropy weights: published examples', () => {
  // Xu, X. (2004). A note on the subjective and objective integrated approach to determine attribute
  // weights. European Journal of Operational Research 156(2), 530–532; the numbers as reproduced in the
  // test suite of energyinpython/objective-weights-for-mcda (tests/test_weights.py): 0.4630, 0.3992, 0.1378, 0.0000.
  it('reproduces Xu (2004)', () => {
    const ctx = context([
      [30, 30, 38, 29],
      [19, 54, 86, 29],
      [19, 15, 85, 28.9],
      [68, 70, 60, 29],
    ]);
    expectClose(computeWeights(entropy(), ctx).weights, [0.463, 0.3992, 0.1378, 0.0], 4);
  });

  // Zavadskas & Podvezko (2016), entropy weights 0.1146, 0.1981, 0.4185, 0.2689 (as in the same test suite) (computed
  // on the raw data, as `normalization: "none"` does, whatever the criterion type).
  it('reproduces Zavadskas & Podvezko (2016)', () => {
    const ctx = context(zavadskas, { types: ['cost', 'benefit', 'cost', 'benefit'] });
    const { weights, info } = computeWeights(entropy(), ctx);
    expectClose(weights, [0.1146, 0.1981, 0.4185, 0.2689], 4);
    expect(info).toMatchObject({ method: 'entropy', normalization: 'none', shift: 0 });
  });
});

describe('entropy weights: the entropy values themselves', () => {
  // The weights d_j/Σd do not change when every E_j is rescaled (ln m replaced by ln(m + 1) rescales all d alike),
  // so the reported E_j are checked against values known independently of the code.
  // Cover, T. M. & Thomas, J. A. (2006). Elements of Information Theory, 2nd ed., Wiley, Example 2.1.2: the
  // distribution (1/2, 1/4, 1/8, 1/8) has entropy H = 7/4 bits. A column 4, 2, 1, 1 has exactly these shares, and
  // E_j = H / log2 m = (7/4) / 2 = 0.875 for m = 4. A uniform column has H = log2 m bits: E_j = 1.
  // Example 2.1.1's binary entropy at p = 1/4, ½ + ¾ log2(4/3) = 0.8113 bits, is E_j of a two-row column 1, 3.
  it('reproduces Cover & Thomas (2006), Examples 2.1.1 and 2.1.2', () => {
    const four = computeWeights(
      entropy(),
      context([
        [4, 5],
        [2, 5],
        [1, 5],
        [1, 5],
      ]),
    );
    if (four.info.method !== 'entropy') expect.fail('expected entropy info');
    expectClose(four.info.entropy, [0.875, 1], 12);
    expectClose(four.info.divergence, [0.125, 0], 12);

    const two = computeWeights(entropy(), context([[1], [3]]));
    if (two.info.method !== 'entropy') expect.fail('expected entropy info');
    expectClose(two.info.entropy, [0.8113], 4);
  });

  // Xu (2004), whose published weights are checked below: these E_j were computed by hand from the formula (to
  // 4 decimals), and the weights must be their divergences' shares.
  it('gives Xu (2004) entropies whose divergences are in the published proportions', () => {
    const { info, weights } = computeWeights(
      entropy(),
      context([
        [30, 30, 38, 29],
        [19, 54, 86, 29],
        [19, 15, 85, 28.9],
        [68, 70, 60, 29],
      ]),
    );
    if (info.method !== 'entropy') expect.fail('expected entropy info');
    expectClose(info.entropy, [0.8872, 0.9027, 0.9664, 1], 4);
    const total = sumOf(info.divergence);
    expectClose(
      info.divergence.map((d) => d / total),
      Array.from(weights),
      12,
    );
  });
});

describe('entropy weights: conventions and edge cases', () => {
  it('min-max variant is the raw formula applied to the min-max normalized matrix plus the shift', () => {
    const ctx = context(zavadskas, { types: ['cost', 'benefit', 'cost', 'benefit'] });
    const r = normalize(
      ctx.matrix,
      'minmax',
      { ids: ctx.criteria.map((c) => c.id), types: ctx.criteria.map((c) => c.type) },
      () => {},
    );
    const shifted = toRows(r).map((row) => row.map((v) => v + 0.01));
    const viaNone = computeWeights(entropy(), context(shifted)).weights;
    const direct = computeWeights(entropy('minmax', 0.01), ctx).weights;
    expectClose(direct, Array.from(viaNone), 12);
  });

  it('min-max variant honours fixed bounds: r = x / 100 on [0, 100] keeps Xu (2004)’s published weights', () => {
    // With bounds [0, B], r = x / B (docs/engine.md §3), and the entropy weights of a column do not change when it
    // is scaled, so they are Xu's raw-data weights; the columns' own min and max would give others.
    const ctx = context([
      [30, 30, 38, 29],
      [19, 54, 86, 29],
      [19, 15, 85, 28.9],
      [68, 70, 60, 29],
    ]);
    const bounded = { ...ctx, criteria: ctx.criteria.map((c) => ({ ...c, bounds: [0, 100] as [number, number] })) };
    expectClose(computeWeights(entropy('minmax'), bounded).weights, [0.463, 0.3992, 0.1378, 0.0], 4);
  });

  it('treats 0·ln 0 as 0 (a min-max zero does not poison the column)', () => {
    const { weights } = computeWeights(
      entropy('minmax'),
      context([
        [1, 5],
        [2, 7],
        [4, 6],
      ]),
    );
    expect(Array.from(weights).every(Number.isFinite)).toBe(true);
    expect(sumOf(weights)).toBeCloseTo(1, 12);
  });

  it('gives a column whose values sum to zero no weight, with a warning', () => {
    const ctx = context([
      [0, 1],
      [0, 3],
      [0, 2],
    ]);
    const { weights } = computeWeights(entropy(), ctx);
    expect(weights[0]).toBe(0);
    expect(weights[1]).toBe(1);
    expect(ctx.warnings.some((w) => w.includes('c1') && w.includes('zero'))).toBe(true);
  });

  it('falls back to equal weights with a warning when no column discriminates', () => {
    const ctx = context([
      [2, 5, 0],
      [2, 5, 0],
      [2, 5, 0],
    ]);
    const { weights } = computeWeights(entropy(), ctx);
    expectClose(weights, [1 / 3, 1 / 3, 1 / 3], 12);
    expect(ctx.warnings.some((w) => w.includes('equal weights'))).toBe(true);
  });

  it('gives a constant column entropy 1 and divergence 0 exactly, so all-constant data gets equal weights (property)', () => {
    // p_ij = 1/m gives E_j = 1 by definition; computed as logs it can land a last bit below (d = 2.2e-16 for 7.1
    // in three rows), and weighing that round-off gave such a column all the weight.
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.01, max: 1000, noNaN: true }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 2, max: 9 }),
        (constants, m) => {
          const ctx = context(Array.from({ length: m }, () => constants));
          const { weights, info } = computeWeights(entropy(), ctx);
          if (info.method !== 'entropy') expect.fail('expected entropy info');
          expect(info.entropy).toEqual(constants.map(() => 1));
          expect(info.divergence).toEqual(constants.map(() => 0));
          expectClose(
            weights,
            constants.map(() => 1 / constants.length),
            12,
          );
        },
      ),
    );
    expect(
      computeWeights(
        entropy(),
        context([
          [3, 7.1, 0.3],
          [3, 7.1, 0.3],
          [3, 7.1, 0.3],
        ]),
      ).weights,
    ).toEqual(Float64Array.from([1, 1, 1], (v) => v / 3));
  });

  it('gives a constant column divergence 0 exactly however many alternatives there are (10⁶ rows)', () => {
    // Σy of 10⁶ copies of 0.3024 comes out about 2.6e-11 (relative) low, which alone makes the computed d of that
    // column about 1.9e-12: weighed, it would take all the weight from the other constant column.
    const m = 1_000_000;
    const data = new Float64Array(2 * m);
    for (let i = 0; i < m; i++) data.set([0.3024, 1], 2 * i);
    const ctx = { ...context([[0.3024, 1]]), matrix: { rows: m, cols: 2, data } };
    const { weights, info } = computeWeights(entropy(), ctx);
    if (info.method !== 'entropy') expect.fail('expected entropy info');
    expect(info.divergence).toEqual([0, 0]);
    expect(Array.from(weights)).toEqual([0.5, 0.5]);
    expect(ctx.warnings.some((w) => w.includes('equal weights'))).toBe(true);
  });

  it('keeps the divergence of a nearly constant column, however small; only a constant column gets exactly 0', () => {
    // d ≈ 1.8e-13 here, as small as the round-off of a constant column's d, but this column is not constant.
    const ctx = context([
      [1, 5],
      [1 + 1e-6, 5],
    ]);
    const { weights, info } = computeWeights(entropy(), ctx);
    if (info.method !== 'entropy') expect.fail('expected entropy info');
    expect(info.divergence[0]).toBeGreaterThan(0);
    expect(info.divergence[0]).toBeLessThan(1e-12);
    expect(info.divergence[1]).toBe(0);
    expect(Array.from(weights)).toEqual([1, 0]);
    expect(ctx.warnings).toEqual([]);
  });

  it('computes a column with a subnormal sum (m / Σy overflows) as its scaled-up copy', () => {
    const tiny = computeWeights(
      entropy(),
      context([
        [5e-324, 1],
        [5e-324, 1],
        [0, 2],
      ]),
    );
    const plain = computeWeights(
      entropy(),
      context([
        [1, 1],
        [1, 1],
        [0, 2],
      ]),
    );
    expect(tiny.info).toEqual(plain.info);
    expect(Array.from(tiny.weights)).toEqual(Array.from(plain.weights));
  });

  it('reports entropy and divergence per criterion', () => {
    const { info } = computeWeights(
      entropy(),
      context([
        [1, 2],
        [3, 2],
      ]),
    );
    expect(info.method).toBe('entropy');
    if (info.method !== 'entropy') return;
    expect(info.entropy[1]).toBeCloseTo(1, 12);
    expect(info.divergence[1]).toBe(0);
    expect(info.divergence[0]! + info.entropy[0]!).toBeCloseTo(1, 12);
  });
});

describe('entropy weights: errors', () => {
  it('rejects negative raw data and suggests min-max', () => {
    const issues = issuesOf(() =>
      computeWeights(
        entropy(),
        context([
          [1, 2],
          [3, -4],
        ]),
      ),
    );
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toBe('weights.normalization');
    expect(issues[0]!.message).toContain('criterion c2 has a negative value (-4, alternative 2)');
    expect(issues[0]!.message).toContain('"normalization": "minmax"');
  });

  it('accepts negative raw data once shifted to non-negative', () => {
    expect(() =>
      computeWeights(
        entropy('none', 3),
        context([
          [1, 2],
          [-3, 4],
        ]),
      ),
    ).not.toThrow();
  });

  it('needs at least two alternatives', () => {
    const issues = issuesOf(() => computeWeights(entropy(), context([[1, 2]])));
    expect(issues[0]).toEqual({ path: 'weights', message: 'entropy weights need at least two alternatives, got 1' });
  });
});

const positiveMatrix = fc
  .record({ m: fc.integer({ min: 2, max: 8 }), n: fc.integer({ min: 1, max: 6 }) })
  .chain(({ m, n }) =>
    fc.array(fc.array(fc.double({ min: 0.01, max: 1000, noNaN: true }), { minLength: n, maxLength: n }), {
      minLength: m,
      maxLength: m,
    }),
  );

describe('entropy weights: properties', () => {
  it('are non-negative and sum to 1 for either normalization', () => {
    fc.assert(
      fc.property(positiveMatrix, fc.boolean(), (rows, minmax) => {
        const { weights } = computeWeights(entropy(minmax ? 'minmax' : 'none', minmax ? 0.001 : 0), context(rows));
        expect(Array.from(weights).every((w) => w >= 0)).toBe(true);
        expect(sumOf(weights)).toBeCloseTo(1, 9);
      }),
    );
  });

  it('do not change when a column is scaled by a positive constant (normalization none)', () => {
    fc.assert(
      fc.property(positiveMatrix, fc.double({ min: 0.001, max: 1000, noNaN: true }), fc.nat(), (rows, k, pick) => {
        const j = pick % rows[0]!.length;
        const scaled = rows.map((row) => row.map((v, c) => (c === j ? v * k : v)));
        const before = computeWeights(entropy(), context(rows)).weights;
        const after = computeWeights(entropy(), context(scaled)).weights;
        expectClose(after, Array.from(before), 12);
      }),
    );
  });
});

describe('entropy weights: round-off', () => {
  it('stay finite when a column sums to a subnormal number (1/S overflows, y/S does not)', () => {
    const { weights } = computeWeights(
      entropy(),
      context([
        [0, 1],
        [5e-324, 2],
      ]),
    );
    expect(Array.from(weights).every(Number.isFinite)).toBe(true);
    expect(sumOf(weights)).toBeCloseTo(1, 12);
  });

  // d = 1 − E of a near-uniform column is a tiny difference; computed as Σ p ln(mp) it keeps about 100× more
  // digits than 1 − E from T/S − ln S (relative drift under scaling 2e-8 against 2e-6 for this column).
  it('give a near-uniform column a divergence that survives scaling it by 10^6 to 7 digits', () => {
    const rows = [
      [100, 1],
      [100.01, 2],
      [99.99, 3],
    ];
    const scaled = rows.map(([a, b]) => [a! * 1e6, b!]);
    const before = computeWeights(entropy(), context(rows));
    const after = computeWeights(entropy(), context(scaled));
    expect(before.weights[0]).toBeGreaterThan(0);
    expect(after.weights[0]! / before.weights[0]!).toBeCloseTo(1, 7);
  });
});
