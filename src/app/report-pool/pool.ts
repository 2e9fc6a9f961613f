import { availableParallelism } from 'node:os';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { Locale } from '../../i18n/messages.ts';
import type { PdfKind, ReportInput } from '../../report/pdf/document.ts';
import type { PdfRenderer } from '../reports.ts';
import type { ReportTask, ReportWorkerData } from './report-worker.ts';

export interface ReportPoolSettings {
  /** Worker threads; PDFs beyond these wait in the queue. */
  readonly threads: number;
  /** Each worker's JavaScript heap (V8's old generation), in MB. A worker that needs more is ended and replaced. */
  readonly heapMb: number;
  /** Wall-clock limit of one PDF, waiting in the queue included; the worker making it is ended and replaced. */
  readonly timeoutMs: number;
  /** PDFs that may wait for a free worker; one more is refused at once rather than queued for minutes. */
  readonly maxQueue: number;
  /** Start every thread at once (a server) rather than on first use (tests, the CLI). */
  readonly eager: boolean;
  /**
   * The workers' nice value (0 to 19; Linux only): a report is background work with a progress page, so its thread
   * yields the cores to requests (README, "Results and reports").
   */
  readonly nice: number;
}

/**
 * One thread by default, two on a machine with four cores or more: a PDF is long work, and the event loop and the
 * engine's pool need the other cores. A 300-city × 40-indicator report renders within a 192 MB heap (measured), so
 * 512 MB leaves room.
 */
export const defaultReportPoolSettings = (): ReportPoolSettings => ({
  threads: availableParallelism() >= 4 ? 2 : 1,
  heapMb: 512,
  timeoutMs: 60_000,
  maxQueue: 8,
  eager: false,
  nice: 10,
});

/** Set by the build (bin/build.js): the app runs from dist/, where the worker's entry is compiled too. */
declare const __CORRIDOR_DIST__: boolean | undefined;

/** The file each worker loads: from the sources a module that registers tsx first, in dist/ the compiled entry. */
const WORKER =
  typeof __CORRIDOR_DIST__ !== 'undefined'
    ? new URL('../../../dist/report-worker.js', import.meta.url)
    : new URL('./worker.mjs', import.meta.url);

/** Why a PDF was not made; the message is meant for the user. */
export class ReportUnavailable extends Error {
  constructor(
    readonly reason: 'timeout' | 'memory' | 'busy' | 'unknown-city' | 'failed',
    message: string,
  ) {
    super(message);
  }
}

/**
 * PDF reports off the event loop, in worker threads (piscina 5): laying out a long report is seconds of synchronous
 * work. Progress comes back through a MessagePort handed to the worker with the task.
 */
export class ReportPool {
  #pool: Piscina | undefined;
  readonly settings: ReportPoolSettings;

  constructor(settings: Partial<ReportPoolSettings> = {}) {
    this.settings = { ...defaultReportPoolSettings(), ...settings };
  }

  #piscina(): Piscina {
    this.#pool ??= new Piscina({
      filename: WORKER.href,
      minThreads: this.settings.eager ? this.settings.threads : 0,
      maxThreads: this.settings.threads,
      idleTimeout: 60_000,
      maxQueue: this.settings.maxQueue,
      resourceLimits: { maxOldGenerationSizeMb: this.settings.heapMb },
      workerData: { nice: this.settings.nice } satisfies ReportWorkerData,
    });
    return this.#pool;
  }

  /** `renderPdf` in the shape the reports use case takes (src/app/reports.ts), bound so it can be passed around. */
  readonly render: PdfRenderer = (job, onProgress) =>
    this.renderText(job.kind, job.input, job.locale, job.city, onProgress);

  /** Starts the threads now, so that the first report does not wait for them. */
  warm(): void {
    this.#piscina();
  }

  /** The report, or the brief on `city` (its code), as PDF bytes; `onProgress(done, total)` as the worker goes. */
  async renderPdf(
    kind: PdfKind,
    input: ReportInput,
    locale: Locale,
    city?: string,
    onProgress?: (done: number, total: number) => void,
  ): Promise<Buffer> {
    if (kind === 'brief' && (city === undefined || !input.set.result.alternatives.includes(city)))
      throw new ReportUnavailable('unknown-city', `no city "${city ?? ''}" in this snapshot`);
    return this.renderText(kind, JSON.stringify(input), locale, city, onProgress);
  }

  /**
   * `renderPdf` of an input already in JSON text, which the worker parses. The caller has checked a brief's city
   * against the snapshot (src/app/reports.ts); one that is not there fails in the worker.
   */
  async renderText(
    kind: PdfKind,
    text: string,
    locale: Locale,
    city?: string,
    onProgress?: (done: number, total: number) => void,
  ): Promise<Buffer> {
    const pool = this.#piscina();
    if (pool.queueSize >= this.settings.maxQueue)
      throw new ReportUnavailable('busy', 'the server is busy making other reports: try again in a minute');
    const { port1, port2 } = new MessageChannel();
    if (onProgress) port1.on('message', ([done, total]: [number, number]) => onProgress(done, total));
    const task: ReportTask = {
      kind,
      text,
      locale,
      ...(city === undefined ? {} : { city }),
      port: port2,
    };
    try {
      const bytes = (await pool.run(task, {
        signal: AbortSignal.timeout(this.settings.timeoutMs),
        transferList: [port2],
      })) as ArrayBuffer;
      return Buffer.from(bytes);
    } catch (err) {
      throw this.#explain(err);
    } finally {
      port1.close();
    }
  }

  #explain(err: unknown): ReportUnavailable {
    const message = err instanceof Error ? err.message : String(err);
    if (err instanceof Error && err.name === 'AbortError') {
      const seconds = Math.round(this.settings.timeoutMs / 100) / 10;
      return new ReportUnavailable('timeout', `the report took longer than ${seconds} s and was stopped`);
    }
    if (/memory limit|out of memory/i.test(message))
      return new ReportUnavailable(
        'memory',
        `the report needed more than the ${this.settings.heapMb} MB a report may use and was stopped`,
      );
    if (/queue is at limit/i.test(message))
      return new ReportUnavailable('busy', 'the server is busy making other reports: try again in a minute');
    return new ReportUnavailable('failed', `the report could not be made (${message})`);
  }

  /** Ends every worker; reports still waiting are rejected. */
  async close(): Promise<void> {
    const pool = this.#pool;
    this.#pool = undefined;
    await pool?.destroy();
  }
}
