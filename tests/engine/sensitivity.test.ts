import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sensitivitySchema } from '../../src/engine/problem.ts';
import { ONE_WAY_STEP, ONE_WAY_TOLERANCE, sensitivity } from '../../src/engine/sensitivity.ts';
import { issuesOf } from './fixtures/issues.ts';

const spec = (over: object = {}) => sensitivitySchema.parse(over);

/** Weighted sum of already normalized values: s_i = Σ_j w_j r_ij. */
const weightedSum = (r: readonly (readonly number[])[]) => (w: Float64Array) =>
  Float64Array.from(r, (row) => row.reduce((s, x, j) => s + w[j]! * x, 0));
const names = (prefix: string, count: number) => Array.from({ length: count }, (_, k) => `${prefix}${k}`);

function run(r: number[][], weights: number[], over: object = {}, onProgress?: (done: number, total: number) => void) {
  return sensitivity(spec(over), weights, 'higher', weightedSum(r), names('c', weights.length), names('a', r.length), {
    onProgress,
  });
}

describe('one-way weight stability', () => {
  it('finds the interval of a weighted sum analytically known', () => {
    // A = (1, 0, 0.5), B = (0, 1, 0.5), w = (0.5, 0.3, 0.2).
    // w1 → t, the others × (1 − t)/0.5: s_A = 0.2 + 0.8 t, s_B = 0.8 (1 − t), so A is first exactly for t > 0.375.
    // w2 → t, the others × (1 − t)/0.7: s_A = 0.6 (1 − t)/0.7, s_B = t + 0.1 (1 − t)/0.7, so A is first for t < 5/12.
    const out = run(
      [
        [1, 0, 0.5],
        [0, 1, 0.5],
      ],
      [0.5, 0.3, 0.2],
      { samples: 1 },
    );
    const [w1, w2, w3] = out.oneWay!;
    expect(w1!.criterion).toBe('c0');
    expect(w1!.weight).toBe(0.5);
    expect(w1!.lower).toBeCloseTo(0.375, 5);
    expect(w1!.lower).toBeGreaterThan(0.375);
    expect(w1!.lower - 0.375).toBeLessThanOrEqual(ONE_WAY_TOLERANCE);
    expect(w1!.upper).toBe(1);
    expect(w2!.lower).toBe(0);
    expect(w2!.upper).toBeCloseTo(5 / 12, 5);
    expect(w2!.upper).toBeLessThan(5 / 12);
    // c2 gives both 0.5: it cannot change the order, whatever its weight below 1; at 1 both tie.
    expect(w3!.lower).toBe(0);
    expect(w3!.upper).toBeGreaterThan(1 - 2 * ONE_WAY_TOLERANCE);
    expect(w3!.upper).toBeLessThan(1);
  });

  it('scans in steps of 0.01 to the first change, then bisects that step to the tolerance', () => {
    // The problem of the previous test; the weights each score call sees are recorded. For c0 (w = 0.5, first
    // place changes at 0.375): the base, 0.49 … 0.37 downwards (0.37 fails), 14 halvings of (0.37, 0.38) down to
    // 1e-6 (0.01 / 2^14 < 1e-6 < 0.01 / 2^13), then 0.51 … 1 upwards, where the first place never changes.
    const seen: number[][] = [];
    const score = weightedSum([
      [1, 0, 0.5],
      [0, 1, 0.5],
    ]);
    const record = (w: Float64Array) => {
      seen.push(Array.from(w));
      return score(w);
    };
    sensitivity(spec({ samples: 1 }), [0.5, 0.3, 0.2], 'higher', record, names('c', 3), names('a', 2));
    expect(ONE_WAY_STEP).toBe(0.01);
    // After the base ranking and the one Monte Carlo sample: c0's calls, the others rescaled in proportion.
    const c0 = seen.slice(2, 2 + 1 + 13 + 14 + 50);
    for (const [t, w1, w2] of c0) {
      expect(t! + w1! + w2!).toBeCloseTo(1, 12);
      if (t! < 1) expect(w1! / w2!).toBeCloseTo(0.3 / 0.2, 12);
    }
    const t = c0.map((w) => w[0]!);
    expect(t[0]).toBe(0.5);
    const down = Array.from({ length: 13 }, (_, k) => 0.49 - k / 100);
    t.slice(1, 14).forEach((x, k) => expect(x, `step down ${k}`).toBeCloseTo(down[k]!, 12));
    const bisection = t.slice(14, 28);
    for (const x of bisection) {
      expect(x).toBeGreaterThan(0.37);
      expect(x).toBeLessThan(0.38);
    }
    expect(Math.abs(bisection.at(-1)! - 0.375)).toBeLessThan(2 * ONE_WAY_TOLERANCE);
    const up = Array.from({ length: 50 }, (_, k) => 0.51 + k / 100);
    t.slice(28).forEach((x, k) => expect(x, `step up ${k}`).toBeCloseTo(up[k]!, 12));
    // The next call is c1's base weight: c0's scan ended at 1.
    expect(seen[2 + 78]![1]).toBe(0.3);
  });

  it('finds the same intervals when lower scores are better, and follows the first place, not the last', () => {
    // Three alternatives, so the first and the last place change at different weights.
    const r = [
      [1, 0, 0.5],
      [0, 1, 0.5],
      [0.45, 0.45, 0],
    ];
    const w = [0.5, 0.3, 0.2];
    const higher = run(r, w, { samples: 1 }).oneWay!;
    const negated = (x: Float64Array) => Float64Array.from(weightedSum(r)(x), (v) => -v);
    const lower = sensitivity(spec({ samples: 1 }), w, 'lower', negated, names('c', 3), names('a', 3)).oneWay!;
    expect(lower).toEqual(higher);
    // c0: A leads B for t > 0.375 and C (0.45 + 0.05 t, with the others × (1 − t)/0.5) for t > 0.3235.
    expect(higher[0]!.lower).toBeCloseTo(0.375, 5);
  });

  it('counts a first place shared by more or fewer alternatives as a change', () => {
    // A leads alone while w0 > 0.5 and ties with B below: the first place is {A} or {A, B}.
    const score = (x: Float64Array) => (x[0]! > 0.5 ? [1, 0] : [1, 1]);
    const interval = (w0: number) =>
      sensitivity(spec({ samples: 1 }), [w0, 1 - w0], 'higher', score, names('c', 2), names('a', 2)).oneWay![0]!;
    expect(interval(0.6).lower).toBeCloseTo(0.5, 5);
    expect(interval(0.6).upper).toBe(1);
    expect(interval(0.4).lower).toBe(0);
    expect(interval(0.4).upper).toBeCloseTo(0.5, 5);
  });

  it('shares 1 − t equally among the others when the moved weight was 1', () => {
    const seen: number[][] = [];
    const score = (x: Float64Array) => {
      seen.push(Array.from(x));
      return [x[0]!, x[1]! + x[2]!];
    };
    sensitivity(spec({ samples: 1 }), [1, 0, 0], 'higher', score, names('c', 3), names('a', 2));
    // After the base ranking and the sample: c0's scan from 1 down, the others (1 − t)/2 each.
    for (const [t, a, b] of seen.slice(2, 20)) {
      expect(a).toBeCloseTo((1 - t!) / 2, 12);
      expect(b).toBeCloseTo((1 - t!) / 2, 12);
    }
  });

  it('refuses weights of the wrong length', () => {
    expect(
      issuesOf(() => sensitivity(spec(), [0.5, 0.5], 'higher', () => [0, 1], names('c', 3), names('a', 2))),
    ).toEqual([{ path: 'weights', message: 'expected 3 weights, one per criterion, got 2' }]);
  });

  it('keeps a zero weight at its lower end and a single criterion at [1, 1]', () => {
    const zero = run(
      [
        [1, 0],
        [0, 1],
      ],
      [1, 0],
      { samples: 1 },
    );
    expect(zero.oneWay![1]).toMatchObject({ weight: 0, lower: 0 });
    expect(zero.oneWay![1]!.upper).toBeCloseTo(0.5, 5);
    // w1 = 1: the other criterion takes 1 − t; A leads while t > 0.5.
    expect(zero.oneWay![0]!.lower).toBeCloseTo(0.5, 5);
    expect(run([[1], [0]], [1], { samples: 1 }).oneWay).toEqual([{ criterion: 'c0', weight: 1, lower: 1, upper: 1 }]);
  });

  it('is left out when oneWay is false', () => {
    expect(
      run(
        [
          [1, 0],
          [0, 1],
        ],
        [0.5, 0.5],
        { samples: 3, oneWay: false },
      ).oneWay,
    ).toBeUndefined();
  });
});

