/**
 * Charts of a result set as SVG text, drawn by Apache ECharts on the server (no browser, no script): the same SVG
 * goes inline into the results pages and into the PDF reports. Each chart takes plain data (names already in the
 * reader's language, numbers as the Result has them) and gives one `<svg>` element. The output fits the pages'
 * CSP: no `<style>` element, no `style` attribute (fonts become presentation attributes), no script; names are
 * text content, escaped by ECharts. The same input gives the same bytes.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type * as ECharts from 'echarts';
import { type Locale, t } from '../i18n/messages.ts';
import type { Bilingual, ResultSet } from './input.ts';
import { cite } from './recommendations.ts';
import { namesOf } from './tables.ts';

/**
 * ECharts' single-file CommonJS build, loaded on first use: its ES modules take about four times as long to load
 * (hundreds of files), and a server that never draws a chart should not pay for either.
 */
let library: typeof ECharts | undefined;
const echarts = (): typeof ECharts => {
  library ??= createRequire(import.meta.url)('echarts') as typeof ECharts;
  return library;
};

/** zrender's SVG painter: its `renderToString` can leave out the hover CSS that `renderToSVGString` always writes. */
interface SvgPainter {
  renderToString(opts: { cssAnimation: boolean; cssEmphasis: boolean; useViewBox: boolean }): string;
}

export interface ChartOptions {
  /** In CSS pixels (the PDF scales the SVG to its column). */
  readonly width?: number;
  readonly height?: number;
  /** The PDF passes its pdfmake font name; pages leave the default, `inherit`, so the page's CSS font stack applies. */
  readonly fontFamily?: string;
  readonly locale?: Locale;
  /** Rows a bar chart or the heat map draws at most (MAX_CHART_ROWS unless given); the chart says when it stops. */
  readonly limit?: number;
}

/** Rows a bar chart or the heat map shows at most; beyond them the chart says how many it leaves out. */
export const MAX_CHART_ROWS = 40;
/** Rank columns of the heat map at most. */
export const MAX_HEATMAP_RANKS = 20;

/** The ten coordination levels of docs/engine.md §6, from extreme disorder (1, red) to quality coordination (10, green). */
export const LEVEL_COLOURS: readonly string[] = [
  '#a50026',
  '#d73027',
  '#f46d43',
  '#fdae61',
  '#fee08b',
  '#d9ef8b',
  '#a6d96a',
  '#66bd63',
  '#1a9850',
  '#006837',
];
/**
 * The colour of class `index` of a table of `classes` (docs/engine.md §6 allows custom tables): its place from the
 * lowest class to the highest, on the same red-to-green scale, so that a four-stage table's top class is green too.
 */
export const levelColour = (index: number, classes = 10): string => {
  const place = classes <= 1 ? 1 : (Math.min(classes, Math.max(1, index)) - 1) / (classes - 1);
  return LEVEL_COLOURS[Math.round(place * (LEVEL_COLOURS.length - 1))]!;
};

const BAR_COLOUR = '#1d5fa8';
const INK = '#1c2430';
const INK_SOFT = '#4a5565';
/** Slope lines: a city that rose, fell, or kept its rank. */
const ROSE = '#1a9850';
const FELL = '#d73027';
const KEPT = '#8a94a3';

const ROW_HEIGHT = 22;

/** A font family goes into an attribute: double quotes become single ones and markup characters are dropped. */
const safeFamily = (family: string): string => family.replace(/"/g, "'").replace(/[<>&;]/g, '');

/** Text properties zrender writes as inline style; SVG has a presentation attribute of the same name for each. */
const PRESENTATION = new Set(['font-size', 'font-family', 'font-weight', 'font-style']);

const styleToAttributes = (style: string): string =>
  style
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const colon = part.indexOf(':');
      const name = part.slice(0, colon).trim();
      const value = part.slice(colon + 1).trim();
      if (colon < 0 || !PRESENTATION.has(name))
        throw new Error(`chart SVG: no presentation attribute for the inline style "${part}"`);
      return `${name}="${value}"`;
    })
    .join(' ');

/**
 * What ECharts writes, made fit for a strict CSP and stable: inline styles become attributes, the SSR metadata
 * attributes go (they serve client-side hydration only), and the instance counter in element ids (zr0-, zr1-, …)
 * becomes a digest of the chart, so equal charts are equal text and different charts on one page keep apart ids.
 */
