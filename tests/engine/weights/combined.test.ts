import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { WeightSpec } from '../../../src/engine/problem.ts';
import { computeWeights, weightSpecSchema } from '../../../src/engine/weights/index.ts';
import { issuesOf } from '../fixtures/issues.ts';
import { context, expectClose, sumOf } from './context.ts';

const direct = (values: number[]): WeightSpec => ({ method: 'direct', values });
const combined = (parts: WeightSpec[], mix: 'linear' | 'multiplicative', alpha?: number[]): WeightSpec => ({
  method: 'combined',
  parts,
  mix,
  ...(alpha ? { alpha } : {}),
});
const data = [
  [1, 2, 3, 4],
  [2, 3, 1, 5],
  [4, 1, 2, 3],
];

describe('combined weights: published example', () => {
  // Zavadskas, E. K. & Podvezko, V. (2016). Integrated determination of objective criteria weights in MCDM.
  // IJITDM 15(2), 267–283: IDOCRIW weights are the renormalized product of the entropy weights
  // (0.1146, 0.1981, 0.4185, 0.2689) and the CILOS weights (0.3343, 0.2199, 0.1957, 0.2501), giving
  // 0.1658, 0.1886, 0.35455, 0.2911 (energyinpython/objective-weights-for-mcda tests/test_weights.py
  // test_idocriw, checked to 3 decimals). The multiplicative mix with equal shares is the geometric mean,
  // √(q_j W_j) renormalized, so its squares renormalized are the IDOCRIW weights.
  it('reproduces IDOCRIW through the multiplicative mix', () => {
    const spec = combined(
      [direct([0.1146, 0.1981, 0.4185, 0.2689]), direct([0.3343, 0.2199, 0.1957, 0.2501])],
      'multiplicative',
      [1, 1],
    );
    const { weights, info } = computeWeights(spec, context(data));
    const squares = Array.from(weights, (w) => w * w);
    const total = sumOf(squares);
    expectClose(
      squares.map((s) => s / total),
      [0.1658, 0.1886, 0.35455, 0.2911],
      3,
    );
    expect(info).toMatchObject({ method: 'combined', mix: 'multiplicative', alpha: [0.5, 0.5] });
  });
});

describe('combined weights: the two mixes', () => {
  it('linear: Σ α_k w^(k) with α taken as shares', () => {
    const spec = combined([direct([1, 1, 1, 1]), direct([4, 3, 2, 1])], 'linear', [3, 1]);
    // 0.75 · 0.25 + 0.25 · (0.4, 0.3, 0.2, 0.1)
    const ctx = context(data);
    expectClose(computeWeights(spec, ctx).weights, [0.2875, 0.2625, 0.2375, 0.2125], 12);
    expect(ctx.warnings).toEqual(['weights.alpha sums to 4, not 1: used as shares α_k / Σα = 0.75, 0.25']);
  });

  it('multiplicative: Π (w^(k))^(α_k / Σα) renormalized, saying so in the warnings and in weighting.alpha', () => {
    // α = [3, 1] as shares 0.75, 0.25. Taken literally, Π (w^(k))^α_k would give criterion 1 the weight
    // 0.1³ · 0.4 against 0.4³ · 0.1 for criterion 2 (1 : 16); as shares it is 0.1^0.75 · 0.4^0.25 against
    // 0.4^0.75 · 0.1^0.25 (1 : 2).
    const ctx = context(data);
    const { weights, info } = computeWeights(
      combined([direct([1, 4, 1, 4]), direct([4, 1, 4, 1])], 'multiplicative', [3, 1]),
      ctx,
    );
    const [low, high] = [0.1 ** 0.75 * 0.4 ** 0.25, 0.4 ** 0.75 * 0.1 ** 0.25];
    const total = 2 * (low + high);
    expectClose(weights, [low / total, high / total, low / total, high / total], 12);
    expect(weights[1]! / weights[0]!).toBeCloseTo(2, 12);
    expect(info).toMatchObject({ method: 'combined', mix: 'multiplicative', alpha: [0.75, 0.25] });
    expect(ctx.warnings).toEqual(['weights.alpha sums to 4, not 1: used as shares α_k / Σα = 0.75, 0.25']);
  });

  it('says nothing about α that already sums to 1, or about the default', () => {
    for (const alpha of [[0.3, 0.7], [0.1, 0.2, 0.7], undefined]) {
      const ctx = context(data);
      const parts = (alpha ?? [1, 1]).map((_, k) => direct([1, 2, 3, k + 1]));
      computeWeights(combined(parts, 'multiplicative', alpha), ctx);
      expect(ctx.warnings).toEqual([]);
    }
  });

  it('defaults α to equal shares (for the multiplicative mix: the geometric mean)', () => {
    const spec = combined([direct([1, 4, 1, 4]), direct([4, 1, 4, 1])], 'multiplicative');
    expectClose(computeWeights(spec, context(data)).weights, [0.25, 0.25, 0.25, 0.25], 12);
  });

  it('lists each part with its own weights and info', () => {
    const spec = combined([{ method: 'entropy', normalization: 'none', shift: 0 }, direct([1, 2, 3, 4])], 'linear');
    const { info } = computeWeights(spec, context(data));
    if (info.method !== 'combined') expect.fail('expected combined info');
    expect(info.parts.map((p) => p.method)).toEqual(['entropy', 'direct']);
    expectClose(info.parts[1]!.weights, [0.1, 0.2, 0.3, 0.4], 12);
    expect(info.alpha).toEqual([0.5, 0.5]);
  });

  it('multiplicative: a criterion at zero in one part ends at zero while the others keep their blend', () => {
    // Parts (0, 0.25, 0.25, 0.5) and (0.2, 0.2, 0.2, 0.4): geometric means 0, √0.05, √0.05, √0.2, renormalized.
    const spec = combined([direct([0, 1, 1, 2]), direct([1, 1, 1, 2])], 'multiplicative');
    const means = [0, Math.sqrt(0.05), Math.sqrt(0.05), Math.sqrt(0.2)];
    const total = sumOf(means);
    expectClose(
      computeWeights(spec, context(data)).weights,
      means.map((g) => g / total),
      12,
    );
  });

  it('a part with α = 0 is left out of the multiplicative mix even where it is zero', () => {
    const spec = combined([direct([1, 1, 1, 1]), direct([0, 1, 1, 1])], 'multiplicative', [1, 0]);
    expectClose(computeWeights(spec, context(data)).weights, [0.25, 0.25, 0.25, 0.25], 12);
  });
});

