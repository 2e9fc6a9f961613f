import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estimateCost, evaluate } from '../../../src/engine/index.ts';
import type { WeightSpec } from '../../../src/engine/problem.ts';
import {
  type AhpResult,
  ahp,
  computeWeights,
  RECIPROCAL_TOLERANCE,
  weightSpecSchema,
  weightsCost,
} from '../../../src/engine/weights/index.ts';
import { NUMBER_JSON, type ProblemSize } from '../../../src/engine/work.ts';
import { matrixProblem } from '../../bench/data.ts';
import { issuesOf } from '../fixtures/issues.ts';
import { context, expectClose, sumOf } from './context.ts';

// Saaty, T. L. (2008). Decision making with the analytic hierarchy process. Int. J. Services Sciences 1(1),
// 83–98: relative consumption of drinks in the U.S. Priorities .177 .019 .042 .116 .190 .129 .327; the
// consistency ratio 0.022 uses the random indices of Saaty (2005), as AHPy's test suite checks
// (PhilipGriffith/AHPy tests/test_ahp.py, test_drinks_cr_saaty / test_drinks_weights_precision_3_saaty).
const drinks = [
  [1, 9, 5, 2, 1, 1, 1 / 2],
  [1 / 9, 1, 1 / 3, 1 / 9, 1 / 9, 1 / 9, 1 / 9],
  [1 / 5, 3, 1, 1 / 3, 1 / 4, 1 / 3, 1 / 9],
  [1 / 2, 9, 3, 1, 1 / 2, 1, 1 / 3],
  [1, 9, 4, 2, 1, 2, 1 / 2],
  [1, 9, 3, 1, 1 / 2, 1, 1 / 3],
  [2, 9, 9, 3, 2, 3, 1],
];

// Saaty, T. L. (1990). How to make a decision: the analytic hierarchy process. European Journal of
// Operational Research 48, 9–26, Table 2 (choosing a house, eight criteria): priorities .173 .054 .188
// .018 .031 .036 .167 .333, λmax = 9.669, C.I. = 0.238, C.R. = 0.169 with Saaty's (1980) random index 1.41.
// The judgment a37 = 6 (neighbourhood vs general condition) is the one Saaty singles out as inconsistent.
const house = [
  [1, 5, 3, 7, 6, 6, 1 / 3, 1 / 4],
  [1 / 5, 1, 1 / 3, 5, 3, 3, 1 / 5, 1 / 7],
  [1 / 3, 3, 1, 6, 3, 4, 6, 1 / 5],
  [1 / 7, 1 / 5, 1 / 6, 1, 1 / 3, 1 / 4, 1 / 7, 1 / 8],
  [1 / 6, 1 / 3, 1 / 3, 3, 1, 1 / 2, 1 / 5, 1 / 6],
  [1 / 6, 1 / 3, 1 / 4, 4, 2, 1, 1 / 5, 1 / 6],
  [3, 5, 1 / 6, 7, 5, 5, 1, 1 / 2],
  [4, 7, 5, 8, 6, 6, 2, 1],
];

describe('AHP: published examples', () => {
  it('reproduces Saaty (2008) drinks priorities and CR with the 2005 random indices', () => {
    const result = ahp(drinks, { randomIndex: 'saaty2005' });
    expectClose(result.weights, [0.177, 0.019, 0.042, 0.116, 0.19, 0.129, 0.327], 3);
    expect(result.consistency.cr).toBeCloseTo(0.022, 3);
    expect(result.consistency.acceptable).toBe(true);
    expect(result.consistency.worst).toBeUndefined();
  });

  it('reproduces Saaty (1990) house example: priorities, λmax, CI and CR', () => {
    const { weights, consistency } = ahp(house);
    expectClose(weights, [0.173, 0.054, 0.188, 0.018, 0.031, 0.036, 0.167, 0.333], 3);
    expect(consistency.lambdaMax).toBeCloseTo(9.669, 3);
    expect(consistency.ci).toBeCloseTo(0.238, 3);
    expect(consistency.cr).toBeCloseTo(0.169, 3);
    expect(consistency.acceptable).toBe(false);
  });

  it('names a37 of the house example as the judgment to revise, with the scale value nearest w3/w7', () => {
    const { worst } = ahp(house).consistency;
    expect(worst).toBeDefined();
    expect(worst!.i).toBe(2);
    expect(worst!.j).toBe(6);
    expect(worst!.current).toBeCloseTo(6, 12);
    // Published w3/w7 = .188/.167 ≈ 1.13; in log terms 1 is nearer than 2 (|ln 1.13| = 0.12 < ln 2 − 0.12).
    expect(worst!.suggested).toBe(1);
  });

  // Saaty & Aczél: group judgments are combined by the geometric mean so that the reciprocal of the combined
  // judgment equals the combination of the reciprocals; worked example: judgments 2, 3 and 4 give 24^(1/3)
  // (Decision Lens blog, "Combining group members' judgments", June 2007, citing Aczél & Saaty 1983).
  it('combines a group by the geometric mean of the judgments (AIJ)', () => {
    const one = (v: number) => [
      [1, v],
      [1 / v, 1],
    ];
    const result = ahp([one(2), one(3), one(4)]);
    const combined = 24 ** (1 / 3);
    expectClose(result.weights, [combined / (1 + combined), 1 / (1 + combined)], 12);
    expect(result.experts).toHaveLength(3);
  });

  // Crawford, G. & Williams, C. (1985). A note on the analysis of subjective judgment matrices. Journal of
  // Mathematical Psychology 29, 387–405: for n = 3 the row geometric means are the principal eigenvector.
  it('geometric and eigenvector priorities coincide for every 3×3 reciprocal matrix (Crawford & Williams 1985)', () => {
    const judgment = fc.constantFrom(...[9, 8, 7, 6, 5, 4, 3, 2].map((v) => 1 / v), 1, 2, 3, 4, 5, 6, 7, 8, 9);
    fc.assert(
      fc.property(judgment, judgment, judgment, (a, b, c) => {
        const m = [
          [1, a, b],
          [1 / a, 1, c],
          [1 / b, 1 / c, 1],
        ];
        expectClose(ahp(m, { priority: 'geometric' }).weights, ahp(m).weights, 9);
      }),
    );
  });
});

