/** Which direction of a method's score is good: TOPSIS's closeness is "higher", VIKOR's Q is "lower". */
export type Better = 'higher' | 'lower';

const RELATIVE_TOLERANCE = 1e-9;
/**
 * Magnitudes below this share of the scale count as this large when scaling the tolerance, so round-off around
 * zero (PROMETHEE's φ of two identical alternatives, summed in different orders, ±1e-17 beside scores of 0.1)
 * still ties: in effect an absolute floor of 1e-12 × scale under the relative rule. The scale of a ranking is
 * its largest |score|, so that scores that are all tiny (WSM on raw data in a small unit) still rank by the
 * relative rule.
 */
const MAGNITUDE_FLOOR = 1e-3;

/**
 * Two scores are the same for ranking when they agree within 1e-9 relative (docs/engine.md §5); `scale` is the largest
 * |score| of the ranking (1 suits values in [0, 1], such as VIKOR's S, R and Q).
 */
export const tied = (a: number, b: number, scale = 1): boolean =>
  Math.abs(a - b) <= RELATIVE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b), MAGNITUDE_FLOOR * scale);

/** The largest |score|: the scale `tied` measures round-off against in a ranking. */
export const scaleOf = (scores: ArrayLike<number>): number => {
  let scale = 0;
  for (let i = 0; i < scores.length; i++) scale = Math.max(scale, Math.abs(scores[i]!));
  return scale;
};

/**
 * Competition ranks, 1 = best: tied scores share the smallest rank of their group and the next group
 * skips the places they took (1, 2, 2, 4). A group is everything tied with its best member, so a chain of
 * near-ties cannot drag a clearly worse score up to the leader's rank.
 */
export const ranks = (scores: ArrayLike<number>, better: Better): number[] =>
  Array.from(new Ranker(scores.length, better).rank(scores));

/**
 * The ranking of {@link ranks} with its buffers kept, for sensitivity analysis, which ranks thousands of samples:
 * a stable bottom-up merge sort of alternative indices (insertion-sorted runs first), comparing scores inline,
 * is several times cheaper than a comparator sort. Starting from index order and stable, it puts equal scores
 * in index order, and each group is measured from its best member.
 */
export class Ranker {
  private readonly a: Int32Array;
  private readonly b: Int32Array;
  private readonly out: Int32Array;

  constructor(
    private readonly m: number,
    private readonly better: Better,
  ) {
    this.a = new Int32Array(m);
    this.b = new Int32Array(m);
    this.out = new Int32Array(m);
  }

  /** Ranks of `scores`, 1 = best; the returned buffer is overwritten by the next call. */
  rank(scores: ArrayLike<number>): Int32Array {
    const { m, out } = this;
    const order = this.bestFirst(scores);
    const scale = scaleOf(scores);
    let leader = 0;
    for (let q = 0; q < m; q++) {
      if (!tied(scores[order[leader]!]!, scores[order[q]!]!, scale)) leader = q;
      out[order[q]!] = leader + 1;
    }
    return out;
  }

  private bestFirst(scores: ArrayLike<number>): Int32Array {
    const { m } = this;
    const higher = this.better === 'higher';
    // Strictly before: a stable sort never swaps equal scores.
    const before = (x: number, y: number): boolean => (higher ? scores[x]! > scores[y]! : scores[x]! < scores[y]!);
    let src = this.a;
    let dst = this.b;
    for (let i = 0; i < m; i++) src[i] = i;
    for (let lo = 0; lo < m; lo += RUN) {
      const hi = Math.min(lo + RUN, m);
      for (let q = lo + 1; q < hi; q++) {
        const x = src[q]!;
        let p = q - 1;
        while (p >= lo && before(x, src[p]!)) {
          src[p + 1] = src[p]!;
          p--;
        }
        src[p + 1] = x;
      }
    }
    for (let width = RUN; width < m; width *= 2) {
      for (let lo = 0; lo < m; lo += 2 * width) {
        const mid = Math.min(lo + width, m);
        const hi = Math.min(lo + 2 * width, m);
        let i = lo;
        let j = mid;
        let k = lo;
        while (i < mid && j < hi) dst[k++] = before(src[j]!, src[i]!) ? src[j++]! : src[i++]!;
        while (i < mid) dst[k++] = src[i++]!;
        while (j < hi) dst[k++] = src[j++]!;
      }
      [src, dst] = [dst, src];
    }
    return src;
  }
}

/** Length of the runs insertion-sorted before merging. */
const RUN = 8;

/** Alternative names best first; tied alternatives keep their input order. */
export const order = (alternatives: readonly string[], rankOf: ArrayLike<number>): string[] =>
  Array.from({ length: alternatives.length }, (_, i) => i)
    .sort((a, b) => rankOf[a]! - rankOf[b]! || a - b)
    .map((i) => alternatives[i]!);
