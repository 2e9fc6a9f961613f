/**
 * Statistics import: indicator values per city and year with their source, from CSV or .xlsx. A preview checks
 * every row (unknown city, unknown or expert-scored indicator, not a number, duplicate, missing year or source)
 * before anything is written; the import itself is all-or-nothing, one transaction with one audit entry. The
 * web page, the API and `corridor import` call these same functions.
 */
import { createHash } from 'node:crypto';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { auditInsert } from '../db/audit.ts';
import type { Db } from '../db/client.ts';
import type { AlternativeId, AssessmentId, IndicatorId, UserId } from '../db/ids.ts';
import { scoringFrame } from '../db/queries/scores.ts';
import { indicatorValues } from '../db/schema.ts';
import type { AccessibleAssessment } from './access.ts';
import { type Refused, refused } from './refused.ts';
import { readTable } from './tables.ts';

/** The columns a file must have (any order, case-insensitive), with the Chinese headers also accepted. */
const COLUMNS = {
  city: ['city', '城市'],
  indicator: ['indicator', '指标'],
  year: ['year', '年份', '年'],
  value: ['value', '数值', '值'],
  source: ['source', '来源', '数据来源'],
} as const;
type Column = keyof typeof COLUMNS;

/** Rows checked between two yields to the event loop. */
const ROWS_PER_SLICE = 2_000;
/** Rows written per INSERT statement (SQLite allows 32,766 bound values; each row binds 5). */
const ROWS_PER_INSERT = 500;
/** The largest file an import takes through the web (the CLI has no limit): a year of county statistics is far less. */
export const MAX_IMPORT_BYTES = 12 * 1024 * 1024;
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

export interface ImportRow {
  /** Where the row is in the file: its line (CSV) or sheet row (xlsx). */
  readonly line: number;
  readonly city: string;
  readonly indicator: string;
  readonly year: string;
  readonly value: string;
  readonly source: string;
  /** Empty when the row can be imported. */
  readonly problems: readonly string[];
  /** The stored value this row replaces, when there is one. */
  readonly replaces?: number;
}

interface Resolved {
  readonly alternativeId: AlternativeId;
  readonly indicatorId: IndicatorId;
  readonly year: number;
  readonly value: number;
  readonly source: string;
}

export interface ImportPreview {
  readonly rows: readonly ImportRow[];
  readonly valid: number;
  readonly invalid: number;
  /** Valid rows that replace a stored value (same city, indicator and year). */
  readonly replacing: number;
  readonly format: 'csv' | 'xlsx';
  readonly sha256: string;
  /** What will be written when there are no problems. */
  readonly writes: readonly Resolved[];
  /** The stored values the writes replace, as found now: the audit entry records them. */
  readonly replaced: readonly Replaced[];
}

interface Replaced {
  readonly city: string;
  readonly indicator: string;
  readonly year: number;
  readonly value: number;
}

/** What confirming a preview needs: a check's outcome without the rows it shows. */
export type Committable = Pick<ImportPreview, 'invalid' | 'writes' | 'replacing' | 'format' | 'sha256' | 'replaced'>;

export type PreviewOutcome =
  | { readonly kind: 'preview'; readonly preview: ImportPreview }
  | { readonly kind: 'unreadable'; readonly message: string };

const norm = (s: string) => s.trim().toLowerCase();

/** "1,234.5" stays a thousands separator only in comma-separated files' quoted cells; "1,5" is a decimal comma with `;`. */
function numberOf(text: string, decimalComma: boolean): number | undefined {
  let t = text.trim().replace(/\s/g, '');
  if (decimalComma) t = t.replace(',', '.');
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return undefined;
  const v = Number(t);
  return Number.isFinite(v) ? v : undefined;
}

/**
 * Reads and checks a file against the assessment's cities and statistic indicators. `progress` is told how many
 * rows are checked, so a large file can show how far it has got.
 */