describe('AHP: options', () => {
  it('uses the chosen random index table', () => {
    const saaty = ahp(drinks, { randomIndex: 'saaty' }).consistency;
    const custom = ahp(drinks, { randomIndex: [0, 0, 0.5, 0.9, 1.1, 1.2, 2] }).consistency;
    expect(saaty.cr).toBeCloseTo(saaty.ci / 1.32, 12);
    expect(custom.cr).toBeCloseTo(custom.ci / 2, 12);
  });

  // The random indices of docs/engine.md §4: Saaty (1980) for n = 1…15, Saaty (2005, p. 31) for n = 3…15.
  const saaty = [0, 0, 0.58, 0.9, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59];
  const saaty2005 = [0.52, 0.89, 1.11, 1.25, 1.35, 1.4, 1.45, 1.49, 1.52, 1.54, 1.56, 1.58, 1.59];
  /** a_ij = 2 above the diagonal: reciprocal but inconsistent for n ≥ 3, so CI > 0. */
  const twos = (n: number) =>
    Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i < j ? 2 : i > j ? 1 / 2 : 1)));

  it.each(Array.from({ length: 13 }, (_, k) => k + 3))('divides CI by the RI of either table for n = %i', (n) => {
    const one = ahp(twos(n), { randomIndex: 'saaty' }).consistency;
    expect(one.ci).toBeGreaterThan(0);
    expect(one.cr).toBeCloseTo(one.ci / saaty[n - 1]!, 14);
    const other = ahp(twos(n), { randomIndex: 'saaty2005' }).consistency;
    expect(other.cr).toBeCloseTo(other.ci / saaty2005[n - 3]!, 14);
  });

  it('has CI = CR = 0 for n ≤ 2, even without a random index for that size', () => {
    expect(
      ahp(
        [
          [1, 7],
          [1 / 7, 1],
        ],
        { randomIndex: 'saaty2005' },
      ).consistency,
    ).toMatchObject({ ci: 0, cr: 0, acceptable: true });
    expect(ahp([[1]]).weights).toEqual([1]);
  });

  it('applies the threshold: CR ≤ threshold is acceptable', () => {
    expect(ahp(drinks, { randomIndex: 'saaty2005', threshold: 0.02 }).consistency.acceptable).toBe(false);
    expect(ahp(drinks, { randomIndex: 'saaty2005', threshold: 0.03 }).consistency.acceptable).toBe(true);
  });

  it('weights the group by expert influence (weighted geometric mean)', () => {
    const one = (v: number) => [
      [1, v],
      [1 / v, 1],
    ];
    const { weights } = ahp([one(2), one(8)], { expertInfluence: [3, 1] });
    const combined = 2 ** 0.75 * 8 ** 0.25;
    expectClose(weights, [combined / (1 + combined), 1 / (1 + combined)], 12);
  });

  it('reports each expert’s consistency, with the judgment to revise when not acceptable', () => {
    const result = ahp([drinks, house.slice(0, 7).map((r) => r.slice(0, 7))], { randomIndex: 'saaty2005' });
    expect(result.experts).toHaveLength(2);
    expect(result.experts![0]!.cr).toBeCloseTo(ahp(drinks, { randomIndex: 'saaty2005' }).consistency.cr, 12);
    // The house matrix beside a perfectly consistent one: each expert is judged on their own matrix, and only
    // the inconsistent one is told which judgment to revise (Saaty's a37, as for the house matrix alone).
    const consistent = house.map((_, i) => house.map((__, j) => (i + 1) / (j + 1)));
    const [inconsistent, fine] = ahp([house, consistent]).experts!;
    expect(inconsistent).toEqual(ahp(house).consistency);
    expect(inconsistent!.worst).toMatchObject({ i: 2, j: 6 });
    expect(fine).toMatchObject({ cr: 0, acceptable: true });
    expect(fine).not.toHaveProperty('worst');
  });

  it('accepts reciprocals written to three decimals and treats them as the exact reciprocal', () => {
    const typed = [
      [1, 3, 5],
      [0.333, 1, 2],
      [0.2, 0.5, 1],
    ];
    const exact = [
      [1, 3, 5],
      [1 / 3, 1, 2],
      [1 / 5, 1 / 2, 1],
    ];
    expectClose(ahp(typed).weights, ahp(exact).weights, 3);
  });

  it('says in the warnings which conventions shaped the answer: reciprocals made exact, the log-nearest revision', () => {
    const ctx = context([
      [1, 2, 3],
      [2, 1, 4],
    ]);
    computeWeights(
      {
        method: 'ahp',
        pairwise: [
          [1, 3, 5],
          [0.333, 1, 2],
          [0.2, 0.5, 1],
        ],
        priority: 'eigenvector',
        randomIndex: 'saaty',
        threshold: 0.1,
      },
      ctx,
    );
    expect(ctx.warnings).toEqual([
      'weights.pairwise: judgments within 1 % of reciprocal (such as 0.333 for 1/3) were made exactly reciprocal, a_ij becoming √(a_ij / a_ji)',
    ]);
    const house8 = context([Array.from({ length: 8 }, (_, j) => j + 1), Array.from({ length: 8 }, (_, j) => 8 - j)]);
    computeWeights(
      { method: 'ahp', pairwise: house, priority: 'eigenvector', randomIndex: 'saaty', threshold: 0.1 },
      house8,
    );
    // Saaty's house matrix is written with exact fractions; CR 0.169 calls for a revision.
    expect(house8.warnings).toEqual([
      'weights.pairwise: the suggested revision of the most inconsistent judgment is the value of the 1/9 … 9 scale nearest w_i/w_j on a log scale (so that a_ji’s is the reciprocal of a_ij’s)',
    ]);
    const exact = context([
      [1, 2, 3],
      [2, 1, 4],
    ]);
    computeWeights(
      {
        method: 'ahp',
        pairwise: [
          [1, 3, 5],
          [1 / 3, 1, 2],
          [1 / 5, 1 / 2, 1],
        ],
        priority: 'eigenvector',
        randomIndex: 'saaty',
        threshold: 0.1,
      },
      exact,
    );
    expect(exact.warnings).toEqual([]);
  });

  it('works inside computeWeights and records the method, priority and consistency', () => {
    const ctx = context([
      [1, 2, 3],
      [2, 1, 4],
    ]);
    const { weights, info } = computeWeights(
      {
        method: 'ahp',
        pairwise: [
          [1, 3, 5],
          [1 / 3, 1, 2],
          [1 / 5, 1 / 2, 1],
        ],
        priority: 'eigenvector',
        randomIndex: 'saaty',
        threshold: 0.1,
      },
      ctx,
    );
    expect(sumOf(weights)).toBeCloseTo(1, 12);
    expect(info).toMatchObject({ method: 'ahp', priority: 'eigenvector', consistency: { acceptable: true } });
  });
});

