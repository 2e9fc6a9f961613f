import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { order, ranks, tied } from '../../src/engine/rank.ts';

describe('ranks', () => {
  it('gives 1 to the best and lets ties share the smallest rank (spec §5: 1, 2, 2, 4)', () => {
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

  it('measures a tie group from its best member, so near-ties cannot chain', () => {
    // Each neighbour is within 1e-9 relative of the next, but the last is 1.6e-9 below the first.
    const s = [1, 1 - 8e-10, 1 - 1.6e-9];
    expect(ranks(s, 'higher')).toEqual([1, 1, 3]);
  });

  it('is 1 + the number of strictly better alternatives, for any scores', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 30 }), fc.boolean(), (xs, higher) => {
        const got = ranks(xs, higher ? 'higher' : 'lower');
        const expected = xs.map((x) => 1 + xs.filter((y) => (higher ? y > x : y < x)).length);
        expect(got).toEqual(expected);
        // A permutation of 1..m up to ties: each rank r is held by the alternatives that r − 1 others beat.
        const sorted = [...got].sort((a, b) => a - b);
        sorted.forEach((r, k) => expect(r).toBe(k === 0 || r !== sorted[k - 1] ? k + 1 : sorted[k - 1]));
      }),
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
