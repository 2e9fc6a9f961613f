import { DEFAULT_LEVELS } from './coordination.ts';
import type { Issue } from './errors.ts';
import { methodDescriptor } from './methods/index.ts';
import type { Problem } from './problem.ts';
import { acceptabilityPositions, ONE_WAY_STEP, ONE_WAY_TOLERANCE } from './sensitivity.ts';
import { parseProblem } from './validate.ts';
import { weightsCost } from './weights/index.ts';
import { NUMBER_JSON, type ProblemSize, rankNs, sortSteps, type Work } from './work.ts';

/**
 * The cost model (docs/engine.md §11): time, memory and result size of a Problem, estimated from its sizes before
 * anything runs, so that a server can refuse work it cannot afford. Each part is the work one field of the
 * problem drives; the methods and weighting schemes give their own terms (their descriptors' `cost`). Times
 * are milliseconds on the machine the coefficients were measured on (tests/engine/cost.test.ts checks them).
 */

export interface CostPart {
  /** The field driving this part, e.g. `alternatives`, `method.methods`, `sensitivity.samples`. */
  readonly path: string;
  readonly ms: number;
  readonly bytes: number;
  /** What it adds to the result's JSON text. */
  readonly resultBytes: number;
}

export interface CostEstimate {
  readonly ms: number;
  /** Peak memory of the evaluation, the result and its JSON text included, and garbage not yet collected. */
  readonly bytes: number;
  /** Length of the result's JSON text (JSON.stringify, no indentation). */
  readonly resultBytes: number;
  readonly parts: readonly CostPart[];
}

export interface CostLimits {
  readonly ms: number;
  readonly bytes: number;
  readonly resultBytes: number;
}

/**
 * The coefficients are CPU times of single runs; a server shares its cores (other requests, a database,
 * neighbours) and the same work then takes longer, so the estimates carry this margin.
 */
const SHARED_MACHINE = 1.5;
/** Parsing, the input checks and the result's common fields, per cell and per alternative. */
const CELL_NS = 80;
const ALTERNATIVE_NS = 1500;
/** Garbage between collections: V8's young generation holds up to this much before it is scavenged. */
const YOUNG_GENERATION_BYTES = 16e6;
/** JSON.stringify of the result, per character. */
const JSON_NS = 8;
/** The result held as objects and as JSON text, per character of that text. */
const JSON_BYTES = 2;
/** One Dirichlet draw per criterion (a Gamma variate by Marsaglia–Tsang, a logarithm or two). */
const DIRICHLET_NS = 120;
/**
 * Score calls of one criterion's one-way interval: the scan in steps towards both ends stops at the first change,
 * typically a quarter of the way in all (at most 1/ONE_WAY_STEP steps), then a bisection at each end.
 */
const ONE_WAY_CALLS = 1 / (4 * ONE_WAY_STEP) + 2 * Math.ceil(Math.log2(ONE_WAY_STEP / ONE_WAY_TOLERANCE));

/**
 * Validates the input like evaluate() does before it computes anything (throws ProblemError with the same issues)
 * and estimates its cost without running it.
 */
export function estimateCost(input: unknown): CostEstimate {
  return estimateProblem(parseProblem(input));
}

/**
 * Characters of a share c/N in the JSON: c/N has a finite decimal expansion (with max(a, b) places) when N = 2^a 5^b,
 * else up to a double's length.
 */
function shareJson(samples: number): number {
  let a = 0;
  let b = 0;
  let rest = samples;
  while (rest % 2 === 0) [rest, a] = [rest / 2, a + 1];
  while (rest % 5 === 0) [rest, b] = [rest / 5, b + 1];
  return rest === 1 ? 3 + Math.max(a, b) : NUMBER_JSON;
}

const textJson = (names: readonly string[]): number => names.reduce((s, name) => s + name.length + 3, 2);

