/**
 * The full assessment report of a published snapshot, as a pdfmake document: cover, contents, executive summary,
 * ranking, coupling coordination, a page per city, the panel's agreement, sensitivity, the methods compared and an
 * appendix on methods and data. Every number is read off the snapshot's Result and formatted as the results pages
 * format it; every label comes from the catalogue in the report's language.
 */
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { WeightingInfo } from '../../engine/index.ts';
import { type Locale, type MessageKey, t } from '../../i18n/messages.ts';
import { acceptabilityOf, coordinationOf, MAX_CHART_ROWS, plainRadarsOf, rankingOf } from '../charts.ts';
import type { ResultSet, SnapshotMeta } from '../input.ts';
import { cite, recommend } from '../recommendations.ts';
import { summaryOf } from '../summary.ts';
import { methodLabel, namesOf, tableOf } from '../tables.ts';
import { cityDimensions, cityFacts, cityObstacles, cityRadar, cityRecommendations, RADAR_OPTIONS } from './city.ts';
import { PDF_FONT } from './fonts.ts';
import {
  banner,
  chapter,
  chart,
  dateText,
  frame,
  grid,
  listText,
  name,
  paragraph,
  section,
  tableOfSet,
  withLocaleQuotes,
} from './layout.ts';

export type Progress = (done: number, total: number) => void;

/** Sections built before and after the city pages: what progress counts besides one step per city. */
const FIXED_STEPS = 7;

export const reportSteps = (set: ResultSet): number => FIXED_STEPS + set.result.alternatives.length;

/** A bar chart of 25 rows and its caption fill most of a page: more would run off it. */
const CHART_OPTIONS = { fontFamily: PDF_FONT, limit: 25 };

/** The alternatives best first (ties in problem order). */
const byRank = (set: ResultSet): number[] =>
  set.result.alternatives.map((_, i) => i).sort((a, b) => set.result.ranks[a]! - set.result.ranks[b]! || a - b);

function cover(set: ResultSet, meta: SnapshotMeta, locale: Locale): Content[] {
  const { assessment } = set.labels;
  const weights =
    meta.weightSetVersion === null
      ? t(locale, 'report.cover.weightsNone')
      : t(locale, 'report.cover.weights', { version: meta.weightSetVersion, note: meta.weightSetNote ?? '' });
  return [
    { text: t(locale, 'report.kind.report'), style: 'coverKind', margin: [0, 120, 0, 8] },
    { text: name(assessment.name, locale), style: 'coverTitle' },
    { text: name(assessment.region, locale), style: 'coverLine' },
    { text: t(locale, 'report.cover.period', { period: assessment.period }), style: 'coverLine' },
    ...(name(assessment.description, locale) ? [{ text: name(assessment.description, locale), style: 'body' }] : []),
    { text: '', margin: [0, 24, 0, 0] },
    ...(assessment.illustrative ? [banner(t(locale, 'results.illustrative'))] : []),
    { text: t(locale, 'report.snapshot', { id: meta.id }), style: 'h2' },
    {
      text: t(locale, 'report.cover.published', { date: dateText(meta.publishedAt), author: meta.author }),
      style: 'body',
    },
    { text: weights, style: 'body' },
    { text: t(locale, 'report.cover.engine', { version: meta.engineVersion }), style: 'body' },
    { text: t(locale, 'report.cover.hash'), style: 'small' },
    { text: meta.hash, style: 'small', margin: [0, 0, 0, 8] },
  ];
}

/** The summary's sentences (src/report/summary.ts) and how many cities lag on which dimension. */
function summary(set: ResultSet, locale: Locale): Content[] {
  const lines = summaryOf(set, locale);
  const co = set.result.coordination;
  if (co) {
    const names = namesOf(set, locale);
    const lagging = co.lagging.filter((l) => !l.synchronous).length;
    const counts = co.dimensions.map((d) => co.lagging.filter((l) => l.dimensions.includes(d)).length);
    const most = Math.max(...counts);
    lines.push(
      lagging === 0
        ? t(locale, 'report.summary.synchronous')
        : t(locale, 'report.summary.lagging', {
            count: lagging,
            total: co.D.length,
            dimensions: listText(co.dimensions.filter((_, k) => counts[k] === most).map(names.dimension), locale),
            times: most,
          }),
    );
  }
  return [chapter(t(locale, 'report.summary')), ...lines.map(paragraph)];
}

