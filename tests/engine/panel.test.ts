import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kendallW } from '../../src/engine/agreement.ts';
import { aggregatePanel } from '../../src/engine/panel.ts';
import { type Criterion, panelSchema } from '../../src/engine/problem.ts';
import { issuesOf } from './fixtures/issues.ts';

const crit = (...ids: string[]): Criterion[] => ids.map((id) => ({ id, type: 'benefit' }));
const panelOf = (input: object) => panelSchema.parse(input);
const ignore = () => {};

/** One alternative, one criterion, one score per expert (null = abstained). */
function oneCell(values: (number | null)[], extra: object = {}) {
  const experts = values.map((_, e) => `e${e + 1}`);
  return panelOf({ experts, scores: values.map((v) => [[v]]), ...extra });
}
const aggregateOf = (values: (number | null)[], extra: object = {}) =>
  aggregatePanel(oneCell(values, extra), ['Wuwei'], crit('plan_alignment'), ignore);

describe('panel aggregation, published examples', () => {
  it("trims like R's mean(x, trim = 0.10)", () => {
    // R documentation of mean (base package), example: x <- c(0:10, 50); xm <- mean(x); c(xm, mean(x, trim = 0.10))
    // prints [1] 8.75 5.50.
    const x = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 50];
    expect(aggregateOf(x).matrix.data[0]).toBe(8.75);
    expect(aggregateOf(x, { aggregate: 'trimmed', trim: 0.1 }).matrix.data[0]).toBe(5.5);
  });

  it("gives R's mean(x, trim = 0.10) exactly whatever the experts' common influence", () => {
    // Equal influence is no weighting at all (docs/engine.md §9): 0.1 each must not bring the round-off of
    // Σ 0.1 x / Σ 0.1 into R's 5.5 (same example as above).
    const x = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 50];
    const panel = { aggregate: 'trimmed', trim: 0.1, influence: x.map(() => 0.1) };
    expect(aggregateOf(x, panel).matrix.data[0]).toBe(5.5);
  });

  it.each([
    // trim · k with a fractional part of ½ or more, where ⌊ ⌋ (R's mean(x, trim), docs/engine.md §9) and rounding part:
    // mean(c(1, 2, 3, 4, 100), trim = 0.1) in R drops ⌊0.5⌋ = 0 scores and is the plain mean 22 (rounding would drop
    // one from each end: 3); with trim = 0.2, eight scores drop ⌊1.6⌋ = 1 each end (rounding: 2, giving 4.5).
    [[1, 2, 3, 4, 100], 0.1, 22],
    [[1, 2, 3, 4, 5, 6, 10, 100], 0.2, 5],
    [[100, 10, 6, 5, 4, 3, 2, 1], 0.2, 5],
    [[1, 2, 3, 4, 5, 6, 10, 100], 0.49, 4.5],
  ])('drops ⌊trim · k⌋ scores from each end of %j (trim %d gives %d)', (values, trim, expected) => {
    expect(aggregateOf(values, { aggregate: 'trimmed', trim }).matrix.data[0]).toBe(expected);
  });

  it('breaks a tie at the trimming edge by expert order under unequal influence', () => {
    // Scores 5, 1, 1, 9, trim 0.25: one dropped from each end; of the two 1s the first expert's goes, so the
    // second expert (influence 3) stays: (3 · 1 + 5) / 4 = 2, where keeping the first would give 3.
    const panel = { aggregate: 'trimmed', trim: 0.25, influence: [1, 1, 3, 1] };
    expect(aggregateOf([5, 1, 1, 9], panel).matrix.data[0]).toBe(2);
  });

  it('drops ⌊trim · k⌋ by count under unequal influence too', () => {
    // ⌊0.2 · 8⌋ = 1 each end: 2, 3, 4, 5, 6 and 10 (influence 3) remain, (20 + 30) / 8; dropping 2 would give 4.5.
    // The experts' order is shuffled, so the scores must be sorted before trimming.
    const panel = { aggregate: 'trimmed', trim: 0.2, influence: [1, 1, 1, 3, 1, 1, 1, 1] };
    expect(aggregateOf([100, 5, 1, 10, 3, 6, 2, 4], panel).matrix.data[0]).toBe(6.25);
  });

  it('computes quartiles by linear interpolation (type 7, NumPy default)', () => {
    // NumPy percentile with the default method 'linear' on [0, 1, …, 7] (Programiz, "NumPy percentile()"):
    // 25th, 50th and 75th percentiles 1.75, 3.5, 5.25, so the IQR is 3.5.
    const cell = aggregateOf([0, 1, 2, 3, 4, 5, 6, 7]).stats.cells[0]![0]!;
    expect(cell.median).toBe(3.5);
    expect(cell.iqr).toBe(3.5);
    // numpy.percentile documentation: a = [[10, 7, 4], [3, 2, 1]], np.percentile(a, 50) → 3.5.
    expect(aggregateOf([10, 7, 4, 3, 2, 1]).stats.cells[0]![0]!.median).toBe(3.5);
  });

  it('uses the sample standard deviation', () => {
    // Wikipedia, "Standard deviation": the eight values 2, 4, 4, 4, 5, 5, 7, 9 have mean 5, population standard
    // deviation 2 and sample standard deviation sqrt(32/7) ≈ 2.138.
    const cell = aggregateOf([2, 4, 4, 4, 5, 5, 7, 9]).stats.cells[0]![0]!;
    expect(cell.count).toBe(8);
    expect(cell.mean).toBe(5);
    expect(cell.sd).toBeCloseTo(Math.sqrt(32 / 7), 14);
    expect(cell.sd!.toFixed(3)).toBe('2.138');
    expect(cell.cv).toBeCloseTo(Math.sqrt(32 / 7) / 5, 14);
  });

  it.each([
    // Wikipedia, "Weighted median", examples: {1, 2, 3, 4, 5} with weights {0.15, 0.1, 0.2, 0.3, 0.25} has
    // weighted median 4; {1, 2, 3, 4} with equal weights has lower weighted median 2 and upper 3, mean 2.5; with
    // weights {0.49, 0.01, 0.25, 0.25} the lower weighted median is 2 (partition sums 0.49 and 0.5) and the upper 3.
    [[1, 2, 3, 4, 5], [0.15, 0.1, 0.2, 0.3, 0.25], 4],
    [[1, 2, 3, 4], [0.25, 0.25, 0.25, 0.25], 2.5],
    [[1, 2, 3, 4], [0.49, 0.01, 0.25, 0.25], 2.5],
  ])('weighted median of %j with influence %j is %d', (values, influence, expected) => {
    expect(aggregateOf(values, { aggregate: 'median', influence }).matrix.data[0]).toBe(expected);
  });

  it('takes the geometric mean', () => {
    // Wikipedia, "Geometric mean": the geometric mean of 2 and 8 is 4; of 4, 1 and 1/32 it is 1/2.
    expect(aggregateOf([2, 8], { aggregate: 'geometric' }).matrix.data[0]).toBeCloseTo(4, 14);
    expect(aggregateOf([4, 1, 1 / 32], { aggregate: 'geometric' }).matrix.data[0]).toBeCloseTo(0.5, 14);
  });

  it("reports Kendall's W per criterion (irr::kendall(anxiety, correct = TRUE): W 0.54, χ² 30.8)", () => {
    // The irr anxiety data (see agreement.test.ts) as a panel: 3 experts score 20 alternatives on one criterion.
    const raters = [
      [3, 3, 3, 4, 5, 5, 2, 3, 5, 2, 2, 6, 1, 5, 2, 2, 1, 2, 4, 3],
      [3, 6, 4, 6, 2, 4, 2, 4, 3, 3, 2, 3, 3, 3, 2, 2, 1, 3, 3, 4],
      [2, 1, 4, 4, 3, 2, 1, 6, 1, 1, 1, 2, 3, 3, 1, 1, 3, 3, 2, 2],
    ];
    const alternatives = raters[0]!.map((_, i) => `s${i + 1}`);
    const panel = panelOf({ experts: ['r1', 'r2', 'r3'], scores: raters.map((r) => r.map((v) => [v])) });
    const [agreement] = aggregatePanel(panel, alternatives, crit('anxiety'), ignore).stats.agreement;
    expect(agreement!.criterion).toBe('anxiety');
    expect(agreement!.experts).toBe(3);
    expect(agreement!.df).toBe(19);
    expect(agreement!.W!.toFixed(2)).toBe('0.54');
    expect(agreement!.chiSquare!.toFixed(1)).toBe('30.8');
  });
});

