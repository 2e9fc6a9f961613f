import { fromRows } from '../../../src/engine/matrix.ts';
import { type PreparedMethod, prepareMethod } from '../../../src/engine/methods/index.ts';
import type { MethodSpec } from '../../../src/engine/problem.ts';

export type Type = 'benefit' | 'cost';

export interface Prepared {
  method: PreparedMethod;
  warnings: string[];
}

export function prepare(spec: MethodSpec, rows: readonly (readonly number[])[], types: readonly Type[]): Prepared {
  const warnings: string[] = [];
  const method = prepareMethod(spec, {
    matrix: fromRows(rows),
    criteria: types.map((type, j) => ({ id: `c${j + 1}`, type })),
    warn: (message) => warnings.push(message),
    path: 'method',
  });
  return { method, warnings };
}

/** Prepares and scores in one go; weights need not sum to 1 here (the published examples' do). */
export function run(
  spec: MethodSpec,
  rows: readonly (readonly number[])[],
  types: readonly Type[],
  weights: readonly number[],
): { scores: Float64Array; details: Record<string, unknown>; scoreList: number[]; warnings: string[] } {
  const { method, warnings } = prepare(spec, rows, types);
  const result = method.score(Float64Array.from(weights));
  return { scores: result.scores, details: result.details(), scoreList: Array.from(result.scores), warnings };
}

/** Rounds like a published table does (and folds −0 into 0), so expectations can be copied from it. */
export const rounded = (values: ArrayLike<number>, decimals: number): number[] =>
  Array.from(values, (v) => Number(v.toFixed(decimals)) || 0);
