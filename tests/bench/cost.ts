/**
 * The cost model's calibration grid (docs/engine.md §11): problems of several shapes, each estimated by
 * estimateCost and then measured. tests/engine/cost.test.ts asserts the ratios; `npm run bench` prints the table.
 */
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
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
  },
  {
    label: 'entropy + TOPSIS, 2,851 × 40',
    problem: () => ({ ...matrixProblem(2851, 40, 2), weights: { method: 'entropy' }, method: { name: 'topsis' } }),
  },
  { label: 'VIKOR, 2,000 × 40', problem: () => ({ ...matrixProblem(2000, 40, 3), method: { name: 'vikor' } }) },
  {
    label: 'CRITIC + WPM, 1,000 × 40',
    problem: () => ({ ...matrixProblem(1000, 40, 4), weights: { method: 'critic' }, method: { name: 'wpm' } }),
  },
  {
    label: 'PROMETHEE II usual, 3,000 × 10',
    problem: () => ({ ...matrixProblem(3000, 10, 5), method: { name: 'promethee2' } }),
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
  /** Heap kept by the result and its JSON text (the working arrays of a run are transient). */
  readonly retainedBytes: number;
  readonly resultBytes: number;
}

v8.setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const inUse = (stats: { usedHeapSize: number; externalMemory: number }) => stats.usedHeapSize + stats.externalMemory;

/** `memory: false` skips the retained-heap measurement (two full GCs) and reports 0 for it. */
export function measure(problem: unknown, runs = 3, memory = true): Measured {
  const resultBytes = JSON.stringify(evaluate(problem)).length;
  const retained = memory ? retainedBy(problem, resultBytes) : 0;

  let best = Infinity;
  for (let k = 0; k < runs; k++) {
    const start = process.cpuUsage();
    JSON.stringify(evaluate(problem));
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return { ms: best, retainedBytes: Math.max(0, retained), resultBytes };
}

function retainedBy(problem: unknown, resultBytes: number): number {
  // What stays live: the heap after a forced GC with the result and its text held, against the heap after one
  // without (both read from the GC's own statistics: right after a GC, sweeping still counts garbage as used).
  const profiler = new v8.GCProfiler();
  profiler.start();
  gc();
  let result: unknown = evaluate(problem);
  let text: string | undefined = JSON.stringify(result);
  gc();
  const held = text.length;
  result = undefined;
  text = undefined;
  const fullGcs = profiler.stop()?.statistics.filter((s) => s.gcType === 'MarkSweepCompact') ?? [];
  const empty = fullGcs[0];
  const full = fullGcs.at(-1);
  const retained =
    empty && full && fullGcs.length > 1 ? inUse(full.afterGC.heapStatistics) - inUse(empty.afterGC.heapStatistics) : 0;
  if (held !== resultBytes || result !== undefined) throw new Error('the result changed between runs');
  return retained;
}

export interface CalibrationRow {
  readonly label: string;
  readonly estimate: CostEstimate;
  readonly measured: Measured;
}

/** Each case estimated and measured; memory only where the estimate keeps at least `memoryFrom` bytes. */
export const calibrate = (cases: readonly CostCase[] = COST_GRID, runs = 3, memoryFrom = 0): CalibrationRow[] =>
  cases.map(({ label, problem }) => {
    const p = problem();
    const estimate = estimateCost(p);
    return { label, estimate, measured: measure(p, runs, estimate.retainedBytes >= memoryFrom) };
  });

const mb = (bytes: number) => (bytes / 1e6).toFixed(bytes < 1e7 ? 2 : 1);
const ms = (x: number) => (x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0));
const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : '');

/** The calibration as a Markdown table, estimated against measured. */
export function calibrationTable(rows: readonly CalibrationRow[]): string {
  const header = [
    'problem',
    'ms est.',
    'ms meas.',
    '×',
    'MB est.',
    'result MB est.',
    'result MB meas.',
    '×',
    'JSON MB est.',
    'JSON MB',
    '×',
  ];
  const body = rows.map(({ label, estimate: e, measured: m }) => [
    label,
    ms(e.ms),
    ms(m.ms),
    ratio(e.ms, m.ms),
    mb(e.bytes),
    mb(e.retainedBytes),
    mb(m.retainedBytes),
    ratio(e.retainedBytes, m.retainedBytes),
    mb(e.resultBytes),
    mb(m.resultBytes),
    ratio(e.resultBytes, m.resultBytes),
  ]);
  const widths = header.map((h, k) => Math.max(h.length, ...body.map((r) => r[k]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, k) => c.padEnd(widths[k]!)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}
