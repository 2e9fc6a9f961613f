/**
 * The server-drawn charts over the real engine's Result of the seeded demo: every city named, one bar or point per
 * city, each coordination bar in its level's colour, markup in names escaped, output fit for the pages' strict CSP
 * (no script, no style element or attribute), and the same bytes for the same input.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  acceptabilityChart,
  chartsOf,
  coordinationChart,
  LEVEL_COLOURS,
  levelColour,
  MAX_CHART_ROWS,
  plainRadars,
  radarChart,
  rankingChart,
  slopeChart,
} from '../../src/report/charts.ts';
import type { ResultSet } from '../../src/report/input.ts';
import { cite } from '../../src/report/recommendations.ts';
import { demoSet, HOSTILE, withHostileCity } from './demo-set.ts';

let set: ResultSet;
beforeAll(async () => {
  set = await demoSet();
});

const count = (svg: string, pattern: RegExp): number => (svg.match(new RegExp(pattern, 'g')) ?? []).length;
const escaped = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** The vertical position of each text label, by its text. */
const labelY = (svg: string): Map<string, number> =>
  new Map(
    [...svg.matchAll(/<text [^>]*transform="translate\([\d.]+ ([\d.]+)\)"[^>]*>([^<]*)<\/text>/g)].map((m) => [
      m[2]!,
      Number(m[1]),
    ]),
  );
const en = () => set.labels.alternatives.map((a) => a.en);

