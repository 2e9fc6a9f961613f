import { z } from 'zod';
import { fail, type Issue, ProblemError, type Warn } from '../errors.ts';
import { shares } from '../stats.ts';
import { defineWeighting, type Part } from './scheme.ts';
import { join, type Target } from './target.ts';

const positive = z.number().positive();
const squareMatrix = z.array(z.array(z.number()).min(1)).min(1);

export const randomIndexSchema = z.union([z.enum(['saaty', 'saaty2005']), z.array(z.number().nonnegative()).min(1)]);

/** One matrix, a group of matrices, or (inside `hierarchical.within`) either of those per dimension. */
export const pairwiseSchema = z.union([
  squareMatrix,
  z.array(squareMatrix).min(1),
  z.record(z.string(), z.union([squareMatrix, z.array(squareMatrix).min(1)])),
]);

const schema = z.strictObject({
  method: z.literal('ahp'),
  pairwise: pairwiseSchema,
  priority: z.enum(['eigenvector', 'geometric']).default('eigenvector'),
  randomIndex: randomIndexSchema.default('saaty'),
  threshold: z.number().positive().default(0.1),
  expertInfluence: z.array(positive).optional(),
});
export type AhpWeights = z.output<typeof schema>;

/**
 * Analytic Hierarchy Process (Saaty): priorities and consistency of pairwise comparison matrices,
 * single or group (AIJ). Exported on its own so the admin UI can show the consistency ratio live.
 */

export type RandomIndex = 'saaty' | 'saaty2005' | readonly number[];
export type Priority = 'eigenvector' | 'geometric';

/**
 * The judgment that departs most from the derived priorities: the pair i < j with the largest
 * |ln a_ij − ln(w_i/w_j)|, its current value, and as the suggested revision the value of Saaty's scale
 * (1/9 … 1/2, 1, 2 … 9) closest to w_i/w_j in log terms (ratio scale: 2 is as far from 1 as 1/2 is).
 */
export interface Judgment {
  readonly i: number;
  readonly j: number;
  readonly current: number;
  readonly suggested: number;
}

export interface Consistency {
  readonly lambdaMax: number;
  readonly ci: number;
  readonly cr: number;
  readonly acceptable: boolean;
  /** Only when not acceptable. */
  readonly worst?: Judgment;
}

export interface AhpOptions {
  readonly priority?: Priority;
  readonly randomIndex?: RandomIndex;
  /** CR at or below this is acceptable (Saaty's 0.1 by default). */
  readonly threshold?: number;
  /** One positive influence per matrix of a group; equal by default. */
  readonly expertInfluence?: readonly number[];
  /** Where the AHP spec sits in the submitted JSON (error paths), e.g. `weights`; empty for a bare call. */
  readonly path?: string;
  /** Told the conventions that shaped the answer (reciprocals made exact, how a revision is suggested). */
  readonly warn?: Warn;
}

export interface AhpResult {
  readonly weights: number[];
  readonly consistency: Consistency;
  /** A group's members, in order: each matrix's own consistency. */
  readonly experts?: Consistency[];
}

/** Saaty (1980) random consistency indices for n = 1…15. */
const SAATY_RI = [0, 0, 0.58, 0.9, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59];
/** Saaty, Theory and Applications of the Analytic Network Process (2005), p. 31, for n = 3…15. */
const SAATY_2005_RI = [0, 0, 0.52, 0.89, 1.11, 1.25, 1.35, 1.4, 1.45, 1.49, 1.52, 1.54, 1.56, 1.58, 1.59];

/** Saaty's fundamental scale and its reciprocals: 1/9 … 1/2, 1, 2 … 9. */
const SCALE = [...[9, 8, 7, 6, 5, 4, 3, 2].map((v) => 1 / v), 1, 2, 3, 4, 5, 6, 7, 8, 9];

/**
 * Relative tolerance for reciprocity (|a_ij · a_ji − 1|), the unit diagonal and the 1/9 … 9 range.
 * People type 0.333 for 1/3 or 0.143 for 1/7 (errors of 0.1 %); 1 % accepts every three-decimal
 * rounding and most two-decimal ones while still rejecting a matrix that is simply not reciprocal.
 */
