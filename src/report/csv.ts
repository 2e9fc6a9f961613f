import { stringify } from 'csv-stringify/sync';
import type { Table } from './tables.ts';

/**
 * A spreadsheet runs a cell that starts with one of these as a formula (OWASP, "CSV Injection"), some after leading
 * spaces too; a text cell that does gets a leading apostrophe, which spreadsheets show as text. Numbers are
 * written as numbers, so a negative value stays a number. Every CSV the app writes defuses its text with this.
 */
const FORMULA_START = /^\s*[=+\-@]|^[\t\r]/;

export const neutralize = (text: string): string => (FORMULA_START.test(text) ? `'${text}` : text);

/**
 * A table as CSV: a header of its column labels, then its rows with the engine's numbers at full precision (the
 * page rounds them; an analyst's spreadsheet should not). UTF-8 with a byte-order mark, so that Excel reads the
 * Chinese names right, and CRLF line ends (RFC 4180).
 */
export function tableCsv(table: Table): string {
  const rows = [
    table.columns.map((c) => neutralize(c.label)),
    ...table.rows.map((row) =>
      row.map((cell) => (typeof cell === 'string' ? neutralize(cell) : cell === null ? '' : cell)),
    ),
  ];
  return `\uFEFF${stringify(rows, { record_delimiter: 'windows' })}`;
}
