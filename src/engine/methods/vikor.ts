import { z } from 'zod';
import { tied } from '../rank.ts';
import { defineMethod, extent, type MethodData, numbersJson, type PreparedMethod } from './method.ts';

export interface VikorDetails {
  S: number[];
  R: number[];
  Q: number[];
  /** Q(a″) − Q(a′) ≥ 1/(m − 1). */
  advantage: boolean;
  /** a′ is also first by S or by R. */
  stability: boolean;
  /** Alternative indices (0-based), a′ first. */
  compromise: number[];
}

const schema = z.strictObject({ name: z.literal('vikor'), v: z.number().min(0).max(1).default(0.5) });
type VikorSpec = z.output<typeof schema>;

/**
 * VIKOR (Opricovic & Tzeng 2004; docs/engine.md §5) on raw values. The weight-free part of every term,
 * (f*_j − x_ij)/(f*_j − f⁻_j), is computed once; scoring weighs it into S (sum), R (max) and Q.
 */
export function prepareVikor(spec: VikorSpec, data: MethodData): PreparedMethod<VikorDetails> {
  const { rows: m, cols: n, data: x } = data.matrix;
  const regret = new Float64Array(m * n);
  for (let j = 0; j < n; j++) {
    const [lo, hi] = extent(x, j, m, n);
    if (hi === lo) {
      data.warn(`criterion ${data.criteria[j]!.id}: constant column, adds 0 to VIKOR's S and R`);
      continue;
    }
    const [best, worst] = data.criteria[j]!.type === 'cost' ? [lo, hi] : [hi, lo];
    for (let i = 0; i < m; i++) regret[i * n + j] = (best - x[i * n + j]!) / (best - worst);
  }
  const v = spec.v;
  const dq = 1 / (m - 1);
  return {
    better: 'lower',
    score(w) {
      const S = new Float64Array(m);
      const R = new Float64Array(m);
      for (let i = 0, at = 0; i < m; i++) {
        let s = 0;
        let r = 0;
        for (let j = 0; j < n; j++, at++) {
          const term = w[j]! * regret[at]!;
          s += term;
          if (term > r) r = term;
        }
        S[i] = s;
        R[i] = r;
      }
      const [sBest, sWorst] = extent(S);
      const [rBest, rWorst] = extent(R);
      const sFlat = tied(sBest, sWorst);
      const rFlat = tied(rBest, rWorst);
      if (sFlat && v > 0) data.warn('VIKOR: every alternative has the same S, so its term in Q is 0');
      if (rFlat && v < 1) data.warn('VIKOR: every alternative has the same R, so its term in Q is 0');
      const Q = new Float64Array(m);
      for (let i = 0; i < m; i++) {
        const sTerm = sFlat ? 0 : (S[i]! - sBest) / (sWorst - sBest);
        const rTerm = rFlat ? 0 : (R[i]! - rBest) / (rWorst - rBest);
        Q[i] = v * sTerm + (1 - v) * rTerm;
      }
      return { scores: Q, details: vikorDetails(S, R, Q, sBest, rBest, dq) };
    },
  };
}

/** Made outside score() so that its loop variables are not captured (see topsis.ts). */
const vikorDetails =
  (S: Float64Array, R: Float64Array, Q: Float64Array, sBest: number, rBest: number, dq: number) => () => ({
    S: Array.from(S),
    R: Array.from(R),
    Q: Array.from(Q),
    ...conditions(S, R, Q, sBest, rBest, dq),
  });

/** Index of the smallest Q, ties to the earlier alternative (as the result's `order` breaks them), skipping `skip`. */
const bestByQ = (Q: Float64Array, skip: number): number => {
  let best = -1;
  for (let i = 0; i < Q.length; i++) {
    if (i === skip) continue;
    if (best < 0 || (Q[i]! < Q[best]! && !tied(Q[i]!, Q[best]!))) best = i;
  }
  return best;
};

/** "At least DQ apart", forgiving the round-off in a difference that is DQ exactly. */
const atLeast = (difference: number, dq: number): boolean => difference >= dq || tied(difference, dq);

/**
 * The two acceptance conditions and the compromise set (Opricovic & Tzeng 2004, §3): a′ and a″ are first
 * and second by Q; the set is listed in Q order, a′ first.
 */
function conditions(S: Float64Array, R: Float64Array, Q: Float64Array, sBest: number, rBest: number, dq: number) {
  const first = bestByQ(Q, -1);
  const second = bestByQ(Q, first);
  const advantage = atLeast(Q[second]! - Q[first]!, dq);
  const stability = tied(S[first]!, sBest) || tied(R[first]!, rBest);
  let compromise: number[];
  if (!advantage) {
    compromise = [];
    for (let i = 0; i < Q.length; i++) if (!atLeast(Q[i]! - Q[first]!, dq)) compromise.push(i);
    compromise.sort((a, b) => (a === first ? -1 : b === first ? 1 : Q[a]! - Q[b]! || a - b));
  } else compromise = stability ? [first] : [first, second];
  return { advantage, stability, compromise };
}

export const vikor = defineMethod({
  name: 'vikor',
  label: 'VIKOR',
  schema,
  minAlternatives: 2,
  prepare: prepareVikor,
  // A regret term per cell once; a multiply-add and a max per cell per score; S, R, Q and the compromise in details.
  cost: (_spec, { m, n }) => ({
    prepare: { ns: 8 * m * n, bytes: 8 * m * n, json: numbersJson('S', m) + numbersJson('R', m) + numbersJson('Q', m) },
    scoreNs: 4 * m * n + 60 * m,
  }),
});