export async function previewImport(
  db: Db,
  assessmentId: AssessmentId,
  bytes: Uint8Array,
  progress?: (done: number, total: number) => void,
): Promise<PreviewOutcome> {
  const reading = await readTable(bytes);
  if (!reading.ok) return { kind: 'unreadable', message: reading.message };
  const { rows, lines, format, separator } = reading.table;
  if (rows.length === 0) return { kind: 'unreadable', message: 'the file is empty' };
  const header = rows[0]!.map(norm);
  const at: Partial<Record<Column, number>> = {};
  for (const [column, names] of Object.entries(COLUMNS) as [Column, readonly string[]][]) {
    const k = header.findIndex((h) => names.includes(h));
    if (k >= 0) at[column] = k;
  }
  const missing = (Object.keys(COLUMNS) as Column[]).filter((c) => at[c] === undefined);
  if (missing.length > 0)
    return {
      kind: 'unreadable',
      message: `the header row must name the columns city, indicator, year, value and source; missing: ${missing.join(', ')}`,
    };

  const frame = await scoringFrame(db, assessmentId);
  const cityBy = new Map<string, AlternativeId>();
  for (const c of frame.cities) for (const key of [c.code, c.nameEn, c.nameZh]) cityBy.set(norm(key), c.id);
  const indicatorBy = new Map<string, (typeof frame.indicators)[number]>();
  for (const i of frame.indicators) for (const key of [i.code, i.nameEn, i.nameZh]) indicatorBy.set(norm(key), i);
  const stored = new Map<string, number>();
  const statisticIds = frame.indicators.filter((i) => i.source === 'statistic').map((i) => i.id);
  if (statisticIds.length > 0) {
    const existing = await db
      .select({
        indicatorId: indicatorValues.indicatorId,
        alternativeId: indicatorValues.alternativeId,
        year: indicatorValues.year,
        value: indicatorValues.value,
      })
      .from(indicatorValues)
      .where(
        sql`${indicatorValues.indicatorId} in (${sql.join(
          statisticIds.map((id) => sql`${id}`),
          sql`, `,
        )})`,
      );
    for (const e of existing) stored.set(`${e.alternativeId}:${e.indicatorId}:${e.year}`, e.value);
  }

  const seen = new Map<string, number>();
  const out: ImportRow[] = [];
  const writes: Resolved[] = [];
  const replaced: Replaced[] = [];
  const total = rows.length - 1;
  for (let r = 1; r < rows.length; r++) {
    if (r % ROWS_PER_SLICE === 0) {
      progress?.(r - 1, total);
      await yieldToLoop();
    }
    const row = rows[r]!;
    // Spreadsheets save the empty rows below a table as separators alone (";;;;"): nothing to import, nor wrong.
    if (row.every((c) => c.trim() === '')) continue;
    const cell = (c: Column) => (row[at[c]!] ?? '').trim();
    const text = {
      city: cell('city'),
      indicator: cell('indicator'),
      year: cell('year'),
      value: cell('value'),
      source: cell('source'),
    };
    const problems: string[] = [];
    if (row.length !== header.length)
      problems.push(
        `has ${row.length} fields where the header has ${header.length} (a separator inside a field that is not quoted?)`,
      );
    const cityId = cityBy.get(norm(text.city));
    if (text.city === '') problems.push('no city');
    else if (cityId === undefined) problems.push(`unknown city "${text.city}"`);
    const indicator = indicatorBy.get(norm(text.indicator));
    if (text.indicator === '') problems.push('no indicator');
    else if (!indicator) problems.push(`unknown indicator "${text.indicator}"`);
    else if (indicator.source !== 'statistic')
      problems.push(`"${text.indicator}" is scored by the panel, not imported`);
    const year = /^\d{4}$/.test(text.year) ? Number(text.year) : undefined;
    if (text.year === '') problems.push('missing year');
    else if (year === undefined || year < MIN_YEAR || year > MAX_YEAR)
      problems.push(`year "${text.year}" is not a year from ${MIN_YEAR} to ${MAX_YEAR}`);
    const value = numberOf(text.value, separator !== ',');
    if (text.value === '') problems.push('missing value');
    else if (value === undefined) problems.push(`value "${text.value}" is not a number`);
    if (text.source === '') problems.push('missing source');
    let replaces: number | undefined;
    if (cityId !== undefined && indicator && year !== undefined) {
      const key = `${cityId}:${indicator.id}:${year}`;
      const first = seen.get(key);
      if (first !== undefined) problems.push(`duplicate of line ${first}: the same city, indicator and year`);
      else seen.set(key, lines[r]!);
      replaces = stored.get(key);
    }
    if (problems.length === 0) {
      writes.push({
        alternativeId: cityId!,
        indicatorId: indicator!.id,
        year: year!,
        value: value!,
        source: text.source,
      });
      if (replaces !== undefined)
        replaced.push({ city: text.city, indicator: text.indicator, year: year!, value: replaces });
    }
    out.push({ line: lines[r]!, ...text, problems, ...(replaces === undefined ? {} : { replaces }) });
  }
  progress?.(total, total);
  const invalid = out.filter((r) => r.problems.length > 0).length;
  return {
    kind: 'preview',
    preview: {
      rows: out,
      valid: out.length - invalid,
      invalid,
      replacing: replaced.length,
      format,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      writes,
      replaced,
    },
  };
}

