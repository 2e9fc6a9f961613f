import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  coordination,
  coordinationLevel,
  couplingDegree,
  couplingStage,
  DEFAULT_LEVELS,
} from '../../src/engine/coordination.ts';
import { estimateCost } from '../../src/engine/cost.ts';
import { evaluate } from '../../src/engine/evaluate.ts';
import { fromRows } from '../../src/engine/matrix.ts';
import { type Criterion, coordinationSchema } from '../../src/engine/problem.ts';
import { type LevelClass, MAX_LEVELS, settle } from '../../src/engine/spec.ts';
import { parseProblem } from '../../src/engine/validate.ts';
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
        expect(couplingDegree(u, 'fan')).toBeCloseTo(1, 12);
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
          variant: fc.constantFrom('standard' as const, 'wang2021' as const, 'fan' as const),
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

// The vignette "Coupling Coordination Degree Model and Metacoupling Analysis" of the R package coupling 0.1
// (Lyu Wenbo 2026, doi:10.32614/CRAN.package.coupling; stscl/coupling, vignettes/ccd.Rmd): the first six
// spatial units of the gzma data set (social space quality of the Guangzhou metropolitan area, 2010; R package
// sdsfun), its four scores min-max normalized as the vignette prints them (head(dt)), and the C and D that
// coupling::ccd(dt, method = …) prints for each model with equal weights. Seven digits in, seven out, so the
// check is to 5e-7.
const GZMA_U = [
  [0.8179733, 0.3246648, 0.6590316, 0.1308531],
  [0.3020233, 0.1318888, 0.4046987, 0.5173794],
  [0.9209903, 0.3353516, 0.6921477, 0.314132],
  [0.9604095, 0.3914758, 0.7099999, 0.4316421],
  [0.9061589, 0.3473603, 0.7297774, 0.6909494],
  [0.9456379, 0.4391423, 0.7304117, 0.4792905],
];
const GZMA: Record<'standard' | 'wang2021' | 'fan', { C: number[]; D: number[] }> = {
  standard: {
    C: [0.8051958, 0.8914577, 0.8999423, 0.9346128, 0.9440912, 0.9519923],
    D: [0.6237105, 0.549729, 0.7134825, 0.7632959, 0.7944703, 0.7858001],
  },
  wang2021: {
    C: [0.4722274, 0.6211236, 0.5375842, 0.5861986, 0.6640321, 0.6319211],
    D: [0.477648, 0.4588675, 0.5514412, 0.6045044, 0.666293, 0.6402164],
  },
  fan: {
    C: [0.4593785, 0.7164548, 0.4915051, 0.539962, 0.5951898, 0.5907777],
    D: [0.4711049, 0.4928249, 0.5272784, 0.5801746, 0.6308098, 0.6190239],
  },
};

describe('the three coupling models on the coupling package’s vignette (gzma, Guangzhou 2010)', () => {
  const dims = ['PS', 'EL', 'OH', 'IL'];
  it.each(['standard', 'wang2021', 'fan'] as const)('%s: C and D as coupling::ccd prints them', (variant) => {
    const { r, weights, criteria } = direct(GZMA_U, dims);
    const out = coordination(spec({ variant }), r, weights, criteria, dims, noWarn);
    out.C.forEach((c, i) => expect(c, `C of unit ${i + 1}`).toBeCloseTo(GZMA[variant].C[i]!, 6));
    out.D.forEach((d, i) => expect(d, `D of unit ${i + 1}`).toBeCloseTo(GZMA[variant].D[i]!, 6));
  });
});

