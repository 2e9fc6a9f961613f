import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { WeightSpec } from '../../../src/engine/problem.ts';
import { computeWeights } from '../../../src/engine/weights/index.ts';
import { context, sumOf, type Type } from './context.ts';

/** Random valid problems: data, types, two dimensions, and a consistent-enough AHP matrix per level. */
const problem = fc.record({ m: fc.integer({ min: 2, max: 7 }), n: fc.integer({ min: 2, max: 6 }) }).chain(({ m, n }) =>
  fc.record({
    rows: fc.array(fc.array(fc.double({ min: 0, max: 500, noNaN: true }), { minLength: n, maxLength: n }), {
      minLength: m,
      maxLength: m,
    }),
    types: fc.array(fc.constantFrom<Type>('benefit', 'cost'), { minLength: n, maxLength: n }),
    v: fc.array(fc.double({ min: 1, max: 9, noNaN: true }), { minLength: n, maxLength: n }),
    values: fc.array(fc.double({ min: 0.01, max: 10, noNaN: true }), { minLength: n, maxLength: n }),
  }),
);

const ratios = (v: readonly number[]) => v.map((a) => v.map((b) => a / b));

const schemes = (v: number[], values: number[], split: number): [string, WeightSpec][] => [
  ['equal', { method: 'equal' }],
  ['direct', { method: 'direct', values }],
  ['entropy none', { method: 'entropy', normalization: 'none', shift: 0 }],
  ['entropy minmax', { method: 'entropy', normalization: 'minmax', shift: 0.01 }],
  ['critic pearson', { method: 'critic', respectTypes: true, correlation: 'pearson' }],
  ['critic spearman', { method: 'critic', respectTypes: false, correlation: 'spearman' }],
  ['ahp', { method: 'ahp', pairwise: ratios(v), priority: 'eigenvector', randomIndex: 'saaty', threshold: 0.1 }],
  [
    'ahp group',
    {
      method: 'ahp',
      pairwise: [ratios(v), ratios([...v].reverse())],
      priority: 'geometric',
      randomIndex: 'saaty2005',
      threshold: 0.1,
    },
  ],
  [
    'combined',
    {
      method: 'combined',
      parts: [
        { method: 'entropy', normalization: 'minmax', shift: 0.01 },
        { method: 'direct', values },
      ],
      mix: 'multiplicative',
    },
  ],
  [
    'hierarchical',
    {
      method: 'hierarchical',
      dimensions: {
        method: 'ahp',
        pairwise: [
          [1, 2],
          [1 / 2, 1],
        ],
        priority: 'eigenvector',
        randomIndex: 'saaty',
        threshold: 0.1,
      },
      within: {
        method: 'ahp',
        pairwise: { p: ratios(v.slice(0, split)), q: ratios(v.slice(split)) },
        priority: 'eigenvector',
        randomIndex: 'saaty',
        threshold: 0.1,
      },
    },
  ],
];

describe('every weighting scheme', () => {
  it('gives non-negative weights that sum to 1, one per criterion, on random valid data', () => {
    fc.assert(
      fc.property(problem, ({ rows, types, v, values }) => {
        const n = types.length;
        const split = Math.ceil(n / 2);
        const dimensionOf = types.map((_, j) => (j < split ? 'p' : 'q'));
        for (const [name, spec] of schemes(v, values, split)) {
          const ctx = context(rows, { types, dimensions: ['p', 'q'], dimensionOf });
          const { weights } = computeWeights(spec, ctx);
          expect(weights.length, name).toBe(n);
          expect(
            Array.from(weights).every((w) => w >= 0 && Number.isFinite(w)),
            name,
          ).toBe(true);
          expect(sumOf(weights), name).toBeCloseTo(1, 9);
        }
      }),
      { numRuns: 60 },
    );
  });
});
