import { z } from 'zod';
import type { Warn } from '../errors.ts';
import type { Matrix } from '../matrix.ts';
import type { Criterion } from '../spec.ts';
import type { ProblemSize, Work } from '../work.ts';
import { ahpScheme } from './ahp.ts';
import { type CombinedInfo, type CombinedWeights, combined } from './combined.ts';
import { critic } from './critic.ts';
import { direct } from './direct.ts';
import { entropy } from './entropy.ts';
import { equal } from './equal.ts';
import { type HierarchicalInfo, type HierarchicalWeights, hierarchical } from './hierarchical.ts';
import type { CompositeWeighting, Nested, Part, PlainWeighting, WeightingDescriptor } from './scheme.ts';
import type { Target } from './target.ts';

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
export type { CompositeWeighting, PlainWeighting, WeightingDescriptor } from './scheme.ts';

/**
 * The schemes that weigh from data or judgments, in the order error messages list them. Adding one is writing its
 * module with its descriptor and naming it here (docs/engine.md §4, "Adding a method").
 */
export const PLAIN_WEIGHTINGS = [equal, direct, entropy, critic, ahpScheme] as const;
/** Schemes made of other specs. */
export const COMPOSITE_WEIGHTINGS = [combined, hierarchical] as const;
export const WEIGHTINGS = [...PLAIN_WEIGHTINGS, ...COMPOSITE_WEIGHTINGS] as const;

type PlainSchemas<T extends readonly PlainWeighting[]> = { -readonly [K in keyof T]: T[K]['schema'] };
type CompositeSchemas<T extends readonly CompositeWeighting[]> = {
  -readonly [K in keyof T]: ReturnType<T[K]['schema']>;
};
type Schemas = [...PlainSchemas<typeof PLAIN_WEIGHTINGS>, ...CompositeSchemas<typeof COMPOSITE_WEIGHTINGS>];

/**
 * The problem's `weights` (docs/engine.md §4), discriminated by `method`. The composite schemes take any inner
 * schema, so their output says `unknown` where this one says WeightSpec: the cast is that recursion, closed here.
 */
export const weightSpecSchema = z.lazy(() =>
  z.discriminatedUnion('method', [
    ...PLAIN_WEIGHTINGS.map((scheme) => scheme.schema),
    ...COMPOSITE_WEIGHTINGS.map((scheme) => scheme.schema(weightSpecSchema)),
  ] as Schemas),
) as unknown as z.ZodType<WeightSpec, unknown>;

const byMethod = new Map<string, WeightingDescriptor>(WEIGHTINGS.map((scheme) => [scheme.method, scheme]));

export const weightingDescriptor = (method: string): WeightingDescriptor | undefined => byMethod.get(method);

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

type InfoOf<T> = T extends { weigh(...args: never[]): Part<infer I> } ? I : never;
type SpecOf<T> = T extends { readonly schema: infer S extends z.ZodType } ? z.output<S> : never;
type Plain = (typeof PLAIN_WEIGHTINGS)[number];

export type EqualWeights = SpecOf<Extract<Plain, { method: 'equal' }>>;
export type DirectWeights = SpecOf<Extract<Plain, { method: 'direct' }>>;
export type EntropyWeights = SpecOf<Extract<Plain, { method: 'entropy' }>>;
export type CriticWeights = SpecOf<Extract<Plain, { method: 'critic' }>>;
export type AhpWeights = SpecOf<Extract<Plain, { method: 'ahp' }>>;

/** Discriminated by `method` (docs/engine.md §4); the composite schemes hold specs of any scheme. */
export type WeightSpec = SpecOf<Plain> | CombinedWeights<WeightSpec> | HierarchicalWeights<WeightSpec>;
export type { CombinedWeights, HierarchicalWeights };

/** How the weights came about: the result's `weighting` (docs/engine.md §2), one shape per scheme. */
export type WeightingInfo = InfoOf<Plain> | CombinedInfo<WeightingInfo> | HierarchicalInfo<WeightingInfo>;

/** A nested scheme's own weights (local to what it weighed) next to how it got them. */
export type WeighedInfo = WeightingInfo & { readonly weights: number[] };

export interface WeightOutcome {
  /** Global criterion weights, sum 1, in criteria order. */
  readonly weights: Float64Array;
  readonly info: WeightingInfo;
}

/**
 * Weights for every criterion of the problem (docs/engine.md §4). Bad specs throw a ProblemError with paths under
 * `ctx.path`.
 */
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
  const scheme = byMethod.get(spec.method)!;
  return scheme.weigh(spec as never, target, weigh as Nested) as Part<WeightingInfo>;
}

/** The cost model's term for a weight spec (docs/engine.md §11), nested specs at the size of what they weigh. */
export function weightsCost(spec: WeightSpec, size: ProblemSize): Work {
  return byMethod
    .get(spec.method)!
    .cost(spec as never, size, weightsCost as (spec: unknown, size: ProblemSize) => Work);
}
