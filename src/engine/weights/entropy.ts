import { z } from 'zod';
import { fail } from '../errors.ts';
import { shares } from '../stats.ts';
import { NUMBER_JSON } from '../work.ts';
import { defineWeighting } from './scheme.ts';
import { dataFor, join, minmaxOf, type Target, uniform } from './target.ts';

const schema = z.strictObject({
  method: z.literal('entropy'),
  normalization: z.enum(['none', 'minmax']).default('none'),
  shift: z.number().nonnegative().default(0),
});
type EntropyWeights = z.output<typeof schema>;

export interface EntropyDetails {
  /** E_j, the normalized Shannon entropy of each column (1 = no information). */
  readonly entropy: number[];
  /** d_j = 1 − E_j, the degree of diversification. */
  readonly divergence: number[];
}

/**
 * Entropy weights (docs/engine.md §4). d_j = 1 − E_j is computed as Σ_i p_ij ln(m p_ij) / ln m, which is the same
 * number
 * but sums terms that are each near 0 when the column is near uniform, instead of subtracting two logarithms of
 * the column's scale (T/S − ln S) and then E from 1: scaling a column by a constant leaves the weights unchanged
 * to round-off of d itself, not of ln S. One pass collects the column sums, a second the terms: two sweeps of
 * the row-major matrix, no per-cell allocation.
 */
export function entropyWeights(
  spec: EntropyWeights,
  target: Target,
): { weights: Float64Array; details: EntropyDetails } {
  const { criteria, x } = dataFor(target, 'entropy');
  const { rows: m, cols: n } = x;
  const y = spec.normalization === 'minmax' ? minmaxOf(x, criteria, target.warn).data : x.data;
  const shift = spec.shift;
  const s = new Float64Array(n);
  for (let i = 0; i < m; i++) {
    const row = i * n;
    for (let j = 0; j < n; j++) {
      const v = y[row + j]! + shift;
      if (v < 0) {
        fail(
          join(target.path, 'normalization'),
          `criterion ${criteria[j]!.id} has a negative value (${x.data[row + j]}, alternative ${i + 1}); entropy needs values ≥ 0: use "normalization": "minmax"`,
        );
      }
      s[j] += v;
    }
  }
  // m p_ij = y_ij · m/S_j: a multiplication per cell rather than a division. m/S_j overflows only for a subnormal
  // sum; such a column divides (y/S_j never exceeds 1).
  const scale = new Float64Array(n);
  for (let j = 0; j < n; j++) scale[j] = m / s[j]!;
  const kl = new Float64Array(n);
  for (let i = 0; i < m; i++) {
    const row = i * n;
    for (let j = 0; j < n; j++) {
      const v = y[row + j]! + shift;
      const k = scale[j]!;
      const mp = k === Infinity ? m * (v / s[j]!) : v * k;
      if (mp > 0) kl[j] += mp * Math.log(mp);
    }
  }

  const lnM = Math.log(m);
  const entropy = new Array<number>(n);
  const d = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    if (s[j] === 0) {
      // Σy = 0: the column carries no information at all.
      target.warn(`criterion ${criteria[j]!.id}: all values are zero, entropy weight 0`);
      entropy[j] = 1;
      continue;
    }
    // Σ p ln(mp) = (1/m) Σ mp ln(mp). A column whose values are all the same has mp = 1 and d = 0 exactly; computed
    // through logs it lands off by the round-off of Σy, which grows with m (d ≈ 2e-12 at 10⁶ rows), and that
    // round-off must not become a weight: such a column is recognized as constant instead of by a small d.
    const dj = constant(y, m, n, j) ? 0 : Math.max(0, kl[j]! / m / lnM);
    d[j] = dj;
    entropy[j] = 1 - dj;
  }
  const divergence = Array.from(d);
  if (d.every((v) => v === 0)) {
    target.warn(
      'entropy weights: no criterion discriminates between the alternatives (every divergence is 0); equal weights used',
    );
    return { weights: uniform(n), details: { entropy, divergence } };
  }
  return { weights: shares(d), details: { entropy, divergence } };
}

const constant = (y: Float64Array, m: number, n: number, j: number): boolean => {
  for (let i = 1; i < m; i++) if (y[i * n + j] !== y[j]) return false;
  return true;
};

export const entropy = defineWeighting({
  method: 'entropy',
  label: 'entropy weights',
  schema,
  minAlternatives: 2,
  weigh(spec, target) {
    const { weights, details } = entropyWeights(spec, target);
    return {
      weights,
      info: { method: 'entropy' as const, normalization: spec.normalization, shift: spec.shift, ...details },
    };
  },
  // Two sweeps of the matrix (a logarithm per cell), a min-max normalization first if asked; E and d per criterion.
  cost: (spec, { m, n }) => ({
    ns: (spec.normalization === 'minmax' ? 25 : 15) * m * n,
    bytes: (spec.normalization === 'minmax' ? 8 : 0) * m * n + 32 * n,
    json: 80 + 2 * n * NUMBER_JSON,
  }),
});
