/**
 * One city's part of a report, shared by its page in the assessment report and its two-page brief: its rank and
 * score, coupling coordination, development by dimension (radar and table), lagging dimensions, main obstacles and
 * the recommendations that apply, each with the numbers that made it apply.
 */
import type { Content } from 'pdfmake/interfaces';
import { type Locale, t } from '../../i18n/messages.ts';
import { radarOf } from '../charts.ts';
import type { ResultSet } from '../input.ts';
import { type AlternativeRecommendations, cite } from '../recommendations.ts';
import { methodLabel, namesOf } from '../tables.ts';
import { PDF_FONT } from './fonts.ts';
import { facts, grid, listText, name, paragraph, section } from './layout.ts';

/** The score as the ranking shows it: Borda sums (compare) are whole numbers, every other score an index. */
export const scoreText = (set: ResultSet, i: number): string =>
  set.result.method === 'compare' ? String(set.result.scores[i]) : cite.index(set.result.scores[i]!);

/** Rank, score, D, level, C, T and stage of city i. */
export function cityFacts(set: ResultSet, i: number, locale: Locale): Content {
  const { result } = set;
  const m = result.alternatives.length;
  const rows: [string, string][] = [
    [
      t(locale, 'report.city.rank'),
      t(locale, 'report.city.rankOf', { rank: result.ranks[i]!, total: m, method: methodLabel(result.method, locale) }),
    ],
    [t(locale, 'report.city.score'), scoreText(set, i)],
  ];
  const co = result.coordination;
  if (co) {
    rows.push(
      [t(locale, 'report.city.D'), cite.index(co.D[i]!)],
      [t(locale, 'report.city.level'), name(co.level[i]!, locale)],
      [t(locale, 'report.city.rankByD'), t(locale, 'report.city.rankOfPlain', { rank: co.ranks[i]!, total: m })],
      [t(locale, 'report.city.CT'), `C = ${cite.index(co.C[i]!)}, T = ${cite.index(co.T[i]!)}`],
      [t(locale, 'report.city.stage'), name(co.stage[i]!, locale)],
    );
  }
  return facts(rows);
}

/** U per dimension with the dimension's share of the city's obstacles, and a sentence on the lagging ones. */
export function cityDimensions(set: ResultSet, i: number, locale: Locale): Content[] {
  const co = set.result.coordination;
  const title = t(locale, 'report.city.dimensions');
  if (!co) return [section(title, paragraph(t(locale, 'report.city.noCoordination')))];
  const names = namesOf(set, locale);
  const shares = set.result.obstacles?.[i]?.dimensions;
  const lagging = co.lagging[i]!;
  const rows = co.dimensions.map((d, k) => {
    const share = shares?.find((s) => s.dimension === d)?.degree;
    return [
      names.dimension(d),
      cite.index(co.U[i]![k]!),
      lagging.dimensions.includes(d) ? t(locale, 'report.city.lags') : '',
      ...(shares ? [share === undefined ? '—' : cite.percent(share, locale)] : []),
    ];
  });
  const header = [
    t(locale, 'report.col.dimension'),
    'U',
    t(locale, 'report.col.lagging'),
    ...(shares ? [t(locale, 'report.col.obstacleShare')] : []),
  ];
  return [
    section(
      title,
      grid(
        header,
        rows,
        [false, true, false, ...(shares ? [true] : [])],
        ['*', 'auto', 'auto', ...(shares ? ['auto' as const] : [])],
      ),
    ),
    paragraph(
      lagging.synchronous
        ? t(locale, 'report.city.synchronous')
        : t(locale, 'report.city.lagging', { dimensions: listText(lagging.dimensions.map(names.dimension), locale) }),
    ),
  ];
}

/** What the PDFs draw radars with: plain (their values are in the table beside them), in the PDF's font. */
export const RADAR_OPTIONS = { fontFamily: PDF_FONT, width: 360, height: 300 } as const;

/** City i's radar at a width in points (the report draws all of them at once: `plainRadarsOf`). */
export function cityRadar(set: ResultSet, i: number, locale: Locale, width: number, svg?: string | null): Content[] {
  const radar = svg === undefined ? radarOf(set, i, locale, { ...RADAR_OPTIONS, plain: true }) : svg;
  return radar ? [{ svg: radar, width, alignment: 'center' }] : [];
}

export function cityObstacles(set: ResultSet, i: number, locale: Locale): Content[] {
  const top = set.result.obstacles?.[i]?.top;
  if (!top) return [];
  const names = namesOf(set, locale);
  const dimensionOf = new Map(
    (Array.isArray(set.problem.criteria) ? (set.problem.criteria as { id?: unknown; dimension?: unknown }[]) : []).map(
      (c) => [String(c.id), typeof c.dimension === 'string' ? names.dimension(c.dimension) : ''],
    ),
  );
  return [
    section(
      t(locale, 'report.city.obstacles'),
      grid(
        [
          t(locale, 'results.col.position'),
          t(locale, 'results.col.indicator'),
          t(locale, 'report.col.dimension'),
          t(locale, 'results.col.degree'),
        ],
        top.map((o, k) => [
          String(k + 1),
          names.criterion(o.criterion),
          dimensionOf.get(o.criterion) ?? '',
          cite.percent(o.degree, locale),
        ]),
        [true, false, false, true],
        ['auto', '*', 'auto', 'auto'],
      ),
    ),
  ];
}

/**
 * The recommendations that apply to the city, each with its evidence below it; `limit` keeps a brief to its pages,
 * saying how many more the full report has.
 */
export function cityRecommendations(found: AlternativeRecommendations, locale: Locale, limit?: number): Content[] {
  const all = found.recommendations;
  const shown = limit === undefined ? all : all.slice(0, limit);
  // The evidence as one text of bulleted lines rather than a list: lists cost several times as much to lay out.
  const items: Content[] = shown.map((r) => ({
    stack: [
      { text: name(r.text, locale), style: 'body', margin: [0, 0, 0, 2] },
      { text: r.evidence.map((e) => `•  ${name(e, locale)}`).join('\n'), style: 'evidence', margin: [8, 0, 0, 6] },
    ],
    unbreakable: true,
  }));
  const [first, ...rest] = all.length === 0 ? [paragraph(t(locale, 'report.city.noRecommendations'))] : items;
  return [
    section(t(locale, 'report.city.recommendations'), first),
    ...rest,
    ...(shown.length < all.length
      ? [paragraph(t(locale, 'report.brief.more', { count: all.length - shown.length }))]
      : []),
  ];
}