describe('AHP: errors name the offending entry', () => {
  const spec = (pairwise: number[][] | number[][][], extra: object = {}) => ({
    method: 'ahp' as const,
    pairwise,
    priority: 'eigenvector' as const,
    randomIndex: 'saaty' as const,
    threshold: 0.1,
    ...extra,
  });
  const ctx3 = () =>
    context([
      [1, 2, 3],
      [2, 1, 4],
    ]);

  it('rejects a matrix of the wrong size for the criteria', () => {
    expect(
      issuesOf(() =>
        computeWeights(
          spec([
            [1, 2],
            [0.5, 1],
          ]),
          ctx3(),
        ),
      ),
    ).toEqual([
      {
        path: 'weights.pairwise',
        message: 'expected a 3×3 matrix (one row and column per criterion, in order), got 2 rows',
      },
    ]);
  });

  it('rejects a ragged matrix at the short row', () => {
    const issues = issuesOf(() =>
      computeWeights(
        spec([
          [1, 2, 3],
          [0.5, 1],
          [1 / 3, 1, 1],
        ]),
        ctx3(),
      ),
    );
    expect(issues).toEqual([
      { path: 'weights.pairwise[1]', message: 'the matrix must be square: expected 3 entries, got 2' },
    ]);
  });

  it('rejects non-positive entries', () => {
    const issues = issuesOf(() =>
      computeWeights(
        spec([
          [1, 0, 3],
          [2, 1, 1],
          [1 / 3, 1, 1],
        ]),
        ctx3(),
      ),
    );
    expect(issues).toContainEqual({ path: 'weights.pairwise[0][1]', message: 'expected a positive number, got 0' });
  });

  it('rejects a diagonal other than 1', () => {
    const issues = issuesOf(() =>
      computeWeights(
        spec([
          [1, 2, 3],
          [0.5, 2, 1],
          [1 / 3, 1, 1],
        ]),
        ctx3(),
      ),
    );
    expect(issues).toEqual([{ path: 'weights.pairwise[1][1]', message: 'diagonal entries must be 1, got 2' }]);
  });

  it('rejects judgments outside 1/9 … 9', () => {
    const issues = issuesOf(() =>
      computeWeights(
        spec([
          [1, 12, 3],
          [1 / 12, 1, 1],
          [1 / 3, 1, 1],
        ]),
        ctx3(),
      ),
    );
    expect(issues).toContainEqual({
      path: 'weights.pairwise[0][1]',
      message: 'judgments must lie within 1/9 … 9, got 12',
    });
    expect(issues).toContainEqual({
      path: 'weights.pairwise[1][0]',
      message: `judgments must lie within 1/9 … 9, got ${1 / 12}`,
    });
  });

  it('rejects a non-reciprocal pair at the lower entry, in the right matrix of a group', () => {
    const good = [
      [1, 2, 3],
      [1 / 2, 1, 1],
      [1 / 3, 1, 1],
    ];
    const bad = [
      [1, 2, 3],
      [1 / 2, 1, 1],
      [1 / 2, 1, 1],
    ];
    const issues = issuesOf(() => computeWeights(spec([good, bad]), ctx3()));
    expect(issues).toEqual([
      {
        path: 'weights.pairwise[1][2][0]',
        message: 'must be the reciprocal of weights.pairwise[1][0][2] = 3 (1/3 ≈ 0.3333), got 0.5',
      },
    ]);
  });

  it('rejects expertInfluence of the wrong length or for a single matrix', () => {
    const good = [
      [1, 2, 3],
      [1 / 2, 1, 1],
      [1 / 3, 1, 1],
    ];
    expect(issuesOf(() => computeWeights(spec([good, good], { expertInfluence: [1] }), ctx3()))).toEqual([
      { path: 'weights.expertInfluence', message: 'expected 2 influences (one per pairwise matrix), got 1' },
    ]);
    expect(issuesOf(() => computeWeights(spec(good, { expertInfluence: [1] }), ctx3()))[0]!.path).toBe(
      'weights.expertInfluence',
    );
  });

  it('rejects a matrix larger than the random index table', () => {
    const n = 16;
    const identity = Array.from({ length: n }, () => new Array<number>(n).fill(1));
    expect(issuesOf(() => ahp(identity, { path: 'weights' }))).toEqual([
      {
        path: 'weights.randomIndex',
        message: 'the "saaty" random index table covers n ≤ 15, the matrix is 16×16; give a custom randomIndex array',
      },
    ]);
    expect(issuesOf(() => ahp(identity, { path: 'weights', randomIndex: 'saaty2005' }))[0]!.path).toBe(
      'weights.randomIndex',
    );
    const custom = Array.from({ length: n }, (_, k) => (k < 2 ? 0 : 1.6));
    expect(ahp(identity, { randomIndex: custom }).consistency.cr).toBe(0);
  });

  it('rejects a custom random index table too short for the matrix, or without a positive index for its size', () => {
    expect(
      issuesOf(() =>
        computeWeights(
          spec(
            [
              [1, 2, 3],
              [1 / 2, 1, 1],
              [1 / 3, 1, 1],
            ],
            { randomIndex: [0, 0] },
          ),
          ctx3(),
        ),
      ),
    ).toEqual([
      { path: 'weights.randomIndex', message: 'the custom random index table covers n ≤ 2, the matrix is 3×3' },
    ]);
    expect(
      issuesOf(() =>
        computeWeights(
          spec(
            [
              [1, 2, 3],
              [1 / 2, 1, 1],
              [1 / 3, 1, 1],
            ],
            { randomIndex: [0, 0, 0] },
          ),
          ctx3(),
        ),
      ),
    ).toEqual([
      { path: 'weights.randomIndex[2]', message: 'the random index for a 3×3 matrix must be positive, got 0' },
    ]);
  });

  it('rejects pairwise keyed by dimension outside hierarchical', () => {
    const issues = issuesOf(() => computeWeights({ ...spec([[1]]), pairwise: { a: [[1]] } }, ctx3()));
    expect(issues[0]!.path).toBe('weights.pairwise');
  });
});

