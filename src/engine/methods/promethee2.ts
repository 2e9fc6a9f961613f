import { z } from 'zod';
import { type Issue, ProblemError } from '../errors.ts';
import { sortSteps } from '../work.ts';
import { defineMethod, type MethodData, numbersJson, type PreparedMethod } from './method.ts';

export interface PrometheeDetails {
  phiPlus: number[];
  phiMinus: number[];
}

export const preferenceFunctionSchema = z.enum(['usual', 'ushape', 'vshape', 'level', 'linear', 'gaussian']);
export const preferenceSchema = z.strictObject({
  function: preferenceFunctionSchema,
  q: z.number().nonnegative().optional(),
  p: z.number().positive().optional(),
  s: z.number().positive().optional(),
});
export type Preference = z.output<typeof preferenceSchema>;

const schema = z.strictObject({
  name: z.literal('promethee2'),
  preference: z.union([preferenceSchema, z.array(preferenceSchema).min(1)]).default({ function: 'usual' }),
});
type PrometheeSpec = z.output<typeof schema>;
type Parameter = 'q' | 'p' | 's';

/** The parameters each preference function reads (Brans & Vincke 1985, types I–VI). */
const PARAMETERS: Record<Preference['function'], readonly Parameter[]> = {
  usual: [],
  ushape: ['q'],
  vshape: ['p'],
  level: ['q', 'p'],
  linear: ['q', 'p'],
  gaussian: ['s'],
};

const DESCRIPTION: Record<Parameter, string> = {
  q: 'q (indifference threshold)',
  p: 'p (preference threshold)',
  s: 's (Gaussian spread)',
};

/**
 * A preference function as three pieces over the difference d: 0 for d ≤ `lo`, 1 for d > `hi`, and
 * `inside(d)` between them (empty for the step functions).
 */
interface Shape {
  readonly lo: number;
  readonly hi: number;
  readonly inside: (d: number) => number;
}

function shape(pref: Preference): Shape {
  const q = pref.q ?? 0;
  const p = pref.p ?? 0;
  const s = pref.s ?? 0;
  switch (pref.function) {
    case 'usual':
      return { lo: 0, hi: 0, inside: () => 1 };
    case 'ushape':
      return { lo: q, hi: q, inside: () => 1 };
    case 'vshape':
      return { lo: 0, hi: p, inside: (d) => d / p };
    case 'level':
      return { lo: q, hi: p, inside: () => 0.5 };
    case 'linear':
      return { lo: q, hi: p, inside: (d) => (d - q) / (p - q) };
    case 'gaussian':
      return { lo: 0, hi: Infinity, inside: (d) => 1 - Math.exp(-(d * d) / (2 * s * s)) };
  }
}

/** Buffers for {@link unicriterionFlows}, allocated once per prepare and reused for every criterion. */
interface Scratch {
  readonly sorted: Float64Array;
  readonly wins: Float64Array;
  readonly losses: Float64Array;
  /** saturatedFrom[t]: how many alternatives are beaten with P = 1 by everything from sorted position t on. */
  readonly saturatedFrom: Float64Array;
}

/**
 * For one criterion with values y (higher is better): plus[a] = Σ_b P(y_a − y_b), minus[a] = Σ_b P(y_b − y_a).
 * After sorting, the pairs with d ≤ lo and those with d > hi form contiguous runs found by two pointers that
 * only move forward, so P is evaluated only inside the window and the rest is counted in bulk (Calders &
 * Van Assche 2018, "PROMETHEE is not quadratic", Omega 76). The differences are formed exactly as the
 * pairwise definition forms them, so thresholds are met identically.
 */