describe('combined weights: errors', () => {
  it('rejects α of the wrong length', () => {
    expect(
      issuesOf(() =>
        computeWeights(combined([direct([1, 1, 1, 1]), direct([1, 2, 3, 4])], 'linear', [1]), context(data)),
      ),
    ).toEqual([{ path: 'weights.alpha', message: 'expected 2 values (one per part), got 1' }]);
  });

  it('rejects a negative or non-finite α at its index', () => {
    const parts = [direct([1, 1, 1, 1]), direct([1, 2, 3, 4])];
    for (const [alpha, path, got] of [
      [[1, -1], 'weights.alpha[1]', '-1'],
      [[Number.NaN, 1], 'weights.alpha[0]', 'NaN'],
      [[1, Number.POSITIVE_INFINITY], 'weights.alpha[1]', 'Infinity'],
    ] as const) {
      expect(issuesOf(() => computeWeights(combined(parts, 'linear', [...alpha]), context(data)))).toEqual([
        { path, message: `expected a finite number ≥ 0, got ${got}` },
      ]);
    }
  });

  it('rejects all-zero α', () => {
    expect(
      issuesOf(() =>
        computeWeights(combined([direct([1, 1, 1, 1]), direct([1, 2, 3, 4])], 'linear', [0, 0]), context(data)),
      ),
    ).toEqual([{ path: 'weights.alpha', message: 'alpha must not be all zero' }]);
  });

  it('reports errors inside a part at the part’s path', () => {
    const issues = issuesOf(() =>
      computeWeights(combined([direct([1, 1, 1, 1]), direct([1, 2])], 'linear'), context(data)),
    );
    expect(issues).toEqual([
      { path: 'weights.parts[1].values', message: 'expected 4 values (one per criterion), got 2' },
    ]);
  });

  it('rejects a multiplicative mix that leaves every criterion at zero', () => {
    const issues = issuesOf(() =>
      computeWeights(combined([direct([1, 1, 0, 0]), direct([0, 0, 1, 1])], 'multiplicative'), context(data)),
    );
    expect(issues[0]!.path).toBe('weights');
    expect(issues[0]!.message).toContain('"mix": "linear"');
  });
});

describe('combined weights: the schema', () => {
  const parse = (spec: unknown) => weightSpecSchema.safeParse(spec);
  const part = { method: 'equal' };

  it('wants at least two parts, and takes more', () => {
    expect(parse({ method: 'combined', parts: [part] }).success).toBe(false);
    expect(parse({ method: 'combined', parts: [part, part, part] }).success).toBe(true);
  });

  it('takes either mix, defaults to linear, and rejects any other', () => {
    expect(parse({ method: 'combined', parts: [part, part] }).data).toMatchObject({ mix: 'linear' });
    for (const mix of ['linear', 'multiplicative']) {
      expect(parse({ method: 'combined', parts: [part, part], mix }).data).toMatchObject({ mix });
    }
    expect(parse({ method: 'combined', parts: [part, part], mix: 'geometric' }).success).toBe(false);
  });
});

describe('combined weights: properties', () => {
  const weightsOf = fc.array(fc.double({ min: 0.01, max: 100, noNaN: true }), { minLength: 4, maxLength: 4 });

  it('combining identical parts gives the part, whatever the mix and α', () => {
    fc.assert(
      fc.property(
        weightsOf,
        fc.integer({ min: 2, max: 4 }),
        fc.constantFrom('linear' as const, 'multiplicative' as const),
        fc.array(fc.double({ min: 0.1, max: 3, noNaN: true }), { minLength: 4, maxLength: 4 }),
        (values, count, mix, alpha) => {
          const part = direct(values);
          const alone = computeWeights(part, context(data)).weights;
          const blended = computeWeights(
            combined(new Array(count).fill(part), mix, alpha.slice(0, count)),
            context(data),
          ).weights;
          expectClose(blended, Array.from(alone), 9);
        },
      ),
    );
  });

  it('are non-negative and sum to 1', () => {
    fc.assert(
      fc.property(weightsOf, weightsOf, fc.constantFrom('linear' as const, 'multiplicative' as const), (a, b, mix) => {
        const { weights } = computeWeights(combined([direct(a), direct(b)], mix), context(data));
        expect(Array.from(weights).every((w) => w >= 0)).toBe(true);
        expect(sumOf(weights)).toBeCloseTo(1, 9);
      }),
    );
  });
});
