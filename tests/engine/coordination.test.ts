import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coordination, coordinationLevel, couplingDegree, couplingStage } from '../../src/engine/coordination.ts';
import { fromRows } from '../../src/engine/matrix.ts';
import { type Criterion, coordinationSchema } from '../../src/engine/problem.ts';
import { issuesOf } from './fixtures/issues.ts';
import { mathmodelsScores } from './fixtures/published.ts';

const spec = (over: object = {}) => coordinationSchema.parse(over);
const noWarn = () => {
  throw new Error('unexpected warning');
};

/** One criterion per dimension, so each U is the given normalized value itself. */
function direct(u: number[][], dims: string[]) {
  const criteria: Criterion[] = dims.map((d) => ({ id: `c_${d}`, dimension: d, type: 'benefit' }));
  return { r: fromRows(u), weights: dims.map(() => 1 / dims.length), criteria };
}

// Subsystem scores of the mathmodels example; the expected C, T, D are the ones its reference page prints
// to three decimals.
const S = mathmodelsScores.map((row) => [...row]);

describe('coupling coordination, published examples', () => {
  it('standard model with equal contributions (mathmodels: coupling_degree(df))', () => {
    const { r, weights, criteria } = direct(S, ['s1', 's2', 's3']);
    const out = coordination(spec(), r, weights, criteria, ['s1', 's2', 's3'], noWarn);
    const three = (xs: number[]) => xs.map((x) => Number(x.toFixed(3)));
    expect(three(out.C)).toEqual([0.571, 0.867, 0.674, 0.967, 0.418, 0.971]);
    expect(three(out.T)).toEqual([0.185, 0.411, 0.394, 0.687, 0.37, 0.814]);
    expect(three(out.D)).toEqual([0.325, 0.597, 0.515, 0.815, 0.393, 0.889]);
    expect(out.U[0]).toEqual([0.0162, 0.272, 0.2655]);
  });

  it('Wang 2021 model with contributions 0.4, 0.3, 0.3 (mathmodels: coupling_degree(df, c(0.4, 0.3, 0.3), type = "adjusted"))', () => {
    const { r, weights, criteria } = direct(S, ['s1', 's2', 's3']);
    const out = coordination(
      spec({ variant: 'wang2021', contribution: [0.4, 0.3, 0.3] }),
      r,
      weights,
      criteria,
      ['s1', 's2', 's3'],
      noWarn,
    );
    const three = (xs: number[]) => xs.map((x) => Number(x.toFixed(3)));
    expect(three(out.C)).toEqual([0.447, 0.501, 0.455, 0.669, 0.175, 0.715]);
    expect(three(out.T)).toEqual([0.168, 0.388, 0.409, 0.686, 0.336, 0.832]);
    expect(three(out.D)).toEqual([0.274, 0.44, 0.432, 0.678, 0.242, 0.771]);
    expect(out.ranks).toEqual([5, 3, 4, 2, 6, 1]);
  });

  it('classifies with the upper-closed table of Tian et al. 2021 (Acta Geographica Sinica 76(4), Table 1)', () => {
    // 0.50 < D ≤ 0.60 勉强协调, 0.40 < D ≤ 0.50 濒临失调, 0.00 < D ≤ 0.10 极度失调, 0.90 < D ≤ 1.00 优质协调;
    // coupling: 0 < C ≤ 0.3 低水平耦合, 0.3 < C ≤ 0.5 拮抗阶段, 0.5 < C ≤ 0.8 磨合阶段, 0.8 < C ≤ 1 高水平耦合.
    expect(coordinationLevel(0.55, 'upper-closed')).toEqual({ index: 6, en: 'barely coordinated', zh: '勉强协调' });
    expect(coordinationLevel(0.5, 'upper-closed').zh).toBe('濒临失调');
    expect(coordinationLevel(0.05, 'upper-closed').zh).toBe('极度失调');
    expect(coordinationLevel(1, 'upper-closed').zh).toBe('优质协调');
    expect([0.3, 0.31, 0.5, 0.51, 0.8, 0.81].map((c) => couplingStage(c).zh)).toEqual([
      '低水平耦合',
      '拮抗',
      '拮抗',
      '磨合',
      '磨合',
      '高水平耦合',
    ]);
  });
});

