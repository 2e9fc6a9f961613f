/**
 * The one font of the PDFs: Noto Sans SC, whose TrueType files (not a .ttc collection, which breaks text in SVG, nor
 * WOFF, which takes seconds to decode per document) carry Chinese and Latin glyphs alike, so both languages use it
 * and pdfmake embeds only the glyphs a document uses.
 */
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

/** The name documents, styles and chart SVGs (`font-family`) use. */
export const PDF_FONT = 'NotoSansSC';

const home = dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/noto-sans-sc/package.json'));
const regular = join(home, '400Regular', 'NotoSansSC_400Regular.ttf');
const bold = join(home, '700Bold', 'NotoSansSC_700Bold.ttf');

/** pdfmake's font dictionary. The family has no italics: italic text is set upright rather than failing. */
export const PDF_FONTS = {
  [PDF_FONT]: { normal: regular, bold, italics: regular, bolditalics: bold },
} as const;

const FILES = new Set([regular, bold]);

/** What pdfmake may read from the disk: these two files and nothing else (an image path in a document is refused). */
export const isFontFile = (path: string): boolean => FILES.has(resolve(path));
