/**
 * The tables of a result set, read off the engine's Result: the same rows are a table on the results page, a CSV
 * download and, where the report shows them, a table in the PDF. Cells hold the Result's own numbers; only their
 * presentation (a column's `format`) differs between a page and a CSV file.
 */
import type { Result } from '../engine/index.ts';
import { type Locale, t } from '../i18n/messages.ts';
import type { Bilingual, ResultSet } from './input.ts';
import { cite, recommend } from './recommendations.ts';

/** How a page prints a column's numbers; a CSV file writes them as the engine gave them. */
export type CellFormat = 'text' | 'rank' | 'count' | 'decimal' | 'share' | 'percent';
export type Cell = string | number | null;

export interface Column {
  readonly key: string;
  readonly label: string;
  readonly format: CellFormat;
}

export interface Table {
  readonly id: TableId;
  readonly title: string;
  readonly columns: readonly Column[];
  readonly rows: readonly (readonly Cell[])[];
}

export const TABLE_IDS = [
  'ranking',
  'methods',
  'coordination',
  'obstacles',
  'agreement',
  'acceptability',
  'stability',
  'recommendations',
] as const;
export type TableId = (typeof TABLE_IDS)[number];

export const isTableId = (value: string): value is TableId => (TABLE_IDS as readonly string[]).includes(value);

const name = (label: Bilingual, locale: Locale): string => (locale === 'zh' ? label.zh : label.en);

/** The names of a set in one language, by the Problem's ids. */
export function namesOf(set: ResultSet, locale: Locale) {
  const { labels } = set;
  const dims = new Map(labels.dimensions.map((d) => [d.code, name(d, locale)]));
  const crits = new Map(labels.criteria.map((c) => [c.code, name(c, locale)]));
  return {
    city: (i: number): string => {
      const label = labels.alternatives[i];
      return label ? name(label, locale) : (set.result.alternatives[i] ?? '');
    },
    dimension: (code: string): string => dims.get(code) ?? code,
    criterion: (code: string): string => crits.get(code) ?? code,
  };
}

const col = (key: string, label: string, format: CellFormat): Column => ({ key, label, format });

/** The method's own label, in the catalogue (the methods `compare` runs; `compare` itself is the Borda consensus). */
export const methodLabel = (method: string, locale: Locale): string =>
  method === 'compare' ? t(locale, 'results.col.borda') : t(locale, `method.${method}` as 'method.wsm');

function ranking(set: ResultSet, locale: Locale): Table {
  const { result } = set;
  const names = namesOf(set, locale);
  const order = result.alternatives.map((_, i) => i).sort((a, b) => result.ranks[a]! - result.ranks[b]! || a - b);
  return {
    id: 'ranking',
    title: t(locale, 'results.table.ranking'),
    columns: [
      col('rank', t(locale, 'results.col.rank'), 'rank'),
      col('city', t(locale, 'results.col.city'), 'text'),
      col('score', t(locale, 'results.col.score', { method: methodLabel(result.method, locale) }), 'decimal'),
    ],
    rows: order.map((i) => [result.ranks[i]!, names.city(i), result.scores[i]!]),
  };
}

function methods(set: ResultSet, locale: Locale): Table | null {
  const comparison = set.comparison;
  if (comparison?.method !== 'compare') return null;
  const names = namesOf(set, locale);
  const runs = comparison.details.results;
  const order = comparison.alternatives
    .map((_, i) => i)
    .sort((a, b) => comparison.ranks[a]! - comparison.ranks[b]! || a - b);
  return {
    id: 'methods',
    title: t(locale, 'results.table.methods'),
    columns: [
      col('city', t(locale, 'results.col.city'), 'text'),
      ...runs.map((r) => col(r.name, methodLabel(r.name, locale), 'rank')),
      col('borda', t(locale, 'results.col.borda'), 'count'),
      col('consensus', t(locale, 'results.col.consensus'), 'rank'),
      col('spread', t(locale, 'results.col.spread'), 'count'),
    ],
    rows: order.map((i) => {
      const ranks = runs.map((r) => r.ranks[i]!);
      return [
        names.city(i),
        ...ranks,
        comparison.scores[i]!,
        comparison.ranks[i]!,
        Math.max(...ranks) - Math.min(...ranks),
      ];
    }),
  };
}

function coordination(set: ResultSet, locale: Locale): Table | null {
  const co = set.result.coordination;
  if (!co) return null;
  const names = namesOf(set, locale);
  const order = co.D.map((_, i) => i).sort((a, b) => co.ranks[a]! - co.ranks[b]! || a - b);
  return {
    id: 'coordination',
    title: t(locale, 'results.table.coordination'),
    columns: [
      col('rank', t(locale, 'results.col.rank'), 'rank'),
      col('city', t(locale, 'results.col.city'), 'text'),
      ...co.dimensions.map((d) => col(`U.${d}`, `U ${names.dimension(d)}`, 'decimal')),
      col('C', 'C', 'decimal'),
      col('T', 'T', 'decimal'),
      col('D', 'D', 'decimal'),
      col('level', t(locale, 'results.col.level'), 'text'),
      col('lagging', t(locale, 'results.col.lagging'), 'text'),
    ],
    rows: order.map((i) => [
      co.ranks[i]!,
      names.city(i),
      ...co.U[i]!,
      co.C[i]!,
      co.T[i]!,
      co.D[i]!,
      name(co.level[i]!, locale),
      co.lagging[i]!.dimensions.map(names.dimension).join(locale === 'zh' ? '、' : ', '),
    ]),
  };
}