function ranking(set: ResultSet, locale: Locale): Content[] {
  const { result } = set;
  const table = tableOf(set, 'ranking', locale)!;
  return [
    chapter(t(locale, 'report.ranking')),
    paragraph(
      t(locale, 'report.ranking.intro', {
        method: methodLabel(result.method, locale),
        better: t(locale, result.better === 'lower' ? 'report.better.lower' : 'report.better.higher'),
      }),
    ),
    ...chart(t(locale, 'results.chart.ranking'), rankingOf(set, locale, CHART_OPTIONS)),
    tableOfSet(table, locale, ['auto', '*', 'auto']),
  ];
}

function coordination(set: ResultSet, locale: Locale): Content[] {
  const table = tableOf(set, 'coordination', locale);
  const svg = coordinationOf(set, locale, CHART_OPTIONS);
  if (!table || !svg)
    return [chapter(t(locale, 'report.coordination')), paragraph(t(locale, 'report.city.noCoordination'))];
  const dims = set.result.coordination!.dimensions.length;
  return [
    chapter(t(locale, 'report.coordination')),
    paragraph(t(locale, 'results.coordinationIntro')),
    ...chart(t(locale, 'results.chart.coordination'), svg),
    {
      ...tableOfSet(table, locale, [
        'auto',
        'auto',
        ...Array.from({ length: dims + 3 }, () => 'auto' as const),
        '*',
        '*',
      ]),
      // Many dimensions make many columns: the table's type shrinks with them rather than running off the page.
      fontSize: dims > 5 ? 6.5 : 7.5,
    },
  ];
}

function cityPage(
  set: ResultSet,
  i: number,
  locale: Locale,
  found: ReturnType<typeof recommend>,
  radar: string | null,
  first: boolean,
): Content[] {
  const names = namesOf(set, locale);
  return [
    // The first city shares its page with the chapter's introduction.
    chapter(names.city(i), { indent: true, pageBreak: !first }),
    {
      columns: [
        { width: '*', stack: [cityFacts(set, i, locale)] },
        { width: 220, stack: cityRadar(set, i, locale, 220, radar) },
      ],
      columnGap: 12,
    },
    ...cityDimensions(set, i, locale),
    ...cityObstacles(set, i, locale),
    ...cityRecommendations(found.alternatives[i]!, locale),
  ];
}

function panel(set: ResultSet, locale: Locale): Content[] {
  const p = set.result.panel;
  const head = chapter(t(locale, 'report.panel'));
  if (!p) return [head, paragraph(t(locale, 'report.panel.none'))];
  const { overall } = p;
  const aggregate = t(locale, `aggregate.${p.aggregate}` as MessageKey & `aggregate.${string}`);
  return [
    head,
    paragraph(
      t(locale, 'report.panel.experts', {
        experts: p.experts.length,
        aggregate: p.aggregate === 'trimmed' ? `${aggregate} (${cite.percent(p.trim ?? 0, locale)})` : aggregate,
      }),
    ),
    paragraph(
      overall.W === null
        ? t(locale, 'report.panel.noOverall')
        : t(locale, 'report.panel.overall', {
            W: cite.index(overall.W),
            cells: overall.cells,
            experts: overall.experts,
            chi: overall.chiSquare === null ? '—' : cite.index(overall.chiSquare),
            df: overall.df,
          }),
    ),
    paragraph(t(locale, 'results.agreementIntro')),
    tableOfSet(tableOf(set, 'agreement', locale)!, locale, ['*', 'auto', 'auto', 'auto', 'auto']),
  ];
}

