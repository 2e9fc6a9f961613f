import type { MessagePort } from 'node:worker_threads';
import { move } from 'piscina';
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