const consistentMatrix = fc.array(fc.double({ min: 1, max: 9, noNaN: true }), { minLength: 1, maxLength: 12 });

describe('AHP: properties', () => {
  it('a perfectly consistent matrix has CR 0 and recovers v normalized, with either priority method', () => {
    fc.assert(
      fc.property(consistentMatrix, fc.constantFrom('eigenvector' as const, 'geometric' as const), (v, priority) => {
        const a = v.map((vi) => v.map((vj) => vi / vj));
        const result: AhpResult = ahp(a, { priority });
        const total = sumOf(v);
        expectClose(
          result.weights,
          v.map((x) => x / total),
          9,
        );
        expect(result.consistency.cr).toBeLessThan(1e-9);
        expect(result.consistency.lambdaMax).toBeCloseTo(v.length, 9);
      }),
    );
  });

  it('weights are positive and sum to 1 for any valid reciprocal matrix', () => {
    const judgment = fc.constantFrom(...[9, 8, 7, 6, 5, 4, 3, 2].map((v) => 1 / v), 1, 2, 3, 4, 5, 6, 7, 8, 9);
    const matrix = fc.integer({ min: 1, max: 10 }).chain((n) =>
      fc.array(judgment, { minLength: (n * (n - 1)) / 2, maxLength: (n * (n - 1)) / 2 }).map((upper) => {
        const a = Array.from({ length: n }, () => new Array<number>(n).fill(1));
        let k = 0;
        for (let i = 0; i < n; i++) {
          for (let j = i + 1; j < n; j++) {
            a[i]![j] = upper[k]!;
            a[j]![i] = 1 / upper[k++]!;
          }
        }
        return a;
      }),
    );
    fc.assert(
      fc.property(matrix, fc.constantFrom('eigenvector' as const, 'geometric' as const), (a, priority) => {
        const { weights, consistency } = ahp(a, { priority });
        expect(weights.every((w) => w > 0)).toBe(true);
        expect(sumOf(weights)).toBeCloseTo(1, 9);
        expect(consistency.ci).toBeGreaterThanOrEqual(0);
        if (!consistency.acceptable) {
          expect(consistency.worst!.i).toBeLessThan(consistency.worst!.j);
        }
      }),
    );
  });

  it('a group of identical matrices gives the individual result', () => {
    fc.assert(
      fc.property(
        consistentMatrix,
        fc.array(fc.double({ min: 0.1, max: 10, noNaN: true }), { minLength: 2, maxLength: 4 }),
        (v, influence) => {
          const a = v.map((vi) => v.map((vj) => vi / vj));
          const single = ahp(a).weights;
          const group = ahp(
            influence.map(() => a),
            { expertInfluence: influence },
          ).weights;
          expectClose(group, single, 9);
        },
      ),
    );
  });
});

