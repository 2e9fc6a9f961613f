import { fail, type Warn } from '../errors.ts';
import type { Matrix } from '../matrix.ts';
import { type ColumnInfo, defaultCellPath } from '../normalize.ts';
import type { Criterion } from '../problem.ts';
import type { Better } from '../rank.ts';

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

export interface MethodScore {
  readonly scores: Float64Array;
  /**
   * The per-method result fields of docs/engine.md §5, JSON-ready (plain arrays). Built on demand: sensitivity reruns
   * `score` thousands of times for the scores alone, and some details (VIKOR's conditions, compare's Spearman
   * matrix) cost more than the scores.
   */
  details(): Record<string, unknown>;
}

/**
 * A method with its weight-independent work (normalization, preference degrees) done once, so that
 * sensitivity analysis can call `score` thousands of times. Each call returns fresh arrays: callers may keep
 * results from several calls.
 */
export interface PreparedMethod {
  readonly better: Better;
  score(weights: Float64Array): MethodScore;
  /** The normalized matrix the method works on, for `explain`, where the method has one. */
  readonly normalized?: Matrix;
}

export const columnInfo = (criteria: readonly Criterion[]): ColumnInfo => ({
  ids: criteria.map((c) => c.id),
  types: criteria.map((c) => c.type),
  bounds: criteria.map((c) => c.bounds),
});

export const cellPathOf = (data: MethodData): ((i: number, j: number) => string) => data.cellPath ?? defaultCellPath;

/** Methods that compare alternatives with each other (ideal points, Q's 1/(m − 1), flows over m − 1) need two. */
export const requireTwoAlternatives = (data: MethodData, method: string): void => {
  if (data.matrix.rows < 2) fail('alternatives', `"${method}" needs at least 2 alternatives, got ${data.matrix.rows}`);
};

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

/** Σ_j w_j a_ij for every row of the row-major m × n `a`: the weighted sum and, over logarithms, the weighted product. */
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
