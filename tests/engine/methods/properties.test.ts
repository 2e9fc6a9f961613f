import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Preference, SingleMethodSpec } from '../../../src/engine/problem.ts';
import { ranks } from '../../../src/engine/rank.ts';
import { prepare, type Type } from './run.ts';

interface Case {
  rows: number[][];
  types: Type[];
  weights: number[];
}

/** m × n positive data (so every method, WPM included, accepts it), criterion types and weights summing to 1. */
const problem = (minRows = 2): fc.Arbitrary<Case> =>
  fc.record({ m: fc.integer({ min: minRows, max: 8 }), n: fc.integer({ min: 1, max: 5 }) }).chain(({ m, n }) =>
    fc.record({
      rows: fc.array(fc.array(fc.integer({ min: 1, max: 60 }), { minLength: n, maxLength: n }), {
        minLength: m,
        maxLength: m,
      }),
      types: fc.array(fc.constantFrom<Type>('benefit', 'cost'), { minLength: n, maxLength: n }),
      weights: fc
        .array(fc.integer({ min: 1, max: 20 }), { minLength: n, maxLength: n })
        .map((w) => w.map((x) => x / w.reduce((a, b) => a + b))),
    }),
  );

const preference: fc.Arbitrary<Preference> = fc.oneof(
  fc.constant<Preference>({ function: 'usual' }),
  fc.integer({ min: 0, max: 20 }).map((q): Preference => ({ function: 'ushape', q })),
  fc.integer({ min: 1, max: 30 }).map((p): Preference => ({ function: 'vshape', p })),
  fc
    .tuple(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 1, max: 20 }))
    .map(([q, d]): Preference => ({ function: 'level', q, p: q + d })),
  fc
    .tuple(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 1, max: 20 }))
    .map(([q, d]): Preference => ({ function: 'linear', q, p: q + d })),
  fc.integer({ min: 1, max: 30 }).map((s): Preference => ({ function: 'gaussian', s })),
);

const method: fc.Arbitrary<SingleMethodSpec> = fc.oneof(
  fc
    .constantFrom('minmax', 'vector', 'max', 'sum', 'none')
    .map((normalization): SingleMethodSpec => ({ name: 'wsm', normalization })),
  fc
    .constantFrom('max', 'sum', 'none', 'vector')
    .map((normalization): SingleMethodSpec => ({ name: 'wpm', normalization })),
  fc
    .constantFrom('minmax', 'vector', 'max', 'sum', 'none')
    .map((normalization): SingleMethodSpec => ({ name: 'topsis', normalization })),
  fc.double({ min: 0, max: 1, noNaN: true }).map((v): SingleMethodSpec => ({ name: 'vikor', v })),
  preference.map((p): SingleMethodSpec => ({ name: 'promethee2', preference: p })),
);

const score = (spec: SingleMethodSpec, c: Case) => {
  const { method: prepared } = prepare(spec, c.rows, c.types);
  const { scores, details } = prepared.score(Float64Array.from(c.weights));
  return { scores: Array.from(scores), ranks: ranks(scores, prepared.better), details: details() };
};

/** A permutation of 0..m−1 from random sort keys. */
const permutationOf = (keys: number[]) => keys.map((_, i) => i).sort((a, b) => keys[a]! - keys[b]! || a - b);

describe('every method', () => {
  it('permutes scores and ranks with the alternatives', () => {
    fc.assert(
      fc.property(
        method,
        problem().chain((c) =>
          fc.tuple(
            fc.constant(c),
            fc.array(fc.double({ noNaN: true }), { minLength: c.rows.length, maxLength: c.rows.length }),
          ),
        ),
        (spec, [c, keys]) => {
          const perm = permutationOf(keys);
          const original = score(spec, c);
          const shuffled = score(spec, { ...c, rows: perm.map((i) => c.rows[i]!) });
          perm.forEach((from, to) => {
            expect(shuffled.scores[to]).toBeCloseTo(original.scores[from]!, 9);
            expect(shuffled.ranks[to]).toBe(original.ranks[from]);
          });
        },
      ),
    );
  });

  it('ranks 1..m with ties sharing the smallest rank', () => {
    fc.assert(
      fc.property(method, problem(), (spec, c) => {
        const { ranks: r } = score(spec, c);
        const sorted = [...r].sort((a, b) => a - b);
        expect(sorted[0]).toBe(1);
        sorted.forEach((rank, k) => expect(rank === k + 1 || rank === sorted[k - 1]).toBe(true));
      }),
    );
  });
});

