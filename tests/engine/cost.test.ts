import { describe, expect, it } from 'vitest';
import { type CostLimits, costIssues, estimateCost, evaluate, ProblemError } from '../../src/engine/index.ts';
import { COST_GRID, calibrate, calibrationTable, timed } from '../bench/cost.ts';
import { matrixProblem } from '../bench/data.ts';

/** The factors docs/engine.md §11 states for the cost model. */
const TIME_FACTOR = 3;
const MEMORY_FACTOR = 3;
const JSON_FACTOR = 2;
/** Below this the time measured is mostly noise: timer resolution, the JIT. */
const TIMED_FROM_MS = 10;
/** Below this the peak is V8's young generation filling up, whatever the problem. */
const MEASURED_FROM_BYTES = 16e6;

const within = (estimate: number, measured: number, factor: number) =>
  estimate <= measured * factor && estimate >= measured / factor;

// A timing calibration: it covers every engine line yet judges no result, and costs 8 s per mutant (stryker.config.mjs).
describe.skipIf(process.env.STRYKER_MUTATOR_WORKER !== undefined)('cost model calibration', () => {
  it(`estimates time within ${TIME_FACTOR}×, peak memory within ${MEMORY_FACTOR}× and the JSON within ${JSON_FACTOR}×`, () => {
    const cases = COST_GRID.filter((c) => !c.slow);
    const measured = calibrate(cases, 2);
    // The coefficients were fitted on the development machine; a busy one stretches CPU time, a faster CI runner
    // shrinks it. The median ratio over the timed rows says by how much, so that the test judges the model's shape.
    const ratios = measured
      .filter((row) => row.measured.ms >= TIMED_FROM_MS)
      .map((row) => row.measured.ms / row.estimate.ms)
      .sort((a, b) => a - b);
    const pace = ratios[Math.floor(ratios.length / 2)]!;
    // A row still off in time is timed again, best of three: one slow run says little.
    const rows = measured.map((row, k) => {
      const ms = (x: number) => x / pace;
      if (row.measured.ms < TIMED_FROM_MS || within(row.estimate.ms, ms(row.measured.ms), TIME_FACTOR)) return row;
      const again = timed(cases[k]!.problem(), 3);
      return { ...row, measured: { ...row.measured, ms: Math.min(row.measured.ms, again.ms) } };
    });
    const off = rows.flatMap(({ label, estimate, measured }) => [
      ...(measured.ms >= TIMED_FROM_MS && !within(estimate.ms, measured.ms / pace, TIME_FACTOR)
        ? [`${label}: time`]
        : []),
      ...(measured.bytes >= MEASURED_FROM_BYTES && !within(estimate.bytes, measured.bytes, MEMORY_FACTOR)
        ? [`${label}: memory`]
        : []),
      ...(!within(estimate.resultBytes, measured.resultBytes, JSON_FACTOR) ? [`${label}: JSON`] : []),
    ]);
    expect(off, `\nmachine takes ${pace.toFixed(2)}× the time the estimates assume\n${calibrationTable(rows)}`).toEqual(
      [],
    );
  }, 60_000);
});

const WEB: CostLimits = { ms: 2000, bytes: 512e6, resultBytes: 32e6 };

const column = (m: number) => ({
  alternatives: Array.from({ length: m }, (_, i) => `a${i}`),
  criteria: [{ id: 'x', type: 'benefit' }],
  matrix: Array.from({ length: m }, (_, i) => [(i * 7919) % 1000]),
});

describe('costly requests are refused before they run', () => {
  // Running the m² work instead of estimating it would take minutes: the test's time limit catches that.
  it('PROMETHEE II with a gaussian preference on 120,000 alternatives: m² at method', { timeout: 20_000 }, () => {
    const estimate = estimateCost({
      ...column(120_000),
      method: { name: 'promethee2', preference: { function: 'gaussian', s: 10 } },
    });
    expect(estimate.ms).toBeGreaterThan(60_000);
    const issues = costIssues(estimate, WEB);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toBe('method');
    expect(issues[0]!.message).toMatch(/over the limit of 2 s .*corridor evaluate/);
  });

  it('compare of 8 methods on 300 × 40 at the sample cap: at sensitivity.samples', () => {
    const estimate = estimateCost({
      ...matrixProblem(300, 40, 1),
      method: { name: 'compare', methods: Array.from({ length: 8 }, () => ({ name: 'topsis' })) },
      sensitivity: { samples: 1_000_000, oneWay: false },
    });
    expect(estimate.ms).toBeGreaterThan(100_000);
    expect(costIssues(estimate, WEB).map((i) => i.path)).toEqual(['sensitivity.samples']);
  });

  it('20 alternatives × 6,000 criteria with one-way analysis (the default): at sensitivity.oneWay', () => {
    const estimate = estimateCost({ ...matrixProblem(20, 6000, 2), sensitivity: { samples: 1 } });
    expect(estimate.ms).toBeGreaterThan(10_000);
    expect(costIssues(estimate, WEB).map((i) => i.path)).toEqual(['sensitivity.oneWay']);
  });

  it('24,000 alternatives with one sample: bounded now, and cheap enough to run', () => {
    const problem = { ...column(24_000), sensitivity: { samples: 1 } };
    const estimate = estimateCost(problem);
    expect(costIssues(estimate, WEB)).toEqual([]);
    const result = evaluate(problem);
    expect(JSON.stringify(result).length).toBeLessThan(2 * estimate.resultBytes);
  });

  it('names memory and result size against their own limits', () => {
    const estimate = estimateCost({ ...matrixProblem(2000, 20, 3), explain: true });
    const issues = costIssues(estimate, { ms: 1e9, bytes: 1e6, resultBytes: 1e6 });
    expect(issues.map((i) => i.path)).toEqual(['explain', 'explain']);
    expect(issues[0]!.message).toMatch(/of memory, over the limit of 1 MB of memory/);
    expect(issues[1]!.message).toMatch(/of JSON, over the limit of 1 MB of JSON/);
    expect(costIssues(estimate, { ms: 1e9, bytes: 1e12, resultBytes: 1e12 })).toEqual([]);
  });

  it('validates like evaluate: the same issues for bad input', () => {
    const bad = { ...column(3), method: { name: 'electre' }, sensitivity: { concentration: 0 } };
    const issues = (f: () => unknown) => {
      try {
        f();
      } catch (err) {
        if (err instanceof ProblemError) return err.issues;
        throw err;
      }
      return [];
    };
    expect(issues(() => estimateCost(bad))).toEqual(issues(() => evaluate(bad)));
    expect(issues(() => estimateCost(bad)).length).toBeGreaterThan(0);
  });
});