/** The verdict on the first place: robust from 90 % of the weightings, fairly stable from 60 %, else fragile. */
const verdictKey = (top: number): MessageKey =>
  top >= 0.9 ? 'report.sensitivity.robust' : top >= 0.6 ? 'report.sensitivity.stable' : 'report.sensitivity.fragile';

function sensitivity(set: ResultSet, locale: Locale): Content[] {
  const s = set.result.sensitivity;
  const head = chapter(t(locale, 'report.sensitivity'));
  if (!s) return [head, paragraph(t(locale, 'report.sensitivity.none'))];
  const full = tableOf(set, 'acceptability', locale)!;
  // Best expected rank (the last column) first, as in the heat map; beyond MAX_CHART_ROWS cities a table of shares
  // says nothing a reader can take in, and the results page's CSV has them all.
  const rows = [...full.rows].sort((a, b) => (a.at(-1) as number) - (b.at(-1) as number));
  const acceptability = { ...full, rows: rows.slice(0, MAX_CHART_ROWS) };
  const stability = tableOf(set, 'stability', locale);
  return [
    head,
    paragraph(
      t(locale, 'report.sensitivity.verdict', {
        samples: s.samples,
        concentration: s.concentration,
        seed: s.seed,
        top: cite.percent(s.topStability, locale),
        ranking: cite.percent(s.rankingStability, locale),
      }),
    ),
    paragraph(t(locale, verdictKey(s.topStability) as 'report.sensitivity.robust')),
    section(t(locale, 'results.table.acceptability'), paragraph(t(locale, 'results.acceptabilityIntro'))),
    ...chart(t(locale, 'results.chart.acceptability'), acceptabilityOf(set, locale, CHART_OPTIONS)!),
    {
      ...tableOfSet(acceptability, locale, [
        '*',
        ...Array.from({ length: acceptability.columns.length - 1 }, () => 'auto' as const),
      ]),
      fontSize: acceptability.columns.length > 8 ? 6.5 : 8,
    },
    ...(rows.length > MAX_CHART_ROWS
      ? [paragraph(t(locale, 'report.sensitivity.firstOf', { shown: MAX_CHART_ROWS, total: rows.length }))]
      : []),
    ...(stability
      ? [
          section(t(locale, 'results.table.stability'), paragraph(t(locale, 'results.stabilityIntro'))),
          tableOfSet(stability, locale, ['*', 'auto', 'auto', 'auto']),
        ]
      : []),
  ];
}

function methods(set: ResultSet, locale: Locale): Content[] {
  const table = tableOf(set, 'methods', locale);
  if (!table) return [];
  return [
    chapter(t(locale, 'report.methods')),
    paragraph(t(locale, 'results.methodsIntro')),
    tableOfSet(table, locale, ['*', ...Array.from({ length: table.columns.length - 1 }, () => 'auto' as const)]),
  ];
}

const FORMULA_KEYS: Record<string, MessageKey> = {
  wsm: 'report.formula.wsm',
  wpm: 'report.formula.wpm',
  topsis: 'report.formula.topsis',
  vikor: 'report.formula.vikor',
  promethee2: 'report.formula.promethee2',
  compare: 'report.formula.compare',
};

