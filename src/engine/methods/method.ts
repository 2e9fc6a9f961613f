import type { z } from 'zod';
import { fail, type Warn } from '../errors.ts';
import type { Matrix } from '../matrix.ts';
import { type ColumnInfo, defaultCellPath } from '../normalize.ts';
import type { Better } from '../rank.ts';
import type { Criterion } from '../spec.ts';
import { type MethodCost, NUMBER_JSON, type ProblemSize } from '../work.ts';

/** What every ranking method is prepared from. */
export interface MethodData {
  /** Raw decision matrix (after panel aggregation), m × n. */
  readonly matrix: Matrix;
  readonly criteria: readonly Criterion[];
  readonly warn: Warn;
  /** Where the method spec sits in the submitted JSON: "method", or "method.methods[1]" inside `compare`. */
  readonly path: string;
  /** Where cell (i, j) sits in the submitted JSON; `matrix[i][j]` unless the values came from elsewhere. */
  readonly cellPath?: (i: number, j: number) => string;
}

export interface MethodScore<D = Record<string, unknown>> {
  readonly scores: Float64Array;
  /**
   * The per-method result fields of docs/engine.md §5, JSON-ready (plain arrays). Built on demand: sensitivity reruns
   * `score` thousands of times for the scores alone, and some details (VIKOR's conditions, compare's Spearman
   * matrix) cost more than the scores.
   */
  details(): D;
}

/**
 * A method with its weight-independent work (normalization, preference degrees) done once, so that
 * sensitivity analysis can call `score` thousands of times. Each call returns fresh arrays: callers may keep
 * results from several calls.
 */
export interface PreparedMethod<D = Record<string, unknown>> {
  readonly better: Better;
  score(weights: Float64Array): MethodScore<D>;
  /** The normalized matrix the method works on, for `explain`, where the method has one. */
  readonly normalized?: Matrix;
}

export const columnInfo = (criteria: readonly Criterion[]): ColumnInfo => ({
  ids: criteria.map((c) => c.id),
  types: criteria.map((c) => c.type),
  bounds: criteria.map((c) => c.bounds),
});

export const cellPathOf = (data: MethodData): ((i: number, j: number) => string) => data.cellPath ?? defaultCellPath;

/** A method's spec schema: a strict zod object discriminated by its literal `name`. */
export type MethodSchema = z.core.$ZodTypeDiscriminable & z.ZodType<{ name: string }, unknown>;

/**
 * Everything the engine knows about one ranking method (docs/engine.md §5, "Adding a method"): the spec's schema,
 * from which problem.ts builds the `method` union; how to prepare it; how many alternatives it needs, which
 * validate.ts checks for the whole problem and `prepareMethod` before preparing; a label for people; and its cost
 * terms for cost.ts. `D` is the shape of its `details` in the result.
 */
export interface MethodDescriptor<N extends string = string, S extends MethodSchema = MethodSchema, D = unknown> {
  readonly name: N;
  /** The method's name as the literature writes it, e.g. "PROMETHEE II". */
  readonly label: string;
  readonly schema: S;
  /** Methods that compare alternatives with each other (ideal points, Q's 1/(m − 1), flows over m − 1) need two. */
  readonly minAlternatives: number;
  prepare(spec: z.output<S>, data: MethodData): PreparedMethod<D>;
  /** Its terms of the cost model (docs/engine.md §11), from sizes alone: no work of `prepare` is done. */
  cost(spec: z.output<S>, size: ProblemSize): MethodCost;
}

/** Checks that `name` is the schema's literal and infers the descriptor's types. */
export const defineMethod = <const N extends string, S extends MethodSchema & z.ZodType<{ name: N }, unknown>, D>(
  descriptor: MethodDescriptor<N, S, D>,
): MethodDescriptor<N, S, D> => descriptor;

export const requireAlternatives = (data: MethodData, method: MethodDescriptor): void => {
  const m = data.matrix.rows;
  if (m < method.minAlternatives)
    fail('alternatives', `"${method.name}" needs at least ${method.minAlternatives} alternatives, got ${m}`);
};

/** JSON characters of a list of m numbers under `key`. */
export const numbersJson = (key: string, m: number): number => key.length + 4 + m * NUMBER_JSON;

/** Smallest and largest of `count` values read from `start` every `stride` (a column of a row-major matrix). */
export const extent = (values: ArrayLike<number>, start = 0, count = values.length, stride = 1): [number, number] => {
  let lo = Infinity;
  let hi = -Infinity;
  for (let k = 0, at = start; k < count; k++, at += stride) {
    const v = values[at]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
};

/**
 * Σ_j w_j a_ij for every row of the row-major m × n `a`: the weighted sum and, over logarithms, the weighted product.
 */
export const weightedRowSums = (a: Float64Array, m: number, n: number, w: Float64Array): Float64Array => {
  const out = new Float64Array(m);
  for (let i = 0, at = 0; i < m; i++) {
    let s = 0;
    for (let j = 0; j < n; j++, at++) s += w[j]! * a[at]!;
    out[i] = s;
  }
  return out;
};

/** Sensitivity reruns `score` thousands of times; the same degenerate case should be reported once. */
export const warnOnce = (warn: Warn): Warn => {
  const seen = new Set<string>();
  return (message) => {
    if (seen.has(message)) return;
    seen.add(message);
    warn(message);
  };
};

/** Nothing beyond the scores. */
export type NoDetails = Record<string, never>;

/** Each method's name with the shape of the details its descriptor's `prepare` builds. */
export type MethodOutcomes<T> = T extends { readonly name: infer N; prepare(...args: never[]): PreparedMethod<infer D> }
  ? { name: N; details: D }
  : never;