function obstacles(set: ResultSet, locale: Locale): Table | null {
  const obs = set.result.obstacles;
  if (!obs) return null;
  const names = namesOf(set, locale);
  return {
    id: 'obstacles',
    title: t(locale, 'results.table.obstacles'),
    columns: [
      col('city', t(locale, 'results.col.city'), 'text'),
      col('position', t(locale, 'results.col.position'), 'rank'),
      col('indicator', t(locale, 'results.col.indicator'), 'text'),
      col('degree', t(locale, 'results.col.degree'), 'percent'),
    ],
    rows: obs.flatMap((o, i) => o.top.map((f, k) => [names.city(i), k + 1, names.criterion(f.criterion), f.degree])),
  };
}

function agreement(set: ResultSet, locale: Locale): Table | null {
  const panel = set.result.panel;
  if (!panel) return null;
  const names = namesOf(set, locale);
  return {
    id: 'agreement',
    title: t(locale, 'results.table.agreement'),
    columns: [
      col('indicator', t(locale, 'results.col.indicator'), 'text'),
      col('W', "Kendall's W", 'decimal'),
      col('chiSquare', 'χ²', 'decimal'),
      col('df', 'df', 'count'),
      col('experts', t(locale, 'results.col.experts'), 'count'),
    ],
    rows: [
      ...panel.agreement.map((a) => [names.criterion(a.criterion), a.W, a.chiSquare, a.df, a.experts]),
      [t(locale, 'results.overall'), panel.overall.W, panel.overall.chiSquare, panel.overall.df, panel.overall.experts],
    ],
  };
}

function acceptability(set: ResultSet, locale: Locale): Table | null {
  const s = set.result.sensitivity;
  if (!s) return null;
  const names = namesOf(set, locale);
  const positions = Array.from({ length: s.acceptabilityPositions }, (_, k) => k + 1);
  return {
    id: 'acceptability',
    title: t(locale, 'results.table.acceptability'),
    columns: [
      col('city', t(locale, 'results.col.city'), 'text'),
      ...positions.map((k) => col(`rank${k}`, t(locale, 'results.col.rankN', { n: k }), 'share')),
      col('expectedRank', t(locale, 'results.col.expectedRank'), 'decimal'),
    ],
    rows: s.rankAcceptability.map((shares, i) => [names.city(i), ...shares, s.expectedRank[i]!]),
  };
}

function stability(set: ResultSet, locale: Locale): Table | null {
  const oneWay = set.result.sensitivity?.oneWay;
  if (!oneWay) return null;
  const names = namesOf(set, locale);
  return {
    id: 'stability',
    title: t(locale, 'results.table.stability'),
    columns: [
      col('indicator', t(locale, 'results.col.indicator'), 'text'),
      col('weight', t(locale, 'results.col.weight'), 'decimal'),
      col('lower', t(locale, 'results.col.lower'), 'decimal'),
      col('upper', t(locale, 'results.col.upper'), 'decimal'),
    ],
    rows: oneWay.map((o) => [names.criterion(o.criterion), o.weight, o.lower, o.upper]),
  };
}

function recommendations(set: ResultSet, locale: Locale): Table {
  const found = recommend(set.result, set.labels, set.rules);
  return {
    id: 'recommendations',
    title: t(locale, 'results.table.recommendations'),
    columns: [
      col('city', t(locale, 'results.col.city'), 'text'),
      col('rule', t(locale, 'results.col.rule'), 'text'),
      col('recommendation', t(locale, 'results.col.recommendation'), 'text'),
      col('evidence', t(locale, 'results.col.evidence'), 'text'),
    ],
    rows: found.alternatives.flatMap((a) =>
      a.recommendations.map((r) => [
        name(a.name, locale),
        r.code,
        name(r.text, locale),
        r.evidence.map((e) => name(e, locale)).join(locale === 'zh' ? '；' : '; '),
      ]),
    ),
  };
}

const BUILDERS: Record<TableId, (set: ResultSet, locale: Locale) => Table | null> = {
  ranking,
  methods,
  coordination,
  obstacles,
  agreement,
  acceptability,
  stability,
  recommendations,
};

/** A cell as a page prints it: indices with 3 decimals, shares and obstacle degrees as percentages (docs: `cite`). */
export function formatCell(cell: Cell, format: CellFormat, locale: Locale): string {
  if (cell === null) return '—';
  if (typeof cell === 'string') return cell;
  switch (format) {
    case 'decimal':
      return cite.index(cell);
    case 'share':
    case 'percent':
      return cite.percent(cell, locale);
    default:
      return String(cell);
  }
}

/** One table, or null when the set has no such analysis (coordination switched off, no panel, …). */
export const tableOf = (set: ResultSet, id: TableId, locale: Locale): Table | null => BUILDERS[id](set, locale);

/** Every table the set has, in page order. */
export const tablesOf = (set: ResultSet, locale: Locale): Table[] =>
  TABLE_IDS.map((id) => tableOf(set, id, locale)).filter((x): x is Table => x !== null);

/** The engine's sensitivity summary, for the verdict line next to the tables. */
export const stabilityOf = (result: Result) =>
  result.sensitivity
    ? {
        top: result.sensitivity.topStability,
        ranking: result.sensitivity.rankingStability,
        samples: result.sensitivity.samples,
      }
    : null;
