/**
 * The cost model's calibration grid (docs/engine.md §11): problems of several shapes, each estimated by
 * estimateCost and then measured. tests/engine/cost.test.ts asserts the ratios; `npm run bench` prints the table.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type CostEstimate, estimateCost, evaluate } from '../../src/engine/index.ts';
import { matrixProblem, panelScores } from './data.ts';

export interface CostCase {
  readonly label: string;
  readonly problem: () => Record<string, unknown>;
  /** Left out of the test suite's run (a second or more here), printed by `npm run bench`. */
  readonly slow?: boolean;
}

const dimensioned = (m: number, n: number, seed: number, dims: number) => {
  const p = matrixProblem(m, n, seed);
  const dimensions = Array.from({ length: dims }, (_, k) => `dim-${k + 1}`);
  return { ...p, dimensions, criteria: p.criteria.map((c, j) => ({ ...c, dimension: dimensions[j % dims]! })) };
};

export const COST_GRID: readonly CostCase[] = [
  { label: 'WSM, 2,851 × 40', problem: () => ({ ...matrixProblem(2851, 40, 1) }) },
  { label: 'WSM, 20,000 × 40', problem: () => ({ ...matrixProblem(20_000, 40, 16) }), slow: true },
  {
    label: 'TOPSIS, explain, 10,000 × 40',
    problem: () => ({ ...matrixProblem(10_000, 40, 18), method: { name: 'topsis' }, explain: true }),
    slow: true,
  },
  {
    label: 'TOPSIS, explain, 2,851 × 40',
    problem: () => ({ ...matrixProblem(2851, 40, 17), method: { name: 'topsis' }, explain: true }),
    slow: true,
  },
  {
    label: 'entropy + TOPSIS, 2,851 × 40',
    problem: () => ({ ...matrixProblem(2851, 40, 2), weights: { method: 'entropy' }, method: { name: 'topsis' } }),
  },
  {
    label: 'VIKOR, 2,000 × 40',
    problem: () => ({ ...matrixProblem(2000, 40, 3), method: { name: 'vikor' } }),
    slow: true,
  },
  {
    label: 'CRITIC + WPM, 1,000 × 40',
    problem: () => ({ ...matrixProblem(1000, 40, 4), weights: { method: 'critic' }, method: { name: 'wpm' } }),
  },
  {
    label: 'PROMETHEE II usual, 3,000 × 10',
    problem: () => ({ ...matrixProblem(3000, 10, 5), method: { name: 'promethee2' } }),
    slow: true,
  },
  {
    label: 'PROMETHEE II linear, 2,000 × 10',
    problem: () => ({
      ...matrixProblem(2000, 10, 6),
      method: { name: 'promethee2', preference: { function: 'linear', q: 5, p: 30 } },
    }),
  },
  {
    label: 'PROMETHEE II gaussian, 2,000 × 2',
    problem: () => ({
      ...matrixProblem(2000, 2, 7),
      method: { name: 'promethee2', preference: { function: 'gaussian', s: 20 } },
    }),
  },
  {
    label: 'compare of 3, 1,000 × 20',
    problem: () => ({
      ...matrixProblem(1000, 20, 8),
      method: { name: 'compare', methods: [{ name: 'topsis' }, { name: 'vikor' }, { name: 'wsm' }] },
    }),
  },
  {
    label: 'TOPSIS, 1,000 samples, 300 × 40',
    problem: () => ({
      ...matrixProblem(300, 40, 9),
      method: { name: 'topsis' },
      sensitivity: { samples: 1000, oneWay: false },
    }),
  },
  {
    label: 'VIKOR, 5,000 samples + one-way, 100 × 5',
    problem: () => ({ ...matrixProblem(100, 5, 10), method: { name: 'vikor' }, sensitivity: { samples: 5000 } }),
  },
  {
    label: 'WSM, 1 sample + one-way, 20 × 200',
    problem: () => ({ ...matrixProblem(20, 200, 11), sensitivity: { samples: 1 } }),
  },
  {
    label: 'WSM, 1 sample, 10,000 × 1',
    problem: () => ({ ...matrixProblem(10_000, 1, 12), sensitivity: { samples: 1 } }),
  },
  {
    label: 'panel of 20, 200 × 20',
    problem: () => {
      const { alternatives, criteria } = matrixProblem(200, 20, 13);
      const experts = Array.from({ length: 20 }, (_, e) => `expert-${e + 1}`);
      return { alternatives, criteria, panel: { experts, scores: panelScores(20, 200, 20, 13) } };
    },
  },
  {
    label: 'coordination + obstacles + explain, 2,000 × 20',
    problem: () => ({ ...dimensioned(2000, 20, 14, 4), coordination: {}, obstacles: {}, explain: true }),
  },
  {
    label: 'hierarchical AHP × entropy, 2,000 × 20',
    problem: () => ({
      ...dimensioned(2000, 20, 15, 4),
      weights: {
        method: 'hierarchical',
        dimensions: {
          method: 'ahp',
          pairwise: [
            [1, 2, 3, 4],
            [1 / 2, 1, 2, 3],
            [1 / 3, 1 / 2, 1, 2],
            [1 / 4, 1 / 3, 1 / 2, 1],
          ],
        },
        within: { method: 'combined', parts: [{ method: 'entropy' }, { method: 'critic' }] },
      },
    }),
  },
];