function finish(svg: string): string {
  const plain = svg
    .replace(/ ecmeta_[a-z_]+="[^"]*"/g, '')
    .replace(/ style="([^"]*)"/g, (_, style: string) => ` ${styleToAttributes(style)}`)
    .replace(/(id="|url\(#|href="#)zr\d+-/g, '$1zr-');
  const digest = createHash('sha256').update(plain).digest('hex').slice(0, 10);
  return plain.replace(/(id="|url\(#|href="#)zr-/g, `$1c${digest}-`);
}

function draw(option: ECharts.EChartsOption, width: number, height: number, options: ChartOptions): string {
  const chart = echarts().init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: safeFamily(options.fontFamily ?? 'inherit'), color: INK },
      ...option,
    });
    const painter = chart.getZr().painter as unknown as SvgPainter;
    return finish(painter.renderToString({ cssAnimation: false, cssEmphasis: false, useViewBox: true }));
  } finally {
    chart.dispose();
  }
}

/** A line above the plot saying that only the first rows are drawn; null when all are. */
const truncation = (shown: number, total: number, locale: Locale): ECharts.TitleComponentOption | undefined =>
  shown < total
    ? {
        text: t(locale, 'report.chart.firstOf', { shown, total }),
        left: 'center',
        top: 0,
        textStyle: { fontSize: 11, fontWeight: 'normal', color: INK_SOFT },
      }
    : undefined;

/** Left margin for names on a category axis: ECharts' estimate of a name's width is about 7 px a Latin letter. */
const nameRoom = (names: readonly string[]): number =>
  Math.min(
    220,
    16 + Math.max(0, ...names.map((n) => [...n].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e7f ? 12 : 7), 0))),
  );

const byOrder = <T>(items: readonly T[], key: (item: T) => number): T[] =>
  items
    .map((item, k) => ({ item, k }))
    .sort((a, b) => key(a.item) - key(b.item) || a.k - b.k)
    .map((x) => x.item);

export interface RankedScore {
  readonly name: string;
  readonly score: number;
  readonly rank: number;
}

/** Composite score by city, best (rank 1) first, as horizontal bars with the score at each bar's end. */
export function rankingChart(
  items: readonly RankedScore[],
  options: ChartOptions & { readonly format?: (score: number) => string } = {},
): string {
  const locale = options.locale ?? 'en';
  const format = options.format ?? cite.index;
  const shown = byOrder(items, (x) => x.rank).slice(0, options.limit ?? MAX_CHART_ROWS);
  const title = truncation(shown.length, items.length, locale);
  const width = options.width ?? 640;
  const top = title ? 28 : 8;
  const height = options.height ?? top + 36 + ROW_HEIGHT * shown.length;
  const names = shown.map((x) => x.name);
  return draw(
    {
      ...(title ? { title } : {}),
      grid: { left: nameRoom(names), right: 56, top, bottom: 28 },
      xAxis: { type: 'value', axisLabel: { color: INK_SOFT }, splitLine: { lineStyle: { color: '#e3e6eb' } } },
      yAxis: {
        type: 'category',
        inverse: true,
        data: names,
        axisLabel: { interval: 0, color: INK },
        axisTick: { show: false },
      },
      series: [
        {
          type: 'bar',
          silent: true,
          barMaxWidth: 16,
          itemStyle: { color: BAR_COLOUR },
          label: { show: true, position: 'right', color: INK, formatter: (p) => format(Number(p.value)) },
          data: shown.map((x) => x.score),
        },
      ],
    },
    width,
    height,
    options,
  );
}

/**
 * One city's development index U on each dimension (0 to 1), as a radar. A `plain` radar has no points, numbers or
 * shaded rings, for a page that lists U beside it: they are most of its drawing time, in ECharts and in the PDF (a
 * 300-city report draws 300 radars).
 */
export function radarChart(
  city: { readonly name: string; readonly dimensions: readonly string[]; readonly U: readonly number[] },
  options: ChartOptions & { readonly plain?: boolean } = {},
): string {
  const values = !options.plain;
  const width = options.width ?? 360;
  const height = options.height ?? 300;
  return draw(
    {
      radar: {
        indicator: city.dimensions.map((name) => ({ name, min: 0, max: 1 })),
        radius: '62%',
        center: ['50%', '54%'],
        splitNumber: 5,
        axisName: { color: INK, fontSize: 12 },
        splitLine: { lineStyle: { color: '#d5d9e0' } },
        splitArea: { show: values, areaStyle: { color: ['#ffffff', '#f5f6f8'] } },
      },
      series: [
        {
          type: 'radar',
          silent: true,
          ...(values ? { symbolSize: 5 } : { symbol: 'none' }),
          lineStyle: { color: BAR_COLOUR, width: 2 },
          itemStyle: { color: BAR_COLOUR },
          areaStyle: { color: BAR_COLOUR, opacity: 0.18 },
          label: { show: values, color: INK, fontSize: 10, formatter: (p) => cite.index(Number(p.value)) },
          data: [{ name: city.name, value: [...city.U] }],
        },
      ],
    },
    width,
    height,
    options,
  );
}

