import { expect } from 'vitest';
import { fromRows } from '../../../src/engine/matrix.ts';
import type { Criterion } from '../../../src/engine/problem.ts';
import type { WeightContext } from '../../../src/engine/weights/index.ts';

export type Type = Criterion['type'];

/** A weighting context over plain rows; warnings are collected in `warnings`. */
export function context(
  rows: readonly (readonly number[])[],
  options: {
    types?: readonly Type[];
    dimensions?: readonly string[];
    dimensionOf?: readonly string[];
    ids?: readonly string[];
  } = {},
): WeightContext & { warnings: string[] } {
  const warnings: string[] = [];
  const n = rows[0]!.length;
  const criteria: Criterion[] = Array.from({ length: n }, (_, j) => ({
    id: options.ids?.[j] ?? `c${j + 1}`,
    type: options.types?.[j] ?? 'benefit',
    ...(options.dimensionOf ? { dimension: options.dimensionOf[j]! } : {}),
  }));
  return {
    matrix: fromRows(rows),
    criteria,
    dimensions: options.dimensions ?? [],
    warn: (m) => warnings.push(m),
    path: 'weights',
    warnings,
  };
}

/** Element-wise closeness to `digits` decimals, the precision a source publishes. */
export function expectClose(actual: ArrayLike<number>, expected: readonly number[], digits: number): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((e, k) => expect(actual[k], `index ${k}`).toBeCloseTo(e, digits));
}

export const sumOf = (xs: ArrayLike<number>): number => Array.from(xs).reduce((s, v) => s + v, 0);