describe('panel aggregation', () => {
  const alternatives = ['Wuwei', 'Jinchang'];
  const criteria = crit('plan_alignment', 'gdp_share');

  it('aggregates each cell over the experts who scored it, weighted by influence', () => {
    const panel = panelOf({
      experts: ['a', 'b', 'c'],
      influence: [1, 1, 2],
      scores: [
        [
          [7, 3],
          [5, null],
        ],
        [
          [6, 4],
          [null, 2],
        ],
        [
          [8, null],
          [9, 4],
        ],
      ],
    });
    const { matrix, stats } = aggregatePanel(panel, alternatives, criteria, ignore);
    expect(Array.from(matrix.data)).toEqual([(7 + 6 + 16) / 4, 3.5, (5 + 18) / 3, (2 + 8) / 3]);
    expect(stats.cells[1]![0]).toMatchObject({ count: 2, mean: 7, median: 7 });
    expect(stats.aggregate).toBe('mean');
    expect(stats.trim).toBeUndefined();
  });

  it('leaves experts who skipped an alternative out of that criterion’s W, and says so', () => {
    const warnings: string[] = [];
    const panel = panelOf({
      experts: ['a', 'b', 'c'],
      scores: [
        [
          [1, 1],
          [2, 2],
          [3, 3],
        ],
        [
          [1, 1],
          [2, null],
          [3, 3],
        ],
        [
          [1, 3],
          [2, 2],
          [3, 1],
        ],
      ],
    });
    const { stats } = aggregatePanel(panel, ['x', 'y', 'z'], criteria, (w) => warnings.push(w));
    expect(stats.agreement).toEqual([
      { criterion: 'plan_alignment', W: 1, chiSquare: 3 * 2 * 1, df: 2, experts: 3 },
      { criterion: 'gdp_share', W: 0, chiSquare: 0, df: 2, experts: 2 },
    ]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/Kendall's W/);
  });

  it('says that the cell statistics ignore influence when influence differs', () => {
    const warnings: string[] = [];
    const { matrix, stats } = aggregatePanel(
      oneCell([2, 4], { influence: [3, 1] }),
      ['Wuwei'],
      crit('plan_alignment'),
      (w) => warnings.push(w),
    );
    expect(matrix.data[0]).toBe(2.5);
    expect(stats.cells[0]![0]).toMatchObject({ mean: 3, median: 3 });
    expect(warnings).toEqual([
      'panel: the cell statistics (mean, median, IQR, sd, cv) describe the scores as given, not weighted by influence',
    ]);
    const equal: string[] = [];
    aggregatePanel(oneCell([2, 4], { influence: [2, 2] }), ['Wuwei'], crit('plan_alignment'), (w) => equal.push(w));
    expect(equal).toEqual([]);
  });

  it('warns that trimming ignores influence when influence differs', () => {
    const warnings: string[] = [];
    const panel = oneCell([1, 2, 3, 10], { aggregate: 'trimmed', trim: 0.25, influence: [1, 3, 1, 1] });
    const { matrix, stats } = aggregatePanel(panel, ['Wuwei'], crit('plan_alignment'), (w) => warnings.push(w));
    // ⌊0.25 · 4⌋ = 1 dropped from each end: 2 (influence 3) and 3 (influence 1) remain.
    expect(matrix.data[0]).toBe((2 * 3 + 3) / 4);
    expect(stats.trim).toBe(0.25);
    expect(stats.experts).toEqual(['e1', 'e2', 'e3', 'e4']);
    expect(warnings.some((w) => w.includes('trimmed mean drops'))).toBe(true);
  });

  it('has no sd or cv for a single score and no cv for a zero mean', () => {
    expect(aggregateOf([4, null, null]).stats.cells[0]![0]).toEqual({
      count: 1,
      mean: 4,
      median: 4,
      iqr: 0,
      sd: null,
      cv: null,
    });
    expect(aggregateOf([-1, 1]).stats.cells[0]![0]!.cv).toBeNull();
  });

  it('names every cell no expert scored', () => {
    const panel = panelOf({
      experts: ['a', 'b'],
      scores: [
        [
          [7, null],
          [null, null],
        ],
        [
          [6, null],
          [5, null],
        ],
      ],
    });
    expect(issuesOf(() => aggregatePanel(panel, alternatives, criteria, ignore))).toEqual([
      { path: 'panel.scores[*][0][1]', message: 'no expert scored Wuwei on gdp_share' },
      { path: 'panel.scores[*][1][1]', message: 'no expert scored Jinchang on gdp_share' },
    ]);
  });

  it('names the scores a geometric mean cannot take', () => {
    const panel = panelOf({
      experts: ['a', 'b'],
      aggregate: 'geometric',
      scores: [
        [
          [7, 2],
          [0, 1],
        ],
        [
          [6, -1],
          [5, 3],
        ],
      ],
    });
    expect(issuesOf(() => aggregatePanel(panel, alternatives, criteria, ignore))).toEqual([
      {
        path: 'panel.scores[1][0][1]',
        message: 'the geometric mean needs scores > 0, got -1 (expert b on Wuwei, gdp_share)',
      },
      {
        path: 'panel.scores[0][1][0]',
        message: 'the geometric mean needs scores > 0, got 0 (expert a on Jinchang, plan_alignment)',
      },
    ]);
  });

  it('names shape errors: experts, alternatives, criteria and influence', () => {
    const panel = panelOf({
      experts: ['a', 'b', 'c'],
      influence: [1, 2],
      scores: [[[1, 2], [3]], [[1, 2]]],
    });
    expect(issuesOf(() => aggregatePanel(panel, alternatives, criteria, ignore))).toEqual([
      { path: 'panel.influence', message: 'expected 3 values, one per expert, got 2' },
      { path: 'panel.scores', message: 'expected 3 score tables, one per expert in panel.experts, got 2' },
      { path: 'panel.scores[0][1]', message: 'expected 2 scores, one per criterion, got 1' },
      { path: 'panel.scores[1]', message: 'expected 2 rows, one per alternative, got 1' },
    ]);
  });

  it('names a score that is not a finite number, for a panel that did not come through the schema', () => {
    const panel = { ...panelOf({ experts: ['a'], scores: [[[1, 2]]] }), scores: [[[1, Number.NaN]]] };
    expect(issuesOf(() => aggregatePanel(panel, ['x'], criteria, ignore))).toEqual([
      { path: 'panel.scores[0][0][1]', message: 'expected a finite number or null, got NaN' },
    ]);
    // A missing score is no abstention (that is null): past the shape check, only numbers and nulls are read.
    const gap = { ...panel, scores: [[[1, undefined, 2]]] as unknown as (number | null)[][][] };
    expect(issuesOf(() => aggregatePanel(gap, ['x'], crit('a', 'b', 'c'), ignore))).toEqual([
      { path: 'panel.scores[0][0][1]', message: 'expected a finite number or null, got undefined' },
    ]);
  });

  it('keeps every aggregate between the smallest and largest score given (property)', () => {
    const cell = fc
      .array(fc.option(fc.double({ min: 0.5, max: 10, noNaN: true }), { nil: null }), { minLength: 1, maxLength: 12 })
      .filter((xs) => xs.some((x) => x !== null));
    fc.assert(
      fc.property(
        cell.chain((xs) =>
          fc.tuple(
            fc.constant(xs),
            fc.array(fc.double({ min: 0.1, max: 5, noNaN: true }), { minLength: xs.length, maxLength: xs.length }),
          ),
        ),
        fc.constantFrom('mean' as const, 'median' as const, 'geometric' as const, 'trimmed' as const),
        fc.double({ min: 0, max: 0.49, noNaN: true }),
        ([xs, influence], aggregate, trim) => {
          const given = xs.filter((x): x is number => x !== null);
          const { matrix, stats } = aggregateOf(xs, { aggregate, influence, trim });
          const lo = Math.min(...given);
          const hi = Math.max(...given);
          expect(matrix.data[0]).toBeGreaterThanOrEqual(lo * (1 - 1e-12));
          expect(matrix.data[0]).toBeLessThanOrEqual(hi * (1 + 1e-12));
          const c = stats.cells[0]![0]!;
          expect(c.count).toBe(given.length);
          expect(c.iqr).toBeGreaterThanOrEqual(0);
          expect(c.median).toBeGreaterThanOrEqual(lo);
          expect(c.median).toBeLessThanOrEqual(hi);
        },
      ),
    );
  });

  it('describes scores on a coarse scale (counted) as it describes arbitrary ones (sorted) (property)', () => {
    fc.assert(
      fc.property(
        fc
          .array(fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }), { minLength: 1, maxLength: 30 })
          .filter((xs) => xs.some((x) => x !== null)),
        fc.constantFrom(1, 0.5, 0.1),
        (xs, unit) => {
          const coarse = aggregateOf(
            xs.map((x) => (x === null ? null : x * unit)),
            { aggregate: 'median' },
          );
          const fine = aggregateOf(
            xs.map((x) => (x === null ? null : x * unit + Math.PI * 1e-9)),
            { aggregate: 'median' },
          );
          const [a, b] = [coarse.stats.cells[0]![0]!, fine.stats.cells[0]![0]!];
          expect(b.median).toBeCloseTo(a.median + Math.PI * 1e-9, 9);
          expect(b.iqr).toBeCloseTo(a.iqr, 9);
          expect(fine.matrix.data[0]).toBeCloseTo(coarse.matrix.data[0]! + Math.PI * 1e-9, 9);
        },
      ),
    );
  });

  it('does not depend on the order of the experts (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 4 })), {
          minLength: 1,
          maxLength: 9,
        }),
        fc.constantFrom('mean' as const, 'median' as const, 'geometric' as const),
        (pairs, aggregate) => {
          const run = (ps: [number, number][]) =>
            aggregateOf(
              ps.map(([v]) => v),
              { aggregate, influence: ps.map(([, w]) => w) },
            ).matrix.data[0]!;
          expect(run([...pairs].reverse())).toBeCloseTo(run(pairs), 12);
        },
      ),
    );
  });
});