describe('AHP: checks of a bare call and of a group', () => {
  const good = [
    [1, 2, 3],
    [1 / 2, 1, 1],
    [1 / 3, 1, 1],
  ];

  it('points a bare call’s errors at "pairwise", or under `path` when given', () => {
    expect(issuesOf(() => ahp([]))).toEqual([
      { path: 'pairwise', message: 'expected a square matrix of pairwise comparisons' },
    ]);
    expect(issuesOf(() => ahp([], { path: 'weights' }))[0]!.path).toBe('weights.pairwise');
  });

  it('wants every matrix of a group the size of the first', () => {
    const two = [
      [1, 2],
      [1 / 2, 1],
    ];
    expect(issuesOf(() => ahp([good, two]))).toEqual([
      { path: 'pairwise[1]', message: 'expected 3 rows like the other matrices of the group, got 2' },
    ]);
  });

  it('rejects NaN entries as not positive numbers', () => {
    expect(
      issuesOf(() =>
        ahp([
          [1, Number.NaN],
          [Number.NaN, 1],
        ]),
      ),
    ).toEqual([
      { path: 'pairwise[0][1]', message: 'expected a positive number, got NaN' },
      { path: 'pairwise[1][0]', message: 'expected a positive number, got NaN' },
    ]);
  });

  it('reports a bad entry alone, not also the reciprocity it breaks', () => {
    expect(
      issuesOf(() =>
        ahp([
          [1, 0, 3],
          [2, 1, 1],
          [1 / 3, 1, 1],
        ]),
      ),
    ).toEqual([{ path: 'pairwise[0][1]', message: 'expected a positive number, got 0' }]);
  });

  // docs/engine.md §12: the 1/9 … 9 range is accepted within 1 %, its ends included.
  it('accepts judgments at the very ends of 1/9 … 9 widened by 1 %', () => {
    const hi = 9 * (1 + RECIPROCAL_TOLERANCE);
    const lo = (1 / 9) * (1 - RECIPROCAL_TOLERANCE);
    const { weights } = ahp([
      [1, hi],
      [lo, 1],
    ]);
    // Made exactly reciprocal first: a_01 = √(hi / lo), and for n = 2 the weights are a_01 : 1.
    const v = Math.sqrt(hi / lo);
    expectClose(weights, [v / (1 + v), 1 / (1 + v)], 12);
  });

  it('rejects expert influences that are not positive finite numbers, each at its index', () => {
    expect(
      issuesOf(() => ahp([good, good, good, good], { expertInfluence: [1, 0, -2, Infinity], path: 'weights' })),
    ).toEqual([
      { path: 'weights.expertInfluence[1]', message: 'expected a positive number, got 0' },
      { path: 'weights.expertInfluence[2]', message: 'expected a positive number, got -2' },
      { path: 'weights.expertInfluence[3]', message: 'expected a positive number, got Infinity' },
    ]);
  });

  it('says why expertInfluence does not apply to a single matrix', () => {
    expect(issuesOf(() => ahp(good, { expertInfluence: [1], path: 'weights' }))).toEqual([
      {
        path: 'weights.expertInfluence',
        message:
          'expertInfluence applies to a group of pairwise matrices (one influence per matrix), but a single matrix was given',
      },
    ]);
  });

  // For n ≤ 2 every reciprocal matrix is consistent, so CR = 0 whatever the table holds for that size (§4).
  it('needs no random index for n ≤ 2 from a custom table either', () => {
    const two = [
      [1, 5],
      [1 / 5, 1],
    ];
    for (const randomIndex of [[0.5], [0, 0], [0.58]])
      expect(ahp(two, { randomIndex }).consistency).toMatchObject({ ci: 0, cr: 0, acceptable: true });
    expect(ahp([[1]], { randomIndex: [0] }).consistency).toMatchObject({ ci: 0, cr: 0, acceptable: true });
  });

  it('counts CR equal to the threshold as acceptable: a consistent matrix passes even a threshold of 0', () => {
    expect(
      ahp(
        [
          [1, 5],
          [1 / 5, 1],
        ],
        { threshold: 0 },
      ).consistency,
    ).toMatchObject({ cr: 0, acceptable: true });
  });
});

