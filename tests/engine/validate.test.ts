import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { parseProblem, readJson, describe as show } from '../../src/engine/validate.ts';
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

  it('prefers the union branch whose root has the right type, then the fewest issues, then the first', () => {
    // A list of preference functions with two bad entries is still a list, not a wrong single function.
    const functions = '"usual", "ushape", "vshape", "level", "linear", "gaussian"';
    expect(issuesOf({ ...base, method: { name: 'promethee2', preference: [{ function: 'x' }, 2] } })).toEqual([
      { path: 'method.preference[0].function', message: `expected one of ${functions}, got "x"` },
      { path: 'method.preference[1]', message: 'expected an object, got 2' },
    ]);
    // A misspelt key is reported at the object's root, but the object is still an object.
    expect(issuesOf({ ...base, method: { name: 'promethee2', preference: { funtion: 'linear' } } })).toEqual([
      { path: 'method.preference.function', message: `expected one of ${functions}, got nothing` },
      { path: 'method.preference.funtion', message: 'unknown option "funtion"' },
    ]);
    // An unknown table name is a string, the type of the names: they are listed, not "an array".
    expect(issuesOf({ ...base, weights: { method: 'ahp', pairwise: [[1]], randomIndex: 'foo' } })).toEqual([
      { path: 'weights.randomIndex', message: 'expected one of "saaty", "saaty2005", got "foo"' },
    ]);
    // A string for a cell is one issue as a single matrix and one as a group of matrices: the first listed wins.
    expect(issuesOf({ ...base, weights: { method: 'ahp', pairwise: [['x']] } })).toEqual([
      { path: 'weights.pairwise[0][0]', message: 'expected a finite number, got "x"' },
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

  it('states string and list lengths and inclusive or exclusive maxima', () => {
    expect(issuesOf({ ...base, alternatives: ['', 'b'] })).toEqual([
      { path: 'alternatives[0]', message: 'must not be empty' },
    ]);
    expect(issuesOf({ ...base, weights: { method: 'combined', parts: [{ method: 'equal' }] } })).toEqual([
      { path: 'weights.parts', message: 'expected at least 2 items, got 1' },
    ]);
    expect(issuesOf({ ...base, criteria: [{ id: 'x', type: 'benefit', bounds: [1, 2, 3] }] })).toEqual([
      { path: 'criteria[0].bounds', message: 'expected at most 2 items, got 3' },
    ]);
    expect(issuesOf({ ...base, method: { name: 'vikor', v: 2 } })).toEqual([
      { path: 'method.v', message: 'expected a number ≤ 1, got 2' },
    ]);
    // Trimming half of each tail (docs/engine.md §9) would leave nothing to average: 0.5 itself is refused.
    const panel = { experts: ['e'], scores: [[[1], [2]]], trim: 0.5 };
    expect(issuesOf({ ...base, matrix: undefined, panel })).toEqual([
      { path: 'panel.trim', message: 'expected a number < 0.5, got 0.5' },
    ]);
  });

  it('lists a hundred problems and counts the rest, those zod found and those only counted alike', () => {
    // One empty alternative and 102 strings in the matrix: 103 problems, 100 listed.
    const issues = issuesOf({ ...base, alternatives: ['', 'b'], matrix: [Array(102).fill('s')] });
    expect(issues).toEqual([
      { path: 'alternatives[0]', message: 'must not be empty' },
      ...Array.from({ length: 99 }, (_, j) => ({
        path: `matrix[0][${j}]`,
        message: 'expected a finite number, got "s"',
      })),
      { path: '', message: '3 more problems not listed' },
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

  it('finds the weighting schemes that need two alternatives inside combined and hierarchical specs', () => {
    const one = { ...base, alternatives: ['a'], matrix: [[1]] };
    expect(
      issuesOf({ ...one, weights: { method: 'combined', parts: [{ method: 'equal' }, { method: 'entropy' }] } }),
    ).toEqual([{ path: 'alternatives', message: 'at least 2 alternatives are needed by "entropy", got 1' }]);
    expect(
      issuesOf({
        ...one,
        weights: { method: 'hierarchical', dimensions: { method: 'equal' }, within: { method: 'critic' } },
      }),
    ).toEqual([{ path: 'alternatives', message: 'at least 2 alternatives are needed by "critic", got 1' }]);
  });

  it('says one row or one value in the singular', () => {
    expect(issuesOf({ ...base, alternatives: ['a'], matrix: [[1], [2]] })).toEqual([
      { path: 'matrix', message: 'expected 1 row (one per alternative), got 2' },
    ]);
    expect(issuesOf({ ...base, matrix: [[1, 2], [2]] })).toEqual([
      { path: 'matrix[0]', message: 'expected 1 value (one per criterion), got 2' },
    ]);
  });

  it('names duplicate dimensions and experts, and a dimension the problem does not list', () => {
    expect(issuesOf({ ...base, dimensions: ['p', 'p'] })).toEqual([
      { path: 'dimensions[1]', message: 'duplicate dimension "p" (also dimensions[0])' },
    ]);
    const panel = {
      experts: ['e', 'e'],
      scores: [
        [[1], [2]],
        [[1], [2]],
      ],
    };
    expect(issuesOf({ ...base, matrix: undefined, panel })).toEqual([
      { path: 'panel.experts[1]', message: 'duplicate expert "e" (also panel.experts[0])' },
    ]);
    const criteria = [{ id: 'x', type: 'benefit', dimension: 'p' }];
    expect(issuesOf({ ...base, criteria })).toEqual([
      { path: 'criteria[0].dimension', message: 'dimension "p" is not listed: the problem has no "dimensions"' },
    ]);
    expect(issuesOf({ ...base, criteria, dimensions: ['q', 'r'] })).toEqual([
      { path: 'criteria[0].dimension', message: 'dimension "p" is not listed in dimensions (q, r)' },
    ]);
  });

  it('checks no value against bounds that are not increasing', () => {
    const bounded = (bounds: number[]) => ({
      ...base,
      criteria: [{ id: 'x', type: 'benefit', bounds }],
      matrix: [[3], [2]],
    });
    expect(issuesOf(bounded([5, 1]))).toEqual([
      { path: 'criteria[0].bounds', message: 'lower bound 5 must be below upper bound 1' },
    ]);
    expect(issuesOf(bounded([2, 2]))).toEqual([
      { path: 'criteria[0].bounds', message: 'lower bound 2 must be below upper bound 2' },
    ]);
  });

  it('accepts magnitudes and influences from exactly 1e-50 to exactly 1e50 (docs/engine.md §12)', () => {
    const criteria = [
      { id: 'x', type: 'benefit', bounds: [1e-50, 1e50] },
      { id: 'y', type: 'cost' },
    ];
    const matrix = [
      [1e-50, -1e-50],
      [1e50, -1e50],
    ];
    expect(() => parseProblem({ ...base, criteria, matrix })).not.toThrow();
    const panel = {
      experts: ['e1', 'e2'],
      influence: [1e-50, 1e50],
      scores: [
        [[1], [2]],
        [[1e-50], [-1e50]],
      ],
    };
    expect(() => parseProblem({ ...base, matrix: undefined, panel })).not.toThrow();
    // Just outside: 1 / 1e50 is the double one ulp below 1e-50.
    const below = 1 / 1e50;
    expect(below).toBeLessThan(1e-50);
    expect(issuesOf({ ...base, criteria: [{ id: 'x', type: 'benefit', bounds: [below, 2] }] })).toEqual([
      {
        path: 'criteria[0].bounds[0]',
        message: `${below} is too small to compute with (magnitudes from 1e-50, or 0); give criterion "x" in a smaller unit`,
      },
    ]);
    expect(issuesOf({ ...base, matrix: undefined, panel: { ...panel, influence: [below, 1e51] } })).toEqual([
      {
        path: 'panel.influence[0]',
        message: `expected an influence from 1e-50 to 1e50 (only their ratios matter), got ${below}`,
      },
      {
        path: 'panel.influence[1]',
        message: 'expected an influence from 1e-50 to 1e50 (only their ratios matter), got 1e+51',
      },
    ]);
  });

  it('leaves a panel row of the wrong length to the panel module, unchecked here', () => {
    // panel.ts reports the shape where it aggregates (evaluate); a value past the criteria has no bounds to check.
    const panel = { experts: ['e'], scores: [[[1, 1e60], [2]]] };
    expect(() => parseProblem({ ...base, matrix: undefined, panel })).not.toThrow();
  });

  it('quotes values briefly', () => {
    expect(show('a'.repeat(100))).toBe(`"${'a'.repeat(37)}..."`);
    // Up to 40 characters are quoted whole; from 41 on, 37 of them and an ellipsis (40 in all).
    expect(show('a'.repeat(40))).toBe(`"${'a'.repeat(40)}"`);
    expect(show('a'.repeat(41))).toBe(`"${'a'.repeat(37)}..."`);
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

describe('readJson', () => {
  it("says where the JSON breaks once, replacing Node 22's own position and (line L column C)", () => {
    // Node 20 says only "at position N"; Node 22+ adds "(line L column C)". Both give way to ours.
    const text = `{${'\n'.repeat(11)}${' '.repeat(13)}x}`;
    const position = text.indexOf('x');
    const parse = vi.spyOn(JSON, 'parse').mockImplementationOnce(() => {
      throw new SyntaxError(`Expected property name or '}' in JSON at position ${position} (line 12 column 14)`);
    });
    expect(issuesOfRun(() => readJson(text))).toEqual([
      { path: '', message: "malformed JSON: Expected property name or '}' (line 12, column 14)" },
    ]);
    parse.mockRestore();
  });
});