export const RECIPROCAL_TOLERANCE = 1e-2;

const POWER_TOLERANCE = 1e-12;
const POWER_MAX_ITERATIONS = 10_000;
/**
 * Power iteration contracts the Hilbert projective distance by at least tanh(Δ/4) per step, Δ ≤ ln 81² for
 * entries within 1/9 … 9 (Birkhoff): about 1,200 steps reach 1e-12 from the uniform start in the worst case.
 */
const POWER_ITERATION_BOUND = 1200;

/** One n × n matrix, or a group of them (one per expert). */
export type Pairwise = readonly (readonly number[])[] | readonly (readonly (readonly number[])[])[];

type Group = readonly (readonly (readonly number[])[])[];

/** A group as a list of matrices; a single matrix is a group of one that is not reported as a group. */
const asGroup = (pairwise: Pairwise): { matrices: Group; isGroup: boolean } => {
  const isGroup = Array.isArray(pairwise[0]?.[0]);
  return { matrices: (isGroup ? pairwise : [pairwise]) as Group, isGroup };
};

/** AHP over plain matrices: `pairwise` is one n × n matrix or a group of them. */
export function ahp(pairwise: Pairwise, options: AhpOptions = {}): AhpResult {
  const { matrices, isGroup } = asGroup(pairwise);
  const specPath = options.path ?? '';
  return ahpGroup(matrices, isGroup, options, specPath, join(specPath, 'pairwise'));
}

/** The engine's entry: one spec's matrix or group, `pairwisePath` pointing at it in the submitted JSON. */
export function ahpFromSpec(
  spec: AhpWeights,
  pairwise: Pairwise,
  n: number,
  specPath: string,
  pairwisePath: string,
  noun: string,
  warn: Warn,
): AhpResult {
  const { matrices, isGroup } = asGroup(pairwise);
  const issues: Issue[] = [];
  matrices.forEach((a, k) => {
    if (a.length !== n) {
      issues.push({
        path: isGroup ? `${pairwisePath}[${k}]` : pairwisePath,
        message: `expected a ${n}×${n} matrix (one row and column per ${noun}, in order), got ${a.length} rows`,
      });
    }
  });
  if (issues.length > 0) throw new ProblemError(issues);
  const options: AhpOptions = {
    priority: spec.priority,
    randomIndex: spec.randomIndex,
    threshold: spec.threshold,
    warn,
    ...(spec.expertInfluence ? { expertInfluence: spec.expertInfluence } : {}),
  };
  return ahpGroup(matrices, isGroup, options, specPath, pairwisePath);
}

function ahpGroup(
  matrices: Group,
  isGroup: boolean,
  options: AhpOptions,
  specPath: string,
  pairwisePath: string,
): AhpResult {
  const priority = options.priority ?? 'eigenvector';
  const threshold = options.threshold ?? 0.1;
  if (matrices.length === 0) fail(pairwisePath, 'expected at least one pairwise comparison matrix');
  const n = matrices[0]!.length;
  const issues = matrices.flatMap((a, k) => validate(a, n, isGroup ? `${pairwisePath}[${k}]` : pairwisePath));
  if (issues.length > 0) throw new ProblemError(issues);
  const influence = expertInfluence(
    options.expertInfluence,
    matrices.length,
    isGroup,
    join(specPath, 'expertInfluence'),
  );
  const ri = randomIndex(options.randomIndex ?? 'saaty', n, join(specPath, 'randomIndex'));

  const warn = options.warn ?? (() => {});
  matrices.forEach((a, k) => {
    if (!exactlyReciprocal(a)) {
      warn(
        `${isGroup ? `${pairwisePath}[${k}]` : pairwisePath}: judgments within 1 % of reciprocal (such as 0.333 for 1/3) were made exactly reciprocal, a_ij becoming √(a_ij / a_ji)`,
      );
    }
  });
  const individual = matrices.map(symmetrized);
  const group = individual.length === 1 ? individual[0]! : aggregate(individual, influence, n);
  const w = priorities(group, n, priority);
  const result: AhpResult = { weights: Array.from(w), consistency: consistency(group, w, n, ri, threshold) };
  const experts = isGroup
    ? individual.map((a) => consistency(a, priorities(a, n, priority), n, ri, threshold))
    : undefined;
  if ([result.consistency, ...(experts ?? [])].some((c) => c.worst)) {
    warn(
      `${pairwisePath}: the suggested revision of the most inconsistent judgment is the value of the 1/9 … 9 scale nearest w_i/w_j on a log scale (so that a_ji’s is the reciprocal of a_ij’s)`,
    );
  }
  return experts ? { ...result, experts } : result;
}

