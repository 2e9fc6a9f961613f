import { ConcordanceAccumulator, ScoreTally } from './agreement.ts';
import { type Issue, ProblemError, type Warn } from './errors.ts';
import { type Matrix, zeros } from './matrix.ts';
import type { Criterion, PanelSpec } from './spec.ts';
import { quantileOfSorted, weightedMedian } from './stats.ts';

/**
 * Expert panel → decision matrix (docs/engine.md §9). Each cell is aggregated over the experts who scored it, weighted
 * by `influence`; the result also describes the spread of the scores per cell and the experts' agreement per
 * criterion, which the Delphi rounds feed back to the panel.
 */

export type PanelAggregate = PanelSpec['aggregate'];

/**
 * Descriptive statistics of one cell's scores. They describe the scores as given, unweighted: influence
 * decides the aggregate, not how spread out the panel is.
 */
export interface CellStatistics {
  count: number;
  mean: number;
  /** Median and quartiles by linear interpolation between order statistics (Hyndman & Fan type 7, R's default). */
  median: number;
  iqr: number;
  /** Sample standard deviation (divisor count − 1); null for a single score. */
  sd: number | null;
  /** sd / |mean|; null when sd is null or the mean is 0. */
  cv: number | null;
}

export interface CriterionAgreement {
  criterion: string;
  /** Kendall's W of the experts' rankings of the alternatives on this criterion, tie-corrected (agreement.ts). */
  W: number | null;
  chiSquare: number | null;
  df: number;
  /** Experts who scored every alternative on this criterion; the others are left out of W (listwise deletion). */
  experts: number;
}

/**
 * Kendall's W of the whole questionnaire (Schmidt 1997): the objects are the cells (alternative × criterion)
 * that every expert scored, each expert's scores (on [0, 1] by the criterion's scale) ranked over them,
 * tie-corrected (docs/engine.md §9); null below two experts or two such cells.
 */
export interface PanelAgreement {
  W: number | null;
  chiSquare: number | null;
  df: number;
  experts: number;
  /** The cells every expert scored: the objects W ranks. */
  cells: number;
}

export interface PanelResult {
  experts: string[];
  aggregate: PanelAggregate;
  /** The share trimmed from each end, for the trimmed mean only. */
  trim?: number;
  /** cells[i][j]: alternative i, criterion j. */
  cells: CellStatistics[][];
  agreement: CriterionAgreement[];
  overall: PanelAgreement;
}

export interface AggregatedPanel {
  matrix: Matrix;
  stats: PanelResult;
}

type Scores = PanelSpec['scores'];

/**
 * Aggregates: weighted mean Σ w x / Σ w; weighted median as in stats.weightedMedian (Edgeworth's, with the
 * convention of Wikipedia's "Weighted median": the mean of the lower and upper weighted medians when the
 * cumulative weight meets exactly half, so equal influence gives the ordinary median); weighted geometric mean exp(Σ w
 * ln x / Σ w), for scores > 0; trimmed mean: sort the k scores, drop
 * ⌊trim · k⌋ from each end by count (as R's mean(x, trim)), and take the influence-weighted mean of the rest.
 */
