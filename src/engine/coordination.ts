import { fail, type Issue, ProblemError, type Warn } from './errors.ts';
import type { Matrix } from './matrix.ts';
import { ranks } from './rank.ts';
import { type CoordinationSpec, type Criterion, type LevelClass, settle } from './spec.ts';
import { shares, sum } from './stats.ts';

/**
 * Coupling coordination of the dimensions (docs/engine.md §6): how well a city's planning, policy, industry and social
 * subsystems develop together, not only how far.
 */

export type CouplingVariant = CoordinationSpec['variant'];
export type Boundaries = CoordinationSpec['boundaries'];

export interface Label {
  readonly en: string;
  readonly zh: string;
}
export interface CoordinationLevel extends Label {
  /** The 1-based class number in the table used: 1 (extreme disorder) … 10 (quality coordination) by default. */
  readonly index: number;
}
export type CouplingStageId = 'low-level' | 'antagonism' | 'running-in' | 'high-level';
export interface CouplingStage extends Label {
  readonly id: CouplingStageId;
}
export interface Lagging {
  /** No dimension falls below `laggingRatio` of the strongest one. */
  readonly synchronous: boolean;
  /** The lagging dimensions, weakest first. */
  readonly dimensions: string[];
}
export interface CoordinationResult {
  dimensions: string[];
  /** U[i][k]: subsystem index of alternative i on dimension k. */
  U: number[][];
  C: number[];
  T: number[];
  D: number[];
  level: CoordinationLevel[];
  /** The level table `level` refers to: the spec's `levels`, or the ten default classes. */
  levels: LevelClass[];
  stage: CouplingStage[];
  /** By D, higher is better; ties share the smallest rank. */
  ranks: number[];
  lagging: Lagging[];
}

// The ten classes of width 0.1 and the four coupling stages, in the wording of the Chinese literature, e.g.
// Tian Shenzhen et al. 2021, Acta Geographica Sinica 76(4): 781, Table 1.
export const DEFAULT_LEVELS: readonly LevelClass[] = [
  { from: 0, en: 'extreme disorder', zh: '极度失调' },
  { from: 0.1, en: 'serious disorder', zh: '严重失调' },
  { from: 0.2, en: 'moderate disorder', zh: '中度失调' },
  { from: 0.3, en: 'mild disorder', zh: '轻度失调' },
  { from: 0.4, en: 'on the verge of disorder', zh: '濒临失调' },
  { from: 0.5, en: 'barely coordinated', zh: '勉强协调' },
  { from: 0.6, en: 'primary coordination', zh: '初级协调' },
  { from: 0.7, en: 'intermediate coordination', zh: '中级协调' },
  { from: 0.8, en: 'good coordination', zh: '良好协调' },
  { from: 0.9, en: 'quality coordination', zh: '优质协调' },
];

const STAGES: readonly { id: CouplingStageId; upTo: number; en: string; zh: string }[] = [
  { id: 'low-level', upTo: 0.3, en: 'low-level coupling', zh: '低水平耦合' },
  { id: 'antagonism', upTo: 0.5, en: 'antagonism', zh: '拮抗' },
  { id: 'running-in', upTo: 0.8, en: 'running-in', zh: '磨合' },
  { id: 'high-level', upTo: Infinity, en: 'high-level coupling', zh: '高水平耦合' },
];

/**
 * Class of D in a table of ascending lower bounds a_1 = 0 < a_2 < … (docs/engine.md §6), D and the bounds settled
 * to 12 digits. `lower-closed`: [a_1, a_2), [a_2, a_3), …, [a_L, 1]; `upper-closed`: [a_1, a_2], (a_2, a_3], …,
 * (a_L, 1]. The default table's a_k = (k − 1)/10.
 */
export function coordinationLevel(
  d: number,
  boundaries: Boundaries,
  levels: readonly LevelClass[] = DEFAULT_LEVELS,
): CoordinationLevel {
  return levelOf(
    settle(d),
    boundaries,
    levels,
    levels.map((l) => settle(l.from)),
  );
}

/** The class of a settled D, given the table's settled lower bounds (settled once per problem, not per city). */
function levelOf(
  x: number,
  boundaries: Boundaries,
  levels: readonly LevelClass[],
  froms: readonly number[],
): CoordinationLevel {
  let index = 1;
  for (let k = 1; k < froms.length; k++)
    if (boundaries === 'lower-closed' ? x >= froms[k]! : x > froms[k]!) index = k + 1;
  const { en, zh } = levels[index - 1]!;
  return { index, en, zh };
}