/** Reciprocal with a unit diagonal to round-off (1/7 · 7 is not always exactly 1), not merely within the tolerance. */
const exactlyReciprocal = (a: readonly (readonly number[])[]): boolean =>
  a.every((row, i) => row.every((v, j) => j < i || Math.abs(v * a[j]![i]! - 1) <= 1e-12));

/** Every violation of the matrix rules, each at the path of the offending entry. */
function validate(a: readonly (readonly number[])[], n: number, path: string): Issue[] {
  if (!Array.isArray(a) || a.length === 0)
    return [{ path, message: 'expected a square matrix of pairwise comparisons' }];
  const issues: Issue[] = [];
  if (a.length !== n)
    issues.push({ path, message: `expected ${n} rows like the other matrices of the group, got ${a.length}` });
  a.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== a.length) {
      issues.push({
        path: `${path}[${i}]`,
        message: `the matrix must be square: expected ${a.length} entries, got ${Array.isArray(row) ? row.length : typeof row}`,
      });
    }
  });
  if (issues.length > 0) return issues;
  const size = a.length;
  const lo = (1 / 9) * (1 - RECIPROCAL_TOLERANCE);
  const hi = 9 * (1 + RECIPROCAL_TOLERANCE);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      const v = a[i]![j]!;
      const at = `${path}[${i}][${j}]`;
      if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0)
        issues.push({ path: at, message: `expected a positive number, got ${String(v)}` });
      else if (i === j && Math.abs(v - 1) > RECIPROCAL_TOLERANCE)
        issues.push({ path: at, message: `diagonal entries must be 1, got ${v}` });
      else if (v < lo || v > hi) issues.push({ path: at, message: `judgments must lie within 1/9 … 9, got ${v}` });
    }
  }
  if (issues.length > 0) return issues;
  for (let i = 0; i < size; i++) {
    for (let j = i + 1; j < size; j++) {
      const upper = a[i]![j]!;
      const lower = a[j]![i]!;
      if (Math.abs(upper * lower - 1) > RECIPROCAL_TOLERANCE) {
        issues.push({
          path: `${path}[${j}][${i}]`,
          message: `must be the reciprocal of ${path}[${i}][${j}] = ${upper} (1/${upper} ≈ ${round(1 / upper)}), got ${lower}`,
        });
      }
    }
  }
  return issues;
}

const round = (v: number): number => Math.round(v * 1e4) / 1e4;

function expertInfluence(
  given: readonly number[] | undefined,
  count: number,
  isGroup: boolean,
  path: string,
): Float64Array {
  if (given === undefined) return new Float64Array(count).fill(1 / count);
  if (!isGroup)
    fail(
      path,
      'expertInfluence applies to a group of pairwise matrices (one influence per matrix), but a single matrix was given',
    );
  if (given.length !== count) fail(path, `expected ${count} influences (one per pairwise matrix), got ${given.length}`);
  const issues: Issue[] = [];
  given.forEach((v, k) => {
    if (!Number.isFinite(v) || v <= 0)
      issues.push({ path: `${path}[${k}]`, message: `expected a positive number, got ${v}` });
  });
  if (issues.length > 0) throw new ProblemError(issues);
  return shares(given);
}

