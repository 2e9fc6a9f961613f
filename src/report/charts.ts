/**
 * (Shared module: extend it, do not replace it; the results page and the PDF reports both draw from it.)
 *
 * Charts as SVG, rendered on the server by Apache ECharts (no browser, no client script): the same SVG goes inline
 * into the results page and into the PDF's `svg` nodes. Each function takes plain numbers read off the Result and
 * names already in the reader's language.
 */
import * as echarts from 'echarts';
import type { Locale } from '../i18n/messages.ts';
import { t } from '../i18n/messages.ts';
import type { ResultSet } from './input.ts';
import { cite } from './recommendations.ts';
import { namesOf } from './tables.ts';

/** The page's font stack; the PDF passes the name of its embedded font instead. */
export const PAGE_FONT = 'system-ui, -apple-system, "Segoe UI", "Noto Sans SC", "PingFang SC", sans-serif';

const INK = '#1f2933';
const SOFT = '#4a5565';
const ACCENT = '#2f6f8f';

const escapeAttr = (value: string): string =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * The site's Content-Security-Policy allows no inline styles, and ECharts writes its text styles as `style`
 * attributes and hover rules in a `<style>` element. SVG takes the same properties as presentation attributes, so
 * each declaration becomes one; the hover rules mean nothing in a static chart and are dropped.
 */
export function cspSafeSvg(svg: string): string {
  return svg.replace(/<style[^>]*>[\s\S]*?<\/style>/g, '').replace(/ style="([^"]*)"/g, (_, declarations: string) =>
    declarations
      .split(';')
      .map((d) => d.trim())
      .filter((d) => d.includes(':'))
      .map((d) => {
        const k = d.indexOf(':');
        return ` ${d.slice(0, k).trim()}="${escapeAttr(
          d
            .slice(k + 1)
            .trim()
            .replace(/&quot;/g, '"'),
        )}"`;
      })
      .join(''),
  );
}

interface Frame {
  readonly width: number;
  readonly height: number;
  readonly font: string;
}

function render(option: echarts.EChartsCoreOption, frame: Frame): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: frame.width, height: frame.height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: frame.font, color: INK }, ...option });
    return cspSafeSvg(chart.renderToSVGString());
  } finally {
    chart.dispose();
  }
}

const frameOf = (font: string | undefined, width: number, height: number): Frame => ({
  width,
  height,
  font: font ?? PAGE_FONT,
});

/** Horizontal bars of the composite score, best at the top. */
export function rankingChart(
  data: { readonly cities: readonly string[]; readonly scores: readonly number[]; readonly ranks: readonly number[] },
  options: { readonly font?: string; readonly width?: number; readonly scoreLabel: string },
): string {
  const order = data.cities.map((_, i) => i).sort((a, b) => data.ranks[a]! - data.ranks[b]! || a - b);
  // ECharts draws a category axis from the bottom up: best last, so it is on top.
  const shown = [...order].reverse();
  const height = Math.max(160, 40 + 28 * data.cities.length);
  return render(
    {
      grid: { left: 8, right: 56, top: 8, bottom: 28, containLabel: true },
      xAxis: { type: 'value', name: options.scoreLabel, nameLocation: 'middle', nameGap: 22 },
      yAxis: { type: 'category', data: shown.map((i) => data.cities[i]), axisTick: { show: false } },
      series: [
        {
          type: 'bar',
          data: shown.map((i) => data.scores[i]),
          itemStyle: { color: ACCENT },
          label: {
            show: true,
            position: 'right',
            color: INK,
            formatter: (p: { value: number }) => cite.index(p.value),
          },
        },
      ],
    },
    frameOf(options.font, options.width ?? 640, height),
  );
}