export function aggregatePanel(
  panel: PanelSpec,
  alternatives: readonly string[],
  criteria: readonly Criterion[],
  warn: Warn,
): AggregatedPanel {
  const { experts, scores, aggregate, trim } = panel;
  const E = experts.length;
  const m = alternatives.length;
  const n = criteria.length;
  checkShape(panel, m, n);
  const influence = panel.influence ?? experts.map(() => 1);
  const equalInfluence = influence.every((w) => w === influence[0]);
  if (!equalInfluence) {
    warn(
      'panel: the cell statistics (mean, median, IQR, sd, cv) describe the scores as given, not weighted by influence',
    );
  }
  if (aggregate === 'trimmed' && !equalInfluence) {
    warn(
      'panel: the trimmed mean drops ⌊trim · k⌋ scores from each end by count, whatever their influence, and weighs the rest by influence',
    );
  }

  const matrix = zeros(m, n);
  const cells: CellStatistics[][] = [];
  const missing: Issue[] = [];
  const nonPositive: Issue[] = [];
  const values = new Float64Array(E);
  const weights = new Float64Array(E);
  const sorted = new Float64Array(E);
  const tally = new ScoreTally();
  const order = new Int32Array(E);
  const byValue = (a: number, b: number): number => values[a]! - values[b]! || a - b;

  for (let i = 0; i < m; i++) {
    const row: CellStatistics[] = [];
    for (let j = 0; j < n; j++) {
      let k = 0;
      for (let e = 0; e < E; e++) {
        const v = scores[e]![i]![j];
        if (v === null) continue;
        if (aggregate === 'geometric' && !(v > 0)) {
          nonPositive.push({
            path: `panel.scores[${e}][${i}][${j}]`,
            message: `the geometric mean needs scores > 0, got ${v} (expert ${experts[e]} on ${alternatives[i]}, ${criteria[j]!.id})`,
          });
        }
        values[k] = v;
        weights[k] = influence[e]!;
        k++;
      }
      if (k === 0) {
        missing.push({
          path: `panel.scores[*][${i}][${j}]`,
          message: `no expert scored ${alternatives[i]} on ${criteria[j]!.id}`,
        });
        row.push({ count: 0, mean: NaN, median: NaN, iqr: NaN, sd: null, cv: null });
        continue;
      }
      sortScores(values, k, sorted, tally);
      const stats = describe(sorted, k);
      row.push(stats);

      let value: number;
      if (aggregate === 'median') {
        value = equalInfluence ? stats.median : weightedMedian(values.subarray(0, k), weights.subarray(0, k));
      } else if (aggregate === 'trimmed') {
        const g = Math.floor(trim * k);
        if (equalInfluence) {
          let s = 0;
          for (let q = g; q < k - g; q++) s += sorted[q]!;
          value = s / (k - 2 * g);
        } else {
          for (let q = 0; q < k; q++) order[q] = q;
          const kept = order
            .subarray(0, k)
            .sort(byValue)
            .subarray(g, k - g);
          value = weightedMean(kept, values, weights);
        }
      } else {
        let sw = 0;
        let s = 0;
        for (let q = 0; q < k; q++) {
          sw += weights[q]!;
          s += weights[q]! * (aggregate === 'geometric' ? Math.log(values[q]!) : values[q]!);
        }
        value = aggregate === 'geometric' ? Math.exp(s / sw) : s / sw;
      }
      matrix.data[i * n + j] = value;
    }
    cells.push(row);
  }
  if (missing.length > 0 || nonPositive.length > 0) throw new ProblemError([...missing, ...nonPositive]);

  const agreement = concordance(scores, criteria, m);
  if (agreement.some((a) => a.experts < E)) {
    warn(
      "panel: Kendall's W of a criterion leaves out the experts who did not score every alternative on it (see its experts count)",
    );
  }
  const stats: PanelResult = {
    experts: [...experts],
    aggregate,
    ...(aggregate === 'trimmed' ? { trim } : {}),
    cells,
    agreement,
    overall: overallConcordance(scores, criteria, cells),
  };
  return { matrix, stats };
}

/** Shape errors, all at once: one score table per expert, one row per alternative, one score per criterion. */
function checkShape(panel: PanelSpec, m: number, n: number): void {
  const { experts, scores, influence } = panel;
  const issues: Issue[] = [];
  if (influence !== undefined && influence.length !== experts.length) {
    issues.push({
      path: 'panel.influence',
      message: `expected ${experts.length} values, one per expert, got ${influence.length}`,
    });
  }
  if (scores.length !== experts.length) {
    issues.push({
      path: 'panel.scores',
      message: `expected ${experts.length} score tables, one per expert in panel.experts, got ${scores.length}`,
    });
  }
  for (let e = 0; e < scores.length; e++) {
    const table = scores[e];
    if (!Array.isArray(table) || table.length !== m) {
      issues.push({
        path: `panel.scores[${e}]`,
        message: `expected ${m} rows, one per alternative, got ${Array.isArray(table) ? table.length : typeof table}`,
      });
      continue;
    }
    for (let i = 0; i < m; i++) {
      const row = table[i];
      if (!Array.isArray(row) || row.length !== n) {
        issues.push({
          path: `panel.scores[${e}][${i}]`,
          message: `expected ${n} scores, one per criterion, got ${Array.isArray(row) ? row.length : typeof row}`,
        });
        continue;
      }
      for (let j = 0; j < n; j++) {
        const v = row[j];
        if (v !== null && !Number.isFinite(v))
          issues.push({
            path: `panel.scores[${e}][${i}][${j}]`,
            message: `expected a finite number or null, got ${String(v)}`,
          });
      }
    }
  }
  if (issues.length > 0) throw new ProblemError(issues);
}