function unicriterionFlows(y: Float64Array, f: Shape, scratch: Scratch, plus: Float64Array, minus: Float64Array): void {
  const m = y.length;
  const { sorted, wins, losses, saturatedFrom } = scratch;
  const byValue = Array.from({ length: m }, (_, i) => i).sort((a, b) => y[a]! - y[b]!);
  for (let t = 0; t < m; t++) sorted[t] = y[byValue[t]!]!;
  wins.fill(0);
  saturatedFrom.fill(0);
  let start = 0;
  let cut = 0;
  for (let k = 0; k < m; k++) {
    const yk = sorted[k]!;
    if (start <= k) start = k + 1;
    while (start < m && sorted[start]! - yk <= f.lo) start++;
    if (cut < start) cut = start;
    while (cut < m && sorted[cut]! - yk <= f.hi) cut++;
    let lost = m - cut;
    for (let l = start; l < cut; l++) {
      const v = f.inside(sorted[l]! - yk);
      wins[l] += v;
      lost += v;
    }
    losses[k] = lost;
    saturatedFrom[cut] += 1;
  }
  let saturated = 0;
  for (let t = 0; t < m; t++) {
    saturated += saturatedFrom[t]!;
    plus[byValue[t]!] = wins[t]! + saturated;
    minus[byValue[t]!] = losses[t]!;
  }
}

/** Each preference of the spec with where it sits in the submitted JSON (`base` is the `preference` field's path). */
const located = (preference: PrometheeSpec['preference'], base: string): { pref: Preference; path: string }[] =>
  Array.isArray(preference)
    ? preference.map((pref, j) => ({ pref, path: `${base}[${j}]` }))
    : [{ pref: preference, path: base }];

/**
 * Every problem of a `preference` field for n criteria, at once: a list of the wrong length, a parameter
 * the function needs but lacks, q above p. `base` is the field's path, e.g. "method.preference".
 */
export function preferenceIssues(preference: PrometheeSpec['preference'], n: number, base: string): Issue[] {
  if (Array.isArray(preference) && preference.length !== n) {
    return [{ path: base, message: `expected one preference function per criterion (${n}), got ${preference.length}` }];
  }
  const issues: Issue[] = [];
  for (const { pref, path } of located(preference, base)) {
    const needed = PARAMETERS[pref.function];
    for (const name of needed) {
      if (pref[name] === undefined)
        issues.push({
          path: `${path}.${name}`,
          message: `the "${pref.function}" preference function needs ${DESCRIPTION[name]}`,
        });
    }
    if (
      needed.includes('q') &&
      needed.includes('p') &&
      pref.q !== undefined &&
      pref.p !== undefined &&
      pref.q > pref.p
    ) {
      issues.push({ path: `${path}.q`, message: `q (${pref.q}) must not exceed p (${pref.p})` });
    }
  }
  return issues;
}

/** One preference per criterion; parameters the function ignores are worth a warning, not an error. */
function preferences(spec: PrometheeSpec, data: MethodData): Preference[] {
  const base = `${data.path}.preference`;
  const issues = preferenceIssues(spec.preference, data.criteria.length, base);
  if (issues.length > 0) throw new ProblemError(issues);
  for (const { pref, path } of located(spec.preference, base)) {
    for (const name of ['q', 'p', 's'] as const) {
      if (pref[name] !== undefined && !PARAMETERS[pref.function].includes(name)) {
        data.warn(`${path}: ${name} is not used by the "${pref.function}" preference function`);
      }
    }
  }
  return Array.isArray(spec.preference) ? spec.preference : data.criteria.map(() => spec.preference as Preference);
}

/**
 * PROMETHEE II (Brans & Vincke 1985; docs/engine.md §5). π(a,b) = Σ_j w_j P_j(a,b) is linear in the weights, and so
 * are the flows: φ⁺(a) = Σ_j w_j φ⁺_j(a) with φ⁺_j(a) = Σ_b P_j(a,b)/(m − 1), likewise φ⁻. The single-criterion
 * flows are computed once here; scoring is then O(m·n), which is what lets sensitivity analysis rerun it
 * thousands of times.
 */
