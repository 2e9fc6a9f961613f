import { ProblemError, type Issue } from '../errors.ts';
import type { MethodSpec, Preference } from '../problem.ts';
import { requireTwoAlternatives, type MethodData, type PreparedMethod } from './method.ts';

type PrometheeSpec = Extract<MethodSpec, { name: 'promethee2' }>;
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

/** P(d) for a difference d > 0 in favour of the first alternative; every function is 0 for d ≤ 0. */
function degree(pref: Preference): (d: number) => number {
  const q = pref.q ?? 0;
  const p = pref.p ?? 0;
  const s = pref.s ?? 0;
  switch (pref.function) {
    case 'usual':
      return () => 1;
    case 'ushape':
      return (d) => (d > q ? 1 : 0);
    case 'vshape':
      return (d) => (d <= p ? d / p : 1);
    case 'level':
      return (d) => (d <= q ? 0 : d <= p ? 0.5 : 1);
    case 'linear':
      return (d) => (d <= q ? 0 : d <= p ? (d - q) / (p - q) : 1);
    case 'gaussian':
      return (d) => 1 - Math.exp(-(d * d) / (2 * s * s));
  }
}

/** Each preference of the spec with where it sits in the submitted JSON (`base` is the `preference` field's path). */
const located = (preference: PrometheeSpec['preference'], base: string): { pref: Preference; path: string }[] =>
  Array.isArray(preference) ? preference.map((pref, j) => ({ pref, path: `${base}[${j}]` })) : [{ pref: preference, path: base }];

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
      if (pref[name] === undefined) issues.push({ path: `${path}.${name}`, message: `the "${pref.function}" preference function needs ${DESCRIPTION[name]}` });
    }
    if (needed.includes('q') && needed.includes('p') && pref.q !== undefined && pref.p !== undefined && pref.q > pref.p) {
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
 * PROMETHEE II (Brans & Vincke 1985; spec §5). π(a,b) = Σ_j w_j P_j(a,b) is linear in the weights, and so
 * are the flows: φ⁺(a) = Σ_j w_j φ⁺_j(a) with φ⁺_j(a) = Σ_b P_j(a,b)/(m − 1), likewise φ⁻. The single-criterion
 * flows cost one pass over the m(m − 1)/2 pairs per criterion here; scoring is then O(m·n), which is what
 * lets sensitivity analysis rerun it thousands of times.
 */
export function preparePromethee2(spec: PrometheeSpec, data: MethodData): PreparedMethod {
  requireTwoAlternatives(data, 'promethee2');
  const prefs = preferences(spec, data);
  const { rows: m, cols: n, data: x } = data.matrix;
  // Criterion-major so both passes below walk memory in order.
  const plus = new Float64Array(n * m);
  const minus = new Float64Array(n * m);
  const column = new Float64Array(m);
  for (let j = 0; j < n; j++) {
    const P = degree(prefs[j]!);
    const sign = data.criteria[j]!.type === 'cost' ? -1 : 1;
    for (let i = 0; i < m; i++) column[i] = sign * x[i * n + j]!;
    const off = j * m;
    for (let a = 0; a < m; a++) {
      const xa = column[a]!;
      for (let b = a + 1; b < m; b++) {
        const d = xa - column[b]!;
        if (d > 0) {
          const pab = P(d);
          plus[off + a] += pab;
          minus[off + b] += pab;
        } else if (d < 0) {
          const pba = P(-d);
          plus[off + b] += pba;
          minus[off + a] += pba;
        }
      }
    }
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
      return { scores, details: { phiPlus: Array.from(phiPlus), phiMinus: Array.from(phiMinus) } };
    },
  };
}
