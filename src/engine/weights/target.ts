import { fail, type Warn } from '../errors.ts';
import { type Matrix, selectColumns } from '../matrix.ts';
import { normalize } from '../normalize.ts';
import type { Criterion } from '../spec.ts';

/**
 * What one weight spec is asked to weigh. At the top level that is every criterion; inside
 * `hierarchical` it is either the dimensions themselves (no data, only judgments) or one dimension's
 * criteria, which is why a scheme cannot simply assume "the columns of the matrix".
 */
export interface Target {
  /** Names of the things weighed, in order: criterion ids or dimension codes. */
  readonly names: readonly string[];
  readonly noun: 'criterion' | 'dimension';
  /** The decision data, absent when dimensions are weighed. */
  readonly data?: TargetData;
  /** Set when weighing one dimension's criteria inside `hierarchical.within` (AHP matrices are keyed by it). */
  readonly dimension?: string;
  readonly warn: Warn;
  /** Where the spec sits in the submitted JSON, e.g. `weights.within`. */
  readonly path: string;
}

export interface TargetData {
  /** The full raw matrix, m × n over all criteria. */
  readonly matrix: Matrix;
  /** All criteria of the problem. */
  readonly criteria: readonly Criterion[];
  /** Which criteria (column indexes) are weighed, in order. */
  readonly columns: readonly number[];
  /** The problem's dimensions ([] when it has none). */
  readonly dimensions: readonly string[];
}

export const join = (path: string, key: string): string => (path === '' ? key : `${path}.${key}`);

/** The weighed columns as their own matrix, without copying when they are all of them in order. */
const targetMatrix = (data: TargetData): Matrix => {
  const { matrix, columns } = data;
  const whole = columns.length === matrix.cols && columns.every((c, k) => c === k);
  return whole ? matrix : selectColumns(matrix, columns);
};

const targetCriteria = (data: TargetData): Criterion[] => data.columns.map((c) => data.criteria[c]!);

/** The data a data-driven scheme (entropy, CRITIC) weighs, checked for what every such scheme needs. */
export function dataFor(target: Target, scheme: string): { criteria: Criterion[]; x: Matrix } {
  const data = target.data;
  if (!data)
    return fail(
      join(target.path, 'method'),
      `${scheme} weights need data; dimensions can only be weighed by judgment (equal, direct or ahp)`,
    );
  const x = targetMatrix(data);
  if (x.rows < 2) fail(target.path, `${scheme} weights need at least two alternatives, got ${x.rows}`);
  return { criteria: targetCriteria(data), x };
}

/** Min-max r by type (all as benefit when `respectTypes` is false), honouring fixed bounds (docs/engine.md §3). */
export const minmaxOf = (x: Matrix, criteria: readonly Criterion[], warn: Warn, respectTypes = true): Matrix =>
  normalize(
    x,
    'minmax',
    {
      ids: criteria.map((c) => c.id),
      types: criteria.map((c) => (respectTypes ? c.type : 'benefit')),
      bounds: criteria.map((c) => c.bounds),
    },
    warn,
  );

/** Uniform weights, the fallback when nothing discriminates. */
export const uniform = (n: number): Float64Array => new Float64Array(n).fill(1 / n);
