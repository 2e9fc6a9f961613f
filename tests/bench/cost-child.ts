/**
 * Run by tests/bench/cost.ts with `--expose-gc --single-threaded-gc`: for each COST_GRID index given, one warm-up
 * run, then the peak of the heap and array buffers during one evaluate() + JSON.stringify above the heap after a
 * full GC, read from every collection's statistics. Prints the peaks as a JSON array.
 */
import v8 from 'node:v8';
import { evaluate } from '../../src/engine/index.ts';
import { COST_GRID } from './cost.ts';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const inUse = (stats: { usedHeapSize: number; externalMemory: number }) => stats.usedHeapSize + stats.externalMemory;

const peaks = process.argv.slice(2).map((arg) => {
  const problem = COST_GRID[Number(arg)]!.problem();
  JSON.stringify(evaluate(problem));
  gc();
  const before = v8.getHeapStatistics();
  const profiler = new v8.GCProfiler();
  profiler.start();
  const text = JSON.stringify(evaluate(problem));
  const after = v8.getHeapStatistics();
  const collections = profiler.stop()?.statistics ?? [];
  const peak = Math.max(
    after.used_heap_size + after.external_memory,
    ...collections.map((s) => inUse(s.beforeGC.heapStatistics)),
  );
  if (text.length === 0) throw new Error('no result');
  return peak - (before.used_heap_size + before.external_memory);
});
process.stdout.write(JSON.stringify(peaks));