describe('levels and stages', () => {
  it('lists the ten levels in order with both languages', () => {
    const names = Array.from({ length: 10 }, (_, k) => coordinationLevel(k / 10 + 0.05, 'lower-closed'));
    expect(names.map((l) => l.index)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(names.map((l) => l.en)).toEqual([
      'extreme disorder',
      'serious disorder',
      'moderate disorder',
      'mild disorder',
      'on the verge of disorder',
      'barely coordinated',
      'primary coordination',
      'intermediate coordination',
      'good coordination',
      'quality coordination',
    ]);
    expect(names.map((l) => l.zh)).toEqual([
      '极度失调',
      '严重失调',
      '中度失调',
      '轻度失调',
      '濒临失调',
      '勉强协调',
      '初级协调',
      '中级协调',
      '良好协调',
      '优质协调',
    ]);
  });

  it('puts boundary values on the side each convention says, despite round-off', () => {
    const d = 0.1 + 0.2; // 0.30000000000000004
    expect(coordinationLevel(d, 'lower-closed').index).toBe(4); // [0.3, 0.4)
    expect(coordinationLevel(d, 'upper-closed').index).toBe(3); // (0.2, 0.3]
    expect(coordinationLevel(0.7 - 1e-17, 'lower-closed').index).toBe(8);
    expect(coordinationLevel(0.29999999999999993, 'lower-closed').index).toBe(4);
    expect(coordinationLevel(0, 'lower-closed').index).toBe(1);
    expect(coordinationLevel(0, 'upper-closed').index).toBe(1); // first class [0, 0.1]
    expect(coordinationLevel(1, 'lower-closed').index).toBe(10); // last class [0.9, 1]
    expect(coordinationLevel(0.9, 'lower-closed').index).toBe(10);
    expect(coordinationLevel(0.9, 'upper-closed').index).toBe(9);
    expect(coordinationLevel(0.299999, 'lower-closed').index).toBe(3);
  });

  it('classifies every class boundary k/10 as each convention says (docs/engine.md §6)', () => {
    // lower-closed: [0, 0.1), [0.1, 0.2), …, [0.9, 1], so k/10 opens class k + 1 and 1 stays in class 10;
    // upper-closed: [0, 0.1], (0.1, 0.2], …, (0.9, 1], so k/10 closes class k and 0 stays in class 1.
    const boundaries = Array.from({ length: 11 }, (_, k) => k / 10);
    expect(boundaries.map((d) => coordinationLevel(d, 'lower-closed').index)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10,
    ]);
    expect(boundaries.map((d) => coordinationLevel(d, 'upper-closed').index)).toEqual([
      1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
    ]);
    // The same values as they arrive from arithmetic (0.1 · 3, 0.7 + 0.2, …), a last bit off.
    const computed = [0.1 * 3, 0.7 + 0.2, 0.1 + 0.7, 0.3 + 0.3, 1 - 0.9];
    expect(computed.map((d) => coordinationLevel(d, 'lower-closed').index)).toEqual([4, 10, 9, 7, 2]);
    expect(computed.map((d) => coordinationLevel(d, 'upper-closed').index)).toEqual([3, 9, 8, 6, 1]);
  });

  it('names the coupling stages', () => {
    expect(couplingStage(0.2)).toEqual({ id: 'low-level', en: 'low-level coupling', zh: '低水平耦合' });
    expect(couplingStage(0.4)).toEqual({ id: 'antagonism', en: 'antagonism', zh: '拮抗' });
    expect(couplingStage(0.7)).toEqual({ id: 'running-in', en: 'running-in', zh: '磨合' });
    expect(couplingStage(0.9)).toEqual({ id: 'high-level', en: 'high-level coupling', zh: '高水平耦合' });
    expect(couplingStage(0.1 + 0.2).id).toBe('low-level');
  });
});

