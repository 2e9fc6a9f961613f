import { z } from 'zod';
import { fail, type Warn } from '../errors.ts';
import { shares, sum } from '../stats.ts';
import { NUMBER_JSON, plus } from '../work.ts';
import { defineComposite, type Part, type Weighed, weighed } from './scheme.ts';
import { join, type Target } from './target.ts';

// Specs made of other specs spell their type out once, for any inner spec S: zod cannot infer a type that refers
// to itself, and weights/index.ts closes the recursion.
export interface CombinedWeights<S = unknown> {
  method: 'combined';
  parts: S[];
  alpha?: number[] | undefined;
  mix: 'linear' | 'multiplicative';
}

/** The result's `weighting` for a blend; `alpha` holds the shares used, α_k / Σα. */
export interface CombinedInfo<I = unknown> {
  readonly method: 'combined';
  readonly mix: 'linear' | 'multiplicative';
  readonly alpha: number[];
  readonly parts: Weighed<I>[];
}

/**
 * Blends several weight vectors over the same target (docs/engine.md §4 `combined`): linear Σ α_k w^(k) or
 * multiplicative Π (w^(k))^α_k, renormalized to sum 1. The α are shares: they are scaled to sum 1 first.
 * For the linear mix that changes nothing; for the multiplicative mix it makes the blend independent of
 * how α is written ([1, 1] and [0.5, 0.5] are the same geometric mean, as [1, 1] and [0.5, 0.5] are the
 * same linear mix), so blending a vector with itself always gives it back. Because the spec's formula read
 * literally would raise to the α as given, α that does not sum to 1 gets a warning, and the result's
 * `weighting.alpha` holds the shares used.
 */
export function combinedWeights<S, I>(
  spec: CombinedWeights<S>,
  target: Target,
  weigh: (spec: S, target: Target) => Part<I>,
): { weights: Float64Array; alpha: number[]; parts: Part<I>[] } {
  const alpha = alphaShares(spec.alpha, spec.parts.length, join(target.path, 'alpha'), target.warn);
  const parts = spec.parts.map((part, k) => weigh(part, { ...target, path: `${join(target.path, 'parts')}[${k}]` }));
  const n = target.names.length;
  const out = new Float64Array(n);
  if (spec.mix === 'linear') {
    parts.forEach((p, k) => {
      for (let j = 0; j < n; j++) out[j] += alpha[k]! * p.weights[j]!;
    });
  } else {
    out.fill(1);
    parts.forEach((p, k) => {
      // α = 0 leaves a part out entirely (0⁰ = 1), even where it gives a criterion zero weight.
      if (alpha[k] === 0) return;
      for (let j = 0; j < n; j++) out[j] *= p.weights[j]! ** alpha[k]!;
    });
    if (out.every((v) => v === 0)) {
      fail(
        target.path,
        `the multiplicative mix gives every ${target.noun} zero weight (each has zero weight in some part); use "mix": "linear"`,
      );
    }
  }
  return { weights: shares(out), alpha, parts };
}

/** Σα this close to 1 is 1 written in decimals (0.1 + 0.2 + 0.7 is 0.9999999999999999). */
const SUM_TOLERANCE = 1e-9;

/** α scaled to sum 1 (equal shares by default), after checking length, sign and not all zero. */
function alphaShares(alpha: readonly number[] | undefined, count: number, path: string, warn: Warn): number[] {
  if (alpha === undefined) return new Array<number>(count).fill(1 / count);
  if (alpha.length !== count) fail(path, `expected ${count} values (one per part), got ${alpha.length}`);
  alpha.forEach((v, k) => {
    if (!Number.isFinite(v) || v < 0) fail(`${path}[${k}]`, `expected a finite number ≥ 0, got ${v}`);
  });
  const total = sum(alpha);
  if (total === 0) fail(path, 'alpha must not be all zero');
  const scaled = Array.from(shares(alpha));
  if (Math.abs(total - 1) > SUM_TOLERANCE)
    warn(
      `${path} sums to ${total}, not 1: used as shares α_k / Σα = ${scaled.map((v) => Number(v.toPrecision(4))).join(', ')}`,
    );
  return scaled;
}

export const combined = defineComposite({
  method: 'combined',
  label: 'combined weights',
  schema: (nested) =>
    z.strictObject({
      method: z.literal('combined'),
      parts: z.array(nested).min(2),
      alpha: z.array(z.number().nonnegative()).optional(),
      mix: z.enum(['linear', 'multiplicative']).default('linear'),
    }),
  minAlternatives: 1,
  weigh(spec, target, nested): Part<CombinedInfo> {
    const { weights, alpha, parts } = combinedWeights(spec, target, nested);
    return { weights, info: { method: 'combined', mix: spec.mix, alpha, parts: parts.map(weighed) } };
  },
  cost: (spec, size, nested) =>
    plus(...spec.parts.map((part) => nested(part, size)), {
      ns: 20 * size.n * spec.parts.length,
      bytes: 8 * size.n * spec.parts.length,
      json: 60 + spec.parts.length * size.n * NUMBER_JSON,
    }),
});
