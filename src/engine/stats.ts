/**
 * Descriptive statistics shared across the engine (weights, panel agreement, method comparison).
 * All take array-likes so Float64Array columns and plain arrays work alike; none allocate per element.
 */
type Values = ArrayLike<number>;

export const sum = (xs: Values): number => {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i]!;
  return s;
};

export const mean = (xs: Values): number => sum(xs) / xs.length;

/**
 * x / Σx of non-negative values with Σx > 0 (the caller checks): shares that sum to 1. Values near the top of
 * double precision (two of 1e308) would sum to infinity and make every share 0, so then they are first divided
 * by the largest; proportions are all that weights, influences and contributions mean.
 */
export const shares = (xs: Values): Float64Array => {
  const out = Float64Array.from(xs);
  let total = sum(out);
  if (total === Infinity) {
    let max = 0;
    for (let i = 0; i < out.length; i++) if (out[i]! > max) max = out[i]!;
    for (let i = 0; i < out.length; i++) out[i] = out[i]! / max;
    total = sum(out);
  }
  for (let i = 0; i < out.length; i++) out[i] = out[i]! / total;
  return out;
};

/**
 * Variance with divisor n − `correction`: 1 (default) is the sample variance, as R's `var` and
 * spreadsheet `VAR.S`; 0 the population variance. NaN when n − correction ≤ 0.
 */
export const variance = (xs: Values, correction: 0 | 1 = 1): number => {
  const n = xs.length;
  if (n - correction <= 0) return NaN;
  const m = mean(xs);
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (xs[i]! - m) ** 2;
  return ss / (n - correction);
};

/** Standard deviation; `correction` as in {@link variance} (sample by default). */
export const sd = (xs: Values, correction: 0 | 1 = 1): number => Math.sqrt(variance(xs, correction));

/**
 * Pearson's r. A constant series has no defined correlation; it is reported as 0 (uncorrelated with
 * everything), which is the convention CRITIC needs (docs/engine.md §4) and harmless elsewhere.
 */
export const pearson = (xs: Values, ys: Values): number => {
  const n = xs.length;
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i]! - mx;
    const dy = ys[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return 0;
  const r = sxy / Math.sqrt(sxx * syy);
  return Math.min(1, Math.max(-1, r));
};

/**
 * All pairwise Pearson correlations of the given series (equal lengths), row-major k × k, with the same
 * conventions as {@link pearson}: a constant series correlates 0 with every other (1 with itself). Each
 * series is centred and scaled once, so a pair costs one dot product instead of three passes.
 */
export const correlationMatrix = (series: readonly Values[]): Float64Array => {
  const k = series.length;
  const units = series.map((xs) => {
    const m = mean(xs);
    // A plain loop: Float64Array.from with a mapping function is an order of magnitude slower in V8.
    const u = new Float64Array(xs.length);
    let ss = 0;
    for (let i = 0; i < u.length; i++) {
      u[i] = xs[i]! - m;
      ss += u[i]! * u[i]!;
    }
    const norm = Math.sqrt(ss);
    for (let i = 0; i < u.length; i++) u[i] = norm === 0 ? 0 : u[i]! / norm;
    return u;
  });
  const out = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    out[a * k + a] = 1;
    const ua = units[a]!;
    for (let b = a + 1; b < k; b++) {
      const ub = units[b]!;
      let dot = 0;
      for (let i = 0; i < ua.length; i++) dot += ua[i]! * ub[i]!;
      const r = Math.min(1, Math.max(-1, dot));
      out[a * k + b] = r;
      out[b * k + a] = r;
    }
  }
  return out;
};

/**
 * Ranks in ascending order (smallest value gets rank 1); tied values share the mean of the ranks they
 * span, e.g. [10, 20, 20, 30] → [1, 2.5, 2.5, 4]. This is the tie handling Spearman's ρ and Kendall's W
 * assume.
 */
export const averageRanks = (xs: Values): Float64Array => {
  const n = xs.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => xs[a]! - xs[b]!);
  const ranks = new Float64Array(n);
  let start = 0;
  while (start < n) {
    let end = start;
    while (end + 1 < n && xs[order[end + 1]!] === xs[order[start]!]) end++;
    const rank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) ranks[order[k]!] = rank;
    start = end + 1;
  }
  return ranks;
};

/** Spearman's ρ: Pearson's r of the average ranks (the tie-corrected form). */
export const spearman = (xs: Values, ys: Values): number => pearson(averageRanks(xs), averageRanks(ys));

/**
 * The p-quantile by linear interpolation between order statistics (Hyndman & Fan type 7, the default
 * of R's `quantile` and NumPy's `percentile`): h = (n − 1)p, x₍⌊h⌋₎ + (h − ⌊h⌋)(x₍⌊h⌋+1₎ − x₍⌊h⌋₎).
 */
export const quantile = (xs: Values, p: number): number => quantileOfSorted(new Float64Array(xs).sort(), p);

/**
 * {@link quantile} of values already in ascending order, the first `n` of them (all by default), for callers
 * that sort once and ask for several quantiles, or keep the values in a longer buffer.
 */
export const quantileOfSorted = (sorted: Values, p: number, n = sorted.length): number => {
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
};

export const median = (xs: Values): number => quantile(xs, 0.5);

/**
 * Weighted median: the smallest value whose cumulative weight reaches half the total. When the
 * cumulative weight lands exactly on one half, the two values on either side are averaged, so equal
 * weights reproduce the ordinary median (average of the two middle values for an even count).
 */
export const weightedMedian = (xs: Values, weights: Values): number => {
  const n = xs.length;
  if (n === 0) return NaN;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => xs[a]! - xs[b]!);
  const half = sum(weights) / 2;
  const eps = half * 1e-12;
  let acc = 0;
  for (let k = 0; k < n; k++) {
    acc += weights[order[k]!]!;
    if (Math.abs(acc - half) <= eps && k + 1 < n) return (xs[order[k]!]! + xs[order[k + 1]!]!) / 2;
    if (acc > half) return xs[order[k]!]!;
  }
  return xs[order[n - 1]!]!;
};
