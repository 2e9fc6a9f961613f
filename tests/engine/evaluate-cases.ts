import type { Issue } from '../../src/engine/index.ts';
import { TZENG_HUANG_2011 } from './fixtures/published.ts';

/**
 * Tzeng & Huang (2011) as a Problem (source in fixtures/published.ts): four alternatives, three benefit criteria,
 * weights 0.3, 0.4, 0.3. Published TOPSIS closeness (vector normalization) 0.5037, 0.6581, 0.7482, 0.3340; VIKOR
 * Q = .75, .25, 0, 1.
 */
export const tzengHuang = {
  alternatives: ['A1', 'A2', 'A3', 'A4'],
  criteria: ['durability', 'capacity', 'reliability'].map((id, j) => ({ id, type: TZENG_HUANG_2011.types[j]! })),
  matrix: TZENG_HUANG_2011.rows.map((row) => [...row]),
  weights: { method: 'direct', values: [...TZENG_HUANG_2011.weights] },
  method: { name: 'topsis' },
};

/**
 * Every input error of docs/engine.md §10, as the JSON text a user would send, with the exact list of errors the engine
 * must answer. Shared by the engine, CLI and API tests, which must all give the same list for the same text.
 */
export interface ErrorCase {
  readonly name: string;
  readonly text: string;
  readonly errors: readonly Issue[];
}

const two = {
  alternatives: ['a', 'b'],
  criteria: [
    { id: 'x', type: 'benefit' },
    { id: 'y', type: 'cost' },
  ],
};
const json = (value: unknown): string => JSON.stringify(value);
const withMatrix = (
  extra: object,
  matrix: unknown = [
    [1, 2],
    [3, 4],
  ],
) => json({ ...two, matrix, ...extra });

