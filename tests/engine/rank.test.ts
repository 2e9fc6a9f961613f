import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Better, order, Ranker, ranks, tied } from '../../src/engine/rank.ts';

describe('ranks', () => {
  it('gives 1 to the best and lets ties share the smallest rank (docs/engine.md §5: 1, 2, 2, 4)', () => {
    expect(ranks([0.9, 0.5, 0.5, 0.1], 'higher')).toEqual([1, 2, 2, 4]);
    expect(ranks([0.1, 0.5, 0.5, 0.9], 'lower')).toEqual([1, 2, 2, 4]);
    expect(ranks([3, 1, 2], 'higher')).toEqual([1, 3, 2]);
  });

  it('treats scores within 1e-9 relative as tied, and no further', () => {
    expect(ranks([1, 1 + 5e-10, 0.5], 'higher')).toEqual([1, 1, 3]);
    expect(ranks([1, 1 + 5e-9, 0.5], 'higher')).toEqual([2, 1, 3]);
    expect(tied(1e6, 1e6 + 1e-4)).toBe(true);
    expect(tied(1e6, 1e6 + 1e-2)).toBe(false);
  });

  it('ties round-off around zero (PROMETHEE net flows of identical alternatives)', () => {
    expect(tied(1e-17, -2e-17)).toBe(true);
    expect(ranks([2.7755575615628914e-17, -5.551115123125783e-17, 0.4], 'higher')).toEqual([2, 2, 1]);
  });

  it('keeps the rule relative for scores that are all tiny (WSM or WPM on raw data in a small unit)', () => {
    expect(ranks([1e-20, 3e-20, 2e-20], 'higher')).toEqual([3, 1, 2]);
    expect(ranks([1e-20, 1e-20 * (1 + 5e-10), 2e-20], 'higher')).toEqual([2, 2, 1]);
    // Round-off around zero is measured against the largest score: 1e-17 is nothing next to 0.4.
    expect(ranks([1e-17, -2e-17, 0.4], 'higher')).toEqual([2, 2, 1]);
  });

  it('measures a tie group from its best member, so near-ties cannot chain', () => {
    // Each neighbour is within 1e-9 relative of the next, but the last is 1.6e-9 below the first.
    const s = [1, 1 - 8e-10, 1 - 1.6e-9];
    expect(ranks(s, 'higher')).toEqual([1, 1, 3]);
  });

  it('is 1 + the number of strictly better alternatives, for any scores', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 30 }),
        fc.boolean(),
        (xs, higher) => {
          const got = ranks(xs, higher ? 'higher' : 'lower');
          const expected = xs.map((x) => 1 + xs.filter((y) => (higher ? y > x : y < x)).length);
          expect(got).toEqual(expected);
          // A permutation of 1..m up to ties: each rank r is held by the alternatives that r − 1 others beat.
          const sorted = [...got].sort((a, b) => a - b);
          sorted.forEach((r, k) => expect(r).toBe(k === 0 || r !== sorted[k - 1] ? k + 1 : sorted[k - 1]));
        },
      ),
    );
  });
});

/**
 * The rule of docs/engine.md §5 spelled out plainly: best first by a comparator sort (ties by index), each group from
 * its
 * best member, ties measured on the scale of the largest |score|.
 */
function byDefinition(scores: readonly number[], better: Better): number[] {
  const sign = better === 'higher' ? -1 : 1;
  const byScore = scores.map((_, i) => i).sort((a, b) => sign * (scores[a]! - scores[b]!) || a - b);
  const scale = Math.max(...scores.map(Math.abs));
  const out = new Array<number>(scores.length);
  let leader = 0;
  byScore.forEach((i, k) => {
    if (!tied(scores[byScore[leader]!]!, scores[i]!, scale)) leader = k;
    out[i] = leader + 1;
  });
  return out;
}

describe('the merge-sort ranker', () => {
  it('ranks by the definition, near-ties included (property)', () => {
    // Scores drawn from a few base values, each nudged by nothing, by less than the 1e-9 relative tolerance
    // or by more, so ties, near-ties and chains of near-ties all occur; up to 40 scores, past the runs of 8.
    const score = fc
      .tuple(fc.constantFrom(0, 0.25, 0.5, 1, -3), fc.constantFrom(0, 1e-12, 3e-10, 8e-10, 2e-9, 1e-3))
      .map(([b, d]) => b + d);
    fc.assert(
      fc.property(
        fc.array(score, { minLength: 1, maxLength: 40 }),
        fc.constantFrom<Better>('higher', 'lower'),
        (scores, better) => {
          expect(ranks(scores, better)).toEqual(byDefinition(scores, better));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('keeps ranking by the definition when reused over a run of samples, small changes and reshuffles alike (property)', () => {
    const m = 40;
    const sample = fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: m, maxLength: m });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(sample, fc.boolean()), { minLength: 2, maxLength: 12 }),
        fc.constantFrom<Better>('higher', 'lower'),
        (steps, better) => {
          const ranker = new Ranker(m, better);
          let scores = steps[0]![0];
          for (const [noise, reshuffle] of steps) {
            // Either a small nudge of the previous scores (few moves) or fresh scores (many).
            scores = reshuffle ? noise : scores.map((x, i) => x + noise[i]! * 1e-3);
            expect(Array.from(ranker.rank(scores))).toEqual(byDefinition(scores, better));
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('order', () => {
  it('lists names best first, tied alternatives in input order', () => {
    expect(order(['A', 'B', 'C', 'D'], [3, 1, 3, 2])).toEqual(['B', 'D', 'A', 'C']);
  });

  it('is consistent with ranks for any scores', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 20 }), (xs) => {
        const names = xs.map((_, i) => `a${i}`);
        const r = ranks(xs, 'higher');
        const listed = order(names, r).map((name) => Number(name.slice(1)));
        for (let k = 1; k < listed.length; k++) {
          const [prev, cur] = [listed[k - 1]!, listed[k]!];
          expect(xs[prev]! > xs[cur]! || (xs[prev] === xs[cur] && prev < cur)).toBe(true);
        }
      }),
    );
  });
});
