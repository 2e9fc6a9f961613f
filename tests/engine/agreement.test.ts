import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConcordanceAccumulator, kendallW, ScoreTally } from '../../src/engine/agreement.ts';

describe("Kendall's W, published example", () => {
  it('reproduces irr::kendall(anxiety, correct = TRUE): W 0.54, χ²(19) 30.8', () => {
    // The anxiety ratings of R package irr (20 subjects, 3 raters, scale 1–6, many ties), as shipped in
    // sophiedkk/pyirr pyirr/data/anxiety.csv; expected values from pyirr tests/test_kendall.py, which mirrors
    // irr's kendall(anxiety, TRUE): round(value, 2) == 0.54, round(statistic, 1) == 30.8, 20 subjects, 3 raters.
    const rater1 = [3, 3, 3, 4, 5, 5, 2, 3, 5, 2, 2, 6, 1, 5, 2, 2, 1, 2, 4, 3];
    const rater2 = [3, 6, 4, 6, 2, 4, 2, 4, 3, 3, 2, 3, 3, 3, 2, 2, 1, 3, 3, 4];
    const rater3 = [2, 1, 4, 4, 3, 2, 1, 6, 1, 1, 1, 2, 3, 3, 1, 1, 3, 3, 2, 2];
    const out = kendallW([rater1, rater2, rater3]);
    expect(out.raters).toBe(3);
    expect(out.df).toBe(19);
    expect(Number(out.W!.toFixed(2))).toBe(0.54);
    expect(Number(out.chiSquare!.toFixed(1))).toBe(30.8);
  });
});

describe("Kendall's W", () => {
  it('is 1 for identical rankings and 0 for two opposite ones', () => {
    expect(
      kendallW([
        [1, 2, 3, 4],
        [10, 20, 30, 40],
        [0.1, 0.2, 0.3, 0.4],
      ]).W,
    ).toBe(1);
    expect(
      kendallW([
        [1, 2, 3, 4],
        [4, 3, 2, 1],
      ]).W,
    ).toBe(0);
  });

  it('applies the tie correction', () => {
    // Two raters, the same ranking with a tie: ranks 1, 2.5, 2.5, 4 each, rank sums R = 2, 5, 5, 8 around
    // k(m + 1)/2 = 5, so S = 18. Uncorrected W = 12·18 / (2²·(4³ − 4)) = 0.9; with T = 2³ − 2 = 6 per rater the
    // denominator is 240 − 2·12 = 216 and W = 1, as it should be for raters who agree completely.
    const out = kendallW([
      [1, 2, 2, 3],
      [5, 7, 7, 9],
    ]);
    expect(out.W).toBe(1);
    expect(out.chiSquare).toBe(2 * 3 * 1);
  });

  it('is undefined with one rater or when every rater tied every item', () => {
    expect(kendallW([[1, 2, 3]])).toEqual({ W: null, chiSquare: null, df: 2, raters: 1 });
    expect(
      kendallW([
        [5, 5, 5],
        [2, 2, 2],
      ]).W,
    ).toBeNull();
    expect(kendallW([[1], [2]]).W).toBeNull();
    expect(kendallW([])).toEqual({ W: null, chiSquare: null, df: 0, raters: 0 });
  });

  it('is defined from two items on', () => {
    // Two raters agreeing on two items: ranks 1, 2 each, R = 2, 4 around k(m + 1)/2 = 3, S = 2, W = 12·2 / (4·6) = 1.
    expect(
      kendallW([
        [1, 2],
        [3, 4],
      ]),
    ).toEqual({ W: 1, chiSquare: 2, df: 1, raters: 2 });
  });

  it('can be reused after reset', () => {
    const acc = new ConcordanceAccumulator(3);
    acc.add([1, 2, 3]);
    acc.add([3, 2, 1]);
    acc.reset();
    acc.add([1, 2, 3]);
    acc.add([2, 4, 6]);
    expect(acc.result().W).toBe(1);
  });

  it('ranks scores on a coarse scale (counted) exactly as arbitrary scores (sorted) (property)', () => {
    const scores = (m: number) => fc.array(fc.integer({ min: -3, max: 12 }), { minLength: m, maxLength: m });
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 30 }).chain((m) => fc.array(scores(m), { minLength: 2, maxLength: 6 })),
        fc.constantFrom(1, 0.5, 0.1, 0.01),
        (raters, unit) => {
          const counted = kendallW(raters.map((r) => r.map((x) => x * unit)));
          // π/7 is on no decimal scale, so these go through the sorting path.
          const sorted = kendallW(raters.map((r) => r.map((x) => (x * Math.PI) / 7 + 1e-3)));
          expect(counted.raters).toBe(sorted.raters);
          if (counted.W === null) expect(sorted.W).toBeNull();
          else expect(sorted.W).toBeCloseTo(counted.W, 12);
        },
      ),
    );
  });

  it('lies in [0, 1], is 1 for identical rankings and ignores the direction of the scale (property)', () => {
    const scores = (m: number) => fc.array(fc.integer({ min: 1, max: 5 }), { minLength: m, maxLength: m });
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 12 }).chain((m) => fc.array(scores(m), { minLength: 2, maxLength: 8 })),
        (raters) => {
          const out = kendallW(raters);
          if (out.W !== null) {
            expect(out.W).toBeGreaterThanOrEqual(0);
            expect(out.W).toBeLessThanOrEqual(1);
            expect(kendallW(raters.map((r) => r.map((x) => -x))).W).toBeCloseTo(out.W, 12);
          }
          const same = kendallW(raters.map(() => raters[0]!));
          if (same.W !== null) expect(same.W).toBeCloseTo(1, 12);
        },
      ),
    );
  });
});

