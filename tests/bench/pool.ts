/**
 * The engine's worker pool (src/app/engine-pool): what a pooled run costs over an in-process one for a small
 * problem, and the throughput of concurrent medium problems with the event loop's worst delay meanwhile, the
 * figure that says whether the server stayed responsive. Printed, never asserted.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { runEngineTask } from '../../src/app/engine-pool/engine-worker.ts';
import { EnginePool } from '../../src/app/engine-pool/pool.ts';
import { matrixProblem } from './data.ts';

const medianOf = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;

async function timeEach(runs: number, work: () => unknown): Promise<number> {
  const times: number[] = [];
  for (let k = 0; k < runs; k++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  return medianOf(times);
}

/**
 * Runs `count` problems, all at once or (`sequential`) one after another with a turn of the event loop between
 * them; the event loop's worst delay is sampled every 10 ms meanwhile.
 */
async function throughput(count: number, run: () => unknown, sequential = false) {
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  const start = performance.now();
  if (sequential) {
    for (let k = 0; k < count; k++) {
      await new Promise((resolve) => setTimeout(resolve, 1));
      run();
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  } else await Promise.all(Array.from({ length: count }, run));
  const seconds = (performance.now() - start) / 1000;
  lag.disable();
  return { perSecond: count / seconds, worstLagMs: lag.max / 1e6 };
}

export async function poolRows(): Promise<string[]> {
  const pool = new EnginePool({ maxQueue: 64, eager: true });
  try {
    const small = JSON.stringify({
      ...matrixProblem(5, 14, 11),
      weights: { method: 'entropy' },
      method: { name: 'topsis' },
    });
    const task = { kind: 'evaluate', text: small } as const;
    await timeEach(50, () => pool.run(task));
    const inProcess = await timeEach(500, () => runEngineTask(task));
    const pooled = await timeEach(500, () => pool.run(task));

    const medium = JSON.stringify({
      ...matrixProblem(300, 40, 12),
      method: { name: 'topsis' },
      sensitivity: { samples: 1_000, seed: 1 },
    });
    const mediumTask = { kind: 'evaluate', text: medium } as const;
    await pool.run(mediumTask);
    const one = await timeEach(5, () => runEngineTask(mediumTask));
    const inline = await throughput(8, () => runEngineTask(mediumTask), true);
    const concurrent = await throughput(16, () => pool.run(mediumTask));
    return [
      '',
      `Engine worker pool (the default settings: ${pool.settings.threads} worker thread${pool.settings.threads === 1 ? '' : 's'}):`,
      '| work | in process | through the pool |',
      '|---|---|---|',
      `| small problem (5 × 14, entropy + TOPSIS), median latency | ${inProcess.toFixed(2)} ms | ${pooled.toFixed(2)} ms |`,
      `| medium problem (300 × 40, TOPSIS, 1,000 samples), one run | ${one.toFixed(0)} ms | |`,
      `| medium problems, throughput | ${inline.perSecond.toFixed(1)}/s (one after another) | ${concurrent.perSecond.toFixed(1)}/s (16 at once) |`,
      `| worst event-loop delay meanwhile | ${inline.worstLagMs.toFixed(0)} ms | ${concurrent.worstLagMs.toFixed(0)} ms |`,
    ];
  } finally {
    await pool.close();
  }
}