describe('AHP: priorities and the judgment to revise', () => {
  // docs/engine.md §4: the geometric priorities are the normalized row geometric means.
  it('geometric priorities are the normalized row geometric means, unlike the eigenvector for n > 3', () => {
    const means = house.map((row) => Math.exp(row.reduce((s, v) => s + Math.log(v), 0) / row.length));
    const total = sumOf(means);
    const geometric = ahp(house, { priority: 'geometric' }).weights;
    expectClose(
      geometric,
      means.map((g) => g / total),
      12,
    );
    const eigenvector = ahp(house).weights;
    expect(Math.max(...geometric.map((g, k) => Math.abs(g - eigenvector[k]!)))).toBeGreaterThan(1e-3);
  });

  const scale = [...[9, 8, 7, 6, 5, 4, 3, 2].map((v) => 1 / v), 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const judgment = fc.constantFrom(...scale);
  const reciprocal = (n: number) =>
    fc.array(judgment, { minLength: (n * (n - 1)) / 2, maxLength: (n * (n - 1)) / 2 }).map((upper) => {
      const a = Array.from({ length: n }, () => new Array<number>(n).fill(1));
      let k = 0;
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          a[i]![j] = upper[k]!;
          a[j]![i] = 1 / upper[k++]!;
        }
      }
      return a;
    });

  // §4: the pair i < j with the largest |ln a_ij − ln(w_i/w_j)|, and the scale value nearest w_i/w_j in log terms;
  // cases where the largest gap or the nearest value is a near tie are left out.
  it('names the judgment farthest from the priorities, with the scale value nearest w_i / w_j', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 7 }).chain(reciprocal), (a) => {
        const { weights, consistency } = ahp(a, { threshold: 0 });
        fc.pre(!consistency.acceptable);
        const pairs = a.flatMap((row, i) =>
          row.map((v, j) => ({ i, j, gap: Math.abs(Math.log(v) - Math.log(weights[i]! / weights[j]!)) })).slice(i + 1),
        );
        const [first, second] = [...pairs].sort((p, q) => q.gap - p.gap);
        fc.pre(first!.gap - second!.gap > 1e-9);
        const implied = weights[first!.i]! / weights[first!.j]!;
        const distance = (s: number) => Math.abs(Math.log(s) - Math.log(implied));
        const [nearest, next] = [...scale].sort((s, t) => distance(s) - distance(t));
        fc.pre(distance(next!) - distance(nearest!) > 1e-9);
        expect(consistency.worst).toEqual({
          i: first!.i,
          j: first!.j,
          current: expect.closeTo(a[first!.i]![first!.j]!, 12),
          suggested: nearest,
        });
      }),
    );
  });
});