describe('coupling degree', () => {
  it('reduces Wang 2021 to sqrt((1 − |U1 − U2|) · min/max) for two subsystems', () => {
    expect(couplingDegree([0.2, 0.8], 'wang2021')).toBeCloseTo(Math.sqrt(0.4 * 0.25), 15);
    expect(couplingDegree([0, 0], 'wang2021')).toBe(0);
    expect(couplingDegree([0, 0.5], 'wang2021')).toBe(0);
  });

  it('gives 0 for the standard model when every U is 0 or one is 0', () => {
    expect(couplingDegree([0, 0, 0], 'standard')).toBe(0);
    expect(couplingDegree([0, 0.4, 0.9], 'standard')).toBe(0);
  });

  it('is 1 when all subsystems are equal and positive', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 1, noNaN: true }), fc.integer({ min: 2, max: 8 }), (v, n) => {
        const u = Array.from({ length: n }, () => v);
        expect(couplingDegree(u, 'standard')).toBeCloseTo(1, 12);
        expect(couplingDegree(u, 'wang2021')).toBeCloseTo(1, 12);
      }),
    );
  });
});

describe('coordination of a problem', () => {
  const dims = ['planning', 'policy'];
  const criteria: Criterion[] = [
    { id: 'a', dimension: 'planning', type: 'benefit' },
    { id: 'b', dimension: 'planning', type: 'benefit' },
    { id: 'c', dimension: 'policy', type: 'benefit' },
  ];

  it('weighs criteria inside a dimension by their share of the dimension weight', () => {
    const r = fromRows([
      [1, 0, 0.5],
      [0, 1, 0.25],
    ]);
    const out = coordination(spec(), r, [0.3, 0.1, 0.6], criteria, dims, noWarn);
    expect(out.U[0]![0]).toBeCloseTo(0.75, 15);
    expect(out.U[1]![0]).toBeCloseTo(0.25, 15);
    expect(out.U[0]![1]).toBe(0.5);
  });

  it('reports lagging dimensions weakest first, or synchronous', () => {
    const three: Criterion[] = ['x', 'y', 'z'].map((d) => ({ id: d, dimension: d, type: 'benefit' }));
    const r = fromRows([
      [0.9, 0.3, 0.6],
      [0.5, 0.45, 0.4],
      [0.5, 0.4, 0.45],
    ]);
    const out = coordination(spec(), r, [1 / 3, 1 / 3, 1 / 3], three, ['x', 'y', 'z'], noWarn);
    expect(out.lagging[0]).toEqual({ synchronous: false, dimensions: ['y', 'z'] });
    // 0.4 / 0.5 = 0.8 is not below the default ratio 0.8.
    expect(out.lagging[1]).toEqual({ synchronous: true, dimensions: [] });
    expect(out.lagging[2]).toEqual({ synchronous: true, dimensions: [] });
    const strict = coordination(spec({ laggingRatio: 0.85 }), r, [1 / 3, 1 / 3, 1 / 3], three, ['x', 'y', 'z'], noWarn);
    expect(strict.lagging[1]).toEqual({ synchronous: false, dimensions: ['z'] });
    expect(strict.lagging[2]).toEqual({ synchronous: false, dimensions: ['y'] });
  });

  it('orders lagging dimensions by U whatever their order in the problem, ties in dimension order', () => {
    // U / max U = 0.5, 0.2, 1, 0.3, 0.2: all but c are below 0.8 (docs/engine.md §6); weakest first: b and e, d, a.
    const five = ['a', 'b', 'c', 'd', 'e'];
    const { r, weights, criteria: crit } = direct([[0.5, 0.2, 1, 0.3, 0.2]], five);
    const out = coordination(spec(), r, weights, crit, five, noWarn);
    expect(out.lagging[0]).toEqual({ synchronous: false, dimensions: ['b', 'e', 'd', 'a'] });
  });

  it('counts a city with every subsystem index 0 as synchronous', () => {
    // U / max U is 0/0 there; all dimensions are level, so none lags.
    const { r, weights, criteria: crit } = direct([[0, 0, 0]], ['x', 'y', 'z']);
    const out = coordination(spec(), r, weights, crit, ['x', 'y', 'z'], noWarn);
    expect(out.lagging[0]).toEqual({ synchronous: true, dimensions: [] });
  });

  it('returns the dimensions in the order given', () => {
    const { r, weights, criteria: crit } = direct([[0.4, 0.6]], ['social', 'industry']);
    expect(coordination(spec(), r, weights, crit, ['social', 'industry'], noWarn).dimensions).toEqual([
      'social',
      'industry',
    ]);
  });

  it('ranks by D with ties sharing a rank', () => {
    const r = fromRows([
      [0.5, 0.5, 0.5],
      [0.9, 0.9, 0.9],
      [0.5, 0.5, 0.5],
    ]);
    expect(coordination(spec(), r, [0.25, 0.25, 0.5], criteria, dims, noWarn).ranks).toEqual([2, 1, 2]);
  });

  it('rescales contributions that do not sum to 1, with a warning', () => {
    const warnings: string[] = [];
    const r = fromRows([[0.2, 0.4, 0.8]]);
    const out = coordination(spec({ contribution: [1, 3] }), r, [0.25, 0.25, 0.5], criteria, dims, (w) =>
      warnings.push(w),
    );
    expect(out.T[0]).toBeCloseTo(0.25 * 0.3 + 0.75 * 0.8, 15);
    expect(warnings).toEqual(['coordination.contribution sums to 4; rescaled to sum 1']);
  });

  it('falls back to the unweighted mean in a dimension whose criteria all weigh 0', () => {
    const warnings: string[] = [];
    const out = coordination(spec(), fromRows([[0.2, 0.4, 0.8]]), [0, 0, 1], criteria, dims, (w) => warnings.push(w));
    expect(out.U[0]![0]).toBeCloseTo(0.3, 15);
    expect(warnings[0]).toMatch(/planning/);
  });

  const r1 = fromRows([[0.2, 0.4, 0.8]]);

  it('names a contribution vector of the wrong length or all zeros', () => {
    expect(
      issuesOf(() => coordination(spec({ contribution: [1] }), r1, [0.3, 0.3, 0.4], criteria, dims, noWarn)),
    ).toEqual([
      { path: 'coordination.contribution', message: 'expected 2 values, one per dimension (planning, policy), got 1' },
    ]);
    expect(
      issuesOf(() => coordination(spec({ contribution: [0, 0] }), r1, [0.3, 0.3, 0.4], criteria, dims, noWarn)),
    ).toEqual([{ path: 'coordination.contribution', message: 'the contributions must not all be zero' }]);
  });

  it('names an empty dimension, missing dimensions and a criterion without one', () => {
    expect(
      issuesOf(() => coordination(spec(), r1, [0.3, 0.3, 0.4], criteria, ['planning', 'policy', 'social'], noWarn)),
    ).toEqual([{ path: 'dimensions[2]', message: 'dimension "social" has no criteria' }]);
    expect(issuesOf(() => coordination(spec(), r1, [0.3, 0.3, 0.4], criteria, undefined, noWarn))[0]!.path).toBe(
      'dimensions',
    );
    expect(issuesOf(() => coordination(spec(), r1, [0.3, 0.3, 0.4], criteria, ['planning'], noWarn))).toEqual([
      { path: 'dimensions', message: 'coupling coordination needs at least two dimensions, got 1' },
    ]);
    const loose: Criterion[] = [...criteria.slice(0, 2), { id: 'c', type: 'benefit' }];
    expect(issuesOf(() => coordination(spec(), r1, [0.3, 0.3, 0.4], loose, dims, noWarn))).toEqual([
      { path: 'criteria[2].dimension', message: 'coupling coordination needs a dimension on every criterion' },
      { path: 'dimensions[1]', message: 'dimension "policy" has no criteria' },
    ]);
  });

  it("names a criterion whose dimension is not one of the problem's", () => {
    const stray: Criterion[] = [...criteria.slice(0, 2), { id: 'c', dimension: 'social', type: 'benefit' }];
    expect(issuesOf(() => coordination(spec(), r1, [0.3, 0.3, 0.4], stray, dims, noWarn))).toEqual([
      { path: 'criteria[2].dimension', message: `dimension "social" is not one of the problem's dimensions` },
      { path: 'dimensions[1]', message: 'dimension "policy" has no criteria' },
    ]);
  });

  it('refuses normalized values outside [0, 1]', () => {
    const bad = fromRows([[0.2, -0.5, 0.8]]);
    const [issue] = issuesOf(() =>
      coordination(spec({ normalization: 'max' }), bad, [0.3, 0.3, 0.4], criteria, dims, noWarn),
    );
    expect(issue!.path).toBe('coordination.normalization');
    expect(issue!.message).toMatch(/matrix\[0\]\[1\].*criterion b/);
    const above = fromRows([[0.2, 0.4, 1.5]]);
    expect(
      issuesOf(() => coordination(spec({ normalization: 'max' }), above, [0.3, 0.3, 0.4], criteria, dims, noWarn))[0]!
        .message,
    ).toMatch(/matrix\[0\]\[2\].*criterion c/);
  });

  it('accepts normalized values round-off put up to 1e-12 outside [0, 1], as 0 and 1', () => {
    const edge = fromRows([[-1e-12, -1e-12, 1 + 1e-12]]);
    const out = coordination(spec(), edge, [0.3, 0.3, 0.4], criteria, dims, noWarn);
    expect(out.U[0]).toEqual([0, 1]);
  });

  it('keeps C and D in [0, 1] (property)', () => {
    const problem = fc
      .record({
        m: fc.integer({ min: 1, max: 6 }),
        perDim: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 2, maxLength: 5 }),
      })
      .chain(({ m, perDim }) => {
        const n = perDim.reduce((a, b) => a + b, 0);
        return fc.record({
          perDim: fc.constant(perDim),
          rows: fc.array(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n }), {
            minLength: m,
            maxLength: m,
          }),
          weights: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n }),
          variant: fc.constantFrom('standard' as const, 'wang2021' as const),
          boundaries: fc.constantFrom('lower-closed' as const, 'upper-closed' as const),
        });
      });
    fc.assert(
      fc.property(problem, ({ perDim, rows, weights, variant, boundaries }) => {
        const dimNames = perDim.map((_, k) => `d${k}`);
        const crit: Criterion[] = perDim.flatMap((count, k) =>
          Array.from({ length: count }, (_, q) => ({ id: `c${k}_${q}`, dimension: `d${k}`, type: 'benefit' as const })),
        );
        const out = coordination(spec({ variant, boundaries }), fromRows(rows), weights, crit, dimNames, () => {});
        out.C.forEach((c) => expect(c >= 0 && c <= 1).toBe(true));
        out.T.forEach((t) => expect(t >= 0 && t <= 1 + 1e-12).toBe(true));
        out.D.forEach((d, i) => {
          expect(d >= 0 && d <= 1).toBe(true);
          expect(out.level[i]!.index).toBeGreaterThanOrEqual(1);
          expect(out.level[i]!.index).toBeLessThanOrEqual(10);
        });
      }),
    );
  });
});
