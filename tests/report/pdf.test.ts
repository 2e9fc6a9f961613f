/**
 * The PDF report and the city brief of the seeded demo, in both languages, read back with pdftotext: the ranks,
 * scores, D and levels printed are the Result's own, formatted as the pages format them; the Chinese PDF carries
 * the Chinese names as text; the brief keeps to two pages; a city named with markup prints as text; the same
 * input gives the same bytes; and pdfmake reads no file but the fonts and fetches nothing.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locale } from '../../src/i18n/messages.ts';
import type { ResultSet } from '../../src/report/input.ts';
import { assessmentReport } from '../../src/report/pdf/assessment-report.ts';
import { cityBrief, UnknownCity } from '../../src/report/pdf/city-brief.ts';
import { pdfOf } from '../../src/report/pdf/document.ts';
import { renderPdf } from '../../src/report/pdf/render.ts';
import { cite } from '../../src/report/recommendations.ts';
import { demoMeta, demoSet, HOSTILE, withHostileCity } from './demo-set.ts';

const dir = mkdtempSync(join(tmpdir(), 'corridor-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The PDF's text laid out as on the page, one string per page. */
function pagesOf(pdf: Buffer, file: string): string[] {
  const path = join(dir, file);
  writeFileSync(path, pdf);
  const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
  return text.split('\f').slice(0, -1);
}

const rx = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const say = (l: { en: string; zh: string }, locale: Locale) => (locale === 'zh' ? l.zh : l.en);

let set: ResultSet;
const reports: Record<Locale, string[]> = { en: [], zh: [] };
const briefs: Record<Locale, string[]> = { en: [], zh: [] };
const BRIEF_CITY = 'zhangye';

beforeAll(async () => {
  set = await demoSet();
  for (const locale of ['en', 'zh'] as const) {
    reports[locale] = pagesOf(await pdfOf('report', { set, meta: demoMeta }, locale), `report-${locale}.pdf`);
    briefs[locale] = pagesOf(await pdfOf('brief', { set, meta: demoMeta }, locale, BRIEF_CITY), `brief-${locale}.pdf`);
  }
});

/** The words the facts table uses, in each language. */
const WORDS = {
  en: { rank: 'Rank', score: 'Composite score', D: 'Coupling coordination D', level: 'Coordination level' },
  zh: { rank: '名次', score: '综合得分', D: '耦合协调度 D', level: '协调等级' },
} as const;
const rankOf = (rank: number, total: number, locale: Locale) =>
  locale === 'zh' ? `第 ${rank} 名，共 ${total} 个` : `${rank} of ${total}`;

/** The facts of city i as printed on a page: rank, score, D and level, each the Result's number formatted. */
function expectFacts(page: string, i: number, locale: Locale) {
  const { result } = set;
  const co = result.coordination!;
  const w = WORDS[locale];
  const m = result.alternatives.length;
  expect(page).toMatch(new RegExp(`${rx(w.rank)}\\s+${rx(rankOf(result.ranks[i]!, m, locale))}`));
  expect(page).toMatch(new RegExp(`${rx(w.score)}\\s+${rx(cite.index(result.scores[i]!))}`));
  expect(page).toMatch(new RegExp(`${rx(w.D)}\\s+${rx(cite.index(co.D[i]!))}`));
  expect(page).toMatch(new RegExp(`${rx(w.level)}\\s+${rx(say(co.level[i]!, locale))}`));
}

describe.each(['en', 'zh'] as const)('the assessment report (%s)', (locale) => {
  const cityName = (i: number) => say(set.labels.alternatives[i]!, locale);

  it('prints the ranking as the Result has it: rank, city, score', () => {
    const text = reports[locale].join('\n');
    const { result } = set;
    for (let i = 0; i < result.alternatives.length; i++)
      expect(text).toMatch(
        new RegExp(`^\\s*${result.ranks[i]} ${rx(cityName(i))}\\s+${rx(cite.index(result.scores[i]!))}\\s*$`, 'm'),
      );
  });

  it('prints each city’s coupling coordination row: U per dimension, C, T, D and its level', () => {
    const text = reports[locale].join('\n');
    const co = set.result.coordination!;
    for (let i = 0; i < co.D.length; i++) {
      const numbers = [...co.U[i]!, co.C[i]!, co.T[i]!, co.D[i]!].map((x) => rx(cite.index(x))).join('\\s+');
      // A long level name may wrap inside its cell: its first word is on the row.
      const level = rx(say(co.level[i]!, locale).split(' ')[0]!);
      expect(text).toMatch(new RegExp(`^\\s*${co.ranks[i]} ${rx(cityName(i))}\\s+${numbers}\\s+${level}`, 'm'));
    }
  });

  it('gives every city a page with its rank, score, D and level', () => {
    for (let i = 0; i < set.result.alternatives.length; i++) {
      const page = reports[locale].find((p) => p.split('\n').some((line) => line.trim() === cityName(i)));
      expect(page, `a page headed ${cityName(i)}`).toBeDefined();
      expectFacts(page!, i, locale);
    }
  });

  it('states the panel’s agreement and the sensitivity with the Result’s numbers', () => {
    const text = reports[locale].join('\n').replace(/\s+/g, ' ');
    const { panel, sensitivity } = set.result;
    expect(text).toContain(cite.index(panel!.overall.W!));
    expect(text).toContain(cite.percent(sensitivity!.topStability, locale));
    expect(text).toContain(cite.percent(sensitivity!.rankingStability, locale));
    for (const a of panel!.agreement) if (a.W !== null) expect(text).toContain(cite.index(a.W));
  });

  it('has a cover with the snapshot, a contents page, page numbers and the illustrative notice', () => {
    const pages = reports[locale];
    const cover = pages[0]!.replace(/\s+/g, ' ');
    expect(cover).toContain(say(set.labels.assessment.name, locale));
    expect(cover).toContain(demoMeta.hash);
    expect(cover).toContain(locale === 'zh' ? '快照 #7' : 'Snapshot #7');
    expect(cover).toContain(locale === 'zh' ? '示例数据' : 'Illustrative data');
    expect(pages[1]).toContain(locale === 'zh' ? '目录' : 'Contents');
    const last = pages.length;
    expect(pages[last - 1]).toContain(locale === 'zh' ? `第 ${last} 页，共 ${last} 页` : `Page ${last} of ${last}`);
  });
});

