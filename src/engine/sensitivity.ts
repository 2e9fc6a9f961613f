import { fail } from './errors.ts';
import { Random } from './random.ts';
import { type Better, Ranker, scaleOf, tied } from './rank.ts';
import type { SensitivitySpec } from './spec.ts';

/**
 * How much the ranking owes to the exact weights (docs/engine.md §8). It depends only on a scoring closure, so any
 * method's prepared `score` can be rerun thousands of times without the method knowing.
 *
 * Monte Carlo: weights drawn from Dirichlet(concentration · w) around the current weights w (a criterion
 * weighted 0 stays at 0), from the seeded xoshiro128** generator of random.ts, so the same seed and the same
 * problem give the same answer. With ties (shared ranks 1, 2, 2, 4) an alternative still has one rank per
 * sample, so each row of rankAcceptability sums to 1; columns sum to 1 only when no sample has ties.
 *
 * One-way: for each criterion j, its weight t is moved from w_j with the others rescaled in proportion,
 * w_k(t) = w_k (1 − t) / (1 − w_j); the interval [lower, upper] around w_j over which the first place (the
 * set of alternatives ranked 1) stays the same is found by scanning t in steps of ONE_WAY_STEP outward from
 * w_j to the first change, then bisecting that step down to ONE_WAY_TOLERANCE. A change and change back
 * within one step can go unseen. When w_j = 1 the others have no proportions to keep and share 1 − t
 * equally; with a single criterion its weight cannot move and the interval is [1, 1].
 */

export interface OneWayInterval {
  criterion: string;
  /** The current weight w_j. */
  weight: number;
  /** The smallest and largest weight of the criterion (found to ONE_WAY_TOLERANCE) with the same first place. */
  lower: number;
  upper: number;
}

export interface SensitivityResult {
  samples: number;
  seed: number;
  concentration: number;
  /**
   * rankAcceptability[i][k]: share of samples in which alternative i has rank k + 1, for the first
   * `acceptabilityPositions` ranks.
   */
  rankAcceptability: number[][];
  /** Every rank (m) up to FULL_ACCEPTABILITY_UP_TO alternatives, else the first ACCEPTABILITY_POSITIONS. */
  acceptabilityPositions: number;
  expectedRank: number[];
  /** Share of samples with the same first place (the same set of alternatives ranked 1) as the current weights. */
  topStability: number;
  /** Share of samples with exactly the current ranking. */
  rankingStability: number;
  /** With `oneWay`. */
  oneWay?: OneWayInterval[];
}

export interface SensitivityOptions {
  /** Called at most about 100 times with the work done so far: one unit per sample, one per criterion for one-way. */
  onProgress?: (done: number, total: number) => void;
}

/** Rank acceptability is m × m up to this many alternatives (docs/engine.md §8)… */
export const FULL_ACCEPTABILITY_UP_TO = 100;
/** …and beyond it covers the first this many ranks, so that the result grows linearly in m. */
export const ACCEPTABILITY_POSITIONS = 10;

/** How many ranks rankAcceptability covers for m alternatives. */
export const acceptabilityPositions = (m: number): number =>
  m <= FULL_ACCEPTABILITY_UP_TO ? m : ACCEPTABILITY_POSITIONS;

export const ONE_WAY_STEP = 0.01;
export const ONE_WAY_TOLERANCE = 1e-6;