/** One city over the dimensions: its U on each, on a 0–1 scale. */
export function radarChart(
  data: { readonly city: string; readonly dimensions: readonly string[]; readonly values: readonly number[] },
  options: { readonly font?: string; readonly size?: number } = {},
): string {
  const size = options.size ?? 300;
  return render(
    {
      title: {
        text: data.city,
        left: 'center',
        top: 4,
        textStyle: { fontSize: 14, fontFamily: options.font ?? PAGE_FONT },
      },
      radar: {
        indicator: data.dimensions.map((name) => ({ name, max: 1, min: 0 })),
        radius: '58%',
        center: ['50%', '56%'],
        axisName: { color: SOFT, fontSize: 11 },
        splitNumber: 4,
      },
      series: [
        {
          type: 'radar',
          data: [{ value: [...data.values], name: data.city }],
          areaStyle: { color: 'rgba(47,111,143,0.25)' },
          lineStyle: { color: ACCENT },
          itemStyle: { color: ACCENT },
        },
      ],
    },
    frameOf(options.font, size, size),
  );
}

/** A colour per coordination level: red for disorder through amber to green for coordination. */
export function levelColour(index: number, classes: number): string {
  const x = classes <= 1 ? 1 : (index - 1) / (classes - 1);
  const stops = [
    [178, 34, 34],
    [214, 120, 40],
    [222, 184, 60],
    [122, 170, 70],
    [34, 120, 70],
  ];
  const at = x * (stops.length - 1);
  const k = Math.min(stops.length - 2, Math.floor(at));
  const f = at - k;
  const mix = (c: number) => Math.round(stops[k]![c]! + f * (stops[k + 1]![c]! - stops[k]![c]!));
  return `rgb(${mix(0)},${mix(1)},${mix(2)})`;
}

/** D by city, best first, each bar coloured by its level, with a legend of the levels that occur. */
export function coordinationChart(
  data: {
    readonly cities: readonly string[];
    readonly D: readonly number[];
    readonly ranks: readonly number[];
    readonly levels: readonly { readonly index: number; readonly name: string }[];
    readonly classes: number;
  },
  options: { readonly font?: string; readonly width?: number } = {},
): string {
  const order = data.cities.map((_, i) => i).sort((a, b) => data.ranks[a]! - data.ranks[b]! || a - b);
  const present = [...new Map(data.levels.map((l) => [l.index, l.name])).entries()].sort((a, b) => b[0] - a[0]);
  const height = Math.max(200, 80 + 28 * data.cities.length);
  return render(
    {
      legend: { bottom: 0, data: present.map(([, name]) => name), textStyle: { color: SOFT } },
      grid: { left: 8, right: 56, top: 8, bottom: 56, containLabel: true },
      xAxis: { type: 'value', min: 0, max: 1, name: 'D', nameLocation: 'middle', nameGap: 22 },
      yAxis: { type: 'category', data: [...order].reverse().map((i) => data.cities[i]), axisTick: { show: false } },
      // One series per level, so the legend names the colours; each city's bar is in its own level's series.
      series: present.map(([index, name]) => ({
        type: 'bar',
        name,
        stack: 'D',
        itemStyle: { color: levelColour(index, data.classes) },
        label: {
          show: true,
          position: 'right',
          color: INK,
          formatter: (p: { value: number | null }) => (p.value ? cite.index(p.value) : ''),
        },
        data: [...order].reverse().map((i) => (data.levels[i]!.index === index ? data.D[i] : null)),
      })),
    },
    frameOf(options.font, options.width ?? 640, height),
  );
}