const POINTS = /<(polyline|polygon) points="([^"]*)"/g;

const pointsOf = (svg: string): number[] => {
  const first = POINTS.exec(svg);
  POINTS.lastIndex = 0;
  if (!first) throw new Error('chart SVG: a radar without its data polygon');
  return first[2]!.split(' ').map(Number);
};

/**
 * Plain radars (see `radarChart`) of many cities over the same dimensions: ECharts draws the radar twice, with every
 * U at 1 and at 0, and each city's polygon is placed on that frame by the same linear scale ECharts uses (U from 0
 * at the centre to 1 at the outer ring), so a 300-city report draws two charts instead of 300. Coordinates agree
 * with ECharts' own to its rounding (a tenth of a pixel); tests/report/charts.test.ts compares them.
 */
export function plainRadars(
  dimensions: readonly string[],
  U: readonly (readonly number[])[],
  options: ChartOptions = {},
): string[] {
  const frame = (u: number) =>
    radarChart({ name: '', dimensions, U: dimensions.map(() => u) }, { ...options, plain: true });
  const outer = frame(1);
  const rim = pointsOf(outer);
  const centre = pointsOf(frame(0));
  const round = (x: number) => String(Math.round(x * 10) / 10);
  return U.map((u) => {
    // The polygon's points go round the dimensions and back to the first: x, y pairs.
    const points = rim
      .map((value, k) => {
        const d = Math.floor(k / 2) % dimensions.length;
        return round(centre[k]! + (u[d] ?? 0) * (value - centre[k]!));
      })
      .join(' ');
    return outer.replace(POINTS, (_, tag: string) => `<${tag} points="${points}"`);
  });
}

export interface CoordinatedCity {
  readonly name: string;
  readonly D: number;
  /** The level's class (1 … classes of its table) and its name in the reader's language. */
  readonly level: { readonly index: number; readonly label: string; readonly classes?: number };
}

/**
 * Coupling coordination degree D by city, highest first, each bar in its level's colour, with a legend of the levels
 * that occur (weakest first).
 */
export function coordinationChart(items: readonly CoordinatedCity[], options: ChartOptions = {}): string {
  const locale = options.locale ?? 'en';
  const shown = byOrder(items, (x) => -x.D).slice(0, options.limit ?? MAX_CHART_ROWS);
  const title = truncation(shown.length, items.length, locale);
  const levels = [...new Map(shown.map((x) => [x.level.index, x.level.label])).entries()].sort((a, b) => a[0] - b[0]);
  const classes = shown[0]?.level.classes ?? 10;
  const names = shown.map((x) => x.name);
  const width = options.width ?? 640;
  const top = (title ? 28 : 8) + 28;
  const height = options.height ?? top + 36 + ROW_HEIGHT * shown.length;
  return draw(
    {
      ...(title ? { title } : {}),
      legend: {
        top: title ? 24 : 4,
        left: 'center',
        itemWidth: 14,
        itemHeight: 10,
        // ECharts estimates text widths; real fonts run wider, so the items keep well apart.
        itemGap: 24,
        textStyle: { color: INK },
        data: levels.map(([, label]) => label),
      },
      grid: { left: nameRoom(names), right: 56, top, bottom: 28 },
      xAxis: { type: 'value', min: 0, max: 1, axisLabel: { color: INK_SOFT } },
      yAxis: { type: 'category', inverse: true, data: names, axisLabel: { interval: 0 }, axisTick: { show: false } },
      // One series per level, stacked: a city has its D in its level's series and nothing in the others.
      series: levels.map(([index, label]) => ({
        type: 'bar' as const,
        name: label,
        stack: 'D',
        silent: true,
        barMaxWidth: 16,
        itemStyle: { color: levelColour(index, classes) },
        label: {
          show: true,
          position: 'right' as const,
          color: INK,
          formatter: (p: { value?: unknown }) => cite.index(Number(p.value)),
        },
        data: shown.map((x) => (x.level.index === index ? x.D : '-')),
      })),
    },
    width,
    height,
    options,
  );
}

