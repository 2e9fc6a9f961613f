/** Which direction of a method's score is good: TOPSIS's closeness is "higher", VIKOR's Q is "lower". */
export type Better = 'higher' | 'lower';

const RELATIVE_TOLERANCE = 1e-9;
/**
 * Magnitudes below this count as this large when scaling the tolerance, so round-off around zero
 * (PROMETHEE's φ of two identical alternatives, summed in different orders) still ties: in effect an
 * absolute floor of 1e-12 under the relative rule.
 */
const MAGNITUDE_FLOOR = 1e-3;

/** Two scores are the same for ranking when they agree within 1e-9 relative (spec §5). */
export const tied = (a: number, b: number): boolean =>
  Math.abs(a - b) <= RELATIVE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b), MAGNITUDE_FLOOR);

/**
 * Competition ranks, 1 = best: tied scores share the smallest rank of their group and the next group
 * skips the places they took (1, 2, 2, 4). A group is everything tied with its best member, so a chain of
 * near-ties cannot drag a clearly worse score up to the leader's rank.
 */
export function ranks(scores: ArrayLike<number>, better: Better): number[] {
  const m = scores.length;
  const sign = better === 'higher' ? -1 : 1;
  const byScore = Array.from({ length: m }, (_, i) => i).sort((a, b) => sign * (scores[a]! - scores[b]!) || a - b);
  const out = new Array<number>(m);
  let leader = 0;
  for (let k = 0; k < m; k++) {
    if (!tied(scores[byScore[leader]!]!, scores[byScore[k]!]!)) leader = k;
    out[byScore[k]!] = leader + 1;
  }
  return out;
}

/** Alternative names best first; tied alternatives keep their input order. */
export const order = (alternatives: readonly string[], rankOf: ArrayLike<number>): string[] =>
  Array.from({ length: alternatives.length }, (_, i) => i)
    .sort((a, b) => rankOf[a]! - rankOf[b]! || a - b)
    .map((i) => alternatives[i]!);