/** RI(n); 0 for n ≤ 2, where every reciprocal matrix is consistent and CI = 0. */
function randomIndex(table: RandomIndex, n: number, path: string): number {
  if (n <= 2) return 0;
  if (typeof table === 'string') {
    const values = table === 'saaty' ? SAATY_RI : SAATY_2005_RI;
    if (n > values.length) {
      fail(
        path,
        `the "${table}" random index table covers n ≤ ${values.length}, the matrix is ${n}×${n}; give a custom randomIndex array`,
      );
    }
    return values[n - 1]!;
  }
  if (n > table.length) fail(path, `the custom random index table covers n ≤ ${table.length}, the matrix is ${n}×${n}`);
  const ri = table[n - 1]!;
  if (!(ri > 0)) fail(`${path}[${n - 1}]`, `the random index for a ${n}×${n} matrix must be positive, got ${ri}`);
  return ri;
}

/**
 * Exactly reciprocal copy: a_ij becomes √(a_ij / a_ji), the geometric mean of a_ij and 1/a_ji.
 * Judgments typed as 0.333 for 1/3 then count as 1/3, and neither triangle is privileged.
 */
function symmetrized(a: readonly (readonly number[])[]): Float64Array {
  const n = a.length;
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    out[i * n + i] = 1;
    for (let j = i + 1; j < n; j++) {
      const v = Math.sqrt(a[i]![j]! / a[j]![i]!);
      out[i * n + j] = v;
      out[j * n + i] = 1 / v;
    }
  }
  return out;
}

/** AIJ: element-wise weighted geometric mean; it keeps the group matrix reciprocal. */
function aggregate(matrices: readonly Float64Array[], influence: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let c = 0; c < n * n; c++) {
    let log = 0;
    for (let k = 0; k < matrices.length; k++) log += influence[k]! * Math.log(matrices[k]![c]!);
    out[c] = Math.exp(log);
  }
  return out;
}

function priorities(a: Float64Array, n: number, method: Priority): Float64Array {
  return method === 'eigenvector' ? principalEigenvector(a, n) : rowGeometricMeans(a, n);
}

/** Perron vector by power iteration, normalized to sum 1, until no component moves by 1e-12. */
function principalEigenvector(a: Float64Array, n: number): Float64Array {
  let w = new Float64Array(n).fill(1 / n);
  let next = new Float64Array(n);
  for (let iter = 0; iter < POWER_MAX_ITERATIONS; iter++) {
    let total = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += a[i * n + j]! * w[j]!;
      next[i] = s;
      total += s;
    }
    let change = 0;
    for (let i = 0; i < n; i++) {
      next[i] = next[i]! / total;
      change = Math.max(change, Math.abs(next[i]! - w[i]!));
    }
    [w, next] = [next, w];
    if (change < POWER_TOLERANCE) break;
  }
  return w;
}

function rowGeometricMeans(a: Float64Array, n: number): Float64Array {
  const w = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    let log = 0;
    for (let j = 0; j < n; j++) log += Math.log(a[i * n + j]!);
    w[i] = Math.exp(log / n);
    total += w[i]!;
  }
  for (let i = 0; i < n; i++) w[i] = w[i]! / total;
  return w;
}

function consistency(a: Float64Array, w: Float64Array, n: number, ri: number, threshold: number): Consistency {
  let ratio = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += a[i * n + j]! * w[j]!;
    ratio += s / w[i]!;
  }
  const lambdaMax = ratio / n;
  // λmax ≥ n for any positive reciprocal matrix; a tiny negative CI is rounding, not information.
  const ci = n <= 2 ? 0 : Math.max(0, (lambdaMax - n) / (n - 1));
  const cr = ri === 0 ? 0 : ci / ri;
  const acceptable = cr <= threshold;
  return acceptable
    ? { lambdaMax, ci, cr, acceptable }
    : { lambdaMax, ci, cr, acceptable, worst: worstJudgment(a, w, n) };
}