describe('AHP: groups, warnings and hierarchical within, through computeWeights', () => {
  const spec = (pairwise: unknown): WeightSpec =>
    ({ method: 'ahp', pairwise, priority: 'eigenvector', randomIndex: 'saaty', threshold: 0.1 }) as WeightSpec;
  const ctx3 = () =>
    context([
      [1, 2, 3],
      [2, 1, 4],
    ]);
  const good = [
    [1, 2, 3],
    [1 / 2, 1, 1],
    [1 / 3, 1, 1],
  ];
  const typed = [
    [1, 3, 5],
    [0.333, 1, 2],
    [0.2, 0.5, 1],
  ];

  it('points a group member of the wrong size at its index', () => {
    const two = [
      [1, 2],
      [1 / 2, 1],
    ];
    expect(issuesOf(() => computeWeights(spec([good, two]), ctx3()))).toEqual([
      {
        path: 'weights.pairwise[1]',
        message: 'expected a 3×3 matrix (one row and column per criterion, in order), got 2 rows',
      },
    ]);
  });

  it('names the group member whose judgments were made exactly reciprocal', () => {
    const ctx = ctx3();
    computeWeights(spec([good, typed]), ctx);
    expect(ctx.warnings).toEqual([
      'weights.pairwise[1]: judgments within 1 % of reciprocal (such as 0.333 for 1/3) were made exactly reciprocal, a_ij becoming √(a_ij / a_ji)',
    ]);
  });

  // §12: the unit diagonal is accepted within 1 % too, and such a matrix is made exact with a warning.
  it('warns when a diagonal entry within 1 % of 1 is read as 1', () => {
    const ctx = ctx3();
    const { weights } = computeWeights(
      spec([
        [1, 2, 3],
        [1 / 2, 1.005, 1],
        [1 / 3, 1, 1],
      ]),
      ctx,
    );
    expectClose(weights, ahp(good).weights, 12);
    expect(ctx.warnings).toEqual([
      'weights.pairwise: judgments within 1 % of reciprocal (such as 0.333 for 1/3) were made exactly reciprocal, a_ij becoming √(a_ij / a_ji)',
    ]);
  });

  it('suggests a revision, with its warning, when any member of a group is inconsistent', () => {
    const consistent = house.map((_, i) => house.map((__, j) => (i + 1) / (j + 1)));
    const ctx = context([Array.from({ length: 8 }, (_, j) => j + 1), Array.from({ length: 8 }, (_, j) => 8 - j)]);
    const { info } = computeWeights(spec([house, consistent]), ctx);
    expect(info).toMatchObject({ experts: [{ acceptable: false }, { acceptable: true }] });
    expect(ctx.warnings).toEqual([
      'weights.pairwise: the suggested revision of the most inconsistent judgment is the value of the 1/9 … 9 scale nearest w_i/w_j on a log scale (so that a_ji’s is the reciprocal of a_ij’s)',
    ]);
  });

  it('says where matrices keyed by dimension belong, and what hierarchical within wants instead of a matrix', () => {
    expect(issuesOf(() => computeWeights(spec({ a: good }), ctx3()))).toEqual([
      {
        path: 'weights.pairwise',
        message:
          'pairwise matrices keyed by dimension belong in hierarchical "within"; give a matrix or a list of matrices',
      },
    ]);
    const grouped = context(
      [
        [1, 2, 3, 4],
        [2, 1, 4, 3],
      ],
      { dimensions: ['b', 'c'], dimensionOf: ['b', 'c', 'c', 'c'] },
    );
    expect(
      issuesOf(() =>
        computeWeights({ method: 'hierarchical', dimensions: { method: 'equal' }, within: spec(good) }, grouped),
      ),
    ).toEqual([
      {
        path: 'weights.within.pairwise',
        message:
          'inside hierarchical "within", pairwise must be an object with one matrix (or list of matrices) per dimension',
      },
    ]);
  });

  // A single criterion needs no comparison: the 1 × 1 matrix [1] has λmax = 1 and CI = CR = 0 (§4).
  it('weighs a dimension of one criterion without a matrix, as the consistent 1 × 1 matrix', () => {
    const grouped = context(
      [
        [1, 2, 3, 4],
        [2, 1, 4, 3],
      ],
      { dimensions: ['b', 'c'], dimensionOf: ['b', 'c', 'c', 'c'] },
    );
    const { weights, info } = computeWeights(
      { method: 'hierarchical', dimensions: { method: 'equal' }, within: spec({ c: good }) },
      grouped,
    );
    if (info.method !== 'hierarchical') expect.fail('expected hierarchical info');
    expect(info.within.b).toEqual({
      method: 'ahp',
      priority: 'eigenvector',
      consistency: { lambdaMax: 1, ci: 0, cr: 0, acceptable: true },
      weights: [1],
    });
    expect(weights[0]).toBeCloseTo(0.5, 12);
  });
});