/** The estimate for a problem that passed parseProblem; linear in the input (PROMETHEE's windows: n m log m). */
export function estimateProblem(problem: Problem): CostEstimate {
  const { alternatives, criteria } = problem;
  const m = alternatives.length;
  const n = criteria.length;
  const dimensions = problem.dimensions ?? [];
  const size: ProblemSize = { m, n, criteria, rows: problem.matrix, dimensions };
  const parts: [string, Work][] = [];
  const ids = criteria.map((c) => c.id);
  const rankJson = m * (String(m).length + 1);

  parts.push([
    'alternatives',
    {
      ns: CELL_NS * m * n + ALTERNATIVE_NS * m + 300 * n,
      bytes: 16 * m * n + 200 * m,
      json: 2 * textJson(alternatives) + textJson(ids) + (n + m) * NUMBER_JSON + rankJson + 400,
    },
  ]);

  const panel = problem.panel;
  if (panel) {
    const E = panel.experts.length;
    parts.push([
      'panel.experts',
      {
        // Per cell: the scores gathered, sorted for median and IQR, the statistics; per criterion Kendall's W
        // ranks each expert's column.
        ns: m * n * (20 * E + 10 * sortSteps(E) + 300) + n * E * (10 * sortSteps(m) + 20 * m),
        bytes: 8 * E * m * n + 250 * m * n,
        json: m * n * 110 + n * 90 + textJson(ids) + textJson(panel.experts),
      },
    ]);
  }

  parts.push(['weights', weightsCost(problem.weights, size)]);

  const method = methodDescriptor(problem.method.name)!.cost(problem.method, size);
  parts.push([
    problem.method.name === 'compare' ? 'method.methods' : 'method',
    { ...method.prepare, ns: method.prepare.ns + method.scoreNs + rankNs(m) },
  ]);

  const sensitivity = problem.sensitivity;
  if (sensitivity) {
    const samples = sensitivity.samples;
    const k = acceptabilityPositions(m);
    const share = shareJson(samples);
    parts.push([
      'sensitivity.samples',
      {
        ns: samples * (method.scoreNs + rankNs(m) + DIRICHLET_NS * n + 10 * m),
        bytes: 4 * m * k + 16 * m,
        // Shares of 0 are "0,"; each sample makes at most m shares nonzero. Expected ranks are means of integers.
        json:
          2 * m * k +
          (share - 2) * Math.min(m * k, samples * m) +
          m * Math.min(NUMBER_JSON, String(m).length + share) +
          300,
      },
    ]);
    if (sensitivity.oneWay) {
      parts.push([
        'sensitivity.oneWay',
        {
          ns: n * ONE_WAY_CALLS * (method.scoreNs + 30 * m),
          bytes: 8 * n * n,
          json: textJson(ids) + n * (3 * NUMBER_JSON + 40),
        },
      ]);
    }
  }

  const d = dimensions.length;
  const coordination = problem.coordination;
  if (coordination) {
    // The level table once, and per alternative its longest class as a level (a custom table's names may be long).
    const levels = coordination.levels ?? DEFAULT_LEVELS;
    const levelJson = Math.max(...levels.map(({ en, zh }) => JSON.stringify({ index: levels.length, en, zh }).length));
    parts.push([
      'coordination',
      {
        // Per alternative its level and stage with their labels and its lagging dimensions, besides U per cell; the
        // level lookup's comparisons, one per class, are lost in the 6,000 ns.
        ns: 30 * m * n + 6000 * m + m * d * 60 + (coordination.variant === 'wang2021' ? 5 * m * d * d : 0) + rankNs(m),
        bytes: 8 * m * n + 8 * m * d,
        json:
          textJson(dimensions) +
          m * (d * NUMBER_JSON + 3 * NUMBER_JSON + 123 + levelJson) +
          m * 30 +
          JSON.stringify({ levels }).length,
      },
    ]);
  }

  const obstacles = problem.obstacles;
  if (obstacles) {
    const top = Math.min(obstacles.top, n);
    const idLength = ids.reduce((s, id) => s + id.length, 0) / n;
    const dimLength = d > 0 ? dimensions.reduce((s, x) => s + x.length, 0) / d : 0;
    parts.push([
      'obstacles',
      {
        ns: m * (20 * n + 25 * sortSteps(n) + 3000) + (coordination ? 0 : 30 * m * n),
        bytes: 8 * m * n,
        json: m * (top * (idLength + NUMBER_JSON + 26) + d * (dimLength + NUMBER_JSON + 26) + 30),
      },
    ]);
  }

  if (problem.explain) {
    // The matrix, and for the methods that normalize the normalized and weighted ones; coordination's and the
    // obstacle model's r.
    const matrices = 1 + ('normalization' in problem.method ? 2 : 0) + (coordination ? 1 : 0) + (obstacles ? 1 : 0);
    parts.push([
      'explain',
      { ns: 80 * matrices * m * n, bytes: 8 * matrices * m * n, json: matrices * m * (n * NUMBER_JSON + 2) },
    ]);
  }

  const costParts = parts.map(
    ([path, work]): CostPart => ({
      path,
      ms: (SHARED_MACHINE * (work.ns + JSON_NS * work.json)) / 1e6,
      bytes: work.bytes + JSON_BYTES * work.json,
      resultBytes: work.json,
    }),
  );
  return {
    ms: costParts.reduce((s, p) => s + p.ms, 0),
    bytes: YOUNG_GENERATION_BYTES + costParts.reduce((s, p) => s + p.bytes, 0),
    resultBytes: costParts.reduce((s, p) => s + p.resultBytes, 0),
    parts: costParts,
  };
}

