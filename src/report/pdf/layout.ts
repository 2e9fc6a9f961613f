/**
 * What the report and the city brief share: A4 pages with a running header and numbered footer, the styles, and
 * the building blocks (headings, tables from src/report/tables.ts, charts as SVG nodes). Numbers come formatted by
 * `formatCell` and `cite`, as on the results pages.
 */
import type {
  Content,
  ContentSvg,
  ContentTable,
  Size,
  StyleDictionary,
  TableCell,
  TDocumentDefinitions,
} from 'pdfmake/interfaces';
import { type Locale, t } from '../../i18n/messages.ts';
import type { Bilingual, ResultSet, SnapshotMeta } from '../input.ts';
import { formatCell, type Table } from '../tables.ts';
import { PDF_FONT } from './fonts.ts';

/** A4 in points, and the width left between the margins. */
export const PAGE_WIDTH = 595.28;
const MARGIN_X = 48;
export const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X;

export const INK = '#1c2430';
export const MUTED = '#4a5565';
const RULE = '#c9ced6';
const HEAD_FILL = '#eef1f5';

export const name = (label: Bilingual, locale: Locale): string => (locale === 'zh' ? label.zh : label.en);

/** `2026-03-02 09:00 UTC`: the snapshot's time as stored (UTC), the same in both languages. */
export const dateText = (iso: string): string => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
};

/** A list as the language writes one: "a, b" or "a、b". */
export const listText = (items: readonly string[], locale: Locale): string => items.join(locale === 'zh' ? '、' : ', ');

const STYLES: StyleDictionary = {
  coverKind: { fontSize: 13, color: MUTED, margin: [0, 0, 0, 8] },
  coverTitle: { fontSize: 24, bold: true, margin: [0, 0, 0, 10] },
  coverLine: { fontSize: 12, color: MUTED, margin: [0, 0, 0, 4] },
  h1: { fontSize: 16, bold: true, margin: [0, 0, 0, 8] },
  h2: { fontSize: 12.5, bold: true, margin: [0, 12, 0, 6] },
  body: { fontSize: 10, lineHeight: 1.25, margin: [0, 0, 0, 6] },
  small: { fontSize: 8.5, color: MUTED },
  caption: { fontSize: 9, color: MUTED, margin: [0, 6, 0, 4] },
  banner: { fontSize: 10, bold: true, color: '#7a4a12', margin: [0, 0, 0, 0] },
  tableHeader: { bold: true, fontSize: 8.5, color: INK },
  table: { fontSize: 8.5, margin: [0, 2, 0, 8] },
  evidence: { fontSize: 8.5, color: MUTED },
};

/** Page size, margins, fonts, running header (the assessment and the snapshot) and "page n of m" footer. */
export function frame(
  set: ResultSet,
  meta: SnapshotMeta,
  locale: Locale,
  kind: string,
  options: { readonly headerFromPage: number },
): Omit<TDocumentDefinitions, 'content'> {
  const assessment = name(set.labels.assessment.name, locale);
  const running = `${assessment} · ${t(locale, 'report.snapshot', { id: meta.id })}`;
  return {
    pageSize: 'A4',
    pageMargins: [MARGIN_X, 56, MARGIN_X, 52],
    language: locale === 'zh' ? 'zh-Hans' : 'en',
    info: {
      title: `${assessment}: ${kind}`,
      author: 'Corridor',
      subject: kind,
      creator: 'Corridor',
      producer: 'Corridor (pdfmake)',
      // The snapshot's own time, so that the same snapshot gives the same bytes whenever it is rendered.
      creationDate: new Date(meta.publishedAt),
      modDate: new Date(meta.publishedAt),
    },
    defaultStyle: { font: PDF_FONT, fontSize: 10, color: INK, lineHeight: 1.15 },
    styles: STYLES,
    // One line of text rather than columns: a 300-city report has some 600 pages of them.
    header: (page) =>
      page < options.headerFromPage
        ? null
        : { text: `${running} · ${kind}`, style: 'small', margin: [MARGIN_X, 24, MARGIN_X, 0] },
    footer: (page, pages) => ({
      margin: [MARGIN_X, 16, MARGIN_X, 0],
      text: t(locale, 'report.page', { page, pages }),
      style: 'small',
      alignment: 'center',
    }),
  };
}

/**
 * Noto Sans SC, a CJK font, sets curly quotes and apostrophes full-width, which leaves gaps in English ("panel’ s").
 * Its proportional forms need an OpenType feature, and pdfmake caches no text measured with one (several times
 * slower), so English documents use straight quotes instead: in every text, chart and running header.
 */