describe('ranking bars', () => {
  it('draw one bar per city, best first, with its score', () => {
    const { result } = set;
    const svg = rankingChart(result.scores.map((score, i) => ({ name: en()[i]!, score, rank: result.ranks[i]! })));
    expect(count(svg, /<path d="M[^"]*Z" fill="#1d5fa8"/)).toBe(result.alternatives.length);
    const y = labelY(svg);
    const byPosition = en()
      .map((name, i) => ({ name, y: y.get(name), score: result.scores[i]! }))
      .sort((a, b) => a.y! - b.y!);
    expect(byPosition.every((c) => c.y !== undefined)).toBe(true);
    // Top to bottom is the Result's own order, best first.
    expect(byPosition.map((c) => c.name)).toEqual(
      result.order.map((code) => set.labels.alternatives.find((a) => a.code === code)!.en),
    );
    for (const c of byPosition) expect(svg).toContain(`>${cite.index(c.score)}</text>`);
  });

  it('show at most MAX_CHART_ROWS cities and say how many there are', () => {
    const items = Array.from({ length: 55 }, (_, i) => ({ name: `City ${i + 1}`, score: 1 - i / 100, rank: i + 1 }));
    const svg = rankingChart(items);
    expect(count(svg, /<path d="M[^"]*Z" fill="#1d5fa8"/)).toBe(MAX_CHART_ROWS);
    expect(svg).toContain(`>The first ${MAX_CHART_ROWS} of 55 cities</text>`);
    expect(svg).toContain('>City 1</text>');
    expect(svg).not.toContain(`>City ${MAX_CHART_ROWS + 1}</text>`);
  });
});

describe('coordination bars', () => {
  it('colour each city by its coordination level, with a legend of the levels that occur', () => {
    const co = set.result.coordination!;
    const items = co.D.map((D, i) => ({
      name: en()[i]!,
      D,
      level: { index: co.level[i]!.index, label: co.level[i]!.en },
    }));
    const svg = coordinationChart(items);
    for (const name of en()) expect(svg).toContain(`>${name}</text>`);
    const levels = [...new Set(co.level.map((l) => l.index))];
    expect(levels.length).toBeGreaterThan(1);
    for (const index of levels) {
      const cities = co.level.filter((l) => l.index === index).length;
      // Each city's bar and the level's legend mark.
      expect(count(svg, new RegExp(`fill="${levelColour(index)}"`))).toBe(cities + 1);
      expect(svg).toContain(`>${co.level.find((l) => l.index === index)!.en}</text>`);
    }
    for (let index = 1; index <= 10; index++)
      if (!levels.includes(index)) expect(svg).not.toContain(`fill="${levelColour(index)}"`);
    for (const D of co.D) expect(svg).toContain(`>${cite.index(D)}</text>`);
  });

  it('give the ten levels ten different colours', () => {
    expect(new Set(LEVEL_COLOURS).size).toBe(10);
    expect(levelColour(1)).toBe(LEVEL_COLOURS[0]);
    expect(levelColour(10)).toBe(LEVEL_COLOURS[9]);
  });

  it('spread a custom table over the same scale: a four-stage table ends green, a twenty-class one keeps order', () => {
    expect([1, 2, 3, 4].map((k) => levelColour(k, 4))).toEqual([
      LEVEL_COLOURS[0],
      LEVEL_COLOURS[3],
      LEVEL_COLOURS[6],
      LEVEL_COLOURS[9],
    ]);
    const twenty = Array.from({ length: 20 }, (_, k) => LEVEL_COLOURS.indexOf(levelColour(k + 1, 20)));
    expect(twenty[0]).toBe(0);
    expect(twenty[19]).toBe(9);
    for (let k = 1; k < 20; k++) expect(twenty[k]).toBeGreaterThanOrEqual(twenty[k - 1]!);
  });
});

describe('radar', () => {
  it('has a point and a value for each dimension', () => {
    const co = set.result.coordination!;
    const dims = set.labels.dimensions.map((d) => d.en);
    const svg = radarChart({ name: en()[0]!, dimensions: dims, U: co.U[0]! });
    expect(count(svg, /transform="matrix\([^"]*\)" fill="#1d5fa8"/)).toBe(dims.length);
    for (const d of dims) expect(svg).toContain(`>${d}</text>`);
    for (const u of co.U[0]!) expect(svg).toContain(`>${cite.index(u)}</text>`);
  });
});

describe('plain radars of many cities', () => {
  const points = (svg: string) => [...svg.matchAll(/points="([^"]*)"/g)].map((m) => m[1]!.split(' ').map(Number));
  const frame = (svg: string) => svg.replace(/points="[^"]*"/g, '');

  it('are the radars ECharts draws for each city, to its rounding', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 8 }).chain((n) =>
          fc.array(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n }), {
            minLength: 1,
            maxLength: 4,
          }),
        ),
        (U) => {
          const dimensions = U[0]!.map((_, k) => `D${k + 1}`);
          const fast = plainRadars(dimensions, U);
          U.forEach((u, i) => {
            const drawn = radarChart({ name: `c${i}`, dimensions, U: u }, { plain: true });
            expect(frame(fast[i]!)).toBe(frame(drawn));
            const [a, b] = [points(fast[i]!), points(drawn)];
            expect(a.map((p) => p.length)).toEqual(b.map((p) => p.length));
            a.flat().forEach((x, k) => expect(Math.abs(x - b.flat()[k]!)).toBeLessThanOrEqual(0.11));
          });
        },
      ),
      { numRuns: 15 },
    );
  });
});

describe('rank acceptability heat map', () => {
  it('has a cell per city and rank, each non-zero share written as a percentage', () => {
    const s = set.result.sensitivity!;
    const svg = acceptabilityChart({ cities: en(), shares: s.rankAcceptability, expectedRank: s.expectedRank });
    const m = set.result.alternatives.length;
    expect(count(svg, /stroke="#ffffff"/)).toBe(m * s.acceptabilityPositions);
    for (const name of en()) expect(svg).toContain(`>${name}</text>`);
    for (const share of s.rankAcceptability.flat().filter((x) => x > 0))
      expect(svg).toContain(`>${cite.percent(share, 'en')}</text>`);
  });
});

