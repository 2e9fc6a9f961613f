import type { Criterion } from './spec.ts';

/**
 * The terms each method and weighting descriptor gives the cost model (cost.ts, docs/engine.md §11). Times are in
 * nanoseconds on the machine the coefficients were measured on, memory and JSON in bytes; the coefficients
 * sit with the code whose work they measure and are checked by tests/engine/cost.test.ts.
 */

/** What a cost term is computed from: sizes, and the decision matrix where the work depends on the data. */
export interface ProblemSize {
  /** Alternatives. */
  readonly m: number;
  /** Criteria weighed or ranked on. */
  readonly n: number;
  readonly criteria: readonly Criterion[];
  /** The problem's `matrix`, absent with a panel (its aggregate is not known before it is computed). */
  readonly rows?: readonly (readonly number[])[] | undefined;
  /** The problem's dimensions ([] when it has none). */
  readonly dimensions: readonly string[];
}

export interface Work {
  readonly ns: number;
  /** Memory the work holds while it runs, typed arrays and objects. */
  readonly bytes: number;
  /** What it adds to the result's JSON text. */
  readonly json: number;
}

export interface MethodCost {
  /** The weight-independent work of `prepare`, once, and the `details` it adds to the result. */
  readonly prepare: Work;
  /** One call of `score`: what sensitivity analysis repeats for every sample and one-way step. */
  readonly scoreNs: number;
}

/** Characters of a double in the result's JSON (17 significant digits, a sign or exponent now and then, a comma). */
export const NUMBER_JSON = 20;

/** Comparisons of a sort of `count` items. */
export const sortSteps = (count: number): number => (count > 1 ? count * Math.log2(count) : 0);

/** Ranking m scores (rank.ts's merge sort, ties, the rank array). */
export const rankNs = (m: number): number => 6 * sortSteps(m) + 20 * m;

export const ZERO: Work = { ns: 0, bytes: 0, json: 0 };

export const plus = (...works: readonly Work[]): Work => ({
  ns: works.reduce((s, w) => s + w.ns, 0),
  bytes: works.reduce((s, w) => s + w.bytes, 0),
  json: works.reduce((s, w) => s + w.json, 0),
});
