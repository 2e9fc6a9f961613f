/**
 * Hostile data (markup, quote breakouts, an RTL override, spreadsheet formulas) in the names of the assessment,
 * its cities and an indicator, in a rationale and in the recommendation rules' texts, then every place it is shown:
 * the pages (and the ECharts SVG inside them) never carry it as markup, the CSV downloads neutralize formulas, and
 * the PDFs show the literal text.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.ts';
import { DEMO_ASSESSMENT } from '../../src/db/demo/hexi-demo.ts';
import { findUserByUsername } from '../../src/db/queries/users.ts';
import { alternatives, assessments, indicators, recommendationRules, scores } from '../../src/db/schema.ts';
import { TABLE_IDS } from '../../src/report/tables.ts';
import { type Role, startWorld, type World } from './fixture.ts';
import { send } from './routes.ts';

const CITIES = [
  '=HYPERLINK("http://evil.example","<script>alert(1)</script>")',
  '@SUM(1+1) "\'><img src=x onerror=alert(2)>',
  "+cmd|' /C calc'!A0 \u202Efdp.exe",
  '-2+3 <b onmouseover=alert(4)>bold</b>',
  '\tTAB <svg onload=alert(5)>',
];
const ASSESSMENT_NAME = '<script>alert(6)</script> "\'><img src=x onerror=alert(7)>';
const INDICATOR_NAME = '\rCR <iframe src=javascript:alert(8)>';
const RATIONALE = '</textarea><script>alert(9)</script>"\'><img src=x onerror=alert(10)>';
const RULE_TEXT = '<script>alert(11)</script> \u202Eevil "\'><img src=x onerror=alert(12)>';

/** The markup each hostile string carries: none of it may reach a page as markup. */
const MARKUP = [
  '<script>alert(',
  '<img src=x onerror=',
  '<b onmouseover=',
  '<svg onload=',
  '<iframe src=javascript:',
  '</textarea><script>',
];

let w: World;
let code: string;
let dir: string;

async function makeHostile(db: Db) {
  const [demo] = await db.select().from(assessments).where(eq(assessments.code, DEMO_ASSESSMENT.code));
  await db
    .update(assessments)
    .set({ nameEn: ASSESSMENT_NAME, nameZh: ASSESSMENT_NAME })
    .where(eq(assessments.id, demo!.id));
  const cities = await db
    .select()
    .from(alternatives)
    .where(eq(alternatives.assessmentId, demo!.id))
    .orderBy(alternatives.position);
  for (const [k, city] of cities.entries())
    await db.update(alternatives).set({ nameEn: CITIES[k]!, nameZh: CITIES[k]! }).where(eq(alternatives.id, city.id));
  const [indicator] = await db.select().from(indicators).where(eq(indicators.assessmentId, demo!.id)).limit(1);
  await db
    .update(indicators)
    .set({ nameEn: INDICATOR_NAME, nameZh: INDICATOR_NAME })
    .where(eq(indicators.id, indicator!.id));
  const expert = await findUserByUsername(db, 'expert1');
  await db.update(scores).set({ rationale: RATIONALE }).where(eq(scores.expertId, expert!.id));
  // The library's rules too: the demo's recommendations come from them.
  await db.update(recommendationRules).set({ textEn: RULE_TEXT, textZh: RULE_TEXT });
}

beforeAll(async () => {
  w = await startWorld(makeHostile);
  code = w.own.code;
  dir = mkdtempSync(join(tmpdir(), 'corridor-escaping-'));
}, 120_000);
afterAll(async () => {
  await w?.close();
  rmSync(dir, { recursive: true, force: true });
});

const fetchAs = async (role: Role, path: string) => {
  const res = await send(w.t.app, { method: 'GET', path, cookie: w.cookies[role] });
  expect(res.status, `${path} as ${role}`).toBe(200);
  return res;
};