describe('slope chart', () => {
  it('draws a line per city from its rank before to its rank after: rises green, falls red, the rest grey', () => {
    const svg = slopeChart({
      cities: ['Wuwei', 'Jinchang', 'Zhangye', 'Jiuquan'],
      before: [1, 2, 3, 4],
      after: [2, 1, 3, 4],
      labels: ['#3', '#4'],
    });
    expect(count(svg, /<path d="M[\d.]+ [\d.]+L[\d.]+ [\d.]+" fill="none" pointer-events="visible" stroke="#/)).toBe(
      // One line per city and the x axis.
      4 + 1,
    );
    expect(count(svg, /transform="matrix\(/)).toBe(8);
    expect(count(svg, /stroke="#d73027" stroke-width="2"/)).toBe(1);
    expect(count(svg, /stroke="#1a9850" stroke-width="2"/)).toBe(1);
    expect(count(svg, /stroke="#8a94a3" stroke-width="2"/)).toBe(2);
    for (const label of ['Wuwei 1', '2 Wuwei', 'Jinchang 2', '1 Jinchang', '#3', '#4'])
      expect(svg).toContain(`>${label}</text>`);
  });
});

describe('every chart of a set', () => {
  it('names the cities in the language asked for', () => {
    const zh = chartsOf(set, 'zh');
    for (const a of set.labels.alternatives) {
      expect(zh.charts.ranking).toContain(`>${a.zh}</text>`);
      expect(zh.charts.coordination).toContain(`>${a.zh}</text>`);
      expect(zh.charts.acceptability).toContain(`>${a.zh}</text>`);
    }
    expect(zh.radars.map((r) => r.name).sort()).toEqual(set.labels.alternatives.map((a) => a.zh).sort());
    for (const l of set.result.coordination!.level) expect(zh.charts.coordination).toContain(`>${l.zh}</text>`);
  });

  it('escape markup in names and stay fit for a strict CSP', () => {
    const { charts, radars } = chartsOf(withHostileCity(set), 'en');
    const all = [...Object.values(charts), ...radars.map((r) => r.svg)];
    expect(all).toHaveLength(3 + set.result.alternatives.length);
    for (const svg of all) {
      expect(svg.startsWith('<svg ')).toBe(true);
      expect(svg).not.toMatch(/<script|<style|\sstyle=|\son[a-z]+=|javascript:/i);
    }
    for (const svg of Object.values(charts)) expect(svg).toContain(`>${escaped(HOSTILE)}</text>`);
    const slope = slopeChart({ cities: [HOSTILE], before: [1], after: [1], labels: ['a', 'b'] });
    expect(slope).toContain(`>${escaped(`${HOSTILE} 1`)}</text>`);
    expect(slope).not.toContain('<script');
  });

  it('give the same bytes for the same input, and different charts distinct element ids', () => {
    const a = chartsOf(set, 'en');
    const b = chartsOf(set, 'en');
    expect(b).toEqual(a);
    const ids = (svg: string) => [...svg.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]!);
    const slope = slopeChart({ cities: ['A', 'B'], before: [1, 2], after: [2, 1], labels: ['x', 'y'] });
    const heat = a.charts.acceptability!;
    expect(ids(heat).length).toBeGreaterThan(0);
    expect(ids(slope).length).toBeGreaterThan(0);
    expect(ids(heat).filter((id) => ids(slope).includes(id))).toEqual([]);
    // Every reference points at an element of the same chart.
    for (const svg of [heat, slope]) for (const m of svg.matchAll(/url\(#([^)]+)\)/g)) expect(ids(svg)).toContain(m[1]);
  });

  it('use the font asked for: the PDF names its font, pages inherit theirs', () => {
    const page = chartsOf(set, 'en').charts.ranking!;
    expect(page).toContain('font-family="inherit"');
    const pdf = chartsOf(set, 'en', { fontFamily: 'NotoSansSC' }).charts.ranking!;
    expect(pdf).toContain('font-family="NotoSansSC"');
    expect(pdf).not.toContain('font-family="inherit"');
    const quoted = chartsOf(set, 'en', { fontFamily: '"Noto Sans SC", sans-serif' }).charts.ranking!;
    expect(quoted).toContain(`font-family="'Noto Sans SC', sans-serif"`);
  });
});