/** PROMETHEE II straight from the spec's pairwise definitions, O(m²n), as an oracle for the sorted algorithm. */
function pairwisePromethee(c: Case, prefs: Preference[]): { phiPlus: number[]; phiMinus: number[] } {
  const P = (pref: Preference, d: number): number => {
    const { q = 0, p = 0, s = 0 } = pref;
    switch (pref.function) {
      case 'usual':
        return d > 0 ? 1 : 0;
      case 'ushape':
        return d > q ? 1 : 0;
      case 'vshape':
        return d <= 0 ? 0 : d <= p ? d / p : 1;
      case 'level':
        return d <= q ? 0 : d <= p ? 0.5 : 1;
      case 'linear':
        return d <= q ? 0 : d <= p ? (d - q) / (p - q) : 1;
      case 'gaussian':
        return d <= 0 ? 0 : 1 - Math.exp(-(d * d) / (2 * s * s));
    }
  };
  const m = c.rows.length;
  const pi = (a: number, b: number) =>
    c.weights.reduce((sum, w, j) => {
      const d = c.types[j] === 'cost' ? c.rows[b]![j]! - c.rows[a]![j]! : c.rows[a]![j]! - c.rows[b]![j]!;
      return sum + w * P(prefs[j]!, d);
    }, 0);
  const others = (a: number) => c.rows.map((_, b) => b).filter((b) => b !== a);
  return {
    phiPlus: c.rows.map((_, a) => others(a).reduce((sum, b) => sum + pi(a, b), 0) / (m - 1)),
    phiMinus: c.rows.map((_, a) => others(a).reduce((sum, b) => sum + pi(b, a), 0) / (m - 1)),
  };
}

describe('PROMETHEE II', () => {
  it('agrees with the pairwise definition, thresholds and ties included', () => {
    // Small integer data and integer thresholds make differences land exactly on q and p, and repeat values.
    const small = problem().map((c) => ({ ...c, rows: c.rows.map((row) => row.map((x) => x % 7)) }));
    fc.assert(
      fc.property(
        small,
        fc.array(
          preference.map((p) => ({ ...p, ...(p.s ? { s: (p.s % 4) + 1 } : {}) })),
          { minLength: 5, maxLength: 5 },
        ),
        (c, prefs) => {
          const perCriterion = prefs.slice(0, c.types.length);
          const { details } = score({ name: 'promethee2', preference: perCriterion }, c);
          const expected = pairwisePromethee(c, perCriterion);
          const got = details as { phiPlus: number[]; phiMinus: number[] };
          got.phiPlus.forEach((f, a) => expect(f).toBeCloseTo(expected.phiPlus[a]!, 12));
          got.phiMinus.forEach((f, a) => expect(f).toBeCloseTo(expected.phiMinus[a]!, 12));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('min-max methods', () => {
  it('ignore a positive rescaling of a benefit column (WSM, TOPSIS)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('wsm' as const, 'topsis' as const),
        problem(),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        fc.nat(),
        (name, c, factor, pick) => {
          const benefit = c.types.flatMap((t, j) => (t === 'benefit' ? [j] : []));
          fc.pre(benefit.length > 0);
          const j = benefit[pick % benefit.length]!;
          const scaled = { ...c, rows: c.rows.map((row) => row.map((x, k) => (k === j ? x * factor : x))) };
          const spec = { name, normalization: 'minmax' } as const;
          const before = score(spec, c).scores;
          score(spec, scaled).scores.forEach((s, i) => expect(s).toBeCloseTo(before[i]!, 9));
        },
      ),
    );
  });
});

describe('method ranges', () => {
  it('TOPSIS closeness lies in [0, 1] under every normalization', () => {
    fc.assert(
      fc.property(fc.constantFrom('minmax', 'vector', 'max', 'sum', 'none' as const), problem(), (normalization, c) => {
        for (const s of score({ name: 'topsis', normalization }, c).scores) {
          expect(s).toBeGreaterThanOrEqual(0);
          expect(s).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  it('PROMETHEE net flows sum to 0, and φ⁺, φ⁻ lie in [0, 1]', () => {
    fc.assert(
      fc.property(problem(), fc.array(preference, { minLength: 5, maxLength: 5 }), fc.boolean(), (c, prefs, shared) => {
        const spec: SingleMethodSpec = {
          name: 'promethee2',
          preference: shared ? prefs[0]! : prefs.slice(0, c.types.length),
        };
        const { scores, details } = score(spec, c);
        expect(scores.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 9);
        const { phiPlus, phiMinus } = details as { phiPlus: number[]; phiMinus: number[] };
        for (const f of [...phiPlus, ...phiMinus]) {
          expect(f).toBeGreaterThanOrEqual(-1e-12);
          expect(f).toBeLessThanOrEqual(1 + 1e-12);
        }
      }),
    );
  });

  it('VIKOR Q lies in [0, 1], with the compromise set led by a best Q', () => {
    fc.assert(
      fc.property(problem(), fc.double({ min: 0, max: 1, noNaN: true }), (c, v) => {
        const { scores, details } = score({ name: 'vikor', v }, c);
        for (const q of scores) {
          expect(q).toBeGreaterThanOrEqual(-1e-12);
          expect(q).toBeLessThanOrEqual(1 + 1e-12);
        }
        const { compromise } = details as { compromise: number[] };
        expect(compromise.length).toBeGreaterThanOrEqual(1);
        expect(scores[compromise[0]!]).toBeCloseTo(Math.min(...scores), 12);
      }),
    );
  });
});