/** How the weights came about, scheme by scheme, with AHP's consistency where there is one. */
function provenance(info: WeightingInfo, locale: Locale, set: ResultSet, depth = 0): Content[] {
  const names = namesOf(set, locale);
  const at = (content: Content): Content => ({ stack: [content], margin: [depth * 12, 0, 0, 0] }) as Content;
  switch (info.method) {
    case 'equal':
      return [at(paragraph(t(locale, 'report.weighting.equal')))];
    case 'direct':
      return [at(paragraph(t(locale, 'report.weighting.direct')))];
    case 'entropy':
      return [at(paragraph(t(locale, 'report.weighting.entropy')))];
    case 'critic':
      return [at(paragraph(t(locale, 'report.weighting.critic')))];
    case 'ahp': {
      const c = info.consistency;
      const lines = [
        t(locale, 'report.weighting.ahp', { priority: t(locale, `report.priority.${info.priority}`) }),
        t(locale, 'report.weighting.consistency', {
          lambda: cite.index(c.lambdaMax),
          ci: cite.index(c.ci),
          cr: cite.index(c.cr),
          verdict: t(locale, c.acceptable ? 'report.weighting.acceptable' : 'report.weighting.notAcceptable'),
        }),
      ];
      if (info.experts)
        lines.push(
          t(locale, 'report.weighting.experts', {
            count: info.experts.length,
            ratios: listText(
              info.experts.map((e) => cite.index(e.cr)),
              locale,
            ),
          }),
        );
      return lines.map((line) => at(paragraph(line)));
    }
    case 'combined':
      return [
        at(
          paragraph(
            t(locale, 'report.weighting.combined', {
              mix: t(locale, info.mix === 'linear' ? 'weights.mix.linear' : 'weights.mix.multiplicative'),
              shares: listText(
                info.alpha.map((a) => cite.percent(a, locale)),
                locale,
              ),
            }),
          ),
        ),
        ...info.parts.flatMap((part) => provenance(part, locale, set, depth + 1)),
      ];
    case 'hierarchical': {
      const dims = set.result.coordination?.dimensions ?? set.labels.dimensions.map((d) => d.code);
      return [
        at(
          paragraph(
            t(locale, 'report.weighting.hierarchical', {
              weights: listText(
                info.dimensions.weights.map((w, k) => `${names.dimension(dims[k] ?? String(k))} ${cite.index(w)}`),
                locale,
              ),
            }),
          ),
        ),
        ...provenance(info.dimensions, locale, set, depth + 1),
        ...Object.entries(info.within).flatMap(([dimension, part]) => [
          at(paragraph(t(locale, 'report.weighting.within', { dimension: names.dimension(dimension) }))),
          ...provenance(part, locale, set, depth + 1),
        ]),
      ];
    }
  }
}

/** A setting of the Problem as compact JSON; the panel's scores and long lists are not settings and stay out. */
function settingText(value: unknown): string {
  if (value === undefined || value === null || value === false) return '—';
  const text = JSON.stringify(value);
  return text.length > 240 ? `${text.slice(0, 239)}…` : text;
}

function settings(set: ResultSet, locale: Locale): Content {
  const p = set.problem;
  const panelSpec = p.panel as { aggregate?: unknown; trim?: unknown; experts?: unknown[] } | undefined;
  const weights = p.weights as { method?: unknown } | undefined;
  const rows: [MessageKey, unknown][] = [
    ['report.setting.method', p.method],
    ['report.setting.weights', weights?.method ?? 'equal'],
    ['report.setting.coordination', p.coordination],
    ['report.setting.obstacles', p.obstacles],
    ['report.setting.sensitivity', p.sensitivity],
    [
      'report.setting.panel',
      panelSpec && {
        experts: panelSpec.experts?.length,
        aggregate: panelSpec.aggregate ?? 'mean',
        ...(panelSpec.trim !== undefined ? { trim: panelSpec.trim } : {}),
      },
    ],
  ];
  return grid(
    [t(locale, 'report.col.setting'), t(locale, 'report.col.value')],
    rows.map(([key, value]) => [t(locale, key as 'report.setting.method'), settingText(value)]),
    [false, false],
    ['auto', '*'],
  );
}

