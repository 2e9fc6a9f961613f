import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseProblem, describe as show } from '../../src/engine/validate.ts';
import { issuesOf as issuesOfRun } from './fixtures/issues.ts';

const issuesOf = (input: unknown) => issuesOfRun(() => parseProblem(input));

const base = { alternatives: ['a', 'b'], criteria: [{ id: 'x', type: 'benefit' }], matrix: [[1], [2]] };

describe('parseProblem: zod issues in words, with the offending value', () => {
  it('names a missing field and the discriminator it needs', () => {
    expect(issuesOf({ ...base, criteria: [{ type: 'benefit' }], method: {} })).toEqual([
      { path: 'criteria[0].id', message: 'required: expected a string' },
      {
        path: 'method.name',
        message: 'required: name the method; expected one of wsm, wpm, topsis, vikor, promethee2, compare',
      },
    ]);
  });

  it('follows nested weight specs to the faulty one', () => {
    expect(
      issuesOf({
        ...base,
        weights: { method: 'combined', parts: [{ method: 'equal' }, { method: 'entropy', shift: -1 }] },
      }),
    ).toEqual([{ path: 'weights.parts[1].shift', message: 'expected a number ≥ 0, got -1' }]);
  });

  it('picks the union branch that fits: a single pairwise matrix with one bad entry', () => {
    expect(
      issuesOf({
        ...base,
        weights: {
          method: 'ahp',
          pairwise: [
            [1, 'two'],
            [0.5, 1],
          ],
        },
      }),
    ).toEqual([{ path: 'weights.pairwise[0][1]', message: 'expected a finite number, got "two"' }]);
    // …and a group of matrices with one bad entry in the second.
    expect(issuesOf({ ...base, weights: { method: 'ahp', pairwise: [[[1]], [[true]]] } })).toEqual([
      { path: 'weights.pairwise[1][0][0]', message: 'expected a finite number, got true' },
    ]);
  });

  it('lists every shape a union accepts when the value fits none', () => {
    expect(issuesOf({ ...base, method: { name: 'promethee2', preference: 3 } })).toEqual([
      { path: 'method.preference', message: 'expected an object or an array, got 3' },
    ]);
  });

  it('states limits: integers, exclusive bounds, empty lists', () => {
    expect(
      issuesOf({ ...base, alternatives: [], sensitivity: { samples: 2.5 }, coordination: { laggingRatio: 0 } }),
    ).toEqual([
      { path: 'alternatives', message: 'must not be empty' },
      { path: 'coordination.laggingRatio', message: 'expected a number > 0, got 0' },
      { path: 'sensitivity.samples', message: 'expected an integer, got 2.5' },
    ]);
  });

  it('refuses magnitudes double precision cannot square or divide, and influences whose products would overflow', () => {
    const criteria = [
      { id: 'x', type: 'benefit', bounds: [0, 1e60] },
      { id: 'y', type: 'cost' },
    ];
    expect(
      issuesOf({
        alternatives: ['a', 'b'],
        criteria,
        matrix: [
          [1, 1e300],
          [2, -1e-60],
        ],
      }),
    ).toEqual([
      {
        path: 'criteria[0].bounds[1]',
        message: '1e+60 is too large to compute with (magnitudes up to 1e50); give criterion "x" in a larger unit',
      },
      {
        path: 'matrix[0][1]',
        message: '1e+300 is too large to compute with (magnitudes up to 1e50); give criterion "y" in a larger unit',
      },
      {
        path: 'matrix[1][1]',
        message:
          '-1e-60 is too small to compute with (magnitudes from 1e-50, or 0); give criterion "y" in a smaller unit',
      },
    ]);
    const panel = {
      experts: ['e1', 'e2'],
      influence: [1e-60, 1e50],
      scores: [
        [[0], [1e51]],
        [[1e50], [-1e-50]],
      ],
    };
    expect(issuesOf({ alternatives: ['a', 'b'], criteria: [{ id: 'x', type: 'benefit' }], panel })).toEqual([
      {
        path: 'panel.influence[0]',
        message: 'expected an influence from 1e-50 to 1e50 (only their ratios matter), got 1e-60',
      },
      {
        path: 'panel.scores[0][1][0]',
        message: '1e+51 is too large to compute with (magnitudes up to 1e50); give criterion "x" in a larger unit',
      },
    ]);
  });

  it('names every method that needs two alternatives, as a list', () => {
    expect(
      issuesOf({
        ...base,
        alternatives: ['a'],
        matrix: [[1]],
        method: { name: 'compare', methods: [{ name: 'vikor' }, { name: 'topsis' }] },
      }),
    ).toEqual([
      { path: 'alternatives', message: 'at least 2 alternatives are needed by "compare", "vikor" and "topsis", got 1' },
    ]);
  });

  it('quotes values briefly', () => {
    expect(show('a'.repeat(100))).toBe(`"${'a'.repeat(37)}..."`);
    expect(show({ a: 1 })).toBe('an object');
    expect(show([1])).toBe('an array');
    expect(show(undefined)).toBe('nothing');
    expect(show(-Infinity)).toBe('-Infinity');
  });

  it('points at exactly the cell that is not a number, whatever it holds', () => {
    const notNumbers = fc.oneof(fc.string(), fc.boolean(), fc.constant(null), fc.object(), fc.array(fc.integer()));
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 6 }),
        fc.integer({ min: 1, max: 6 }),
        fc.nat(),
        fc.nat(),
        notNumbers,
        (m, n, a, b, bad) => {
          const matrix: unknown[][] = Array.from({ length: m }, () => Array.from({ length: n }, () => 1));
          const i = a % m;
          const j = b % n;
          matrix[i]![j] = bad;
          const issues = issuesOf({
            alternatives: Array.from({ length: m }, (_, k) => `a${k}`),
            criteria: Array.from({ length: n }, (_, k) => ({ id: `c${k}`, type: 'benefit' })),
            matrix,
          });
          expect(issues).toEqual([
            { path: `matrix[${i}][${j}]`, message: `expected a finite number, got ${show(bad)}` },
          ]);
        },
      ),
    );
  });
});

describe('parseProblem: the large numeric arrays (checked in place, reported as zod reports a cell)', () => {
  it('names every bad matrix row and cell, and a matrix that is no array', () => {
    expect(issuesOf({ ...base, alternatives: ['a', 'b', 'c'], matrix: [[1], ['x'], 5] })).toEqual([
      { path: 'matrix[1][0]', message: 'expected a finite number, got "x"' },
      { path: 'matrix[2]', message: 'expected an array, got 5' },
    ]);
    expect(issuesOf({ ...base, matrix: 'nope' })).toEqual([
      { path: 'matrix', message: 'expected an array, got "nope"' },
    ]);
  });

  it('takes null for an abstention in panel scores but not as a row, and names non-numbers at their cell', () => {
    const panel = {
      experts: ['e1', 'e2'],
      scores: [
        [[1], ['x']],
        [null, [Infinity]],
      ],
    };
    expect(issuesOf({ ...base, matrix: undefined, panel })).toEqual([
      { path: 'panel.scores[0][1][0]', message: 'expected a finite number, got "x"' },
      { path: 'panel.scores[1][0]', message: 'expected an array, got null' },
      { path: 'panel.scores[1][1][0]', message: 'expected a finite number, got Infinity' },
    ]);
    expect(() =>
      parseProblem({ ...base, matrix: undefined, panel: { experts: ['e1'], scores: [[[1], [null]]] } }),
    ).not.toThrow();
  });
});
