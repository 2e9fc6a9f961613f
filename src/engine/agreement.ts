/**
 * Kendall's coefficient of concordance W with the correction for tied ranks (Kendall & Babington Smith 1939;
 * the form of R's irr::kendall(ratings, correct = TRUE)):
 *
 *   W = 12 S / (k² (m³ − m) − k Σ_e T_e),  S = Σ_i (R_i − k(m + 1)/2)²,  T_e = Σ over e's tie groups (t³ − t),
 *
 * with k raters ranking the same m items (tied scores get the mean of the ranks they span) and R_i the rank
 * sum of item i; χ² = k(m − 1) W on m − 1 degrees of freedom. Whether rank 1 is the highest or the lowest
 * score does not matter, as long as it is the same for every rater.
 */

export interface Concordance {
  /** null when undefined: fewer than two raters or items, or every rater tied every item. */
  W: number | null;
  chiSquare: number | null;
  df: number;
  /** k, the number of raters whose rankings entered. */
  raters: number;
}

/** Units tried for a scale, finest last: integers, halves, quarters, tenths, hundredths. */
const SCALES = [1, 2, 4, 10, 100];

/**
 * Panel scores sit on a coarse scale (1–5, 1–9, 0–100, perhaps with halves or tenths), so they are sorted and
 * ranked by counting, which is several times faster than sorting. Scores get integer keys x · s for the
 * coarsest unit 1/s that fits all of them exactly (round(x s) / s is x itself, so equal keys mean equal scores
 * and keys keep their order); if none fits, or the keys span too wide a range to count over, the caller sorts.
 */
export class ScoreTally {
  /** counts[b]: how many scores have key lo + b, for b in [0, span]. */
  counts = new Int32Array(0);
  lo = 0;
  span = 0;
  scale = 1;

  key(v: number): number {
    return Math.round(v * this.scale);
  }

  /** Tallies values[0, k) if their keys span at most maxSpan; returns false (tallying nothing) otherwise. */
  tally(values: ArrayLike<number>, k: number, maxSpan: number): boolean {
    let found = false;
    for (let u = 0; u < SCALES.length && !found; u++) {
      this.scale = SCALES[u]!;
      found = fits(values, k, this.scale);
    }
    if (!found) return false;
    let lo = Infinity;
    let hi = -Infinity;
    for (let q = 0; q < k; q++) {
      const key = this.key(values[q]!);
      if (key < lo) lo = key;
      if (key > hi) hi = key;
    }
    if (!(hi - lo <= maxSpan)) return false;
    this.lo = lo;
    this.span = hi - lo;
    if (this.counts.length <= this.span) this.counts = new Int32Array(Math.max(this.span + 1, 2 * this.counts.length));
    const counts = this.counts;
    counts.fill(0, 0, this.span + 1);
    for (let q = 0; q < k; q++) counts[this.key(values[q]!) - lo]!++;
    return true;
  }
}

function fits(values: ArrayLike<number>, k: number, scale: number): boolean {
  for (let q = 0; q < k; q++) if (Math.round(values[q]! * scale) / scale !== values[q]) return false;
  return true;
}

/**
 * Accumulates one ranking at a time into rank sums, so a caller with raters × items × criteria scores can
 * feed each criterion's rankings without building a matrix; buffers are allocated once per item count.
 */
export class ConcordanceAccumulator {
  private readonly m: number;
  private readonly sorted: Float64Array;
  private readonly rankSums: Float64Array;
  private readonly tally = new ScoreTally();
  private rankOfKey = new Float64Array(0);
  private k = 0;
  private tieTerm = 0;

  constructor(items: number) {
    this.m = items;
    this.sorted = new Float64Array(items);
    this.rankSums = new Float64Array(items);
  }

  reset(): void {
    this.rankSums.fill(0);
    this.k = 0;
    this.tieTerm = 0;
  }

  /** One rater's scores of the m items, in item order. */
  add(scores: ArrayLike<number>): void {
    const { m, tally, rankSums } = this;
    // Counting pays while the scale is not much wider than the number of items.
    if (tally.tally(scores, m, 4 * m + 256)) {
      const { counts, lo, span } = tally;
      if (this.rankOfKey.length <= span) this.rankOfKey = new Float64Array(counts.length);
      const rankOfKey = this.rankOfKey;
      // A score's average rank is the number of smaller scores plus the middle of its own tie group.
      let below = 0;
      for (let b = 0; b <= span; b++) {
        const t = counts[b]!;
        rankOfKey[b] = below + (t + 1) / 2;
        this.tieTerm += t * t * t - t;
        below += t;
      }
      for (let i = 0; i < m; i++) rankSums[i]! += rankOfKey[tally.key(scores[i]!) - lo]!;
    } else {
      this.addBySorting(scores);
    }
    this.k++;
  }

  private addBySorting(scores: ArrayLike<number>): void {
    const { m, sorted, rankSums } = this;
    for (let i = 0; i < m; i++) sorted[i] = scores[i]!;
    sorted.sort();
    // The average rank of a value is the mean of the positions its tie group occupies in sorted order; two
    // binary searches find the group without sorting item indices (which would need a comparator).
    for (let i = 0; i < m; i++) {
      const v = scores[i]!;
      const first = lowerBound(sorted, v, m);
      const afterLast = upperBound(sorted, v, first, m);
      rankSums[i]! += (first + afterLast + 1) / 2;
    }
    for (let start = 0; start < m; ) {
      let end = start + 1;
      while (end < m && sorted[end] === sorted[start]) end++;
      const t = end - start;
      this.tieTerm += t * t * t - t;
      start = end;
    }
  }

  result(): Concordance {
    const { m, k, rankSums } = this;
    const df = Math.max(m - 1, 0);
    const denominator = k * k * (m * m * m - m) - k * this.tieTerm;
    if (k < 2 || m < 2 || denominator <= 0) return { W: null, chiSquare: null, df, raters: k };
    const meanSum = (k * (m + 1)) / 2;
    let s = 0;
    for (let i = 0; i < m; i++) s += (rankSums[i]! - meanSum) ** 2;
    // W ≤ 1 exactly (Cauchy–Schwarz over the raters); the clamp only absorbs round-off.
    const W = Math.min(1, Math.max(0, (12 * s) / denominator));
    return { W, chiSquare: k * (m - 1) * W, df, raters: k };
  }
}

/** Kendall's W of the given rankings (each the scores of the same items, in the same item order). */
export function kendallW(raters: readonly ArrayLike<number>[]): Concordance {
  const acc = new ConcordanceAccumulator(raters[0]?.length ?? 0);
  for (const scores of raters) acc.add(scores);
  return acc.result();
}

/** First index in sorted[0, n) holding a value ≥ v. */
function lowerBound(sorted: Float64Array, v: number, n: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index in sorted[from, n) holding a value > v. */
function upperBound(sorted: Float64Array, v: number, from: number, n: number): number {
  let lo = from;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
