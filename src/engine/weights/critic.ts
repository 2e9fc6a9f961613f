import { z } from 'zod';
import { column } from '../matrix.ts';
import { averageRanks, correlationMatrix, sd, shares } from '../stats.ts';
import { NUMBER_JSON, sortSteps } from '../work.ts';
import { defineWeighting } from './scheme.ts';
import { dataFor, minmaxOf, type Target, uniform } from './target.ts';

const schema = z.strictObject({
  method: z.literal('critic'),
  respectTypes: z.boolean().default(true),
  correlation: z.enum(['pearson', 'spearman']).default('pearson'),
});
type CriticWeights = z.output<typeof schema>;

export interface CriticDetails {
  /** σ_j of the min-max normalized column, sample standard deviation (divisor m − 1). */
  readonly sd: number[];
  /** C_j = σ_j Σ_k (1 − ρ_jk), the information each criterion carries. */
  readonly information: number[];
  /** ρ_jk, the n × n correlation matrix of the min-max columns (Pearson's, or Spearman's on their ranks). */
  readonly correlations: number[][];
  /** The standard-deviation convention used; the weights do not depend on it (see below). */
  readonly sdDivisor: 'm - 1';
}

/**
 * 1 − ρ at or below this is a perfect correlation: ρ of two exactly proportional columns comes out a last bit
 * below 1 for some pairs and not for others, and weighing that round-off would give arbitrary weights.
 */
const PERFECT_CORRELATION = 1e-12;

/**
 * CRITIC (Diakoulaki, Mavrotas & Papayannakis 1995). σ is the sample standard deviation (divisor m − 1,
 * as R's `sd`); the population convention (divisor m) scales every σ_j by the same factor √((m−1)/m), so
 * the normalized weights are identical under either and match the published examples both ways.
 */
export function criticWeights(spec: CriticWeights, target: Target): { weights: Float64Array; details: CriticDetails } {
  const { criteria, x } = dataFor(target, 'CRITIC');
  const n = x.cols;
  const r = minmaxOf(x, criteria, target.warn, spec.respectTypes);
  const columns = Array.from({ length: n }, (_, j) => column(r, j));
  const sigma = columns.map((c) => sd(c));
  // Spearman's ρ is Pearson's r of the ranks, so rank once per column rather than once per pair.
  const series = spec.correlation === 'spearman' ? columns.map((c) => averageRanks(c)) : columns;

  const rho = correlationMatrix(series);
  const conflict = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    for (let k = 0; k < n; k++) {
      const gap = 1 - rho[j * n + k]!;
      if (k !== j && gap > PERFECT_CORRELATION) conflict[j] += gap;
    }
  }
  const c = conflict.map((q, j) => sigma[j]! * q);
  const correlations = Array.from({ length: n }, (_, j) => Array.from(rho.subarray(j * n, (j + 1) * n)));
  const details: CriticDetails = { sd: sigma, information: Array.from(c), correlations, sdDivisor: 'm - 1' };
  // A lone criterion (one dimension's only one, inside hierarchical) has nothing to conflict with: C = 0, weight 1.
  if (n === 1) return { weights: uniform(1), details };
  if (c.every((v) => v === 0)) {
    target.warn(
      'CRITIC weights: every criterion carries no information (C_j = σ_j Σ(1 − ρ_jk) = 0: nothing varies, or every pair is perfectly correlated); equal weights used',
    );
    return { weights: uniform(n), details };
  }
  return { weights: shares(c), details };
}

export const critic = defineWeighting({
  method: 'critic',
  label: 'CRITIC',
  schema,
  minAlternatives: 2,
  weigh(spec, target) {
    const { weights, details } = criticWeights(spec, target);
    return {
      weights,
      info: { method: 'critic' as const, correlation: spec.correlation, respectTypes: spec.respectTypes, ...details },
    };
  },
  // Min-max normalization and column copies, the n × n correlation matrix over m rows (m n² multiply-adds), and for
  // Spearman a comparator sort per column.
  cost: (spec, { m, n }) => ({
    ns: 40 * m * n + 4 * m * n * n + (spec.correlation === 'spearman' ? 60 * n * sortSteps(m) : 0),
    bytes: 24 * m * n + 8 * n * n,
    json: 120 + (2 * n + n * n) * NUMBER_JSON,
  }),
});
