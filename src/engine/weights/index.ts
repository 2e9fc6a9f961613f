import { fail, type Warn } from '../errors.ts';
import type { Matrix } from '../matrix.ts';
import type { AhpWeights, Criterion, WeightSpec } from '../problem.ts';
import { ahpFromSpec, type Consistency, type Pairwise, type Priority } from './ahp.ts';
import { combinedWeights, type Part } from './combined.ts';
import { type CriticDetails, criticWeights } from './critic.ts';
import { directWeights } from './direct.ts';
import { type EntropyDetails, entropyWeights } from './entropy.ts';
import { equalWeights } from './equal.ts';
import { hierarchicalWeights } from './hierarchical.ts';
import { join, type Target } from './target.ts';

export {
  type AhpOptions,
  type AhpResult,
  ahp,
  type Consistency,
  type Judgment,
  type Pairwise,
  type Priority,
  type RandomIndex,
  RECIPROCAL_TOLERANCE,
} from './ahp.ts';

export interface WeightContext {
  /** Raw decision matrix (after panel aggregation), m × n. */
  readonly matrix: Matrix;
  readonly criteria: readonly Criterion[];
  /** The problem's dimensions, [] when it has none. */
  readonly dimensions: readonly string[];
  readonly warn: Warn;
  /** Where the spec sits in the submitted JSON, e.g. `weights` or `weights.parts[1]`. */
  readonly path: string;
}

/** How the weights came about: the result's `weighting` (docs/engine.md §2). */
export type WeightingInfo =
  | { readonly method: 'equal' }
  | { readonly method: 'direct' }
  | ({ readonly method: 'entropy'; readonly normalization: 'none' | 'minmax'; readonly shift: number } & EntropyDetails)
  | ({
      readonly method: 'critic';
      readonly correlation: 'pearson' | 'spearman';
      readonly respectTypes: boolean;
    } & CriticDetails)
  | {
      readonly method: 'ahp';
      readonly priority: Priority;
      readonly consistency: Consistency;
      readonly experts?: Consistency[];
    }
  /** `alpha`: the shares used, α_k / Σα (combined.ts). */
  | {
      readonly method: 'combined';
      readonly mix: 'linear' | 'multiplicative';
      readonly alpha: number[];
      readonly parts: WeighedInfo[];
    }
  | { readonly method: 'hierarchical'; readonly dimensions: WeighedInfo; readonly within: Record<string, WeighedInfo> };

/** A nested scheme's own weights (local to what it weighed) next to how it got them. */
export type WeighedInfo = WeightingInfo & { readonly weights: number[] };

export interface WeightOutcome {
  /** Global criterion weights, sum 1, in criteria order. */
  readonly weights: Float64Array;
  readonly info: WeightingInfo;
}

/** Weights for every criterion of the problem (docs/engine.md §4). Bad specs throw a ProblemError with paths under `ctx.path`. */
export function computeWeights(spec: WeightSpec, ctx: WeightContext): WeightOutcome {
  const target: Target = {
    names: ctx.criteria.map((c) => c.id),
    noun: 'criterion',
    data: {
      matrix: ctx.matrix,
      criteria: ctx.criteria,
      columns: ctx.criteria.map((_, k) => k),
      dimensions: ctx.dimensions,
    },
    warn: ctx.warn,
    path: ctx.path,
  };
  const { weights, info } = weigh(spec, target);
  return { weights, info };
}

function weigh(spec: WeightSpec, target: Target): Part<WeightingInfo> {
  switch (spec.method) {
    case 'equal':
      return { weights: equalWeights(target), info: { method: 'equal' } };
    case 'direct':
      return { weights: directWeights(spec, target), info: { method: 'direct' } };
    case 'entropy': {
      const { weights, details } = entropyWeights(spec, target);
      return { weights, info: { method: 'entropy', normalization: spec.normalization, shift: spec.shift, ...details } };
    }
    case 'critic': {
      const { weights, details } = criticWeights(spec, target);
      return {
        weights,
        info: { method: 'critic', correlation: spec.correlation, respectTypes: spec.respectTypes, ...details },
      };
    }
    case 'ahp':
      return ahpWeights(spec, target);
    case 'combined': {
      const { weights, alpha, parts } = combinedWeights(spec, target, weigh);
      return { weights, info: { method: 'combined', mix: spec.mix, alpha, parts: parts.map(weighed) } };
    }
    case 'hierarchical': {
      const { weights, dimensions, within } = hierarchicalWeights(spec, target, weigh);
      const local = Object.fromEntries(Object.entries(within).map(([d, part]) => [d, weighed(part)]));
      return { weights, info: { method: 'hierarchical', dimensions: weighed(dimensions), within: local } };
    }
  }
}

const weighed = (part: Part<WeightingInfo>): WeighedInfo => ({ ...part.info, weights: Array.from(part.weights) });

function ahpWeights(spec: AhpWeights, target: Target): Part<WeightingInfo> {
  const pairwisePath = join(target.path, 'pairwise');
  const { pairwise } = spec;
  const keyed = !Array.isArray(pairwise);
  const n = target.names.length;
  let matrices: Pairwise;
  let path = pairwisePath;
  if (target.dimension === undefined) {
    if (keyed) {
      return fail(
        pairwisePath,
        'pairwise matrices keyed by dimension belong in hierarchical "within"; give a matrix or a list of matrices',
      );
    }
    matrices = pairwise;
  } else {
    if (!keyed) {
      return fail(
        pairwisePath,
        'inside hierarchical "within", pairwise must be an object with one matrix (or list of matrices) per dimension',
      );
    }
    const known = target.data?.dimensions ?? [];
    const unknown = Object.keys(pairwise).find((key) => !known.includes(key));
    if (unknown !== undefined) fail(join(pairwisePath, unknown), `"${unknown}" is not one of the dimensions`);
    const given = pairwise[target.dimension];
    if (given === undefined) {
      // One criterion needs no comparison: its local weight is 1 by definition.
      if (n === 1)
        return {
          weights: Float64Array.of(1),
          info: {
            method: 'ahp',
            priority: spec.priority,
            consistency: { lambdaMax: 1, ci: 0, cr: 0, acceptable: true },
          },
        };
      return fail(pairwisePath, `missing the pairwise comparisons for dimension "${target.dimension}"`);
    }
    matrices = given;
    path = join(pairwisePath, target.dimension);
  }
  const { weights, consistency, experts } = ahpFromSpec(spec, matrices, n, target.path, path, target.noun, target.warn);
  const info: WeightingInfo = experts
    ? { method: 'ahp', priority: spec.priority, consistency, experts }
    : { method: 'ahp', priority: spec.priority, consistency };
  return { weights: Float64Array.from(weights), info };
}