/** Writes values[0, k) in ascending order to sorted[0, k): by counting on an integer scale, else by sorting. */
function sortScores(values: Float64Array, k: number, sorted: Float64Array, tally: ScoreTally): void {
  // Counting pays while the scale is not much wider than the number of scores.
  if (tally.tally(values, k, 4 * k + 256)) {
    const { counts, lo, span, scale } = tally;
    let q = 0;
    // (lo + b) / scale is exactly the score again: the tally only takes scores for which that holds.
    for (let b = 0; b <= span; b++) for (let c = counts[b]!; c > 0; c--) sorted[q++] = (lo + b) / scale;
    return;
  }
  // Entries past k stay +∞, so sorting the whole buffer puts the k scores in front without a subarray per cell.
  for (let q = 0; q < sorted.length; q++) sorted[q] = q < k ? values[q]! : Infinity;
  sorted.sort();
}

/** Count, mean, type-7 median and IQR, sample sd and CV of sorted[0, k). */
function describe(sorted: Float64Array, k: number): CellStatistics {
  let s = 0;
  for (let q = 0; q < k; q++) s += sorted[q]!;
  const mean = s / k;
  let ss = 0;
  for (let q = 0; q < k; q++) ss += (sorted[q]! - mean) ** 2;
  const sd = k > 1 ? Math.sqrt(ss / (k - 1)) : null;
  return {
    count: k,
    mean,
    median: quantileOfSorted(sorted, 0.5, k),
    iqr: quantileOfSorted(sorted, 0.75, k) - quantileOfSorted(sorted, 0.25, k),
    sd,
    cv: sd === null || mean === 0 ? null : sd / Math.abs(mean),
  };
}

function weightedMean(indices: Int32Array, values: Float64Array, weights: Float64Array): number {
  let s = 0;
  let sw = 0;
  for (let q = 0; q < indices.length; q++) {
    s += weights[indices[q]!]! * values[indices[q]!]!;
    sw += weights[indices[q]!]!;
  }
  return s / sw;
}

/**
 * Kendall's W over the cells every expert scored (PanelAgreement), all experts included. Each criterion's scores
 * are put on [0, 1] first, by its bounds or else by the range the panel used, so that a criterion on a wider
 * scale does not rank above the others for every expert alike and pass for agreement.
 */
function overallConcordance(
  scores: Scores,
  criteria: readonly Criterion[],
  stats: readonly (readonly CellStatistics[])[],
): PanelAgreement {
  const n = criteria.length;
  // The cells every expert scored, from the counts the aggregation already made.
  const rows: number[] = [];
  const cols: number[] = [];
  for (const [i, row] of stats.entries()) {
    for (let j = 0; j < n; j++) {
      if (row[j]!.count !== scores.length) continue;
      rows.push(i);
      cols.push(j);
    }
  }
  const cells = rows.length;
  const cellRow = Int32Array.from(rows);
  const cellCol = Int32Array.from(cols);
  const lo = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const hi = new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
  for (const [j, criterion] of criteria.entries()) {
    if (criterion.bounds) [lo[j], hi[j]] = criterion.bounds;
  }
  for (let k = 0; k < cells; k++) {
    const j = cellCol[k]!;
    if (criteria[j]!.bounds) continue;
    for (const table of scores) {
      const v = table[cellRow[k]!]![j] as number;
      if (v < lo[j]!) lo[j] = v;
      if (v > hi[j]!) hi[j] = v;
    }
  }
  // One scale for every criterion (a panel's 1–9, say) needs no rescaling: the ranks are those of the raw scores.
  const first = cellCol[0]!;
  let shared = true;
  for (let k = 1; k < cells && shared; k++) shared = lo[cellCol[k]!] === lo[first] && hi[cellCol[k]!] === hi[first];
  const acc = new ConcordanceAccumulator(cells);
  const values = new Float64Array(cells);
  for (const table of scores) {
    for (let k = 0; k < cells; k++) {
      const j = cellCol[k]!;
      const v = table[cellRow[k]!]![j] as number;
      const span = hi[j]! - lo[j]!;
      values[k] = shared ? v : span > 0 ? (v - lo[j]!) / span : 0;
    }
    acc.add(values);
  }
  const { W, chiSquare, df, raters } = acc.result();
  return { W, chiSquare, df, experts: raters, cells };
}

/** Kendall's W per criterion over the experts who scored every alternative on it. */
function concordance(scores: Scores, criteria: readonly Criterion[], m: number): CriterionAgreement[] {
  const acc = new ConcordanceAccumulator(m);
  const column = new Float64Array(m);
  return criteria.map((criterion, j) => {
    acc.reset();
    for (const table of scores) {
      let complete = true;
      for (let i = 0; i < m && complete; i++) {
        const v = table[i]![j];
        if (v === null) complete = false;
        else column[i] = v;
      }
      if (complete) acc.add(column);
    }
    const { W, chiSquare, df, raters } = acc.result();
    return { criterion: criterion.id, W, chiSquare, df, experts: raters };
  });
}
