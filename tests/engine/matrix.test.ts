import { describe, expect, it } from 'vitest';
import { column, fromRows, selectColumns, toRows } from '../../src/engine/matrix.ts';

describe('matrix', () => {
  it('stores rows row-major and gives them back', () => {
    const rows = [
      [1, 2, 3],
      [4, 5, 6],
    ];
    const matrix = fromRows(rows);
    expect([matrix.rows, matrix.cols, Array.from(matrix.data)]).toEqual([2, 3, [1, 2, 3, 4, 5, 6]]);
    expect(toRows(matrix)).toEqual(rows);
  });

  it('makes no rows into a 0 × 0 matrix', () => {
    const matrix = fromRows([]);
    expect([matrix.rows, matrix.cols, matrix.data.length]).toEqual([0, 0, 0]);
    expect(toRows(matrix)).toEqual([]);
  });

  it('copies out a column, and the chosen columns in the order asked', () => {
    const matrix = fromRows([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(Array.from(column(matrix, 1))).toEqual([2, 5]);
    expect(toRows(selectColumns(matrix, [2, 0]))).toEqual([
      [3, 1],
      [6, 4],
    ]);
  });
});
