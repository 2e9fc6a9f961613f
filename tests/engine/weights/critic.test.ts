import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeWeights } from '../../../src/engine/weights/index.ts';
import { issuesOf } from '../fixtures/issues.ts';
import { diakoulaki } from '../fixtures/published.ts';
import { context, expectClose, sumOf, type Type } from './context.ts';

const critic = (correlation: 'pearson' | 'spearman' = 'pearson', respectTypes = true) => ({
  method: 'critic' as const,
  correlation,
  respectTypes,
});

// Diakoulaki et al. (1995), the CRITIC paper; weights as in scikit-criteria's tests
// (tests/preprocessing/test_weighters.py, test_critic_weight_weights_diakoulaki1995determining).

describe('CRITIC weights: published examples', () => {
  it('reproduces Diakoulaki et al. (1995) with Pearson correlation', () => {
    expectClose(
      computeWeights(critic('pearson'), context(diakoulaki)).weights,
      [0.20222554, 0.48090173, 0.31687273],
      7,
    );
  });

  it('reproduces the Spearman variant on the same data (scikit-criteria)', () => {
    expectClose(
      computeWeights(critic('spearman'), context(diakoulaki)).weights,
      [0.21454645, 0.4898563, 0.29559726],
      7,
    );
  });

  // Tuş, A. & Aytaç Adalı, E. (2019). The new combination with CRITIC and WASPAS methods for the time and
  // attendance software selection problem. Opsearch 56(2), 528–538: weights 0.157, 0.249, 0.168, 0.121,
  // 0.154, 0.151 (as in energyinpython/objective-weights-for-mcda tests/test_weights.py). The published
  // figures min-max the price column like the others, i.e. without turning the cost criterion around:
  // that is `respectTypes: false`.
  it('reproduces Tuş & Aytaç Adalı (2019) with types ignored', () => {
    const ctx = context(
      [
        [5000, 3, 3, 4, 3, 2],
        [680, 5, 3, 2, 2, 1],
        [2000, 3, 2, 3, 4, 3],
        [600, 4, 3, 1, 2, 2],
        [800, 2, 4, 3, 3, 4],
      ],
      { types: ['cost', 'benefit', 'benefit', 'benefit', 'benefit', 'benefit'] },
    );
    expectClose(computeWeights(critic('pearson', false), ctx).weights, [0.157, 0.249, 0.168, 0.121, 0.154, 0.151], 3);
  });

  // JMcDM (Satman, Yıldırım & Kuruca, JOSS 2021), test/runtests.jl testset "CRITIC": the third criterion is
  // a cost (fns = [maximum, maximum, minimum, maximum]), weights 0.16883925, 0.418444976, 0.249124763,
  // 0.163591012 checked there with atol = 1e-4.
  it('reproduces the JMcDM example with a cost criterion turned around', () => {
    const ctx = context(
      [
        [12.9918, 0.7264, -1.1009, 1.598139592],
        [4.1201, 5.8824, 3.4483, 1.021563567],
        [4.1039, 0.0, -0.5076, 0.984469444],
      ],
      { types: ['benefit', 'benefit', 'cost', 'benefit'] },
    );
    const { weights } = computeWeights(critic('pearson', true), ctx);
    [0.16883925, 0.418444976, 0.249124763, 0.163591012].forEach((e, k) =>
      expect(Math.abs(weights[k]! - e)).toBeLessThan(1e-4),
    );
  });
});

