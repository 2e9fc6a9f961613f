import { describe, expect, it } from 'vitest';
import { ranks } from '../../../src/engine/rank.ts';
import { issuesOf } from '../fixtures/issues.ts';
import { TRIANTAPHYLLOU } from '../fixtures/published.ts';
import { prepare, rounded, run } from './run.ts';

// Published WPM comparison of Triantaphyllou (2000), §2.3: P(A1/A2) = 1.007, P(A1/A3) = 1.067,
// P(A2/A3) = 1.059, so A1 > A2 > A3.
const { rows, types, weights } = TRIANTAPHYLLOU;

const ratios = (s: ArrayLike<number>) => [s[0]! / s[1]!, s[0]! / s[2]!, s[1]! / s[2]!];

describe('WPM', () => {
  it('reproduces Triantaphyllou’s ratios on raw values', () => {
    const { scores } = run({ name: 'wpm', normalization: 'none' }, rows, types, weights);
    expect(rounded(ratios(scores), 3)).toEqual([1.007, 1.067, 1.059]);
  });

  it('gives the same ratios with its default "max" normalization (dividing a column by a constant cancels out)', () => {
    const { scores } = run({ name: 'wpm', normalization: 'max' }, rows, types, weights);
    expect(rounded(ratios(scores), 3)).toEqual([1.007, 1.067, 1.059]);
    // s = Π (x/max)^w ≤ 1 with equality only for the column-wise best.
    for (const s of scores) expect(s).toBeLessThanOrEqual(1);
  });

  it('ranks higher products first: A1, A2, A3 as Triantaphyllou does', () => {
    const { method } = prepare({ name: 'wpm', normalization: 'max' }, rows, types);
    expect(ranks(method.score(Float64Array.from(weights)).scores, method.better)).toEqual([1, 2, 3]);
  });

  it('warns about the exponent −w only with "none" and a cost criterion', () => {
    // "max" has already turned the cost column around (min/x); with "none" and benefit criteria only, no −w.
    const costRows = [
      [2, 4],
      [8, 1],
    ];
    expect(run({ name: 'wpm', normalization: 'max' }, costRows, ['benefit', 'cost'], [0.5, 0.5]).warnings).toEqual([]);
    expect(run({ name: 'wpm', normalization: 'none' }, rows, types, weights).warnings).toEqual([]);
  });

  it('with "none", gives a cost column the exponent −w', () => {
    // (2^.5)(4^−.5) and (8^.5)(1^−.5)
    const { scoreList, warnings } = run(
      { name: 'wpm', normalization: 'none' },
      [
        [2, 4],
        [8, 1],
      ],
      ['benefit', 'cost'],
      [0.5, 0.5],
    );
    expect(scoreList).toEqual([expect.closeTo(Math.sqrt(2 / 4), 12), expect.closeTo(Math.sqrt(8), 12)]);
    // The spec leaves WPM's use of the type with "none" open; the convention is said in the warnings.
    expect(warnings).toEqual([
      'WPM with "none" normalization: a cost criterion enters as x^(−w), so that higher still means better',
    ]);
  });

  it('needs r > 0 and names every cell that is not', () => {
    // Min-max sends each column's worst value to 0: row 1 (10) in the first column, row 0 (15) in the third,
    // row 2 (10) in the second and fourth.
    const minmax = issuesOf(() => prepare({ name: 'wpm', normalization: 'minmax' }, rows, types));
    expect(minmax.map((i) => i.path)).toEqual(['matrix[1][0]', 'matrix[2][1]', 'matrix[0][2]', 'matrix[2][3]']);
    expect(minmax[0]!.message).toBe(
      'WPM needs normalized values > 0, but "minmax" normalization gives 0 here (criterion c1); "max" or "sum" keep positive data positive',
    );

    const negative = issuesOf(() =>
      prepare(
        { name: 'wpm', normalization: 'none' },
        [
          [1, 0],
          [3, -4],
        ],
        ['benefit', 'benefit'],
      ),
    );
    expect(negative).toEqual([
      { path: 'matrix[0][1]', message: expect.stringContaining('got 0') },
      { path: 'matrix[1][1]', message: expect.stringContaining('got -4') },
    ]);

    const zeroWithMax = issuesOf(() =>
      prepare(
        { name: 'wpm', normalization: 'max' },
        [
          [0, 2],
          [3, 4],
        ],
        ['benefit', 'benefit'],
      ),
    );
    expect(zeroWithMax[0]!.path).toBe('matrix[0][0]');
  });
});