export function preparePromethee2(spec: PrometheeSpec, data: MethodData): PreparedMethod<PrometheeDetails> {
  const prefs = preferences(spec, data);
  const { rows: m, cols: n, data: x } = data.matrix;
  // Criterion-major so that scoring walks memory in order.
  const plus = new Float64Array(n * m);
  const minus = new Float64Array(n * m);
  const y = new Float64Array(m);
  const scratch: Scratch = {
    sorted: new Float64Array(m),
    wins: new Float64Array(m),
    losses: new Float64Array(m),
    saturatedFrom: new Float64Array(m + 1),
  };
  for (let j = 0; j < n; j++) {
    // A cost criterion compares x_b − x_a, which is y_a − y_b for y = −x.
    const sign = data.criteria[j]!.type === 'cost' ? -1 : 1;
    for (let i = 0; i < m; i++) y[i] = sign * x[i * n + j]!;
    unicriterionFlows(
      y,
      shape(prefs[j]!),
      scratch,
      plus.subarray(j * m, (j + 1) * m),
      minus.subarray(j * m, (j + 1) * m),
    );
  }
  const scale = 1 / (m - 1);
  return {
    better: 'higher',
    score(w) {
      const phiPlus = new Float64Array(m);
      const phiMinus = new Float64Array(m);
      for (let j = 0; j < n; j++) {
        const wj = w[j]! * scale;
        const off = j * m;
        for (let a = 0; a < m; a++) {
          phiPlus[a] += wj * plus[off + a]!;
          phiMinus[a] += wj * minus[off + a]!;
        }
      }
      const scores = new Float64Array(m);
      for (let a = 0; a < m; a++) scores[a] = phiPlus[a]! - phiMinus[a]!;
      return { scores, details: flowDetails(phiPlus, phiMinus) };
    },
  };
}

/** Made outside score() so that its loop variables are not captured (see topsis.ts). */
const flowDetails = (phiPlus: Float64Array, phiMinus: Float64Array) => () => ({
  phiPlus: Array.from(phiPlus),
  phiMinus: Array.from(phiMinus),
});

/**
 * How many times unicriterionFlows evaluates the preference function inside its window for criterion j: the pairs
 * with lo < d ≤ hi, counted exactly on a sorted copy of the column (two pointers, as the engine walks it), or
 * every pair when the window is unbounded (gaussian) or the values are not known yet (a panel's aggregate).
 */
function windowPairs(f: Shape, column: Float64Array | undefined): number {
  if (f.hi <= f.lo) return 0;
  const m = column?.length ?? 0;
  if (!column || f.hi === Infinity) return Number.NaN;
  column.sort();
  const pairsWithin = (t: number): number => {
    let count = 0;
    for (let k = 0, l = 0; k < m; k++) {
      if (l < k) l = k;
      while (l + 1 < m && column[l + 1]! - column[k]! <= t) l++;
      count += l - k;
    }
    return count;
  };
  return pairsWithin(f.hi) - pairsWithin(f.lo);
}

export const promethee2 = defineMethod({
  name: 'promethee2',
  label: 'PROMETHEE II',
  schema,
  minAlternatives: 2,
  prepare: preparePromethee2,
  // Per criterion a comparator sort and two linear sweeps, plus one preference evaluation per pair in its window
  // (gaussian: every pair, m² n in all); a multiply-add per cell for each of φ⁺ and φ⁻ per score.
  cost(spec, { m, n, rows, criteria }) {
    const all = (m * (m - 1)) / 2;
    let inside = 0;
    for (let j = 0; j < n; j++) {
      const pref = Array.isArray(spec.preference) ? spec.preference[j] : spec.preference;
      if (!pref) continue;
      const f = shape(pref);
      const column = rows && criteria.length === n ? Float64Array.from(rows, (row) => row[j] ?? 0) : undefined;
      const pairs = windowPairs(f, column);
      inside += (Number.isNaN(pairs) ? all : pairs) * (pref.function === 'gaussian' ? 45 : 7);
    }
    return {
      prepare: {
        ns: n * (60 * sortSteps(m) + 25 * m) + inside,
        bytes: 16 * m * n + 40 * m,
        json: numbersJson('phiPlus', m) + numbersJson('phiMinus', m),
      },
      scoreNs: 4 * m * n + 5 * m,
    };
  },
});