/** Stage of C: low-level (≤ 0.3), antagonism (≤ 0.5), running-in (≤ 0.8), high-level. */
export function couplingStage(c: number): CouplingStage {
  const x = settle(c);
  const { id, en, zh } = STAGES.find((s) => x <= s.upTo)!;
  return { id, en, zh };
}

/**
 * Coupling degree C of one alternative's subsystem indices U (all in [0, 1]).
 * `standard`: C = n (Π U)^(1/n) / Σ U, 0 when Σ U = 0.
 * `wang2021` (Wang Shujia et al. 2021, J. Natural Resources 36(3): 793–810):
 * C = sqrt([1 − Σ_{k<l} |U_k − U_l| / (n(n − 1)/2)] · (Π U_k / max U)^(1/(n − 1))), 0 when max U = 0.
 * `fan` (Fan et al. 2024, Statistics & Decision 40(22): 41–46, as in the R package `coupling`):
 * C = 1 − 2 sqrt((n Σ U² − (Σ U)²) / n²) = 1 − 2σ, σ the population standard deviation of U.
 * Clamped to [0, 1] against round-off (all three are in [0, 1] in exact arithmetic for U in [0, 1]).
 */
export function couplingDegree(u: ArrayLike<number>, variant: CouplingVariant): number {
  const n = u.length;
  let sum = 0;
  let max = 0;
  let logSum = 0;
  for (let k = 0; k < n; k++) {
    sum += u[k]!;
    if (u[k]! > max) max = u[k]!;
    logSum += Math.log(u[k]!);
  }
  let c: number;
  if (variant === 'standard') {
    // log(0) = −∞ makes the geometric mean 0, which is the right limit.
    c = sum === 0 ? 0 : (n * Math.exp(logSum / n)) / sum;
  } else if (variant === 'fan') {
    // σ² about the mean rather than n Σ U² − (Σ U)², which cancels to round-off when the U are level: equal U
    // then give C within 1e-15 of 1, not 1 − 5e-8. σ ≤ (max − min)/2 ≤ 1/2 (Popoviciu), so C ≥ 0 for U in [0, 1].
    const mean = sum / n;
    let squares = 0;
    for (let k = 0; k < n; k++) squares += (u[k]! - mean) ** 2;
    c = 1 - 2 * Math.sqrt(squares / n);
  } else if (max === 0) {
    c = 0;
  } else {
    let spread = 0;
    for (let k = 0; k < n; k++) for (let l = k + 1; l < n; l++) spread += Math.abs(u[k]! - u[l]!);
    const evenness = 1 - spread / ((n * (n - 1)) / 2);
    const balance = Math.exp((logSum - n * Math.log(max)) / (n - 1));
    c = Math.sqrt(Math.max(0, evenness) * balance);
  }
  return Math.min(1, Math.max(0, c));
}

/** Tolerance for normalized values that round-off pushed just outside [0, 1]. */
const EPS = 1e-12;

/**
 * `normalized` is r (m × n) from the spec's `normalization` (min-max by type honouring bounds by default),
 * `weights` the global criterion weights. Throws ProblemError for missing or empty dimensions and a
 * contribution vector of the wrong length; contributions that do not sum to 1 are rescaled, with a warning.
 */
