/**
 * A document definition to PDF bytes with pdfmake, locked down: no URL is fetched, and of the local files only the
 * fonts are read, so a name or a value that looks like a path or a link inside a document stays text.
 */
import { createRequire } from 'node:module';
import type * as PdfMake from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { isFontFile, PDF_FONTS } from './fonts.ts';

/** Loaded on first use (about 0.2 s), so that importing a report module costs nothing until a PDF is made. */
let configured: typeof PdfMake | undefined;
function pdfmake(): typeof PdfMake {
  if (!configured) {
    const lib = createRequire(import.meta.url)('pdfmake') as typeof PdfMake;
    lib.setFonts(PDF_FONTS);
    lib.setUrlAccessPolicy(() => false);
    lib.setLocalAccessPolicy(isFontFile);
    configured = lib;
  }
  return configured;
}

/** Renders a document; `onProgress` gets the share of pages drawn (0 to 1) once the layout is done. */
export async function renderPdf(doc: TDocumentDefinitions, onProgress?: (share: number) => void): Promise<Buffer> {
  const lib = pdfmake();
  // pdfmake keeps one progress callback for all documents and copies it when a document is created: set it just
  // for this one, so that documents made at the same time do not report each other's progress.
  lib.setProgressCallback(onProgress ?? (() => {}));
  const pdf = lib.createPdf(doc);
  lib.setProgressCallback(() => {});
  return pdf.getBuffer();
}
