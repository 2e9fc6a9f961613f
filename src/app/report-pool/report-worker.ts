import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import type { MessagePort } from 'node:worker_threads';
import { move, workerData } from 'piscina';
import type { Locale } from '../../i18n/messages.ts';
import { type PdfKind, pdfOf, type ReportInput } from '../../report/pdf/document.ts';

/**
 * One PDF to make. The input travels as JSON text (one string copies faster than a tree of thousands of numbers);
 * progress goes back through `port` as `[done, total]`.
 */
export interface ReportTask {
  readonly kind: PdfKind;
  readonly text: string;
  readonly locale: Locale;
  readonly city?: string;
  readonly port?: MessagePort;
}

/** What the pool gives each worker when it starts. */
export interface ReportWorkerData {
  readonly nice: number;
}

/**
 * Lowers this thread's CPU priority. On Linux a thread's id is a pid to setpriority(2), which then renices the
 * thread alone; elsewhere there is no thread id to give, and renicing the process would slow the whole server.
 */
function yieldCores(nice: number): void {
  if (nice <= 0) return;
  let tid: number;
  try {
    tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
  } catch {
    return;
  }
  setPriority(tid, nice);
}

yieldCores((workerData as ReportWorkerData | undefined)?.nice ?? 0);

/** Runs in a worker thread: the PDF's bytes come back as a transferred buffer, not a copy. */
export async function renderReportTask(task: ReportTask) {
  try {
    const input = JSON.parse(task.text) as ReportInput;
    const pdf = await pdfOf(task.kind, input, task.locale, task.city, (done, total) =>
      task.port?.postMessage([done, total]),
    );
    // A small Buffer may be a view into Node's shared pool, which must not be transferred: copy it out then.
    const own =
      pdf.byteOffset === 0 && pdf.byteLength === pdf.buffer.byteLength
        ? (pdf.buffer as ArrayBuffer)
        : new Uint8Array(pdf).buffer;
    return move(own);
  } finally {
    task.port?.close();
  }
}

export default renderReportTask;