export type ImportOutcome = { readonly kind: 'imported'; readonly count: number; readonly replaced: number } | Refused;

/**
 * Writes a preview without problems: every value (a stored one for the same city, indicator and year replaced)
 * and one audit entry naming the file by its SHA-256, in one transaction with `alongside` (an import job marked
 * done). A preview with any problem writes nothing.
 */
export async function commitImport(
  db: Db,
  now: Date,
  /** Null for the system (`corridor import`, run by whoever operates the server). */
  actor: { readonly id: UserId } | null,
  seat: AccessibleAssessment,
  preview: Committable,
  fileName: string,
  alongside: readonly BatchItem<'sqlite'>[] = [],
): Promise<ImportOutcome> {
  if (seat.access.role !== 'administrator') return refused(403, 'only administrators import statistics');
  if (preview.invalid > 0)
    return refused(
      422,
      `${preview.invalid} rows have problems: fix them and upload the file again; nothing was imported`,
    );
  if (preview.writes.length === 0) return refused(422, 'the file has no rows to import');
  const inserts = [];
  for (let k = 0; k < preview.writes.length; k += ROWS_PER_INSERT) {
    const chunk = preview.writes.slice(k, k + ROWS_PER_INSERT);
    inserts.push(
      db
        .insert(indicatorValues)
        .values(chunk.map((w) => ({ ...w })))
        .onConflictDoUpdate({
          target: [indicatorValues.indicatorId, indicatorValues.alternativeId, indicatorValues.year],
          set: { value: sql`excluded.value`, source: sql`excluded.source` },
        }),
    );
  }
  const replaced = preview.replaced;
  await db.batch([
    inserts[0]!,
    ...inserts.slice(1),
    auditInsert(db, {
      at: now,
      userId: actor?.id ?? null,
      action: 'statistics.import',
      entity: 'assessment',
      entityId: seat.assessment.id,
      // The values the import replaced (as the preview found them), so that the trail can tell what was there.
      ...(replaced.length > 0 ? { before: { replaced } } : {}),
      after: {
        file: fileName,
        sha256: preview.sha256,
        format: preview.format,
        values: preview.writes.length,
        replaced: preview.replacing,
      },
    }),
    ...alongside,
  ]);
  return { kind: 'imported', count: preview.writes.length, replaced: preview.replacing };
}

/** The template to download: the header and one example row per city for the first statistic indicator. */
export async function importTemplate(db: Db, assessmentId: AssessmentId): Promise<string> {
  const frame = await scoringFrame(db, assessmentId);
  const statistic = frame.indicators.find((i) => i.source === 'statistic');
  const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;
  const lines = [['city', 'indicator', 'year', 'value', 'source'].join(',')];
  if (statistic)
    for (const c of frame.cities)
      lines.push(
        [
          c.code,
          statistic.code,
          String(new Date().getUTCFullYear() - 1),
          '',
          quote('e.g. the city’s statistical yearbook'),
        ].join(','),
      );
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