export interface Measured {
  /**
   * CPU time of evaluate() and JSON.stringify of its result, the least of a few runs after a warm-up: on a shared
   * machine wall time says more about the neighbours than about the work.
   */
  readonly ms: number;
  /** Peak heap and array buffers above the idle heap during one run (measured in a child process, see peaks). */
  readonly bytes: number;
  readonly resultBytes: number;
}

/** CPU time and JSON length of one problem, in this process. */
export function timed(problem: unknown, runs = 3): { ms: number; resultBytes: number } {
  const resultBytes = JSON.stringify(evaluate(problem)).length;
  let best = Infinity;
  for (let k = 0; k < runs; k++) {
    const start = process.cpuUsage();
    JSON.stringify(evaluate(problem));
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return { ms: best, resultBytes };
}

const CHILD = fileURLToPath(new URL('./cost-child.ts', import.meta.url));

/**
 * Peak memory of one run of each case of COST_GRID (by index), measured in a fresh child process with a
 * single-threaded GC, where the heap statistics of each collection are exact: in a process that has run much
 * else, background sweeping and caches make them unreliable.
 */
export function peaks(indices: readonly number[]): number[] {
  const child = spawnSync(
    process.execPath,
    ['--expose-gc', '--single-threaded-gc', '--import', 'tsx', CHILD, ...indices.map(String)],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  if (child.status !== 0) throw new Error(`cost-child failed (${child.status}): ${child.stderr}`);
  return JSON.parse(child.stdout) as number[];
}

export interface CalibrationRow {
  readonly label: string;
  readonly estimate: CostEstimate;
  readonly measured: Measured;
}

export function calibrate(cases: readonly CostCase[] = COST_GRID, runs = 3): CalibrationRow[] {
  const memory = peaks(cases.map((c) => COST_GRID.indexOf(c)));
  return cases.map(({ label, problem }, k) => {
    const p = problem();
    return { label, estimate: estimateCost(p), measured: { ...timed(p, runs), bytes: memory[k]! } };
  });
}

const mb = (bytes: number) => (bytes / 1e6).toFixed(bytes < 1e7 ? 2 : 1);
const ms = (x: number) => (x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0));
const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : '');

/** The calibration as a Markdown table, estimated against measured. */
export function calibrationTable(rows: readonly CalibrationRow[]): string {
  const header = ['problem', 'ms est.', 'ms meas.', '×', 'MB est.', 'MB peak', '×', 'JSON MB est.', 'JSON MB', '×'];
  const body = rows.map(({ label, estimate: e, measured: m }) => [
    label,
    ms(e.ms),
    ms(m.ms),
    ratio(e.ms, m.ms),
    mb(e.bytes),
    mb(m.bytes),
    ratio(e.bytes, m.bytes),
    mb(e.resultBytes),
    mb(m.resultBytes),
    ratio(e.resultBytes, m.resultBytes),
  ]);
  const widths = header.map((h, k) => Math.max(h.length, ...body.map((r) => r[k]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, k) => c.padEnd(widths[k]!)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}
