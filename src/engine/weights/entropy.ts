import { fail } from '../errors.ts';
import type { EntropyWeights } from '../problem.ts';
import { shares } from '../stats.ts';
import { dataFor, join, minmaxOf, uniform, type Target } from './target.ts';

export interface EntropyDetails {
  /** E_j, the normalized Shannon entropy of each column (1 = no information). */
  readonly entropy: number[];
  /** d_j = 1 − E_j, the degree of diversification. */
  readonly divergence: number[];
}

/**
 * Entropy weights (spec §4). With p_ij = y_ij / S_j, Σ_i p ln p = T_j / S_j − ln S_j where
 * T_j = Σ_i y_ij ln y_ij, so a single row-major pass over the matrix collects S and T: no per-cell
 * allocation and cache-friendly on large matrices.
 */
export function entropyWeights(spec: EntropyWeights, target: Target): { weights: Float64Array; details: EntropyDetails } {
  const { criteria, x } = dataFor(target, 'entropy');
  const { rows: m, cols: n } = x;
  const y = spec.normalization === 'minmax' ? minmaxOf(x, criteria, target.warn).data : x.data;
  const shift = spec.shift;
  const s = new Float64Array(n);
  const t = new Float64Array(n);
  for (let i = 0; i < m; i++) {
    const row = i * n;
    for (let j = 0; j < n; j++) {
      const v = y[row + j]! + shift;
      if (v > 0) {
        s[j] += v;
        t[j] += v * Math.log(v);
      } else if (v < 0) {
        fail(
          join(target.path, 'normalization'),
          `criterion ${criteria[j]!.id} has a negative value (${x.data[row + j]}, alternative ${i + 1}); entropy needs values ≥ 0: use "normalization": "minmax"`,
        );
      }
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
    let e = -(t[j]! / s[j]! - Math.log(s[j]!)) / lnM;
    // A column whose values are all the same has p_ij = 1/m and E = 1 exactly; computed through logs it can land
    // a last bit below 1, and that round-off must not become a weight. Only a column that close to 1 is read again.
    if (1 - e < NEAR_ONE && constant(y, m, n, j)) e = 1;
    entropy[j] = e;
    d[j] = Math.max(0, 1 - e);
  }
  const divergence = Array.from(d);
  if (d.every((v) => v === 0)) {
    target.warn('entropy weights: no criterion discriminates between the alternatives (every divergence is 0); equal weights used');
    return { weights: uniform(n), details: { entropy, divergence } };
  }
  return { weights: shares(d), details: { entropy, divergence } };
}

/** 1 − E below this may be round-off of E = 1 (see entropyWeights). */
const NEAR_ONE = 1e-12;

const constant = (y: Float64Array, m: number, n: number, j: number): boolean => {
  for (let i = 1; i < m; i++) if (y[i * n + j] !== y[j]) return false;
  return true;
};