describe('the Chinese report', () => {
  it('carries the Chinese names as text, not only the English ones', () => {
    const text = reports.zh.join('\n');
    for (const a of set.labels.alternatives) expect(text).toContain(a.zh);
    for (const d of set.labels.dimensions) expect(text).toContain(d.zh);
    expect(text).not.toContain(set.labels.alternatives[1]!.en);
  });
});

describe.each(['en', 'zh'] as const)('the city brief (%s)', (locale) => {
  it('is two pages on the one city, with its numbers', () => {
    expect(briefs[locale]).toHaveLength(2);
    const i = set.result.alternatives.indexOf(BRIEF_CITY);
    expect(briefs[locale][0]).toContain(say(set.labels.alternatives[i]!, locale));
    expectFacts(briefs[locale][0]!, i, locale);
    const top = set.result.obstacles![i]!.top[0]!;
    const name = say(set.labels.criteria.find((c) => c.code === top.criterion)!, locale);
    expect(briefs[locale][1]).toMatch(new RegExp(`1 ${rx(name)}.*${rx(cite.percent(top.degree, locale))}`));
  });
});

describe('rendering', () => {
  it('prints a city named with markup as text, in the report and the brief', async () => {
    const hostile = withHostileCity(set);
    const brief = pagesOf(await pdfOf('brief', { set: hostile, meta: demoMeta }, 'en', 'wuwei'), 'hostile-brief.pdf');
    expect(brief).toHaveLength(2);
    expect(brief[0]).toContain(HOSTILE);
    const report = pagesOf(await pdfOf('report', { set: hostile, meta: demoMeta }, 'zh'), 'hostile-report.pdf');
    expect(report.join('\n')).toContain(`${HOSTILE}（武威）`);
  });

  it('gives the same bytes for the same snapshot', async () => {
    const a = await pdfOf('brief', { set, meta: demoMeta }, 'zh', BRIEF_CITY);
    const b = await pdfOf('brief', { set, meta: demoMeta }, 'zh', BRIEF_CITY);
    expect(b.equals(a)).toBe(true);
  });

  it('counts its progress up to the total, building and then drawing', async () => {
    const seen: [number, number][] = [];
    await pdfOf('report', { set, meta: demoMeta }, 'en', undefined, (done, total) => seen.push([done, total]));
    const total = seen[0]![1];
    // Sections and one step per city page, then the drawing.
    expect(total).toBeGreaterThan(set.result.alternatives.length);
    expect(seen.every(([, t]) => t === total)).toBe(true);
    expect(seen.map(([d]) => d)).toEqual([...seen.map(([d]) => d)].sort((x, y) => x - y));
    expect(seen.at(-1)).toEqual([total, total]);
    const briefSteps: number[] = [];
    await pdfOf('brief', { set, meta: demoMeta }, 'en', BRIEF_CITY, (done) => briefSteps.push(done));
    expect(briefSteps.length).toBeGreaterThanOrEqual(3);
  });

  it('refuses a brief on a city the snapshot does not have', () => {
    expect(() => cityBrief(set, demoMeta, 'en', 'atlantis')).toThrow(UnknownCity);
    expect(() => cityBrief(set, demoMeta, 'en', 'atlantis')).toThrow('no city "atlantis"');
  });

  it('reads no file but its fonts and fetches no URL', async () => {
    const doc = assessmentReport(set, demoMeta, 'en');
    await expect(renderPdf({ ...doc, content: [{ image: '/etc/hostname' }] })).rejects.toThrow(
      'Access to local file denied by resource access policy: /etc/hostname',
    );
    await expect(
      renderPdf({ ...doc, images: { logo: 'http://127.0.0.1:9/x.png' }, content: [{ image: 'logo' }] }),
    ).rejects.toThrow('Access to URL denied by resource access policy: http://127.0.0.1:9/x.png');
  });
});
