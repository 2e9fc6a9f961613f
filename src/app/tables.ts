/**
 * Reads an uploaded table (CSV or an Excel .xlsx workbook's first sheet) into rows of text, without holding the
 * event loop: CSV is fed to csv-parse's streaming parser in slices with a yield between them. CSV may start with a
 * UTF-8 byte-order mark, use CRLF line ends, and separate fields with commas, semicolons or tabs (the separator is
 * taken from the header line).
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { parse } from 'csv-parse';
import { readSheet } from 'read-excel-file/node';

export interface Table {
  /** Header first; each row as text, in file order. */
  readonly rows: readonly (readonly string[])[];
  /** The file line (CSV) or sheet row (xlsx) each row starts on, 1-based. */
  readonly lines: readonly number[];
  readonly format: 'csv' | 'xlsx';
  /** The CSV separator, which also decides whether a comma can be a decimal comma. */
  readonly separator: ',' | ';' | '\t';
}

export type TableReading =
  | { readonly ok: true; readonly table: Table }
  | { readonly ok: false; readonly message: string };

const SLICE = 64 * 1024;
const isZip = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

function separatorOf(headerLine: string): Table['separator'] {
  const count = (c: string) => headerLine.split(c).length - 1;
  const candidates = [',', ';', '\t'] as const;
  return candidates.reduce((best, c) => (count(c) > count(best) ? c : best), ',' as Table['separator']);
}

async function readCsv(bytes: Uint8Array): Promise<TableReading> {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, message: 'the file is not UTF-8 text: save it as "CSV UTF-8" or as an Excel workbook (.xlsx)' };
  }
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  const separator = separatorOf(text.slice(0, text.search(/\r?\n|$/)));
  const rows: string[][] = [];
  const lines: number[] = [];
  const parser = parse({
    delimiter: separator,
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
    trim: true,
  });
  const done = new Promise<void>((resolve, reject) => {
    parser.on('readable', () => {
      for (let r = parser.read(); r !== null; r = parser.read()) {
        const { record, info } = r as { record: string[]; info: { lines: number } };
        rows.push(record);
        lines.push(info.lines);
      }
    });
    parser.on('end', resolve);
    parser.on('error', reject);
  });
  try {
    for (let at = 0; at < text.length; at += SLICE) {
      parser.write(text.slice(at, at + SLICE));
      await yieldToLoop();
    }
    parser.end();
    await done;
  } catch (err) {
    return { ok: false, message: `the CSV cannot be read: ${err instanceof Error ? err.message : String(err)}` };
  }
  return { ok: true, table: { rows, lines, format: 'csv', separator } };
}

const cellText = (v: unknown): string =>
  v === null || v === undefined ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).trim();

async function readXlsx(bytes: Uint8Array): Promise<TableReading> {
  try {
    const data = await readSheet(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    const rows: string[][] = [];
    const lines: number[] = [];
    data.forEach((row, k) => {
      const cells = row.map(cellText);
      if (cells.every((c) => c === '')) return;
      rows.push(cells);
      lines.push(k + 1);
    });
    return { ok: true, table: { rows, lines, format: 'xlsx', separator: ',' } };
  } catch (err) {
    return { ok: false, message: `the workbook cannot be read: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/** A CSV or an .xlsx workbook (recognised by its content, not its name). */
export function readTable(bytes: Uint8Array): Promise<TableReading> {
  return isZip(bytes) ? readXlsx(bytes) : readCsv(bytes);
}
