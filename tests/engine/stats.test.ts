import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  averageRanks,
  correlationMatrix,
  mean,
  median,
  pearson,
  quantile,
  quantileOfSorted,
  sd,
  shares,
  spearman,
  variance,
  weightedMedian,
} from '../../src/engine/stats.ts';

// Anscombe, F. J. (1973). Graphs in statistical analysis. The American Statistician 27(1), 17–21,
// data set I: mean of x 9, sample variance of x 11, mean of y 7.50, sample variance of y 4.127 (to 3
// decimals), correlation 0.816.
const anscombeX = [10, 8, 13, 9, 11, 14, 6, 4, 12, 7, 5];
const anscombeY = [8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26, 10.84, 4.82, 5.68];

describe('mean, variance, standard deviation, Pearson', () => {
  it('reproduce Anscombe’s quartet, set I', () => {
    expect(mean(anscombeX)).toBe(9);
    expect(variance(anscombeX)).toBeCloseTo(11, 12);
    expect(sd(anscombeX)).toBeCloseTo(Math.sqrt(11), 12);
    expect(mean(anscombeY)).toBeCloseTo(7.5, 2);
    expect(variance(anscombeY)).toBeCloseTo(4.127, 3);
    expect(pearson(anscombeX, anscombeY)).toBeCloseTo(0.816, 3);
  });

  it('population variance divides by n', () => {
    expect(variance(anscombeX, 0)).toBeCloseTo(10, 12);
    expect(Number.isNaN(variance([3]))).toBe(true);
  });

  it('are NaN when n − correction ≤ 0, the empty series included', () => {
    expect(variance([])).toBeNaN();
    expect(variance([], 0)).toBeNaN();
    expect(sd([])).toBeNaN();
  });

  it('Pearson of a constant series is 0', () => {
    expect(pearson([1, 1, 1], [1, 2, 3])).toBe(0);
  });

  it('the correlation matrix agrees with pairwise Pearson, constant series included', () => {
    const series = fc.integer({ min: 2, max: 12 }).chain((m) =>
      fc.array(
        fc.oneof(
          fc.array(
            fc.integer({ min: -10_000, max: 10_000 }).map((v) => v / 100),
            { minLength: m, maxLength: m },
          ),
          fc.constant(new Array<number>(m).fill(3)),
        ),
        {
          minLength: 1,
          maxLength: 5,
        },
      ),
    );
    fc.assert(
      fc.property(series, (xs) => {
        const k = xs.length;
        const r = correlationMatrix(xs);
        for (let a = 0; a < k; a++) {
          expect(r[a * k + a]).toBe(1);
          for (let b = 0; b < k; b++) if (a !== b) expect(r[a * k + b]!).toBeCloseTo(pearson(xs[a]!, xs[b]!), 9);
        }
      }),
    );
  });
});

describe('ranks and Spearman', () => {
  // Wikipedia, "Ranking", fractional ranking ("1 2.5 2.5 4" ranking): tied items share the mean of their ranks.
  it('average the ranks of ties', () => {
    expect(Array.from(averageRanks([1.0, 1.1, 1.1, 1.2]))).toEqual([1, 2.5, 2.5, 4]);
    expect(Array.from(averageRanks([3, 1, 2]))).toEqual([3, 1, 2]);
    // The result is exactly the n ranks, nothing else on the array.
    expect(averageRanks([20, 10, 20])).toEqual(Float64Array.of(2.5, 1, 2.5));
  });

  // Wikipedia, "Spearman's rank correlation coefficient", worked example: IQ against hours of TV per week,
  // Σd² = 194, ρ = −29/165 ≈ −0.175757575.
  it('reproduces the Wikipedia IQ / TV example', () => {
    const iq = [106, 100, 86, 101, 99, 103, 97, 113, 112, 110];
    const tv = [7, 27, 2, 50, 28, 29, 20, 12, 6, 17];
    expect(spearman(iq, tv)).toBeCloseTo(-29 / 165, 9);
  });

  it('Spearman is 1 for any increasing transformation', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: -1000, max: 1000 }), { minLength: 3, maxLength: 30 }), (xs) => {
        expect(
          spearman(
            xs,
            xs.map((x) => x ** 3 + 5),
          ),
        ).toBeCloseTo(1, 12);
      }),
    );
  });
});