/** The pair (i < j) with the largest |ln a_ij − ln(w_i/w_j)|, and the scale value nearest w_i/w_j in log terms. */
function worstJudgment(a: Float64Array, w: Float64Array, n: number): Judgment {
  let best: Judgment = { i: 0, j: 1, current: a[1]!, suggested: 1 };
  let largest = -1;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const implied = w[i]! / w[j]!;
      const gap = Math.abs(Math.log(a[i * n + j]!) - Math.log(implied));
      if (gap > largest) {
        largest = gap;
        best = { i, j, current: a[i * n + j]!, suggested: nearestOnScale(implied) };
      }
    }
  }
  return best;
}

const nearestOnScale = (v: number): number =>
  SCALE.reduce((best, s) => (Math.abs(Math.log(s) - Math.log(v)) < Math.abs(Math.log(best) - Math.log(v)) ? s : best));

/** The result's `weighting` for AHP: the priority method and the (group's) consistency. */
export interface AhpInfo {
  readonly method: 'ahp';
  readonly priority: Priority;
  readonly consistency: Consistency;
  readonly experts?: Consistency[];
}

function ahpWeights(spec: AhpWeights, target: Target): Part<AhpInfo> {
  const pairwisePath = join(target.path, 'pairwise');
  const { pairwise } = spec;
  const keyed = !Array.isArray(pairwise);
  const n = target.names.length;
  let matrices: Pairwise;
  let path = pairwisePath;
  if (target.dimension === undefined) {
    if (keyed) {
      return fail(
        pairwisePath,
        'pairwise matrices keyed by dimension belong in hierarchical "within"; give a matrix or a list of matrices',
      );
    }
    matrices = pairwise;
  } else {
    if (!keyed) {
      return fail(
        pairwisePath,
        'inside hierarchical "within", pairwise must be an object with one matrix (or list of matrices) per dimension',
      );
    }
    const known = target.data?.dimensions ?? [];
    const unknown = Object.keys(pairwise).find((key) => !known.includes(key));
    if (unknown !== undefined) fail(join(pairwisePath, unknown), `"${unknown}" is not one of the dimensions`);
    const given = pairwise[target.dimension];
    if (given === undefined) {
      // One criterion needs no comparison: its local weight is 1 by definition.
      if (n === 1)
        return {
          weights: Float64Array.of(1),
          info: {
            method: 'ahp',
            priority: spec.priority,
            consistency: { lambdaMax: 1, ci: 0, cr: 0, acceptable: true },
          },
        };
      return fail(pairwisePath, `missing the pairwise comparisons for dimension "${target.dimension}"`);
    }
    matrices = given;
    path = join(pairwisePath, target.dimension);
  }
  const { weights, consistency, experts } = ahpFromSpec(spec, matrices, n, target.path, path, target.noun, target.warn);
  const info: AhpInfo = experts
    ? { method: 'ahp', priority: spec.priority, consistency, experts }
    : { method: 'ahp', priority: spec.priority, consistency };
  return { weights: Float64Array.from(weights), info };
}

export const ahpScheme = defineWeighting({
  method: 'ahp',
  label: 'AHP',
  schema,
  minAlternatives: 1,
  weigh: ahpWeights,
  cost(spec, { n }) {
    const groupSize = (p: Pairwise): number => (Array.isArray(p[0]?.[0]) ? p.length : 1);
    const { pairwise } = spec;
    const matrices = Array.isArray(pairwise)
      ? groupSize(pairwise)
      : Math.max(1, ...Object.values(pairwise).map((p) => groupSize(p)));
    // Checks and the AIJ mean per entry and matrix; power iteration (for the group and each member) counted at
    // POWER_ITERATION_BOUND steps, the most a matrix of entries within 1/9 … 9 needs to reach 1e-12.
    const iterations = spec.priority === 'eigenvector' ? POWER_ITERATION_BOUND : 1;
    return {
      ns: n * n * matrices * 40 + 2 * n * n * iterations * (matrices + (matrices > 1 ? 1 : 0)),
      bytes: 16 * n * n * (matrices + 1),
      json: 160 + matrices * 100,
    };
  },
});
