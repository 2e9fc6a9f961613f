import { describe, expect, it } from 'vitest';
import { ranks } from '../../../src/engine/rank.ts';
import { TRIANTAPHYLLOU } from '../fixtures/published.ts';
import { rounded, run } from './run.ts';

const { rows, types, weights } = TRIANTAPHYLLOU;

describe('WSM', () => {
  it('reproduces Triantaphyllou’s example on raw values, with A2 and A3 tied', () => {
    // Published WSM scores: 21.50, 22.00, 22.00 (Triantaphyllou 2000, §2.2).
    const { scores, details } = run({ name: 'wsm', normalization: 'none' }, rows, types, weights);
    expect(rounded(scores, 2)).toEqual([21.5, 22, 22]);
    expect(ranks(scores, 'higher')).toEqual([3, 1, 1]);
    expect(details).toEqual({});
  });

  it('defaults to min-max normalization: s = Σ w (x − min)/(max − min)', () => {
    // Column ranges 10..30, 10..30, 15..30, 10..30; by hand A1 = .2(.75) + .15(.5) + .4(0) + .25(1) = 0.475,
    // A2 = .2(0) + .15(1) + .4(1/3) + .25(1) = 0.5333, A3 = .2(1) + .15(0) + .4(1) + .25(0) = 0.6.
    const { scores } = run({ name: 'wsm', normalization: 'minmax' }, rows, types, weights);
    expect(rounded(scores, 4)).toEqual([0.475, 0.5333, 0.6]);
  });

  it('with "none", enters a cost column with a minus sign', () => {
    const { scores } = run(
      { name: 'wsm', normalization: 'none' },
      [
        [2, 5],
        [4, 1],
      ],
      ['benefit', 'cost'],
      [0.5, 0.5],
    );
    expect(Array.from(scores)).toEqual([0.5 * 2 - 0.5 * 5, 0.5 * 4 - 0.5 * 1]);
  });
});