export function coordination(
  spec: CoordinationSpec,
  normalized: Matrix,
  weights: ArrayLike<number>,
  criteria: readonly Criterion[],
  dimensions: readonly string[] | undefined,
  warn: Warn,
): CoordinationResult {
  const dims = dimensions ?? [];
  const members = dimensionMembers(criteria, dims);
  const K = dims.length;
  const alpha = contributions(spec.contribution, dims, warn);
  const { rows: m, cols: n, data: r } = normalized;
  const levels = spec.levels ?? DEFAULT_LEVELS;
  const froms = levels.map((l) => settle(l.from));

  for (let idx = 0; idx < m * n; idx++) {
    const v = r[idx]!;
    if (!(v >= -EPS && v <= 1 + EPS)) {
      const i = Math.floor(idx / n);
      const j = idx % n;
      throw new ProblemError([
        {
          path: 'coordination.normalization',
          message: `coupling coordination needs normalized values in [0, 1], but "${spec.normalization}" gives ${v} for matrix[${i}][${j}] (criterion ${criteria[j]!.id}); use "minmax"`,
        },
      ]);
    }
  }

  // Within a dimension the criteria weigh by their global weights; if all of them weigh 0 the dimension
  // would be 0/0, so its criteria count equally instead.
  const within = members.map((cols, k) => {
    const total = cols.reduce((s, j) => s + weights[j]!, 0);
    if (total > 0) return cols.map((j) => weights[j]! / total);
    warn(
      `coordination: every criterion of dimension ${dims[k]} has weight 0; its subsystem index is their unweighted mean`,
    );
    return cols.map(() => 1 / cols.length);
  });

  const U: number[][] = [];
  const C: number[] = [];
  const T: number[] = [];
  const D: number[] = [];
  const level: CoordinationLevel[] = [];
  const stage: CouplingStage[] = [];
  const lagging: Lagging[] = [];
  const u = new Float64Array(K);
  for (let i = 0; i < m; i++) {
    let t = 0;
    for (let k = 0; k < K; k++) {
      const cols = members[k]!;
      const w = within[k]!;
      let s = 0;
      for (let q = 0; q < cols.length; q++) s += w[q]! * r[i * n + cols[q]!]!;
      u[k] = Math.min(1, Math.max(0, s));
      t += alpha[k]! * u[k]!;
    }
    const c = couplingDegree(u, spec.variant);
    const d = Math.sqrt(c * t);
    U.push(Array.from(u));
    C.push(c);
    T.push(t);
    D.push(d);
    level.push(levelOf(settle(d), spec.boundaries, levels, froms));
    stage.push(couplingStage(c));
    lagging.push(laggingDimensions(u, dims, spec.laggingRatio));
  }
  return {
    dimensions: [...dims],
    U,
    C,
    T,
    D,
    level,
    levels: levels.map(({ from, en, zh }) => ({ from, en, zh })),
    stage,
    ranks: ranks(D, 'higher'),
    lagging,
  };
}

/** Column indices of each dimension's criteria; ProblemError when a dimension is missing or empty. */
function dimensionMembers(criteria: readonly Criterion[], dims: readonly string[]): number[][] {
  if (dims.length === 0) fail('dimensions', 'coupling coordination needs the dimensions the criteria belong to');
  if (dims.length < 2) fail('dimensions', `coupling coordination needs at least two dimensions, got ${dims.length}`);
  const issues: Issue[] = [];
  const members = dims.map((): number[] => []);
  criteria.forEach((c, j) => {
    if (c.dimension === undefined) {
      issues.push({
        path: `criteria[${j}].dimension`,
        message: 'coupling coordination needs a dimension on every criterion',
      });
      return;
    }
    const k = dims.indexOf(c.dimension);
    if (k < 0)
      issues.push({
        path: `criteria[${j}].dimension`,
        message: `dimension "${c.dimension}" is not one of the problem's dimensions`,
      });
    else members[k]!.push(j);
  });
  members.forEach((cols, k) => {
    if (cols.length === 0) issues.push({ path: `dimensions[${k}]`, message: `dimension "${dims[k]}" has no criteria` });
  });
  if (issues.length > 0) throw new ProblemError(issues);
  return members;
}

/** α: equal by default; otherwise one non-negative value per dimension, rescaled to sum 1. */
function contributions(given: readonly number[] | undefined, dims: readonly string[], warn: Warn): number[] {
  const K = dims.length;
  if (given === undefined) return dims.map(() => 1 / K);
  const path = 'coordination.contribution';
  if (given.length !== K)
    fail(path, `expected ${K} values, one per dimension (${dims.join(', ')}), got ${given.length}`);
  const total = sum(given);
  if (!(total > 0)) fail(path, 'the contributions must not all be zero');
  if (Math.abs(total - 1) > 1e-9) warn(`coordination.contribution sums to ${total}; rescaled to sum 1`);
  return Array.from(shares(given));
}

function laggingDimensions(u: Float64Array, dims: readonly string[], ratio: number): Lagging {
  let max = 0;
  for (let k = 0; k < u.length; k++) if (u[k]! > max) max = u[k]!;
  // With every U at 0 the dimensions are level with each other: nothing lags.
  if (max === 0) return { synchronous: true, dimensions: [] };
  const behind: number[] = [];
  for (let k = 0; k < u.length; k++) if (settle(u[k]! / max) < ratio) behind.push(k);
  // The sort is stable and `behind` is in dimension order, so ties stay in dimension order.
  behind.sort((a, b) => u[a]! - u[b]!);
  return { synchronous: behind.length === 0, dimensions: behind.map((k) => dims[k]!) };
}