describe('the Fan model', () => {
  it('is 1 − |U₁ − U₂| for two subsystems, σ being half their difference', () => {
    expect(couplingDegree([0.2, 0.8], 'fan')).toBeCloseTo(0.4, 15);
    expect(couplingDegree([0.9, 0.9], 'fan')).toBe(1);
  });

  it('reaches 0 at the most unequal U in [0, 1], half of them 0 and half 1, and stays above it for odd n', () => {
    expect(couplingDegree([0, 1], 'fan')).toBe(0);
    expect(couplingDegree([0, 1, 1, 0], 'fan')).toBe(0);
    // n = 3: σ² of (0, 0, 1) is (1/9 + 1/9 + 4/9) / 3 = 2/9.
    expect(couplingDegree([0, 0, 1], 'fan')).toBeCloseTo(1 - 2 * Math.sqrt(2 / 9), 15);
  });

  it('clamps to [0, 1]: U spread wider than [0, 1] would give 1 − 2σ < 0', () => {
    // (0, 2): σ = 1, so 1 − 2σ = −1.
    expect(couplingDegree([0, 2], 'fan')).toBe(0);
    expect(couplingDegree([0, 1.5, 0, 1.5], 'fan')).toBe(0);
  });

  it('counts U all 0 as level (C = 1), while D = 0 says there is nothing to coordinate', () => {
    const { r, weights, criteria } = direct([[0, 0, 0]], ['x', 'y', 'z']);
    const out = coordination(spec({ variant: 'fan' }), r, weights, criteria, ['x', 'y', 'z'], noWarn);
    expect(out.C).toEqual([1]);
    expect(out.D).toEqual([0]);
    expect(out.level[0]!.index).toBe(1);
  });

  it('keeps C in [0, 1] for any U in [0, 1], as all three models do (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 10 }),
        fc.constantFrom('standard' as const, 'wang2021' as const, 'fan' as const),
        (u, variant) => {
          const c = couplingDegree(u, variant);
          expect(c >= 0 && c <= 1, `${variant} C = ${c}`).toBe(true);
        },
      ),
    );
  });

  it('is 1 for equal U, whatever their level, 0 included (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 2, max: 12 }), (v, n) => {
        expect(couplingDegree(new Array<number>(n).fill(v), 'fan')).toBeCloseTo(1, 14);
      }),
    );
  });
});

// Table 3 of "Coupling Coordinated Evolution and Forecast of Tourism-Urbanization-Ecological Environment: The Case
// Study of Chongqing, China", Mathematical Problems in Engineering 2021, article 7271637: six classes, upper-closed
// (0 < D ≤ 0.2 serious imbalance, …, 0.8 < D ≤ 1 good coordination). The paper is in English; the Chinese names are
// ours.
const CHONGQING: LevelClass[] = [
  { from: 0, en: 'serious imbalance', zh: '严重失调' },
  { from: 0.2, en: 'imbalance', zh: '失调' },
  { from: 0.4, en: 'endangered', zh: '濒临失调' },
  { from: 0.5, en: 'little coordination', zh: '勉强协调' },
  { from: 0.6, en: 'coordination', zh: '协调' },
  { from: 0.8, en: 'good coordination', zh: '良好协调' },
];
// Table 2 of a study of urbanization and the water environment (Environmental Science and Pollution Research 29(3):
// 4654–4667, online 2021, doi:10.1007/s11356-021-15161-1): five classes, 0 < D ≤ 0.25 … 0.85 < D ≤ 1, in English;
// the Chinese names are ours.
const WATER: LevelClass[] = [
  { from: 0, en: 'severely imbalanced development', zh: '严重失调发展' },
  { from: 0.25, en: 'slightly imbalanced development', zh: '轻度失调发展' },
  { from: 0.5, en: 'barely coordinated development', zh: '勉强协调发展' },
  { from: 0.7, en: 'coordinated development', zh: '协调发展' },
  { from: 0.85, en: 'superiorly balanced development', zh: '优质均衡发展' },
];