export function sensitivity(
  spec: SensitivitySpec,
  weights: ArrayLike<number>,
  better: Better,
  score: (w: Float64Array) => ArrayLike<number>,
  criteria: readonly string[],
  alternatives: readonly string[],
  options: SensitivityOptions = {},
): SensitivityResult {
  const n = criteria.length;
  const m = alternatives.length;
  if (weights.length !== n) fail('weights', `expected ${n} weights, one per criterion, got ${weights.length}`);
  const total = spec.samples + (spec.oneWay ? n : 0);
  const progress = progressReporter(total, options.onProgress);

  const ranker = new Ranker(m, better);
  const base = Int32Array.from(ranker.rank(score(Float64Array.from(weights))));
  const positions = acceptabilityPositions(m);
  const counts = new Uint32Array(m * positions);
  const rankSum = new Float64Array(m);
  let sameTop = 0;
  let sameRanking = 0;
  const rng = Random.fromSeed(spec.seed);
  const alpha = Float64Array.from(weights, (w) => spec.concentration * w);
  const w = new Float64Array(n);
  for (let s = 0; s < spec.samples; s++) {
    rng.dirichlet(alpha, w);
    const r = ranker.rank(score(w));
    let top = true;
    let all = true;
    for (let i = 0; i < m; i++) {
      const k = r[i]!;
      if (k <= positions) counts[i * positions + k - 1]!++;
      rankSum[i]! += k;
      if (k !== base[i]) {
        all = false;
        if (k === 1 || base[i] === 1) top = false;
      }
    }
    if (top) sameTop++;
    if (all) sameRanking++;
    progress(s + 1);
  }

  const N = spec.samples;
  const result: SensitivityResult = {
    samples: N,
    seed: spec.seed,
    concentration: spec.concentration,
    rankAcceptability: Array.from({ length: m }, (_, i) =>
      Array.from(counts.subarray(i * positions, (i + 1) * positions), (c) => c / N),
    ),
    acceptabilityPositions: positions,
    expectedRank: Array.from(rankSum, (x) => x / N),
    topStability: sameTop / N,
    rankingStability: sameRanking / N,
  };
  if (spec.oneWay) {
    result.oneWay = criteria.map((criterion, j) => {
      const interval = oneWayInterval(weights, j, better, score);
      progress(N + j + 1);
      return { criterion, weight: weights[j]!, ...interval };
    });
  }
  return result;
}

/** [lower, upper] of criterion j's weight over which the first place stays that of the current weights. */
function oneWayInterval(
  weights: ArrayLike<number>,
  j: number,
  better: Better,
  score: (w: Float64Array) => ArrayLike<number>,
): { lower: number; upper: number } {
  const n = weights.length;
  const b = weights[j]!;
  if (n === 1) return { lower: 1, upper: 1 };
  const w = new Float64Array(n);
  const setWeight = (t: number): Float64Array => {
    for (let k = 0; k < n; k++) w[k] = k === j ? t : b < 1 ? (weights[k]! * (1 - t)) / (1 - b) : (1 - t) / (n - 1);
    return w;
  };
  const baseFirst = firstPlace(score(setWeight(b)), better);
  const same = (t: number): boolean => sameSet(firstPlace(score(setWeight(t)), better), baseFirst);
  return { lower: edge(b, 0, same), upper: edge(b, 1, same) };
}

/**
 * The far end of the run of t from `from` towards `to` (0 or 1) on which `same(t)` holds: scan in steps of
 * ONE_WAY_STEP, bisect the step where it first fails. Returns a t known to hold, within the tolerance of
 * the boundary.
 */
function edge(from: number, to: number, same: (t: number) => boolean): number {
  const dir = to > from ? 1 : -1;
  let inside = from;
  for (;;) {
    const next = dir > 0 ? Math.min(to, inside + ONE_WAY_STEP) : Math.max(to, inside - ONE_WAY_STEP);
    if (next === inside) return inside;
    if (!same(next)) {
      let outside = next;
      while (Math.abs(outside - inside) > ONE_WAY_TOLERANCE) {
        const mid = (inside + outside) / 2;
        if (same(mid)) inside = mid;
        else outside = mid;
      }
      return inside;
    }
    inside = next;
  }
}

/** Indices of the alternatives ranked 1: the best score and everything tied with it (as rank.ts ties). */
function firstPlace(scores: ArrayLike<number>, better: Better): number[] {
  let best = scores[0]!;
  for (let i = 1; i < scores.length; i++)
    if (better === 'higher' ? scores[i]! > best : scores[i]! < best) best = scores[i]!;
  const out: number[] = [];
  const scale = scaleOf(scores);
  for (let i = 0; i < scores.length; i++) if (tied(scores[i]!, best, scale)) out.push(i);
  return out;
}

const sameSet = (a: readonly number[], b: readonly number[]): boolean =>
  a.length === b.length && a.every((x, q) => x === b[q]);

/** Calls `onProgress` when another hundredth of the work is done, and at the end. */
function progressReporter(total: number, onProgress: SensitivityOptions['onProgress']): (done: number) => void {
  if (!onProgress) return () => {};
  const every = Math.max(1, Math.ceil(total / 100));
  return (done) => {
    if (done % every === 0 || done === total) onProgress(done, total);
  };
}