/** Cities × ranks, each cell the share of weightings that give the city that rank. */
export function acceptabilityChart(
  data: {
    readonly cities: readonly string[];
    readonly shares: readonly (readonly number[])[];
    readonly rankLabel: (k: number) => string;
  },
  options: { readonly font?: string; readonly width?: number; readonly locale: Locale },
): string {
  const positions = data.shares[0]?.length ?? 0;
  const cells = data.shares.flatMap((row, i) => row.map((share, k) => [k, data.cities.length - 1 - i, share]));
  const height = Math.max(200, 90 + 30 * data.cities.length);
  return render(
    {
      grid: { left: 8, right: 16, top: 8, bottom: 60, containLabel: true },
      xAxis: {
        type: 'category',
        data: Array.from({ length: positions }, (_, k) => data.rankLabel(k + 1)),
        splitArea: { show: true },
      },
      yAxis: { type: 'category', data: [...data.cities].reverse(), splitArea: { show: true } },
      visualMap: {
        min: 0,
        max: 1,
        calculable: false,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        itemHeight: 120,
        inRange: { color: ['#f4f7f9', '#9cc3d5', ACCENT, '#173b4d'] },
        formatter: (v: number) => cite.percent(v, options.locale),
      },
      series: [
        {
          type: 'heatmap',
          data: cells,
          label: {
            show: true,
            fontSize: 10,
            formatter: (p: { value: [number, number, number] }) =>
              p.value[2] >= 0.005 ? cite.percent(p.value[2], options.locale) : '',
          },
        },
      ],
    },
    frameOf(options.font, options.width ?? 640, height),
  );
}

/** Each city's rank in two snapshots, joined by a line: crossings show who overtook whom. */
export function slopeChart(
  data: {
    readonly cities: readonly string[];
    readonly before: readonly number[];
    readonly after: readonly number[];
    readonly labels: readonly [string, string];
  },
  options: { readonly font?: string; readonly width?: number } = {},
): string {
  const m = data.cities.length;
  const height = Math.max(220, 60 + 32 * m);
  return render(
    {
      grid: { left: 120, right: 120, top: 30, bottom: 20 },
      xAxis: {
        type: 'category',
        data: [...data.labels],
        boundaryGap: false,
        position: 'top',
        axisTick: { show: false },
      },
      yAxis: { type: 'value', inverse: true, min: 1, max: Math.max(1, m), interval: 1, show: false },
      series: data.cities.map((city, i) => ({
        type: 'line',
        name: city,
        data: [data.before[i], data.after[i]],
        symbolSize: 8,
        lineStyle: { color: data.before[i]! === data.after[i]! ? SOFT : ACCENT, width: 2 },
        itemStyle: { color: data.before[i]! === data.after[i]! ? SOFT : ACCENT },
        label: {
          show: true,
          color: INK,
          formatter: (p: { dataIndex: number }) =>
            p.dataIndex === 0 ? `${city} ${data.before[i]}` : `${data.after[i]} ${city}`,
          position: 'left',
        },
        endLabel: { show: false },
        labelLayout: (p: { dataIndex: number }) => ({ align: p.dataIndex === 0 ? 'right' : 'left' }),
      })),
    },
    frameOf(options.font, options.width ?? 560, height),
  );
}

/** The charts of a result set, in one language: what the results page and the report show. */
export function chartsOf(set: ResultSet, locale: Locale, font?: string) {
  const { result } = set;
  const names = namesOf(set, locale);
  const cities = result.alternatives.map((_, i) => names.city(i));
  const co = result.coordination;
  const s = result.sensitivity;
  const charts: { ranking?: string; coordination?: string; acceptability?: string } = {
    ranking: rankingChart(
      { cities, scores: result.scores, ranks: result.ranks },
      { ...(font ? { font } : {}), scoreLabel: t(locale, 'results.col.scoreShort') },
    ),
  };
  if (co) {
    charts.coordination = coordinationChart(
      {
        cities,
        D: co.D,
        ranks: co.ranks,
        levels: co.level.map((l) => ({ index: l.index, name: locale === 'zh' ? l.zh : l.en })),
        classes: Math.max(10, ...co.level.map((l) => l.index)),
      },
      font ? { font } : {},
    );
  }
  if (s)
    charts.acceptability = acceptabilityChart(
      { cities, shares: s.rankAcceptability, rankLabel: (k) => t(locale, 'results.col.rankN', { n: k }) },
      { ...(font ? { font } : {}), locale },
    );
  const radars = co
    ? cities.map((city, i) => ({
        name: city,
        svg: radarChart(
          { city, dimensions: co.dimensions.map(names.dimension), values: co.U[i]! },
          font ? { font } : {},
        ),
      }))
    : [];
  return { charts, radars };
}