describe("the panel's Kendall's W over the whole questionnaire", () => {
  // irr's anxiety ratings (tests/engine/agreement.test.ts) laid out as 10 cities × 2 criteria per rater, in cell
  // order city by city: the objects W ranks are the 20 cells, so W and χ² are those of irr::kendall(anxiety).
  const raters = [
    [3, 3, 3, 4, 5, 5, 2, 3, 5, 2, 2, 6, 1, 5, 2, 2, 1, 2, 4, 3],
    [3, 6, 4, 6, 2, 4, 2, 4, 3, 3, 2, 3, 3, 3, 2, 2, 1, 3, 3, 4],
    [2, 1, 4, 4, 3, 2, 1, 6, 1, 1, 1, 2, 3, 3, 1, 1, 3, 3, 2, 2],
  ];
  const asTable = (ratings: readonly number[]): (number | null)[][] =>
    Array.from({ length: 10 }, (_, i) => [ratings[2 * i]!, ratings[2 * i + 1]!]);
  const cities = Array.from({ length: 10 }, (_, i) => `c${i}`);
  // Both criteria on the anxiety scale, 1–6: put on [0, 1] alike, the ranks are those of the raw scores.
  const onScale = (bounds: [number, number][]): Criterion[] =>
    bounds.map((b, j) => ({ id: `k${j}`, type: 'benefit', bounds: b }));
  const overallOf = (
    tables: (number | null)[][][],
    criteria = onScale([
      [1, 6],
      [1, 6],
    ]),
    names = cities,
  ) =>
    aggregatePanel(panelOf({ experts: tables.map((_, e) => `e${e}`), scores: tables }), names, criteria, ignore).stats
      .overall;

  it('reproduces irr::kendall(anxiety, correct = TRUE) with the cells as objects: W 0.54, χ²(19) 30.8', () => {
    const overall = overallOf(raters.map(asTable));
    expect(overall).toMatchObject({ experts: 3, cells: 20, df: 19 });
    expect(Number(overall.W!.toFixed(2))).toBe(0.54);
    expect(Number(overall.chiSquare!.toFixed(1))).toBe(30.8);
  });

  it('leaves out a cell an expert abstained on, keeping every expert', () => {
    const tables = raters.map(asTable);
    tables[1]![0]![0] = null;
    const overall = overallOf(tables);
    expect(overall).toMatchObject({ experts: 3, cells: 19, df: 18 });
    expect(overall.W).toBeCloseTo(kendallW(raters.map((r) => r.slice(1))).W!, 12);
  });

  it('puts each criterion on its own scale first: a wider scale is not agreement', () => {
    // Two experts who rank the cities in opposite orders on both criteria, one on 1–5 and one on 0–100: raw, both
    // would rank every 0–100 cell above every 1–5 cell, and W would look high.
    const a = [1, 2, 3, 4, 5];
    const b = [10, 30, 50, 70, 90];
    const table = (x: number[], y: number[]) => x.map((v, i) => [v, y[i]!]);
    const tables = [table(a, b), table([...a].reverse(), [...b].reverse())];
    const five = cities.slice(0, 5);
    const rescaled = overallOf(
      tables,
      onScale([
        [1, 5],
        [0, 100],
      ]),
      five,
    );
    const raw = kendallW(tables.map((t) => t.flat())).W!;
    expect(raw).toBeGreaterThan(0.6);
    expect(rescaled.W!).toBeLessThan(0.2);
    // Without bounds, the range the panel used stands in for the scale.
    expect(overallOf(tables, crit('a', 'b'), five).W!).toBeLessThan(0.2);
  });

  // W of the cells every expert scored, each score v of criterion j taken as value(v, j).
  const wOf = (tables: (number | null)[][][], value: (v: number, j: number) => number) => {
    const scored = (i: number, j: number) => tables.every((t) => t[i]![j] !== null);
    return kendallW(
      tables.map((t) => t.flatMap((row, i) => row.flatMap((v, j) => (scored(i, j) ? [value(v!, j)] : [])))),
    ).W!;
  };
  // Each score put on [0, 1] by its criterion's [lo, hi], a criterion with lo = hi at 0 (docs/engine.md §9).
  const rescaledW = (tables: (number | null)[][][], scales: [number, number][]) =>
    wOf(tables, (v, j) => {
      const [lo, hi] = scales[j]!;
      return hi === lo ? 0 : (v - lo) / (hi - lo);
    });
  const fourCities = cities.slice(0, 4);

  it.each([
    [
      'share the lower bound only',
      [
        [0, 10],
        [0, 100],
      ],
      [
        [
          [2, 30],
          [5, 60],
          [7, 40],
          [9, 90],
        ],
        [
          [3, 20],
          [4, 70],
          [8, 50],
          [6, 80],
        ],
        [
          [10, 40],
          [null, 50],
          [null, 30],
          [null, 100],
        ],
      ],
    ],
    [
      'share the upper bound only',
      [
        [0, 100],
        [50, 100],
      ],
      [
        [
          [20, 60],
          [50, 80],
          [70, 70],
          [90, 95],
        ],
        [
          [30, 55],
          [40, 85],
          [80, 75],
          [60, 90],
        ],
        [
          [10, 70],
          [null, 75],
          [null, 60],
          [null, 100],
        ],
      ],
    ],
  ] as [string, [number, number][], (number | null)[][][]][])('rescales criteria that %s', (_, bounds, tables) => {
    // The third expert scored the first criterion for the first city only: the cells after the first are all on
    // the second criterion's scale. Raw scores would rank differently, so the test tells rescaled from raw.
    const overall = overallOf(tables, onScale(bounds), fourCities);
    expect(overall.cells).toBe(5);
    expect(wOf(tables, (v) => v)).not.toBeCloseTo(rescaledW(tables, bounds), 3);
    expect(overall.W!).toBeCloseTo(rescaledW(tables, bounds), 12);
  });

  it('rescales by the range the panel used, a criterion scored alike everywhere to 0', () => {
    // The first criterion ranges over 2–8, the second is 5 on every cell (a zero range).
    const tables = [
      [
        [2, 5],
        [6, 5],
        [4, 5],
        [8, 5],
      ],
      [
        [3, 5],
        [8, 5],
        [2, 5],
        [7, 5],
      ],
      [
        [4, 5],
        [5, 5],
        [3, 5],
        [8, 5],
      ],
    ];
    const ranges: [number, number][] = [
      [2, 8],
      [5, 5],
    ];
    expect(overallOf(tables, crit('a', 'b'), fourCities).W!).toBeCloseTo(rescaledW(tables, ranges), 12);
  });
});
