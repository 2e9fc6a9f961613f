/**
 * The results page of a large assessment: its first answer is a first look (the Problem without its sensitivity
 * run) whose numbers are the engine's, and `…/results/complete` gives the whole body that htmx puts in its place.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProblem } from '../../src/app/problem.ts';
import { FIRST_LOOK_BYTES, firstLookProblemOf } from '../../src/app/results.ts';
import type { AssessmentId } from '../../src/db/ids.ts';
import { assessments, scores } from '../../src/db/schema.ts';
import { evaluate, type Result } from '../../src/engine/index.ts';
import { CODE, scoreEveryCell, seed } from '../bench/http.ts';
import { get, sessionCookie, startTestApp, type TestApp } from './harness.ts';

let t: TestApp;
let admin: string;
let assessmentId: AssessmentId;
const page = `/assessments/${CODE}/results`;

/** The first column of each row of a table of the page (its ranks). */
const firstColumn = (html: string, id: string): string[] => {
  const table = html.match(new RegExp(`<table[^>]*id="table-${id}"[^>]*>([\\s\\S]*?)</table>`))?.[1] ?? '';
  const body = table.match(/<tbody>([\s\S]*?)<\/tbody>/)?.[1] ?? '';
  return [...body.matchAll(/<tr[^>]*>\s*<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => m[1]!.trim());
};
const cityColumn = (html: string, id: string): string[] => {
  const table = html.match(new RegExp(`<table[^>]*id="table-${id}"[^>]*>([\\s\\S]*?)</table>`))?.[1] ?? '';
  const body = table.match(/<tbody>([\s\S]*?)<\/tbody>/)?.[1] ?? '';
  return [...body.matchAll(/<tr[^>]*>\s*<td[^>]*>[\s\S]*?<\/td>\s*<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) =>
    m[1]!.trim(),
  );
};

beforeAll(async () => {
  t = await startTestApp();
  const { cells } = await seed(t.db, { cities: 120, indicators: 24, evaluators: 12 });
  await scoreEveryCell(t.db, cells, 5);
  const [row] = await t.db.select().from(assessments).where(eq(assessments.code, CODE));
  assessmentId = row!.id;
  await t.db
    .update(assessments)
    .set({ methodSettings: { method: { name: 'topsis' }, coordination: {}, sensitivity: { samples: 200, seed: 3 } } })
    .where(eq(assessments.id, assessmentId));
  admin = await sessionCookie(t, 'admin');
}, 60_000);
afterAll(() => t.close());

describe('the results page of a large assessment', () => {
  it('answers a first look with the engine’s ranking, then the whole body, then the whole page', async () => {
    const problem = await buildProblem(t.db, assessmentId);
    expect(JSON.stringify(problem).length).toBeGreaterThan(FIRST_LOOK_BYTES);
    const first = evaluate(firstLookProblemOf(problem)) as Result;
    const whole = evaluate(problem) as Result;
    const byRank = (r: Result) => r.order;

    const res = await get(t, page, { cookie: admin });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('aria-busy="true"');
    expect(html).toContain(`hx-get="${page}/complete"`);
    expect(html).toContain('A first look');
    expect(firstColumn(html, 'ranking')).toEqual([...first.ranks].sort((a, b) => a - b).map(String));
    expect(cityColumn(html, 'ranking')).toEqual(byRank(first));
    expect(html).toContain('id="table-coordination"');
    // What the first look leaves to the whole set: the sensitivity tables, the side-by-side, the what-if panel.
    for (const missing of ['id="table-acceptability"', 'id="table-methods"', 'heading-what-if'])
      expect(html).not.toContain(missing);

    const complete = await get(t, `${page}/complete`, { cookie: admin });
    expect(complete.status).toBe(200);
    expect(complete.headers.get('cache-control')).toBe('no-store');
    const body = await complete.text();
    expect(body.startsWith('<div id="results-body"')).toBe(true);
    expect(body).not.toContain('aria-busy');
    expect(body).not.toContain('<html');
    for (const present of ['id="table-acceptability"', 'id="table-methods"', 'heading-what-if'])
      expect(body).toContain(present);
    expect(firstColumn(body, 'acceptability')).toHaveLength(whole.alternatives.length);
    expect(cityColumn(body, 'ranking')).toEqual(byRank(whole));
    // The sensitivity run changes no rank: the first look and the whole set agree.
    expect(whole.ranks).toEqual(first.ranks);

    const again = await (await get(t, page, { cookie: admin })).text();
    expect(again).not.toContain('aria-busy');
    expect(again).toContain('id="table-acceptability"');
  });

  it('takes a first look again after the data changes, while a download waits for the whole set', async () => {
    const [cell] = await t.db.select().from(scores).limit(1);
    await t.db.update(scores).set({ rationale: 'changed' }).where(eq(scores.id, cell!.id));
    const html = await (await get(t, page, { cookie: admin })).text();
    expect(html).toContain('aria-busy="true"');
    // A download waits for the whole set: the acceptability table is the sensitivity run's.
    const csv = await get(t, `${page}/acceptability.csv`, { cookie: admin });
    expect(csv.status).toBe(200);
    expect((await csv.text()).trim().split('\n')).toHaveLength(121);
  });

  it('keeps the whole body from anyone not allowed the draft', async () => {
    const res = await get(t, `${page}/complete`);
    expect([302, 303, 401]).toContain(res.status);
    expect(await res.text()).not.toContain('results-body');
  });
});
