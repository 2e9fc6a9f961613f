/**
 * A report or a brief from its input to PDF bytes, with one progress count over both parts: a step per section or
 * city page built, then RENDER_STEPS while pdfmake draws the pages.
 */
import type { Locale } from '../../i18n/messages.ts';
import type { ResultSet, SnapshotMeta } from '../input.ts';
import { assessmentReport, type Progress, reportSteps } from './assessment-report.ts';
import { BRIEF_STEPS, cityBrief } from './city-brief.ts';
import { renderPdf } from './render.ts';

export type PdfKind = 'report' | 'brief';

/** What a PDF is made from: a published snapshot's set and who published it when. */
export interface ReportInput {
  readonly set: ResultSet;
  readonly meta: SnapshotMeta;
}

const RENDER_STEPS = 10;

/** The PDF of a report, or of the brief on `city` (its code). */
export async function pdfOf(
  kind: PdfKind,
  input: ReportInput,
  locale: Locale,
  city?: string,
  onProgress?: Progress,
): Promise<Buffer> {
  const built = kind === 'report' ? reportSteps(input.set) : BRIEF_STEPS;
  const total = built + RENDER_STEPS;
  const building: Progress = (done) => onProgress?.(done, total);
  if (kind === 'brief' && city === undefined) throw new Error('a brief needs a city');
  const doc =
    kind === 'report'
      ? assessmentReport(input.set, input.meta, locale, building)
      : cityBrief(input.set, input.meta, locale, city!, building);
  let drawn = 0;
  const pdf = await renderPdf(doc, (share) => {
    const now = Math.floor(share * RENDER_STEPS);
    if (now > drawn) {
      drawn = now;
      onProgress?.(built + now, total);
    }
  });
  if (drawn < RENDER_STEPS) onProgress?.(total, total);
  return pdf;
}