describe('CRITIC weights: conventions and edge cases', () => {
  it('reports the sample standard deviation of the min-max columns and the information content', () => {
    const { info } = computeWeights(
      critic(),
      context([
        [0, 10],
        [1, 30],
        [2, 20],
      ]),
    );
    expect(info.method).toBe('critic');
    if (info.method !== 'critic') return;
    // min-max gives [0, 0.5, 1] and [0, 1, 0.5]: sample SD 0.5 for both.
    expectClose(info.sd, [0.5, 0.5], 12);
    expect(info.sdDivisor).toBe('m - 1');
    // ρ = 0.5 between the two columns, so C_j = 0.5 · (1 − 0.5).
    expectClose(info.information, [0.25, 0.25], 12);
    expectClose(info.correlations.flat(), [1, 0.5, 0.5, 1], 12);
  });

  it('treats a constant column as uncorrelated with every other and gives it no weight', () => {
    const ctx = context([
      [1, 7, 3],
      [2, 7, 1],
      [3, 7, 2],
    ]);
    const { weights } = computeWeights(critic(), ctx);
    expect(weights[1]).toBe(0);
    expect(sumOf(weights)).toBeCloseTo(1, 12);
    expect(ctx.warnings.some((w) => w.includes('c2') && w.includes('constant'))).toBe(true);
  });

  it('turns cost columns around only with respectTypes', () => {
    const rows = [
      [1, 3, 2],
      [2, 1, 5],
      [3, 2, 4],
      [4, 5, 1],
    ];
    const asBenefit = computeWeights(critic('pearson', true), context(rows)).weights;
    const withCost = computeWeights(
      critic('pearson', true),
      context(rows, { types: ['benefit', 'cost', 'benefit'] }),
    ).weights;
    const ignored = computeWeights(
      critic('pearson', false),
      context(rows, { types: ['benefit', 'cost', 'benefit'] }),
    ).weights;
    expectClose(ignored, Array.from(asBenefit), 12);
    expect(Math.abs(withCost[0]! - asBenefit[0]!)).toBeGreaterThan(1e-3);
  });

  it('falls back to equal weights with a warning when nothing varies', () => {
    const ctx = context([
      [1, 2],
      [1, 2],
    ]);
    expectClose(computeWeights(critic(), ctx).weights, [0.5, 0.5], 12);
    expect(ctx.warnings.some((w) => w.includes('equal weights'))).toBe(true);
  });

  it('falls back to equal weights when every pair is perfectly correlated, and says that is why', () => {
    // The columns are exact linear images of each other (y = 3.7x + 1, z = 0.208x + 2): they vary, but ρ = 1 for
    // every pair, so every C_j = σ_j Σ(1 − ρ_jk) = 0. Computed, ρ comes out a last bit below 1 for some pairs and
    // not others; weighing that round-off gave 0.5, 0, 0.5.
    const ctx = context([
      [15, 56.5, 5.12],
      [25.5, 95.35, 7.304],
      [18.5, 69.45, 5.848],
      [39, 145.3, 10.112],
    ]);
    expectClose(computeWeights(critic(), ctx).weights, [1 / 3, 1 / 3, 1 / 3], 12);
    expect(ctx.warnings).toEqual([
      'CRITIC weights: every criterion carries no information (C_j = σ_j Σ(1 − ρ_jk) = 0: nothing varies, or every pair is perfectly correlated); equal weights used',
    ]);
  });

  it('gives a single criterion the weight 1 without a warning (a one-criterion dimension inside hierarchical)', () => {
    const ctx = context(
      [
        [1, 5],
        [2, 3],
        [4, 4],
      ],
      { dimensions: ['p', 'q'], dimensionOf: ['p', 'q'] },
    );
    const { weights } = computeWeights(
      { method: 'hierarchical', dimensions: { method: 'equal' }, within: critic() },
      ctx,
    );
    expectClose(weights, [0.5, 0.5], 12);
    expect(ctx.warnings).toEqual([]);
  });

  it('needs at least two alternatives', () => {
    expect(issuesOf(() => computeWeights(critic(), context([[1, 2, 3]])))).toEqual([
      { path: 'weights', message: 'CRITIC weights need at least two alternatives, got 1' },
    ]);
  });
});

describe('CRITIC weights: properties', () => {
  const matrix = fc.record({ m: fc.integer({ min: 2, max: 8 }), n: fc.integer({ min: 1, max: 6 }) }).chain(({ m, n }) =>
    fc.array(fc.array(fc.double({ min: -1000, max: 1000, noNaN: true }), { minLength: n, maxLength: n }), {
      minLength: m,
      maxLength: m,
    }),
  );

  it('are non-negative and sum to 1', () => {
    fc.assert(
      fc.property(
        matrix,
        fc.constantFrom('pearson' as const, 'spearman' as const),
        fc.boolean(),
        (rows, correlation, respect) => {
          const types = rows[0]!.map((_, j): Type => (j % 2 === 0 ? 'benefit' : 'cost'));
          const { weights } = computeWeights(critic(correlation, respect), context(rows, { types }));
          expect(Array.from(weights).every((w) => w >= 0)).toBe(true);
          expect(sumOf(weights)).toBeCloseTo(1, 9);
        },
      ),
    );
  });
});