export interface Acceptability {
  readonly cities: readonly string[];
  /** shares[i][k]: the share (0 to 1) of weightings that give city i rank k + 1. */
  readonly shares: readonly (readonly number[])[];
  /** Expected rank per city: rows are drawn best first. */
  readonly expectedRank: readonly number[];
}

/** Rank acceptability as a heat map: cities (best expected rank on top) × ranks, shaded by share. */
export function acceptabilityChart(
  data: Acceptability,
  options: ChartOptions & { readonly ranks?: number } = {},
): string {
  const locale = options.locale ?? 'en';
  const order = byOrder(
    data.cities.map((_, i) => i),
    (i) => data.expectedRank[i]!,
  ).slice(0, options.limit ?? MAX_CHART_ROWS);
  const positions = Math.min(data.shares[0]?.length ?? 0, options.ranks ?? MAX_HEATMAP_RANKS);
  const title = truncation(order.length, data.cities.length, locale);
  const names = order.map((i) => data.cities[i]!);
  const top = title ? 28 : 8;
  const width = options.width ?? 640;
  const height = options.height ?? top + 86 + ROW_HEIGHT * order.length;
  const cells = order.flatMap((i, row) =>
    Array.from({ length: positions }, (_, k) => [k, row, data.shares[i]![k]!] as [number, number, number]),
  );
  return draw(
    {
      ...(title ? { title } : {}),
      grid: { left: nameRoom(names), right: 16, top, bottom: 78 },
      xAxis: {
        type: 'category',
        name: t(locale, 'report.chart.rank'),
        nameLocation: 'middle',
        nameGap: 24,
        data: Array.from({ length: positions }, (_, k) => String(k + 1)),
        splitArea: { show: false },
      },
      yAxis: { type: 'category', inverse: true, data: names, axisLabel: { interval: 0 }, axisTick: { show: false } },
      visualMap: {
        type: 'continuous',
        min: 0,
        max: 1,
        calculable: false,
        orient: 'horizontal',
        left: 'center',
        bottom: 4,
        itemHeight: 160,
        itemWidth: 10,
        text: ['100%', '0%'],
        inRange: { color: ['#ffffff', '#9ec3e6', BAR_COLOUR] },
      },
      series: [
        {
          type: 'heatmap',
          silent: true,
          itemStyle: { borderColor: '#ffffff', borderWidth: 1 },
          label: {
            show: positions <= 10,
            fontSize: 10,
            textBorderWidth: 0,
            formatter: (p) => {
              const share = (p.value as number[])[2]!;
              return share > 0 ? cite.percent(share, locale) : '';
            },
          },
          // Light text on the dark cells; without a halo, which the PDF's SVG renderer would paint over the text.
          data: cells.map((cell) => ({ value: cell, label: { color: cell[2] > 0.55 ? '#ffffff' : INK } })),
        },
      ],
    },
    width,
    height,
    options,
  );
}

export interface Slope {
  readonly cities: readonly string[];
  readonly before: readonly number[];
  readonly after: readonly number[];
  /** What the two columns are, e.g. the two snapshots' numbers. */
  readonly labels: readonly [string, string];
}

const SLOPE_LABEL = { show: true, color: INK, textBorderWidth: 0 };

/** Ranks in two snapshots, one line per city from its rank before to its rank after; rises green, falls red. */
export function slopeChart(data: Slope, options: ChartOptions = {}): string {
  const n = data.cities.length;
  const worst = Math.max(1, ...data.before, ...data.after);
  const side = (k: number) => data.cities.map((name, i) => `${name} ${k === 0 ? data.before[i] : data.after[i]}`);
  const room = Math.max(nameRoom(side(0)), nameRoom(side(1)));
  const width = options.width ?? Math.max(480, 2 * room + 200);
  const height = options.height ?? 60 + Math.max(8, worst) * ROW_HEIGHT;
  return draw(
    {
      grid: { left: room, right: room, top: 28, bottom: 16 },
      xAxis: {
        type: 'category',
        position: 'top',
        boundaryGap: false,
        data: [...data.labels],
        axisLabel: { color: INK, fontWeight: 'bold' },
        axisTick: { show: false },
      },
      yAxis: { type: 'value', inverse: true, min: 1, max: worst, interval: 1, show: false },
      series: Array.from({ length: n }, (_, i) => {
        const before = data.before[i]!;
        const after = data.after[i]!;
        const colour = after < before ? ROSE : after > before ? FELL : KEPT;
        const name = data.cities[i]!;
        return {
          type: 'line' as const,
          silent: true,
          symbolSize: 6,
          lineStyle: { color: colour, width: 2 },
          itemStyle: { color: colour },
          data: [
            {
              value: before,
              label: { ...SLOPE_LABEL, position: 'left' as const, formatter: () => `${name} ${before}` },
            },
            {
              value: after,
              label: { ...SLOPE_LABEL, position: 'right' as const, formatter: () => `${after} ${name}` },
            },
          ],
        };
      }),
    },
    width,
    height,
    options,
  );
}