describe('hostile data in pages', () => {
  const pages: [Role, string][] = [
    ['admin', '/'],
    ['admin', `/assessments/${DEMO_ASSESSMENT.code}`],
    ['admin', `/assessments/${DEMO_ASSESSMENT.code}/results`],
    ['admin', `/assessments/${DEMO_ASSESSMENT.code}/setup`],
    ['admin', `/assessments/${DEMO_ASSESSMENT.code}/recommendations`],
    ['admin', `/assessments/${DEMO_ASSESSMENT.code}/panel`],
    ['admin', `/assessments/${DEMO_ASSESSMENT.code}/weights`],
    ['admin', `/assessments/${DEMO_ASSESSMENT.code}/audit`],
    ['evaluator', `/assessments/${DEMO_ASSESSMENT.code}/score`],
  ];

  it('never carry it as markup, and show it as text', async () => {
    const all: string[] = [];
    for (const [role, path] of [...pages, ['viewer', `/assessments/${code}/snapshots/${w.own.id}`] as [Role, string]]) {
      const html = await (await fetchAs(role, path)).text();
      for (const markup of MARKUP) expect(html, `${path} as ${role}`).not.toContain(markup);
      all.push(html);
    }
    const joined = all.join('\n');
    // Shown escaped, so the data did reach the pages (in attributes quotes are escaped as well).
    expect(joined).toContain('&lt;script&gt;alert(6)&lt;/script&gt;');
    expect(joined).toContain('&lt;img src=x onerror=alert(2)&gt;');
    expect(joined).toContain('&lt;svg onload=alert(5)&gt;');
    expect(joined).toContain('&lt;script&gt;alert(11)&lt;/script&gt;');
    expect(joined).toContain('\u202Efdp.exe');
  });

  it('the rationale on the evaluator’s scoring page is text, also inside its textarea', async () => {
    const html = await (await fetchAs('evaluator', `/assessments/${code}/score`)).text();
    const cell = await (
      await fetchAs('evaluator', `/assessments/${code}/score/cell?city=${w.own.city}&indicator=${w.own.indicator}`)
    ).text();
    for (const page of [html, cell]) for (const markup of MARKUP) expect(page).not.toContain(markup);
    expect(`${html}${cell}`).toContain('&lt;/textarea&gt;&lt;script&gt;alert(9)');
  });

  it('the ECharts SVG on the results pages names the cities as text', async () => {
    for (const path of [`/assessments/${code}/results`, `/assessments/${code}/snapshots/${w.own.id}`]) {
      const html = await (await fetchAs('admin', path)).text();
      const svgs = html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
      expect(svgs.length, path).toBeGreaterThan(0);
      const svg = svgs.join('\n');
      expect(svg).not.toMatch(/<(script|img|iframe|b)[\s>]/i);
      // An event handler attribute inside a tag; the escaped names contain " onload=" as text, outside any tag.
      expect(svg).not.toMatch(/<[^>]*\son[a-z]+\s*=/i);
      expect(svg).toContain('&lt;svg onload=alert(5)&gt;');
    }
  });
});

describe('hostile data in CSV downloads', () => {
  /** A cell a spreadsheet would run: it starts with a formula character and is not a plain number. */
  const runnable = (cell: string) => /^[=+\-@\t\r]/.test(cell) && !/^[+-]?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(cell);

  it('every table of the snapshot and of the live results neutralizes every formula cell', async () => {
    const seen: string[] = [];
    for (const table of TABLE_IDS) {
      for (const path of [
        `/assessments/${code}/snapshots/${w.own.id}/${table}.csv`,
        `/assessments/${code}/results/${table}.csv`,
      ]) {
        const res = await send(w.t.app, { method: 'GET', path, cookie: w.cookies.admin });
        if (res.status === 404) continue; // a table the results do not have (no panel, no rules applied)
        expect(res.status, path).toBe(200);
        const cells: string[] = parse((await res.text()).replace(/^\uFEFF/, ''), { relax_column_count: true }).flat();
        expect(cells.filter(runnable), path).toEqual([]);
        seen.push(...cells);
      }
    }
    // The hostile names are there, each behind an apostrophe.
    expect(seen).toContain(`'${CITIES[0]}`);
    for (const city of CITIES)
      expect(
        seen.some((cell) => cell.startsWith(`'${city.slice(0, 4)}`)),
        city,
      ).toBe(true);
  });

  it('the audit trail’s CSV neutralizes them too', async () => {
    const res = await fetchAs('admin', `/assessments/${code}/audit.csv`);
    const cells: string[] = parse((await res.text()).replace(/^\uFEFF/, ''), { relax_column_count: true }).flat();
    expect(cells.filter(runnable)).toEqual([]);
  });
});

describe('hostile data in PDFs', () => {
  const pdfText = (bytes: Uint8Array, name: string) => {
    const file = join(dir, name);
    writeFileSync(file, bytes);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  };

  it('the report and a city brief show the names and rule texts as literal text', async () => {
    const report = await fetchAs('viewer', `/assessments/${code}/snapshots/${w.own.id}/report.pdf?lang=en`);
    expect(report.headers.get('content-type')).toBe('application/pdf');
    const text = pdfText(new Uint8Array(await report.arrayBuffer()), 'report.pdf');
    expect(text).toContain('<script>alert(6)</script>');
    expect(text).toContain('<script>alert(1)</script>');
    expect(text).toContain('<script>alert(11)</script>');
    const brief = await fetchAs(
      'viewer',
      `/assessments/${code}/snapshots/${w.own.id}/cities/${w.own.city}/brief.pdf?lang=en`,
    );
    const briefText = pdfText(new Uint8Array(await brief.arrayBuffer()), 'brief.pdf');
    expect(briefText).toContain('=HYPERLINK("http://');
    expect(briefText).toContain('"<script>alert(1)</script>")');
  }, 120_000);
});
