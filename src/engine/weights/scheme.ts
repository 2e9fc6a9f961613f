import type { z } from 'zod';
import type { ProblemSize, Work } from '../work.ts';
import type { Target } from './target.ts';

/** A weight vector over a target and how it came about. */
export interface Part<I> {
  readonly weights: Float64Array;
  readonly info: I;
}

/** A scheme's spec schema: a strict zod object discriminated by its literal `method`. */
export type WeightSchema = z.core.$ZodTypeDiscriminable & z.ZodType<{ method: string }, unknown>;

/**
 * Weighs an inner spec of a scheme made of others (combined, hierarchical). The composite schemes are written for
 * any spec and info: weights/index.ts ties the recursion (WeightSpec, WeightingInfo), so nothing here imports it.
 */
export type Nested = (spec: unknown, target: Target) => Part<unknown>;

/** A nested scheme's own weights (local to what it weighed) next to how it got them. */
export type Weighed<I> = I & { readonly weights: number[] };

/**
 * Everything the engine knows about one weighting scheme (docs/engine.md §4, "Adding a method"): the spec's schema,
 * from which problem.ts builds the `weights` union; how to weigh a target; how many alternatives it needs, which
 * validate.ts checks for the whole problem; and a label for people. `I` is its part of the result's `weighting`.
 */
export interface PlainWeighting<M extends string = string, S extends WeightSchema = WeightSchema, I = unknown> {
  readonly method: M;
  /** The scheme's name as people write it, e.g. "CRITIC". */
  readonly label: string;
  readonly schema: S;
  readonly minAlternatives: number;
  weigh(spec: z.output<S>, target: Target): Part<I>;
  /** Its term of the cost model (docs/engine.md §11) for a target of `size`, from sizes alone. */
  cost(spec: z.output<S>, size: ProblemSize): Work;
}

/**
 * A scheme made of other specs (combined, hierarchical): its schema is built around the schema of any spec
 * (`nested`), and `weigh` is handed the function that weighs an inner spec.
 */
export interface CompositeWeighting<M extends string = string, S extends WeightSchema = WeightSchema, I = unknown>
  extends Omit<PlainWeighting<M, S, I>, 'schema' | 'weigh' | 'cost'> {
  schema(nested: z.ZodType<unknown, unknown>): S;
  weigh(spec: z.output<S>, target: Target, nested: Nested): Part<I>;
  /** `nested` gives an inner spec's term for a target of its size. */
  cost(spec: z.output<S>, size: ProblemSize, nested: (spec: unknown, size: ProblemSize) => Work): Work;
}

export type WeightingDescriptor = PlainWeighting | CompositeWeighting;

/** Checks that `method` is the schema's literal and infers the descriptor's types. */
export const defineWeighting = <const M extends string, S extends WeightSchema & z.ZodType<{ method: M }, unknown>, I>(
  descriptor: PlainWeighting<M, S, I>,
): PlainWeighting<M, S, I> => descriptor;

export const defineComposite = <const M extends string, S extends WeightSchema & z.ZodType<{ method: M }, unknown>, I>(
  descriptor: CompositeWeighting<M, S, I>,
): CompositeWeighting<M, S, I> => descriptor;

/** A nested scheme's own weights (local to what it weighed) next to how it got them. */
export const weighed = <I>(part: Part<I>): Weighed<I> => ({
  ...part.info,
  weights: Array.from(part.weights),
});