/** W (docs/engine.md §9) straight from its definition: ranks by counting smaller and equal scores, ties per value. */
function naiveW(raters: number[][]): number | null {
  const k = raters.length;
  const m = raters[0]!.length;
  const rankSums = new Array<number>(m).fill(0);
  let ties = 0;
  for (const r of raters) {
    r.forEach((x, i) => {
      rankSums[i]! += r.filter((y) => y < x).length + (r.filter((y) => y === x).length + 1) / 2;
    });
    for (const x of new Set(r)) {
      const t = r.filter((y) => y === x).length;
      ties += t ** 3 - t;
    }
  }
  const denominator = k * k * (m ** 3 - m) - k * ties;
  if (k < 2 || m < 2 || denominator <= 0) return null;
  const s = rankSums.reduce((acc, R) => acc + (R - (k * (m + 1)) / 2) ** 2, 0);
  return (12 * s) / denominator;
}

describe("Kendall's W against its definition", () => {
  it('matches the definition on coarse, wide and arbitrary scales (property)', () => {
    // Coarse scores are ranked by counting; scores spread wider than the counting range (4m + 256 keys) or on no
    // decimal scale are sorted, so every rater of a panel may take either path.
    const score = fc.oneof(
      fc.integer({ min: 1, max: 9 }),
      fc.integer({ min: 0, max: 20 }).map((x) => x / 4),
      fc.integer({ min: 0, max: 3 }).map((x) => x * 100_000),
      fc.double({ min: -1e6, max: 1e6, noNaN: true }),
    );
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 12 })
          .chain((m) => fc.array(fc.array(score, { minLength: m, maxLength: m }), { minLength: 1, maxLength: 6 })),
        (raters) => {
          const expected = naiveW(raters);
          const out = kendallW(raters);
          if (expected === null) expect(out.W).toBeNull();
          else expect(out.W).toBeCloseTo(Math.min(1, Math.max(0, expected)), 12);
        },
      ),
    );
  });
});

describe('score tally (the counting path)', () => {
  it('keys scores on the coarsest unit that holds them exactly and counts each key', () => {
    const tally = new ScoreTally();
    expect(tally.tally([3, 1, 3, 5], 4, 100)).toBe(true);
    expect([tally.scale, tally.lo, tally.span]).toEqual([1, 1, 4]);
    expect(Array.from(tally.counts.subarray(0, 5))).toEqual([1, 0, 2, 0, 1]);
    // Halves are on the scale of 1/2 (keys 2x), tenths of 1/10, hundredths of 1/100.
    expect(tally.tally([1.5, 0.5, 2], 3, 100)).toBe(true);
    expect([tally.scale, tally.lo, tally.span]).toEqual([2, 1, 3]);
    expect(tally.tally([0.25, 0.75], 2, 100)).toBe(true);
    expect(tally.scale).toBe(4);
    expect(tally.tally([0.3, 0.1], 2, 100)).toBe(true);
    expect([tally.scale, tally.lo, tally.span]).toEqual([10, 1, 2]);
    expect(tally.tally([0.07, 0.01], 2, 100)).toBe(true);
    expect(tally.scale).toBe(100);
  });

  it('counts only the first k values', () => {
    const tally = new ScoreTally();
    expect(tally.tally([2, 4, 0.123, 1000], 2, 10)).toBe(true);
    expect([tally.scale, tally.lo, tally.span]).toEqual([1, 2, 2]);
    expect(Array.from(tally.counts.subarray(0, 3))).toEqual([1, 0, 1]);
  });

  it('takes a span of exactly maxSpan and refuses a wider one or a score on no scale', () => {
    const tally = new ScoreTally();
    expect(tally.tally([0, 10], 2, 10)).toBe(true);
    expect(tally.span).toBe(10);
    expect(tally.tally([0, 11], 2, 10)).toBe(false);
    expect(tally.tally([1, Math.PI], 2, 100)).toBe(false);
    expect(tally.tally([1, 0.001], 2, 100_000)).toBe(false);
  });
});
