import { describe, expect, it } from 'vitest';
import type { VikorDetails } from '../../../src/engine/result.ts';
import { issuesOf } from '../fixtures/issues.ts';
import { OPRICOVIC_TZENG_2004, OPRICOVIC_TZENG_2007, TZENG_HUANG_2011 } from '../fixtures/published.ts';
import { prepare, rounded, run } from './run.ts';

const vikor = (
  rows: readonly (readonly number[])[],
  types: readonly ('benefit' | 'cost')[],
  weights: readonly number[],
  v = 0.5,
) => {
  const result = run({ name: 'vikor', v }, rows, types, weights);
  return { ...result, details: result.details as unknown as VikorDetails };
};

const normalized = (w: number[]) => w.map((x) => x / w.reduce((a, b) => a + b));

describe('VIKOR', () => {
  it('reproduces Opricovic & Tzeng’s (2004) comparison example', () => {
    // Published: S = .5, .375, .5; R = .5, .25, .5; Q = 1, 0, 1; A2 accepted alone.
    const { rows, types, weights } = OPRICOVIC_TZENG_2004;
    const { scoreList, details } = vikor(rows, types, weights);
    expect(scoreList).toEqual([1, 0, 1]);
    expect(details).toEqual({
      S: [0.5, 0.375, 0.5],
      R: [0.5, 0.25, 0.5],
      Q: [1, 0, 1],
      advantage: true,
      stability: true,
      compromise: [1],
    });
  });

  it('reproduces Tzeng & Huang’s (2011) example, where advantage fails', () => {
    // Published: S = .6, .3, .15, .65; R = .3, .2, .15, .4; Q = .75, .25, 0, 1; Q(A2) − Q(A3) = .25 < 1/3,
    // so the compromise set is A3 and A2.
    const { rows, types, weights } = TZENG_HUANG_2011;
    const { details } = vikor(rows, types, weights);
    expect(rounded(details.S, 3)).toEqual([0.6, 0.3, 0.15, 0.65]);
    expect(rounded(details.R, 3)).toEqual([0.3, 0.2, 0.15, 0.4]);
    expect(rounded(details.Q, 3)).toEqual([0.75, 0.25, 0, 1]);
    expect([details.advantage, details.stability, details.compromise]).toEqual([false, true, [2, 1]]);
  });

  it('reproduces Yang & Wu’s (2020) example', () => {
    // Yang, W. & Wu, Y. (2020). A new improvement method to avoid rank reversal in VIKOR. IEEE Access 8,
    // 21261–21271: Q = 0.5679, 0.7667, 1, 0.7493, 0 (also pymcdm's TestVIKOR).
    const { scores } = vikor(
      [
        [78, 56, 34, 6],
        [4, 45, 3, 97],
        [18, 2, 50, 63],
        [9, 14, 11, 92],
        [85, 9, 100, 29],
      ],
      ['benefit', 'benefit', 'benefit', 'benefit'],
      [0.25, 0.25, 0.25, 0.25],
    );
    expect(rounded(scores, 4)).toEqual([0.5679, 0.7667, 1, 0.7493, 0]);
  });

  // Opricovic & Tzeng (2007) (source in fixtures/published.ts): S, R, Q to three decimals
  // for the four weight sets, the conditions and the compromise sets.
  it.each([
    {
      w: [1, 1, 1, 1, 1, 1, 1, 1],
      S: [0.692, 0.7, 0.29, 0.423, 0.28, 0.346],
      R: [0.125, 0.125, 0.121, 0.125, 0.067, 0.125],
      Q: [0.991, 1, 0.473, 0.67, 0, 0.578],
      advantage: true,
      compromise: [4],
    },
    {
      w: [2, 2, 2, 2, 1, 1, 1, 1],
      S: [0.701, 0.6, 0.386, 0.365, 0.317, 0.459],
      R: [0.167, 0.114, 0.161, 0.167, 0.089, 0.167],
      Q: [1, 0.533, 0.552, 0.563, 0, 0.686],
      advantage: true,
      compromise: [4],
    },
    {
      w: [1, 1, 1, 1, 2, 2, 2, 2],
      S: [0.683, 0.8, 0.193, 0.48, 0.243, 0.232],
      R: [0.113, 0.167, 0.08, 0.122, 0.044, 0.083],
      Q: [0.684, 1, 0.147, 0.554, 0.041, 0.191],
      advantage: false,
      compromise: [4, 2, 5],
    },
    {
      w: [1, 1, 1, 1, 3.2, 3.2, 3.2, 3.2],
      S: [0.678, 0.857, 0.138, 0.513, 0.222, 0.167],
      R: [0.129, 0.19, 0.057, 0.139, 0.042, 0.06],
      Q: [0.668, 1, 0.051, 0.588, 0.058, 0.078],
      advantage: false,
      compromise: [2, 4, 5],
    },
  ])(
    'reproduces Opricovic & Tzeng’s (2007) hydropower example with weights $w (S, R, Q, conditions and compromise as published)',
    ({ w, S, R, Q, advantage, compromise }) => {
      const { details } = vikor(OPRICOVIC_TZENG_2007.rows, OPRICOVIC_TZENG_2007.types, normalized(w));
      expect(rounded(details.S, 3)).toEqual(S);
      expect(rounded(details.R, 3)).toEqual(R);
      expect(rounded(details.Q, 3)).toEqual(Q);
      expect(details.advantage).toBe(advantage);
      expect(details.stability).toBe(true);
      // Listed in Q order, a′ first; the paper lists the same sets.
      expect(details.compromise).toEqual(compromise);
    },
  );

  it('keeps a′ and a″ when only stability fails', () => {
    // All cost criteria, equal weights. By hand: S = .4, .6, .2, .21, .55; R = .2, .2, .2, .12, .11;
    // Q = .75, 1, .5, .068, .4375. a′ = A4, a″ = A5: .4375 − .068 ≥ 1/4, but A4 is first by neither S (A3)
    // nor R (A5). (Example from scikit-criteria's test_VIKOR_acceptable_advantage_but_not_stability.)
    const { details } = vikor(
      [
        [1, 101, 1, 101, 1],
        [101, 1, 101, 1, 101],
        [1, 1, 1, 1, 101],
        [11, 11, 11, 16, 61],
        [56, 56, 56, 56, 56],
      ],
      ['cost', 'cost', 'cost', 'cost', 'cost'],
      [0.2, 0.2, 0.2, 0.2, 0.2],
    );
    expect(rounded(details.Q, 4)).toEqual([0.75, 1, 0.5, 0.0681, 0.4375]);
    expect([details.advantage, details.stability, details.compromise]).toEqual([true, false, [3, 4]]);
  });

  it('weighs the group-utility term by v', () => {
    // v = 1: Q is S rescaled to [0, 1]; v = 0: R rescaled. Tzeng & Huang: S 0.15..0.65, R 0.15..0.4.
    const { rows, types, weights } = TZENG_HUANG_2011;
    expect(rounded(vikor(rows, types, weights, 1).scores, 6)).toEqual([0.9, 0.3, 0, 1]);
    expect(rounded(vikor(rows, types, weights, 0).scores, 6)).toEqual([0.6, 0.2, 0, 1]);
  });

  it('lets a constant column add nothing and warns', () => {
    const { details, warnings } = vikor(
      [
        [1, 7],
        [3, 7],
        [2, 7],
      ],
      ['benefit', 'benefit'],
      [0.5, 0.5],
    );
    expect(details.S).toEqual([0.5, 0, 0.25]);
    expect(warnings).toEqual(["criterion c2: constant column, adds 0 to VIKOR's S and R"]);
  });

  it('sets a term whose range is 0 to 0, with a warning', () => {
    // Two alternatives that mirror each other: S = R = .5 for both.
    const { details, warnings } = vikor(
      [
        [1, 0],
        [0, 2],
      ],
      ['benefit', 'benefit'],
      [0.5, 0.5],
    );
    expect(details.S).toEqual([0.5, 0.5]);
    expect(details.Q).toEqual([0, 0]);
    expect(warnings).toEqual([
      'VIKOR: every alternative has the same S, so its term in Q is 0',
      'VIKOR: every alternative has the same R, so its term in Q is 0',
    ]);
  });

  it('warns about a flat term only when that term has a weight in Q (v > 0 for S, v < 1 for R)', () => {
    const mirrored = [
      [1, 0],
      [0, 2],
    ];
    const types = ['benefit', 'benefit'] as const;
    expect(vikor(mirrored, types, [0.5, 0.5], 0).warnings).toEqual([
      'VIKOR: every alternative has the same R, so its term in Q is 0',
    ]);
    expect(vikor(mirrored, types, [0.5, 0.5], 1).warnings).toEqual([
      'VIKOR: every alternative has the same S, so its term in Q is 0',
    ]);
  });

  it('measures the advantage from Q(a′), which need not be 0', () => {
    // Weights .4, .3, .3; A1 is worst on c1 only, A2 on c2 and c3. By hand: S = .4, .6 and R = .4, .3, so A1 is
    // best by S and worst by R; with v = .75, Q = .75·0 + .25·1 = .25 and .75·1 + .25·0 = .75. Q(a″) − Q(a′) =
    // .5 < DQ = 1: no acceptable advantage, and both are in the compromise set.
    const { details } = vikor(
      [
        [0, 1, 1],
        [1, 0, 0],
      ],
      ['benefit', 'benefit', 'benefit'],
      [0.4, 0.3, 0.3],
      0.75,
    );
    expect(rounded(details.Q, 12)).toEqual([0.25, 0.75]);
    expect([details.advantage, details.stability, details.compromise]).toEqual([false, true, [0, 1]]);
  });

  it('takes the earlier of two alternatives tied for first as a′, whatever the round-off', () => {
    // A1 and A2 mirror each other (columns reversed, weights symmetric, A3 a palindrome), so their S, R and Q are
    // equal; summed in a different order, Q(A2) comes out a few ulps below Q(A1). Ties go to the earlier
    // alternative, as the result's order breaks them, and a′ leads the compromise set.
    const { details } = vikor(
      [
        [6, 4, 2, 8],
        [8, 2, 4, 6],
        [0, 5, 5, 0],
      ],
      ['benefit', 'benefit', 'benefit', 'benefit'],
      [2 / 6, 1 / 6, 1 / 6, 2 / 6],
    );
    // The round-off this test is about.
    expect(details.Q[1]).toBeLessThan(details.Q[0]!);
    expect(details.Q[0]).toBeCloseTo(details.Q[1]!, 12);
    expect(details.compromise).toEqual([0, 1]);
  });

  it('lists a compromise set of three or more in Q order, a′ first, equal Q by index', () => {
    // One benefit criterion: Q = (best − x) / (best − worst) with v = 0.5 on S and R alike, and DQ = 1/(m − 1) =
    // 0.25; x = 10, 9.5, 9.8, 9.5, 0 gives Q = 0, 0.05, 0.02, 0.05, 1: all but the last within DQ of a′.
    const { details } = vikor([[10], [9.5], [9.8], [9.5], [0]], ['benefit'], [1]);
    expect(rounded(details.Q, 6)).toEqual([0, 0.05, 0.02, 0.05, 1]);
    expect(details.advantage).toBe(false);
    expect(details.compromise).toEqual([0, 2, 1, 3]);
    // The same with a′ last by index, so that sorting has to move it to the front.
    const reversed = vikor([[0], [9.5], [9.8], [9.5], [10]], ['benefit'], [1]).details;
    expect(reversed.compromise).toEqual([4, 2, 1, 3]);
  });

  it('needs two alternatives', () => {
    expect(issuesOf(() => prepare({ name: 'vikor', v: 0.5 }, [[1, 2]], ['benefit', 'benefit']))).toEqual([
      { path: 'alternatives', message: '"vikor" needs at least 2 alternatives, got 1' },
    ]);
  });
});