describe('quantiles', () => {
  // NumPy documentation, numpy.percentile (default linear method, Hyndman & Fan type 7):
  // a = [[10, 7, 4], [3, 2, 1]]: percentile(a, 50) = 3.5; along axis 0: [6.5, 4.5, 2.5].
  it('reproduce the NumPy percentile examples (linear interpolation)', () => {
    expect(quantile([10, 7, 4, 3, 2, 1], 0.5)).toBe(3.5);
    expect([quantile([10, 3], 0.5), quantile([7, 2], 0.5), quantile([4, 1], 0.5)]).toEqual([6.5, 4.5, 2.5]);
  });

  it('interpolate between order statistics and hit the extremes', () => {
    expect(quantile([1, 2, 3, 4], 0.25)).toBeCloseTo(1.75, 12);
    expect(quantile([5, 1, 3], 0)).toBe(1);
    expect(quantile([5, 1, 3], 1)).toBe(5);
    expect(median([5, 1, 3, 2])).toBe(2.5);
  });

  it('read sorted values from the front of a longer buffer', () => {
    // The first four of a buffer padded with +∞ (as the panel keeps its scores): 1.75 as above, not affected by the
    // padding.
    expect(quantileOfSorted([1, 2, 3, 4, Infinity, Infinity], 0.25, 4)).toBeCloseTo(1.75, 12);
    expect(quantileOfSorted([1, 2, 3, 4, Infinity, Infinity], 1, 4)).toBe(4);
    expect(quantileOfSorted([], 0.5)).toBeNaN();
  });
});

describe('weighted median', () => {
  // Wikipedia, "Weighted median", example: values 1…5 with weights 0.15, 0.1, 0.2, 0.3, 0.25 → 4.
  it('reproduces the Wikipedia example', () => {
    expect(weightedMedian([1, 2, 3, 4, 5], [0.15, 0.1, 0.2, 0.3, 0.25])).toBe(4);
  });

  it('equals the ordinary median under equal weights', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -100, max: 100 }), { minLength: 1, maxLength: 25 }), (xs) => {
        expect(
          weightedMedian(
            xs,
            xs.map(() => 1),
          ),
        ).toBeCloseTo(median(xs), 12);
      }),
    );
  });

  it('is NaN for no values and the value itself for a single one, whatever its weight', () => {
    expect(weightedMedian([], [])).toBeNaN();
    expect(weightedMedian([7], [2])).toBe(7);
    // A total weight of 0: the first value's cumulative weight, 0, already reaches half of it.
    expect(weightedMedian([7], [0])).toBe(7);
  });
});

describe('shares', () => {
  it('divide by the sum, also when the sum overflows double precision', () => {
    expect(Array.from(shares([1, 3]))).toEqual([0.25, 0.75]);
    // 1e308 + 1e308 is Infinity: divided by it, every share would be 0.
    expect(Array.from(shares([1e308, 1e308, 0]))).toEqual([0.5, 0.5, 0]);
    expect(Array.from(shares([1.5e308, 0.5e308]))).toEqual([0.75, 0.25]);
  });

  it('are exactly x / Σx when the sum is finite (property)', () => {
    // Dividing by the largest first would round differently: 3/15 is 0.2, but (3/7) / (3/7 + 5/7 + 1) is
    // 0.19999999999999998.
    expect(Array.from(shares([3, 5, 7]))).toEqual([3 / 15, 5 / 15, 7 / 15]);
    fc.assert(
      fc.property(fc.array(fc.double({ min: 1e-3, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 20 }), (xs) => {
        const total = xs.reduce((a, b) => a + b, 0);
        expect(Array.from(shares(xs))).toEqual(xs.map((x) => x / total));
      }),
    );
  });
});