export const errorCases: readonly ErrorCase[] = [
  {
    name: 'ragged matrix',
    text: json({ ...two, matrix: [[1, 2], [3]] }),
    errors: [{ path: 'matrix[1]', message: 'expected 2 values (one per criterion), got 1' }],
  },
  {
    name: 'empty matrix',
    text: json({ ...two, matrix: [] }),
    errors: [{ path: 'matrix', message: 'expected 2 rows (one per alternative), got 0' }],
  },
  {
    name: 'a string where a number belongs',
    text: json({
      ...two,
      matrix: [
        [1, 2],
        ['abc', 4],
      ],
    }),
    errors: [{ path: 'matrix[1][0]', message: 'expected a finite number, got "abc"' }],
  },
  {
    name: 'null and an overflowing number',
    text: '{"alternatives":["a","b"],"criteria":[{"id":"x","type":"benefit"},{"id":"y","type":"cost"}],"matrix":[[null,2],[3,1e999]]}',
    errors: [
      { path: 'matrix[0][0]', message: 'expected a finite number, got null' },
      { path: 'matrix[1][1]', message: 'expected a finite number, got Infinity' },
    ],
  },
  {
    name: 'unknown method',
    text: withMatrix({ method: { name: 'electre' } }),
    errors: [
      {
        path: 'method.name',
        message: 'unknown method "electre"; expected one of wsm, wpm, topsis, vikor, promethee2, compare',
      },
    ],
  },
  {
    name: 'unknown weighting method',
    text: withMatrix({ weights: { method: 'magic' } }),
    errors: [
      {
        path: 'weights.method',
        message:
          'unknown weighting method "magic"; expected one of equal, direct, entropy, critic, ahp, combined, hierarchical',
      },
    ],
  },
  {
    name: 'unknown options',
    text: withMatrix({ method: { name: 'topsis', normalisation: 'vector' }, colour: 'red' }),
    errors: [
      { path: 'method.normalisation', message: 'unknown option "normalisation"' },
      { path: 'colour', message: 'unknown option "colour"' },
    ],
  },
  {
    name: 'an option value not on the list',
    text: withMatrix({ method: { name: 'topsis', normalization: 'zscore' } }),
    errors: [
      {
        path: 'method.normalization',
        message: 'expected one of "minmax", "vector", "max", "sum", "none", got "zscore"',
      },
    ],
  },
  {
    name: 'weights of the wrong length',
    text: withMatrix({ weights: { method: 'direct', values: [1, 2, 3] } }),
    errors: [{ path: 'weights.values', message: 'expected 2 values (one per criterion), got 3' }],
  },
  {
    name: 'weights all zero',
    text: withMatrix({ weights: { method: 'direct', values: [0, 0] } }),
    errors: [{ path: 'weights.values', message: 'weights must not all be zero' }],
  },
  {
    name: 'a negative weight',
    text: withMatrix({ weights: { method: 'direct', values: [-1, 2] } }),
    errors: [{ path: 'weights.values[0]', message: 'expected a number ≥ 0, got -1' }],
  },
  {
    name: 'a non-reciprocal pairwise matrix',
    text: withMatrix({
      weights: {
        method: 'ahp',
        pairwise: [
          [1, 3],
          [3, 1],
        ],
      },
    }),
    errors: [
      {
        path: 'weights.pairwise[1][0]',
        message: 'must be the reciprocal of weights.pairwise[0][1] = 3 (1/3 ≈ 0.3333), got 3',
      },
    ],
  },
  {
    name: 'a non-positive pairwise matrix',
    text: withMatrix({
      weights: {
        method: 'ahp',
        pairwise: [
          [1, -2],
          [-0.5, 1],
        ],
      },
    }),
    errors: [
      { path: 'weights.pairwise[0][1]', message: 'expected a positive number, got -2' },
      { path: 'weights.pairwise[1][0]', message: 'expected a positive number, got -0.5' },
    ],
  },
  {
    name: 'values outside bounds, and bounds the wrong way round',
    text: json({
      alternatives: ['a', 'b'],
      criteria: [
        { id: 'x', type: 'benefit', bounds: [1, 9] },
        { id: 'y', type: 'cost', bounds: [5, 5] },
      ],
      matrix: [
        [10, 5],
        [0.5, 5],
      ],
    }),
    errors: [
      { path: 'criteria[1].bounds', message: 'lower bound 5 must be below upper bound 5' },
      { path: 'matrix[0][0]', message: '10 is outside the bounds [1, 9] of criterion "x"' },
      { path: 'matrix[1][0]', message: '0.5 is outside the bounds [1, 9] of criterion "x"' },
    ],
  },
  {
    name: 'an expert score outside bounds',
    text: json({
      alternatives: ['a', 'b'],
      criteria: [{ id: 'x', type: 'benefit', bounds: [1, 9] }],
      panel: {
        experts: ['e1', 'e2'],
        scores: [
          [[5], [12]],
          [[4], [6]],
        ],
      },
    }),
    errors: [{ path: 'panel.scores[0][1][0]', message: '12 is outside the bounds [1, 9] of criterion "x"' }],
  },
  {
    name: 'one alternative where the method needs two',
    text: json({
      alternatives: ['a'],
      criteria: [{ id: 'x', type: 'benefit' }],
      matrix: [[1]],
      method: { name: 'topsis' },
      weights: { method: 'entropy' },
    }),
    errors: [{ path: 'alternatives', message: 'at least 2 alternatives are needed by "topsis" and "entropy", got 1' }],
  },
  {
    name: 'a criterion whose dimension is not listed',
    text: json({
      alternatives: ['a', 'b'],
      dimensions: ['planning', 'social'],
      criteria: [
        { id: 'x', type: 'benefit', dimension: 'planning' },
        { id: 'y', type: 'cost', dimension: 'industry' },
      ],
      matrix: [
        [1, 2],
        [3, 4],
      ],
    }),
    errors: [
      { path: 'criteria[1].dimension', message: 'dimension "industry" is not listed in dimensions (planning, social)' },
    ],
  },
  {
    name: 'both matrix and panel',
    text: json({
      ...two,
      matrix: [
        [1, 2],
        [3, 4],
      ],
      panel: {
        experts: ['e1'],
        scores: [
          [
            [1, 2],
            [3, 4],
          ],
        ],
      },
    }),
    errors: [{ path: 'panel', message: 'give either "matrix" or "panel", not both' }],
  },
  {
    name: 'neither matrix nor panel',
    text: json(two),
    errors: [{ path: 'matrix', message: 'required: give the decision matrix as "matrix" or expert scores as "panel"' }],
  },
  {
    name: 'duplicate ids',
    text: json({
      alternatives: ['a', 'a'],
      criteria: [
        { id: 'x', type: 'benefit' },
        { id: 'x', type: 'cost' },
      ],
      matrix: [
        [1, 2],
        [3, 4],
      ],
    }),
    errors: [
      { path: 'alternatives[1]', message: 'duplicate alternative "a" (also alternatives[0])' },
      { path: 'criteria[1].id', message: 'duplicate criterion "x" (also criteria[0].id)' },
    ],
  },
  {
    name: 'a panel cell nobody scored',
    text: json({
      ...two,
      panel: {
        experts: ['e1', 'e2'],
        scores: [
          [
            [1, 2],
            [null, 4],
          ],
          [
            [2, 2],
            [null, 5],
          ],
        ],
      },
    }),
    errors: [{ path: 'panel.scores[*][1][0]', message: 'no expert scored b on x' }],
  },
  {
    name: 'coordination without dimensions',
    text: withMatrix({ coordination: {} }),
    errors: [{ path: 'dimensions', message: 'coupling coordination needs the dimensions the criteria belong to' }],
  },
  {
    name: 'problems in the weights and the method at once',
    text: withMatrix({
      weights: { method: 'direct', values: [1] },
      method: { name: 'promethee2', preference: { function: 'linear', q: 1 } },
    }),
    errors: [
      { path: 'weights.values', message: 'expected 2 values (one per criterion), got 1' },
      { path: 'method.preference.p', message: 'the "linear" preference function needs p (preference threshold)' },
    ],
  },
  {
    name: 'not an object',
    text: '[1, 2, 3]',
    errors: [{ path: '', message: 'expected an object, got an array' }],
  },
];