describe('custom level tables', () => {
  const indexes = (ds: number[], b: 'lower-closed' | 'upper-closed', table: LevelClass[]) =>
    ds.map((d) => coordinationLevel(d, b, table).index);

  it('classifies by the Chongqing table as it is printed (upper-closed), values on a bound in the class below', () => {
    expect(coordinationLevel(0.45, 'upper-closed', CHONGQING)).toEqual({ index: 3, en: 'endangered', zh: '濒临失调' });
    expect(indexes([0, 0.2, 0.4, 0.5, 0.6, 0.8, 1], 'upper-closed', CHONGQING)).toEqual([1, 1, 2, 3, 4, 5, 6]);
    expect(indexes([0.2000001, 0.4000001, 0.8000001], 'upper-closed', CHONGQING)).toEqual([2, 3, 6]);
  });

  it('puts values on a bound in the class above when lower-closed', () => {
    expect(indexes([0, 0.2, 0.4, 0.5, 0.6, 0.8, 1], 'lower-closed', CHONGQING)).toEqual([1, 2, 3, 4, 5, 6, 6]);
    expect(indexes([0.1999999, 0.3999999, 0.7999999], 'lower-closed', CHONGQING)).toEqual([1, 2, 5]);
  });

  it('settles D to 12 digits before comparing, as with the default table', () => {
    // 0.6000000000000001, 0.7999999999999999, 0.24999999999999997 and 0.8500000000000001: each a bound, a last bit off.
    const computed = [0.4 + 0.2, 0.7 + 0.1, 0.35 - 0.1, 0.55 + 0.3];
    expect(indexes(computed, 'upper-closed', CHONGQING)).toEqual([4, 5, 2, 6]);
    expect(indexes(computed, 'lower-closed', CHONGQING)).toEqual([5, 6, 2, 6]);
    expect(indexes(computed, 'upper-closed', WATER)).toEqual([3, 4, 1, 4]);
    expect(indexes(computed, 'lower-closed', WATER)).toEqual([3, 4, 2, 5]);
  });

  it('gives every D the one class of a one-class table', () => {
    const one: LevelClass[] = [{ from: 0, en: 'all', zh: '全部' }];
    expect(indexes([0, 0.5, 1], 'lower-closed', one)).toEqual([1, 1, 1]);
    expect(indexes([0, 0.5, 1], 'upper-closed', one)).toEqual([1, 1, 1]);
  });

  it('gives the same classes as the default when the ten classes are written out', () => {
    const written = coordinationSchema.parse({ levels: DEFAULT_LEVELS }).levels!;
    for (const b of ['lower-closed', 'upper-closed'] as const)
      for (let k = 0; k <= 100; k++)
        expect(coordinationLevel(k / 100, b, written)).toEqual(coordinationLevel(k / 100, b));
  });

  it('are used by coordination(), which returns the table with the levels', () => {
    const { r, weights, criteria } = direct(
      [
        [0.04, 0.04],
        [0.25, 0.25],
        [0.9, 0.7],
      ],
      ['x', 'y'],
    );
    const run = (over: object) => coordination(spec(over), r, weights, criteria, ['x', 'y'], noWarn);
    // Equal U give C = 1 and D = √U: 0.2 and 0.5, the latter on a bound; (0.9, 0.7): C = 2√0.63/1.6, T = 0.8,
    // D ≈ 0.891.
    const upper = run({ levels: WATER, boundaries: 'upper-closed' });
    expect(upper.level.map((l) => l.en)).toEqual([
      'severely imbalanced development',
      'slightly imbalanced development',
      'superiorly balanced development',
    ]);
    expect(upper.levels).toEqual(WATER);
    expect(run({ levels: WATER }).level.map((l) => l.index)).toEqual([1, 3, 5]);
    const plain = run({});
    expect(plain.levels).toEqual(DEFAULT_LEVELS);
    expect(plain.level.map((l) => l.index)).toEqual([3, 6, 9]);
  });

  const tables = fc
    .uniqueArray(fc.double({ min: 1e-9, max: 1, maxExcluded: true, noNaN: true }), {
      maxLength: MAX_LEVELS - 1,
      selector: settle,
    })
    .map((bounds): LevelClass[] =>
      [0, ...bounds.sort((a, b) => a - b)].map((from, k) => ({ from, en: `class ${k + 1}`, zh: `第${k + 1}级` })),
    );

  it('puts a higher D in the same class or a higher one, in any valid table (property)', () => {
    fc.assert(
      fc.property(
        tables,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom('lower-closed' as const, 'upper-closed' as const),
        (table, a, b, boundaries) => {
          expect(coordinationSchema.safeParse({ levels: table }).success).toBe(true);
          const [low, high] = a <= b ? [a, b] : [b, a];
          const lo = coordinationLevel(low, boundaries, table);
          const hi = coordinationLevel(high, boundaries, table);
          expect(lo.index).toBeLessThanOrEqual(hi.index);
          expect(lo.index).toBeGreaterThanOrEqual(1);
          expect(hi.index).toBeLessThanOrEqual(table.length);
          expect(hi).toEqual({ index: hi.index, en: table[hi.index - 1]!.en, zh: table[hi.index - 1]!.zh });
        },
      ),
    );
  });

  it('puts a class’s own lower bound in it when lower-closed and in the class below when upper-closed (property)', () => {
    fc.assert(
      fc.property(
        tables.filter((t) => t.length > 1),
        fc.nat(),
        (table, pick) => {
          const k = 1 + (pick % (table.length - 1));
          expect(coordinationLevel(table[k]!.from, 'lower-closed', table).index).toBe(k + 1);
          expect(coordinationLevel(table[k]!.from, 'upper-closed', table).index).toBe(k);
        },
      ),
    );
  });

  it('are counted in the cost estimate, long names included', () => {
    const long = CHONGQING.map((l) => ({ ...l, en: `${l.en} `.repeat(6).trim().slice(0, 80), zh: l.zh.repeat(8) }));
    const problem = {
      alternatives: ['a', 'b', 'c'],
      dimensions: ['x', 'y'],
      criteria: [
        { id: 'p', dimension: 'x', type: 'benefit' },
        { id: 'q', dimension: 'y', type: 'benefit' },
      ],
      matrix: [
        [1, 2],
        [2, 5],
        [3, 3],
      ],
      coordination: { variant: 'fan', levels: long },
    };
    const part = estimateCost(problem).parts.find((p) => p.path === 'coordination')!;
    const { coordination: result } = evaluate(problem);
    expect(part.resultBytes).toBeGreaterThanOrEqual(JSON.stringify({ coordination: result }).length - 2);
  });
});