describe('Monte Carlo', () => {
  it('is stable when the concentration pins the weights and the lead is clear', () => {
    const out = run(
      [
        [0.9, 0.8],
        [0.5, 0.4],
        [0.1, 0.2],
      ],
      [0.5, 0.5],
      { samples: 200, concentration: 1e9 },
    );
    expect(out.topStability).toBe(1);
    expect(out.rankingStability).toBe(1);
    expect(out.expectedRank).toEqual([1, 2, 3]);
    expect(out.rankAcceptability).toEqual([
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ]);
  });

  it('splits a symmetric problem evenly', () => {
    // A is best on c0, B on c1, equal weights: by symmetry of Dirichlet(α, α) each is first half the time.
    const out = run(
      [
        [1, 0],
        [0, 1],
      ],
      [0.5, 0.5],
      { samples: 20_000, concentration: 4, seed: 9, oneWay: false },
    );
    const se = Math.sqrt(0.25 / 20_000);
    expect(Math.abs(out.rankAcceptability[0]![0]! - 0.5)).toBeLessThan(5 * se);
    expect(Math.abs(out.expectedRank[0]! - 1.5)).toBeLessThan(5 * se);
    // At the current weights A and B tie for first; a sample almost never ties, so never has that first place.
    expect(out.topStability).toBe(0);
  });

  it('draws weights from Dirichlet(concentration · w): mean w_j, variance w_j (1 − w_j) / (concentration + 1)', () => {
    const w = [0.5, 0.3, 0.2];
    const N = 20_000;
    for (const concentration of [4, 200]) {
      const draws: number[][] = [];
      const score = (x: Float64Array) => {
        draws.push(Array.from(x));
        return [x[0]!, x[1]!];
      };
      sensitivity(spec({ samples: N, concentration, seed: 3, oneWay: false }), w, 'higher', score, names('c', 3), [
        'a0',
        'a1',
      ]);
      const samples = draws.slice(1);
      expect(samples).toHaveLength(N);
      w.forEach((wj, j) => {
        const xs = samples.map((x) => x[j]!);
        const mean = xs.reduce((a, b) => a + b, 0) / N;
        const variance = xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (N - 1);
        const expected = (wj * (1 - wj)) / (concentration + 1);
        expect(Math.abs(mean - wj), `mean of w${j}`).toBeLessThan(5 * Math.sqrt(expected / N));
        expect(variance / expected, `variance of w${j}`).toBeGreaterThan(0.95);
        expect(variance / expected, `variance of w${j}`).toBeLessThan(1.05);
      });
    }
  });

  it('gives rank acceptabilities that follow the concentration', () => {
    // A is best on c0, B on c1, w = (0.6, 0.4): A is first exactly when the sampled w0 > 0.5, and w0 ~ Beta(0.6 c,
    // 0.4 c). P(Beta(a, b) > 1/2) = P(Binomial(a + b − 1, 1/2) ≤ a − 1): 11/16 = 0.6875 for c = 5 (a = 3, b = 2),
    // 0.9238 for c = 50 (a = 30, b = 20). A higher concentration narrows the weights around w.
    const N = 20_000;
    const se = Math.sqrt(0.25 / N);
    const firstOfA = (concentration: number) =>
      run(
        [
          [1, 0],
          [0, 1],
        ],
        [0.6, 0.4],
        { samples: N, concentration, seed: 4, oneWay: false },
      );
    const loose = firstOfA(5);
    expect(loose.concentration).toBe(5);
    expect(Math.abs(loose.rankAcceptability[0]![0]! - 0.6875)).toBeLessThan(5 * se);
    expect(Math.abs(loose.topStability - 0.6875)).toBeLessThan(5 * se);
    const tight = firstOfA(50);
    expect(Math.abs(tight.rankAcceptability[0]![0]! - 0.9238)).toBeLessThan(5 * se);
    expect(tight.expectedRank[1]!).toBeCloseTo(1 + tight.rankAcceptability[1]![1]!, 12);
  });

  it('counts the first place as kept when only lower places change', () => {
    // A leads whatever the weights; B and C swap at w0 = 0.5, so rankings change while the first place stays.
    const out = run(
      [
        [2, 2],
        [1, 0],
        [0, 1],
      ],
      [0.6, 0.4],
      { samples: 20_000, concentration: 5, seed: 4, oneWay: false },
    );
    expect(out.topStability).toBe(1);
    const se = Math.sqrt(0.25 / 20_000);
    expect(Math.abs(out.rankingStability - 0.6875)).toBeLessThan(5 * se);
  });

  it('counts a sample whose first place gains a tie as a change of first place', () => {
    // The score closure ties B with A whenever w0 < 0.5 (P = 1 − 0.6875 for Dirichlet(3, 2)); A keeps rank 1.
    const score = (x: Float64Array) => (x[0]! > 0.5 ? [1, 0] : [1, 1]);
    const out = sensitivity(
      spec({ samples: 20_000, concentration: 5, seed: 4, oneWay: false }),
      [0.6, 0.4],
      'higher',
      score,
      names('c', 2),
      names('a', 2),
    );
    expect(Math.abs(out.topStability - 0.6875)).toBeLessThan(5 * Math.sqrt(0.25 / 20_000));
  });

  it('covers only the first 10 ranks beyond 100 alternatives (docs/engine.md §8)', () => {
    // One criterion keeps its weight 1 in every sample, so alternative i always ranks i + 1.
    const r = Array.from({ length: 101 }, (_, i) => [1 - i / 200]);
    const out = run(r, [1], { samples: 5, oneWay: false });
    expect(out.acceptabilityPositions).toBe(10);
    expect(out.rankAcceptability).toEqual(
      Array.from({ length: 101 }, (_, i) => Array.from({ length: 10 }, (_, k) => (k === i ? 1 : 0))),
    );
    expect(out.expectedRank).toEqual(Array.from({ length: 101 }, (_, i) => i + 1));
  });

  it('fills every rank once per sample when alternatives do not tie', () => {
    const r = [
      [0.2, 0.9, 0.4],
      [0.7, 0.1, 0.5],
      [0.4, 0.5, 0.8],
      [0.9, 0.3, 0.2],
    ];
    const out = run(r, [0.3, 0.3, 0.4], { samples: 2000, concentration: 20, oneWay: false });
    for (let k = 0; k < 4; k++) expect(out.rankAcceptability.reduce((sum, row) => sum + row[k]!, 0)).toBeCloseTo(1, 12);
    expect(out.expectedRank.reduce((a, b) => a + b, 0)).toBeCloseTo(1 + 2 + 3 + 4, 12);
  });

  it('counts shared first places as the same first place only when the set is the same', () => {
    // A and B always tie; C is last: every sample reproduces ranks 1, 1, 3.
    const out = run(
      [
        [0.5, 0.5],
        [0.5, 0.5],
        [0, 0],
      ],
      [0.5, 0.5],
      { samples: 50, oneWay: false },
    );
    expect(out.topStability).toBe(1);
    expect(out.rankingStability).toBe(1);
    expect(out.rankAcceptability[0]).toEqual([1, 0, 0]);
    expect(out.rankAcceptability[2]).toEqual([0, 0, 1]);
  });

  it('reports progress at most about 100 times, ending at the total', () => {
    const calls: [number, number][] = [];
    run(
      [
        [1, 0, 0.3],
        [0, 1, 0.6],
      ],
      [0.3, 0.3, 0.4],
      { samples: 1000 },
      (done, total) => calls.push([done, total]),
    );
    expect(calls.length).toBeLessThanOrEqual(101);
    expect(calls.length).toBeGreaterThanOrEqual(50);
    expect(calls.at(-1)).toEqual([1003, 1003]);
    const samplesOnly: [number, number][] = [];
    run(
      [
        [1, 0],
        [0, 1],
      ],
      [0.5, 0.5],
      { samples: 200, oneWay: false },
      (done, total) => samplesOnly.push([done, total]),
    );
    expect(samplesOnly.slice(0, 2)).toEqual([
      [2, 200],
      [4, 200],
    ]);
    expect(samplesOnly.at(-1)).toEqual([200, 200]);
    calls.forEach(([done], k) => k > 0 && expect(done).toBeGreaterThan(calls[k - 1]![0]));
  });

  const problems = fc.integer({ min: 2, max: 6 }).chain((n) =>
    fc.record({
      r: fc.array(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n }), {
        minLength: 2,
        maxLength: 6,
      }),
      raw: fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: n, maxLength: n }),
      seed: fc.integer(),
      concentration: fc.double({ min: 0.5, max: 500, noNaN: true }),
    }),
  );
  const normalized = (raw: number[]) => raw.map((x) => x / raw.reduce((a, b) => a + b, 0));

  it('gives the same answer for the same seed (property)', () => {
    fc.assert(
      fc.property(problems, ({ r, raw, seed, concentration }) => {
        const options = { samples: 30, seed, concentration };
        expect(run(r, normalized(raw), options)).toEqual(run(r, normalized(raw), options));
      }),
      { numRuns: 40 },
    );
  });

  it('has rank acceptability rows summing to 1 and columns as competition ranks allow (property)', () => {
    fc.assert(
      fc.property(problems, ({ r, raw, seed, concentration }) => {
        const m = r.length;
        const out = run(r, normalized(raw), { samples: 40, seed, concentration, oneWay: false });
        out.rankAcceptability.forEach((row, i) => {
          expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
          expect(row.reduce((s, p, k) => s + p * (k + 1), 0)).toBeCloseTo(out.expectedRank[i]!, 12);
        });
        // With shared ranks (1, 2, 2, 4) at least k alternatives rank k or better in every sample; without
        // ties exactly k, so the columns sum to 1 (previous test).
        let cumulative = 0;
        for (let k = 0; k < m; k++) {
          cumulative += out.rankAcceptability.reduce((s, row) => s + row[k]!, 0);
          expect(cumulative).toBeGreaterThanOrEqual(k + 1 - 1e-12);
        }
        expect(cumulative).toBeCloseTo(m, 12);
        expect(out.topStability).toBeGreaterThanOrEqual(out.rankingStability);
      }),
      { numRuns: 40 },
    );
  });

  it('keeps one-way intervals inside [0, 1] around the current weight (property)', () => {
    fc.assert(
      fc.property(problems, ({ r, raw }) => {
        const w = normalized(raw);
        const out = run(r, w, { samples: 1 });
        out.oneWay!.forEach((interval, j) => {
          expect(interval.lower).toBeGreaterThanOrEqual(0);
          expect(interval.upper).toBeLessThanOrEqual(1);
          expect(interval.lower).toBeLessThanOrEqual(w[j]!);
          expect(interval.upper).toBeGreaterThanOrEqual(w[j]!);
        });
      }),
      { numRuns: 30 },
    );
  });
});