export interface SetCharts {
  readonly charts: { readonly ranking?: string; readonly coordination?: string; readonly acceptability?: string };
  /** `caption` is set for plain radars, which do not name their city inside the chart. */
  readonly radars: readonly { readonly name: string; readonly svg: string; readonly caption?: string }[];
}

const label = (l: Bilingual, locale: Locale) => (locale === 'zh' ? l.zh : l.en);

/** The ranking's bars as the set has them: Borda sums (compare) are whole numbers, other scores indices. */
export function rankingOf(set: ResultSet, locale: Locale, options: ChartOptions = {}): string {
  const { result } = set;
  const names = namesOf(set, locale);
  return rankingChart(
    result.scores.map((score, i) => ({ name: names.city(i), score, rank: result.ranks[i]! })),
    { ...options, locale, ...(result.method === 'compare' ? { format: (x: number) => String(x) } : {}) },
  );
}

/** Alternative i's radar over the dimensions, or null without coordination. */
export function radarOf(
  set: ResultSet,
  i: number,
  locale: Locale,
  options: ChartOptions & { readonly plain?: boolean } = {},
): string | null {
  const co = set.result.coordination;
  if (!co) return null;
  const names = namesOf(set, locale);
  return radarChart(
    { name: names.city(i), dimensions: co.dimensions.map(names.dimension), U: co.U[i]! },
    { ...options, locale },
  );
}

/** Every alternative's plain radar, in problem order (`plainRadars`), or null without coordination. */
export function plainRadarsOf(set: ResultSet, locale: Locale, options: ChartOptions = {}): string[] | null {
  const co = set.result.coordination;
  if (!co) return null;
  const names = namesOf(set, locale);
  return plainRadars(co.dimensions.map(names.dimension), co.U, { ...options, locale });
}

export function coordinationOf(set: ResultSet, locale: Locale, options: ChartOptions = {}): string | null {
  const co = set.result.coordination;
  if (!co) return null;
  const names = namesOf(set, locale);
  return coordinationChart(
    co.D.map((D, i) => ({
      name: names.city(i),
      D,
      level: { index: co.level[i]!.index, label: label(co.level[i]!, locale), classes: co.levels.length },
    })),
    { ...options, locale },
  );
}

export function acceptabilityOf(set: ResultSet, locale: Locale, options: ChartOptions = {}): string | null {
  const s = set.result.sensitivity;
  if (!s) return null;
  const names = namesOf(set, locale);
  return acceptabilityChart(
    {
      cities: set.result.alternatives.map((_, i) => names.city(i)),
      shares: s.rankAcceptability,
      expectedRank: s.expectedRank,
    },
    { ...options, locale },
  );
}

/** Every chart of a set in one language: what the results page shows (a radar per city, up to MAX_CHART_ROWS). */
/** Up to this many cities, the page's radars are full ones, with points and values. */
export const FULL_RADARS = 12;

export function chartsOf(set: ResultSet, locale: Locale, options: ChartOptions = {}): SetCharts {
  const names = namesOf(set, locale);
  const coordination = coordinationOf(set, locale, options);
  const acceptability = acceptabilityOf(set, locale, options);
  const radarSize = { ...options, width: 320, height: 260 };
  const shown = byOrder(
    set.result.alternatives.map((_, i) => i),
    (i) => set.result.ranks[i]!,
  ).slice(0, MAX_CHART_ROWS);
  // A few cities get full radars with their values; many get plain ones (drawn once, see `plainRadars`) with the
  // city's name as a caption, which keeps a large assessment's page from spending a second on radars.
  const plain = shown.length > FULL_RADARS ? plainRadarsOf(set, locale, radarSize) : null;
  const radars = set.result.coordination
    ? shown.map((i) =>
        plain
          ? { name: names.city(i), svg: plain[i]!, caption: names.city(i) }
          : { name: names.city(i), svg: radarOf(set, i, locale, radarSize)! },
      )
    : [];
  return {
    charts: {
      ranking: rankingOf(set, locale, options),
      ...(coordination ? { coordination } : {}),
      ...(acceptability ? { acceptability } : {}),
    },
    radars,
  };
}