describe('level tables and variants in the problem', () => {
  const problem = (coordination: unknown) => ({
    alternatives: ['a', 'b'],
    dimensions: ['x', 'y'],
    criteria: [
      { id: 'p', dimension: 'x', type: 'benefit' },
      { id: 'q', dimension: 'y', type: 'benefit' },
    ],
    matrix: [
      [1, 2],
      [2, 1],
    ],
    coordination,
  });
  const issues = (coordination: unknown) => issuesOf(() => parseProblem(problem(coordination)));
  const cls = (from: unknown, en: unknown = 'a', zh: unknown = '甲') => ({ from, en, zh });

  it('names an unknown variant among the three', () => {
    expect(issues({ variant: 'fan2024' })).toEqual([
      { path: 'coordination.variant', message: 'expected one of "standard", "wang2021", "fan", got "fan2024"' },
    ]);
    expect(parseProblem(problem({ variant: 'fan' })).coordination!.variant).toBe('fan');
  });

  it('wants the first class to start at 0', () => {
    expect(issues({ levels: [cls(0.1), cls(0.5)] })).toEqual([
      { path: 'coordination.levels[0].from', message: 'the first class must start at 0, got 0.1' },
    ]);
  });

  it('wants lower bounds strictly ascending, also once settled to 12 digits', () => {
    expect(issues({ levels: [cls(0), cls(0.5), cls(0.5), cls(0.3)] })).toEqual([
      {
        path: 'coordination.levels[2].from',
        message: 'expected a lower bound above 0.5, got 0.5: list the classes from the lowest up',
      },
      {
        path: 'coordination.levels[3].from',
        message: 'expected a lower bound above 0.5, got 0.3: list the classes from the lowest up',
      },
    ]);
    expect(issues({ levels: [cls(0), cls(0.3), cls(0.3000000000000001)] })).toEqual([
      {
        path: 'coordination.levels[2].from',
        message: 'expected a lower bound above 0.3, got 0.3000000000000001: list the classes from the lowest up',
      },
    ]);
  });

  it('wants each lower bound in [0, 1), compared with the last valid one before it', () => {
    expect(issues({ levels: [cls(0), cls(1), cls(-0.2), cls(0.4)] })).toEqual([
      { path: 'coordination.levels[1].from', message: 'expected a number < 1, got 1' },
      { path: 'coordination.levels[2].from', message: 'expected a number ≥ 0, got -0.2' },
    ]);
    expect(issues({ levels: [cls('0')] })).toEqual([
      { path: 'coordination.levels[0].from', message: 'expected a finite number, got "0"' },
    ]);
  });

  it('wants both names, not blank, of at most 80 characters, and nothing else', () => {
    expect(issues({ levels: [cls(0, ''), cls(0.5, 'b', '   '), { from: 0.7, en: 'c' }] })).toEqual([
      { path: 'coordination.levels[0].en', message: 'must not be empty' },
      { path: 'coordination.levels[1].zh', message: 'must not be empty' },
      { path: 'coordination.levels[2].zh', message: 'required: expected a string' },
    ]);
    expect(issues({ levels: [cls(0, 'x'.repeat(81))] })).toEqual([
      { path: 'coordination.levels[0].en', message: 'expected at most 80 characters' },
    ]);
    expect(issues({ levels: [{ ...cls(0), to: 0.5 }] })).toEqual([
      { path: 'coordination.levels[0].to', message: 'unknown option "to"' },
    ]);
  });

  it('wants one to twenty classes', () => {
    expect(issues({ levels: [] })).toEqual([{ path: 'coordination.levels', message: 'must not be empty' }]);
    const many = Array.from({ length: MAX_LEVELS + 1 }, (_, k) => cls(k / (MAX_LEVELS + 1)));
    expect(issues({ levels: many })).toEqual([
      { path: 'coordination.levels', message: `expected at most ${MAX_LEVELS} items, got ${MAX_LEVELS + 1}` },
    ]);
  });

  it('trims the names and keeps the table in the result', () => {
    const levels = [cls(0, ' low ', ' 低 '), cls(0.5, 'high', '高')];
    const parsed = parseProblem(problem({ levels }));
    expect(parsed.coordination!.levels).toEqual([cls(0, 'low', '低'), cls(0.5, 'high', '高')]);
    expect(evaluate(problem({ levels })).coordination!.levels).toEqual([cls(0, 'low', '低'), cls(0.5, 'high', '高')]);
  });
});