/** What to change to shrink each part, for the message. */
const REMEDY: Record<string, string> = {
  alternatives: 'fewer alternatives or criteria',
  'panel.experts': 'fewer experts, alternatives or criteria',
  weights: 'a simpler weighting',
  method: 'another method or fewer alternatives',
  'method.methods': 'fewer methods to compare',
  'sensitivity.samples': 'fewer samples',
  'sensitivity.oneWay': '"oneWay": false',
  coordination: 'fewer dimensions or alternatives',
  obstacles: 'fewer alternatives',
  explain: '"explain": false',
};

const duration = (ms: number): string =>
  ms < 1000 ? `${Math.round(ms)} ms` : `${Number((ms / 1000).toPrecision(2))} s`;
const amount = (bytes: number): string =>
  bytes < 1e6
    ? `${Math.round(bytes / 1e3)} kB`
    : bytes < 1e9
      ? `${Number((bytes / 1e6).toPrecision(2))} MB`
      : `${Number((bytes / 1e9).toPrecision(2))} GB`;

/**
 * [] when within limits; otherwise Issues (path = the field driving the cost, message naming the limit and saying that
 * larger work runs with `corridor evaluate`).
 */
export function costIssues(estimate: CostEstimate, limits: CostLimits): Issue[] {
  const checks: { key: 'ms' | 'bytes' | 'resultBytes'; what: string; show: (x: number) => string }[] = [
    { key: 'ms', what: 'take about', show: duration },
    { key: 'bytes', what: 'need about', show: (x) => `${amount(x)} of memory` },
    { key: 'resultBytes', what: 'answer with about', show: (x) => `${amount(x)} of JSON` },
  ];
  const issues: Issue[] = [];
  for (const { key, what, show } of checks) {
    if (!(estimate[key] > limits[key])) continue;
    const driver = estimate.parts.reduce((a, b) => (b[key] > a[key] ? b : a));
    issues.push({
      path: driver.path,
      message: `this problem would ${what} ${show(estimate[key])}, over the limit of ${show(limits[key])} (${driver.path}: ${show(driver[key])}); use ${REMEDY[driver.path] ?? 'a smaller problem'}, or run the same JSON with \`corridor evaluate\``,
    });
  }
  return issues;
}
