import { describe, expect, it } from 'vitest';
import { explain } from '../../src/engine/explain.ts';
import { fromRows } from '../../src/engine/matrix.ts';
import type { Criterion } from '../../src/engine/problem.ts';

const matrix = fromRows([
  [2, 4],
  [8, 1],
]);
const normalized = fromRows([
  [0.25, 0.25],
  [1, 1],
]);
const criteria: Criterion[] = [
  { id: 'a', type: 'benefit' },
  { id: 'b', type: 'cost' },
];
const weights = Float64Array.from([0.5, 0.5]);

describe('explain', () => {
  it('gives r_ij and w_j r_ij for a method that normalizes (docs/engine.md §2)', () => {
    expect(explain({ matrix, method: { name: 'wsm', normalization: 'max' }, normalized, weights, criteria })).toEqual({
      matrix: [
        [2, 4],
        [8, 1],
      ],
      normalization: 'max',
      normalized: [
        [0.25, 0.25],
        [1, 1],
      ],
      weighted: [
        [0.125, 0.125],
        [0.5, 0.5],
      ],
    });
  });

  it('gives only the matrix when the method has no normalization or no r_ij is passed', () => {
    expect(explain({ matrix, method: { name: 'vikor', v: 0.5 }, normalized, weights, criteria })).toStrictEqual({
      matrix: [
        [2, 4],
        [8, 1],
      ],
    });
    expect(explain({ matrix, method: { name: 'wsm', normalization: 'max' }, weights, criteria })).toStrictEqual({
      matrix: [
        [2, 4],
        [8, 1],
      ],
    });
  });
});
