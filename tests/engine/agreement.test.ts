import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConcordanceAccumulator, kendallW } from '../../src/engine/agreement.ts';

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
