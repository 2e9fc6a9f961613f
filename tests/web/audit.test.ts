/** The audit trail of an assessment: every change listed with who, when, before and after; filters; CSV. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { panelMembers } from '../../src/db/schema.ts';
import { addUser, get, ORIGIN, sessions, startDemoApp, type TestApp } from './harness.ts';

const DEMO = 'hexi-corridor-2017';
let t: TestApp;
const as = sessions(() => t);
const page = async (username: string, path: string) => {
  const res = await get(t, path, { cookie: await as(username) });
  return { status: res.status, text: await res.text(), res };
};
/** The table of entries, without the filter's option lists. */
const entries = (html: string) => html.slice(html.indexOf('<tbody>'));
const save = async (username: string, fields: Record<string, string>) =>
  t.app.request(`/assessments/${DEMO}/score/cell`, {
    method: 'PUT',
    headers: { origin: ORIGIN, cookie: await as(username), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });

beforeAll(async () => {
  t = await startDemoApp();
  const [demo] = await t.db.query.assessments.findMany();
  const hostile = await addUser(t.db, 'hostile', 'river-oasis-gansu-42', { displayName: '<script>alert(1)</script>' });
  await t.db.insert(panelMembers).values({ assessmentId: demo!.id, userId: hostile.id, role: 'evaluator' });
  expect(
    (
      await save('hostile', {
        city: 'wuwei',
        indicator: 'plan_alignment',
        value: '4',
        rationale: '=HYPERLINK("http://evil")',
        version: '0',
      })
    ).status,
  ).toBe(200);
  expect(
    (
      await save('hostile', {
        city: 'wuwei',
        indicator: 'plan_alignment',
        value: '6',
        rationale: '@SUM(A1)',
        version: '1',
      })
    ).status,
  ).toBe(200);
  expect(
    (await save('expert1', { city: 'jinchang', indicator: 'public_services', value: '3', version: '1' })).status,
  ).toBe(200);
});
afterAll(() => t.close());

describe('the audit trail', () => {
  it('is for the chair and administrators only', async () => {
    expect((await page('expert1', `/assessments/${DEMO}/audit`)).status).toBe(403);
    expect((await page('expert1', `/assessments/${DEMO}/audit.csv`)).status).toBe(403);
    expect((await page('admin', `/assessments/${DEMO}/audit`)).status).toBe(200);
    expect((await page('admin', `/assessments/${DEMO}`)).text).toContain(`href="/assessments/${DEMO}/audit"`);
  });

  it('lists each change with who, the cell, before and after, escaping what people typed', async () => {
    const { text } = await page('admin', `/assessments/${DEMO}/audit`);
    expect(text).toContain('Score entered');
    expect(text).toContain('Score changed');
    expect(text).toContain('round 1 · Wuwei · Alignment of the city plan with upper-level plans');
    expect(text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(text).not.toContain('<script>alert(1)</script>');
    expect(text).toMatch(/<td>4 · =HYPERLINK\(&quot;http:\/\/evil&quot;\)<\/td><td>6 · @SUM\(A1\)<\/td>/);
  });

  it('filters by person, city, indicator and date', async () => {
    const byPerson = entries((await page('admin', `/assessments/${DEMO}/audit?person=expert1`)).text);
    expect(byPerson).toContain('Jinchang');
    expect(byPerson).not.toContain('HYPERLINK');
    const byCity = entries((await page('admin', `/assessments/${DEMO}/audit?city=wuwei`)).text);
    expect(byCity).toContain('HYPERLINK');
    expect(byCity).not.toContain('Jinchang');
    const byIndicator = entries((await page('admin', `/assessments/${DEMO}/audit?indicator=public_services`)).text);
    expect(byIndicator).toContain('Jinchang');
    expect(byIndicator).not.toContain('HYPERLINK');
    const later = (await page('admin', `/assessments/${DEMO}/audit?from=2030-01-01`)).text;
    expect(later).toContain('No changes match these filters.');
    const today = (await page('admin', `/assessments/${DEMO}/audit?from=2026-03-02&to=2026-03-02&person=hostile`)).text;
    expect(today.match(/<tr><td class="audit__at">/g)).toHaveLength(2);
  });

  it('downloads as CSV with formulas defused, the same filters applied', async () => {
    const { res, text } = await page('admin', `/assessments/${DEMO}/audit.csv?person=hostile`);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="corridor-${DEMO}-audit.csv"`);
    const lines = text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe('"at","username","name","action","round","city","indicator","before","after"');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('"score.update","1","wuwei","plan_alignment"');
    expect(lines[1]).toContain('"hostile","<script>alert(1)</script>"');
    // No cell starts a formula: the rationales that do sit inside the before/after JSON, which starts with "{".
    expect(lines.every((l) => !/(^|,)"[=+\-@]/.test(l))).toBe(true);
    expect(text).toContain('""rationale"":""@SUM(A1)""');
  });
});