export function withLocaleQuotes<T>(doc: T, locale: Locale): T {
  if (locale !== 'en') return doc;
  const straight = (value: unknown): unknown => {
    if (typeof value === 'string') return value.replace(/[‘’]/g, "'").replace(/[“”]/g, '"');
    if (Array.isArray(value)) return value.map(straight);
    if (typeof value === 'function')
      return (...args: unknown[]) => straight((value as (...a: unknown[]) => unknown)(...args));
    if (value !== null && typeof value === 'object' && !(value instanceof Date))
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, straight(v)]));
    return value;
  };
  return straight(doc) as T;
}

export const paragraph = (text: string): Content => ({ text, style: 'body' });

/** A chapter heading, listed in the table of contents. */
export const chapter = (text: string, options: { readonly pageBreak?: boolean; readonly indent?: boolean } = {}) =>
  ({
    text,
    style: 'h1',
    tocItem: true,
    ...(options.indent ? { tocMargin: [14, 0, 0, 0] } : {}),
    ...(options.pageBreak === false ? {} : { pageBreak: 'before' }),
  }) as Content;

/** A section heading, kept on one page with what it introduces (`first`) so that it never ends a page alone. */
export const section = (text: string, first?: Content): Content =>
  first === undefined ? { text, style: 'h2' } : { stack: [{ text, style: 'h2' }, first], unbreakable: true };

/** The "made-up data" notice, framed so nobody mistakes the numbers for findings. */
export const banner = (text: string): Content => ({
  table: { widths: ['*'], body: [[{ text, style: 'banner', margin: [6, 5, 6, 5] }]] },
  layout: {
    fillColor: () => '#fbf1e4',
    hLineColor: () => '#c8873a',
    vLineColor: () => '#c8873a',
  },
  margin: [0, 4, 0, 10],
});

/** A chart's SVG at a width in points (its height follows the SVG's aspect), with a caption above it. */
export const chart = (caption: string, svg: string, width: number = CONTENT_WIDTH): Content[] => [
  {
    stack: [{ text: caption, style: 'caption' }, { svg, width, margin: [0, 0, 0, 8] } as ContentSvg],
    unbreakable: true,
  },
];

const tableLayout = {
  hLineWidth: (i: number) => (i === 0 ? 0 : 0.5),
  vLineWidth: () => 0,
  hLineColor: () => RULE,
  paddingLeft: () => 3,
  paddingRight: () => 3,
  paddingTop: () => 2,
  paddingBottom: () => 2,
  fillColor: (row: number) => (row === 0 ? HEAD_FILL : null),
};

/**
 * Rows of cells with a header row repeated on every page and no row split across two: numbers right-aligned,
 * text columns taking the room that is left.
 */
export function grid(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  numeric: readonly boolean[],
  widths?: readonly Size[],
): ContentTable {
  const cell = (text: string, k: number, head: boolean): TableCell => ({
    text,
    ...(head ? { style: 'tableHeader' } : {}),
    ...(numeric[k] ? { alignment: 'right' as const } : {}),
  });
  return {
    style: 'table',
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths: [...(widths ?? numeric.map((n) => (n ? 'auto' : '*')))],
      body: [header.map((h, k) => cell(h, k, true)), ...rows.map((row) => row.map((text, k) => cell(text, k, false)))],
    },
    layout: tableLayout,
  };
}

/** One of the result set's tables (src/report/tables.ts) as the page shows it. */
export function tableOfSet(table: Table, locale: Locale, widths?: readonly Size[]): ContentTable {
  return grid(
    table.columns.map((c) => c.label),
    table.rows.map((row) => row.map((cell, k) => formatCell(cell, table.columns[k]!.format, locale))),
    table.columns.map((c) => c.format !== 'text'),
    widths,
  );
}

/**
 * A handful of key figures: labels in one column, values in bold in the next, each column one text of lines (a
 * table would cost ten times as much to lay out, and a 300-city report has one per city).
 */
export function facts(rows: readonly (readonly [string, string])[]): Content {
  return {
    columns: [
      { width: 'auto', text: rows.map(([label]) => label).join('\n'), color: MUTED },
      { width: '*', text: rows.map(([, value]) => value).join('\n'), bold: true },
    ],
    columnGap: 10,
    fontSize: 9,
    lineHeight: 1.45,
    margin: [0, 4, 0, 8],
  };
}