// The cost term (docs/engine.md §11) without timing: AHP 40 n² E + 2 n² · 1,200 · (E, + 1 for a group) ns with the
// eigenvector, E the experts. The coefficients are calibrated, so only the form, their sign and the 1,200 steps that
// bound the power iteration are fixed here.
describe('AHP: the cost term', () => {
  const identity = (n: number) => Array.from({ length: n }, () => new Array<number>(n).fill(1));
  const pairwise = (n: number, experts: number) =>
    experts === 1 ? identity(n) : Array.from({ length: experts }, () => identity(n));
  const size = (n: number): ProblemSize => ({
    m: 10,
    n,
    criteria: Array.from({ length: n }, (_, j) => ({ id: `c${j + 1}`, type: 'benefit' })),
    dimensions: [],
  });
  const cost = (p: unknown, n: number, priority = 'eigenvector') =>
    weightsCost(weightSpecSchema.parse({ method: 'ahp', pairwise: p, priority }) as WeightSpec, size(n));
  const experts = [1, 2, 3, 8];
  const sizes = [1, 2, 5, 12, 30];

  /** y(n, E) = n² f(E) with f(E) = a E + b (E + 1 for a group): returns a and b, checking the form at every point. */
  const coefficients = (y: (n: number, e: number) => number) => {
    const f = (e: number) => y(1, e);
    for (const n of sizes) for (const e of experts) expect(y(n, e), `n = ${n}, E = ${e}`).toBeCloseTo(n * n * f(e), 6);
    // f(1) = a + b, f(E) = (a + b) E + b for a group.
    const b = f(2) - 2 * f(1);
    for (const e of experts.slice(1)) expect(f(e) - e * f(1), `E = ${e}`).toBeCloseTo(b, 6);
    return { a: f(1) - b, b };
  };

  it('costs time as a n² E + b n² (E + 1 for a group), the power iteration 1,200 times a single pass', () => {
    const eigenvector = coefficients((n, e) => cost(pairwise(n, e), n).ns);
    const geometric = coefficients((n, e) => cost(pairwise(n, e), n, 'geometric').ns);
    for (const { a, b } of [eigenvector, geometric]) {
      expect(a).toBeGreaterThanOrEqual(1);
      expect(b).toBeGreaterThanOrEqual(1);
    }
    expect(eigenvector.a).toBeCloseTo(geometric.a, 9);
    expect(eigenvector.b / geometric.b).toBeCloseTo(1200, 9);
  });

  it('costs memory as the matrices and the group’s: at least 8 bytes an entry for each of E + 1 matrices', () => {
    for (const n of sizes) {
      const bytes = (e: number) => cost(pairwise(n, e), n).bytes;
      const perMatrix = bytes(2) - bytes(1);
      expect(perMatrix).toBeGreaterThanOrEqual(8 * n * n);
      for (const e of experts) expect(bytes(e), `n = ${n}, E = ${e}`).toBeCloseTo((e + 1) * perMatrix, 6);
    }
  });

  it('counts matrices keyed by dimension as the largest group among them', () => {
    const n = 4;
    expect(cost({ b: identity(n), c: pairwise(n, 3), d: pairwise(n, 2) }, n)).toEqual(cost(pairwise(n, 3), n));
    expect(cost({ b: identity(n), c: identity(n) }, n)).toEqual(cost(identity(n), n));
  });

  // The weighting's JSON with every number written at NUMBER_JSON − 1 characters (its comma is the separator).
  const modelled = (value: unknown) =>
    JSON.stringify(value, (_, v) => (typeof v === 'number' ? 'x'.repeat(NUMBER_JSON - 3) : v)).length;

  it('counts the weighting’s JSON within 100 characters for a group, growing by each expert’s consistency', () => {
    const n = 5;
    const at = (e: number) => {
      const problem = { ...matrixProblem(20, n, 7), weights: { method: 'ahp', pairwise: pairwise(n, e) } };
      const estimate = estimateCost(problem).parts.find((p) => p.path === 'weights')!.resultBytes;
      return { estimate, json: modelled(evaluate(problem).weighting) };
    };
    const [one, two, eight] = [at(1), at(2), at(8)];
    for (const { estimate, json } of [two, eight]) expect(Math.abs(estimate - json)).toBeLessThanOrEqual(100);
    // Each further expert adds one consistency object and its comma, to a few characters.
    expect(Math.abs(eight.estimate - two.estimate - (eight.json - two.json))).toBeLessThanOrEqual(3 * 6);
    // A single matrix (no experts) is counted as a group of one: never under, within the 2× of §11.
    expect(one.estimate).toBeGreaterThanOrEqual(one.json);
    expect(one.estimate).toBeLessThanOrEqual(2 * one.json);
  });
});
