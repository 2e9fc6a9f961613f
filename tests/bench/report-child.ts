/**
 * Run by tests/bench/reports.ts: renders the report of the result set in the JSON file given, in a fresh process,
 * and prints its time and memory as JSON: the time of pdfOf, the process's peak resident set, and the peak of the
 * heap and array buffers above what the process held before it (from every collection's statistics).
 */
import { readFileSync } from 'node:fs';
import v8 from 'node:v8';
import type { ReportInput } from '../../src/report/pdf/document.ts';
import { pdfOf } from '../../src/report/pdf/document.ts';

const input = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as ReportInput;
const locale = process.argv[3] === 'zh' ? 'zh' : 'en';
const before = v8.getHeapStatistics();
const profiler = new v8.GCProfiler();
profiler.start();
const start = performance.now();
const pdf = await pdfOf('report', input, locale);
const ms = performance.now() - start;
const after = v8.getHeapStatistics();
const collections = profiler.stop()?.statistics ?? [];
const peak = Math.max(
  after.used_heap_size + after.external_memory,
  ...collections.map((s) => s.beforeGC.heapStatistics.usedHeapSize + s.beforeGC.heapStatistics.externalMemory),
);
process.stdout.write(
  JSON.stringify({
    ms,
    bytes: pdf.length,
    heapPeakMb: (peak - (before.used_heap_size + before.external_memory)) / 2 ** 20,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);