/** Indicators with their dimension, source, unit and global weight. */
function indicators(set: ResultSet, locale: Locale): Content {
  const names = namesOf(set, locale);
  const criteria = Array.isArray(set.problem.criteria)
    ? (set.problem.criteria as { id?: unknown; dimension?: unknown }[])
    : [];
  const dimensionOf = new Map(criteria.map((c) => [String(c.id), typeof c.dimension === 'string' ? c.dimension : '']));
  return grid(
    [
      t(locale, 'results.col.indicator'),
      t(locale, 'report.col.dimension'),
      t(locale, 'report.col.source'),
      t(locale, 'report.col.unit'),
      t(locale, 'results.col.weight'),
    ],
    set.result.criteria.map((code, j) => {
      const label = set.labels.criteria.find((c) => c.code === code);
      const dimension = dimensionOf.get(code);
      return [
        names.criterion(code),
        dimension ? names.dimension(dimension) : '',
        t(locale, label?.source === 'expert' ? 'report.source.expert' : 'report.source.statistic'),
        label?.unit ?? '',
        cite.index(set.result.weights[j]!),
      ];
    }),
    [false, false, false, false, true],
    ['*', 'auto', 'auto', 'auto', 'auto'],
  );
}

function appendix(set: ResultSet, meta: SnapshotMeta, locale: Locale): Content[] {
  const { result } = set;
  const formulas: MessageKey[] = ['report.formula.normalization'];
  const method = FORMULA_KEYS[result.method];
  if (method) formulas.push(method);
  if (result.coordination) formulas.push('report.formula.coordination');
  if (result.obstacles) formulas.push('report.formula.obstacles');
  if (result.sensitivity) formulas.push('report.formula.sensitivity');
  if (result.panel) formulas.push('report.formula.panel');
  return [
    chapter(t(locale, 'report.appendix')),
    section(
      t(locale, 'report.appendix.formulas'),
      paragraph(t(locale, formulas[0]! as 'report.formula.normalization')),
    ),
    ...formulas.slice(1).map((key) => paragraph(t(locale, key as 'report.formula.normalization'))),
    paragraph(t(locale, 'report.formula.source')),
    section(t(locale, 'report.appendix.weights'), provenance(result.weighting, locale, set)),
    indicators(set, locale),
    section(t(locale, 'report.appendix.settings'), settings(set, locale)),
    ...(result.warnings.length > 0
      ? [
          section(t(locale, 'report.appendix.warnings'), {
            ul: result.warnings.map((w) => ({ text: w, style: 'small' })),
            margin: [0, 0, 0, 6],
          } as Content),
        ]
      : []),
    section(
      t(locale, 'report.appendix.reproduce'),
      paragraph(
        t(locale, 'report.appendix.snapshot', {
          id: meta.id,
          date: dateText(meta.publishedAt),
          author: meta.author,
          version: meta.engineVersion,
        }),
      ),
    ),
    { text: t(locale, 'report.cover.hash'), style: 'small' },
    { text: meta.hash, style: 'small' },
  ];
}

/** The report's document; `onProgress(done, total)` is called after each section and each city page. */
export function assessmentReport(
  set: ResultSet,
  meta: SnapshotMeta,
  locale: Locale,
  onProgress?: Progress,
): TDocumentDefinitions {
  const total = reportSteps(set);
  let done = 0;
  const step = <T>(part: T): T => {
    done += 1;
    onProgress?.(done, total);
    return part;
  };
  const kind = t(locale, 'report.kind.report');
  const found = recommend(set.result, set.labels, set.rules);
  const radars = plainRadarsOf(set, locale, RADAR_OPTIONS);
  const content: Content[] = [
    ...step(cover(set, meta, locale)),
    { toc: { title: { text: t(locale, 'report.toc'), style: 'h1' } }, pageBreak: 'before' } as Content,
    ...step(summary(set, locale)),
    ...step(ranking(set, locale)),
    ...step(coordination(set, locale)),
    chapter(t(locale, 'report.cities')),
    paragraph(t(locale, 'report.cities.intro')),
    ...byRank(set).flatMap((i, k) => step(cityPage(set, i, locale, found, radars?.[i] ?? null, k === 0))),
    ...step(panel(set, locale)),
    ...step(sensitivity(set, locale)),
    ...methods(set, locale),
    ...step(appendix(set, meta, locale)),
  ];
  return withLocaleQuotes({ ...frame(set, meta, locale, kind, { headerFromPage: 2 }), content }, locale);
}
