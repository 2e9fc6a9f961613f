import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessmentAccess } from '../../src/app/access.ts';
import { buildProblem } from '../../src/app/problem.ts';
import { ResultCache } from '../../src/app/results.ts';
import { publishSnapshot } from '../../src/app/snapshots.ts';
import { DEMO_ASSESSMENT } from '../../src/db/demo/hexi-demo.ts';
import { findUserByUsername } from '../../src/db/queries/users.ts';
import { evaluate, type Result } from '../../src/engine/index.ts';
import { get, post, sessionCookie, startDemoApp, type TestApp } from './harness.ts';

let t: TestApp;
const cookies: Record<string, string> = {};
const DEMO = DEMO_ASSESSMENT.code;
const page = `/assessments/${DEMO}`;
let snapshotId: number;
let result: Result;

/** The text of each cell of a table of the page, row by row (tags stripped, entities left as the page has them). */
function tableCells(html: string, id: string): string[][] {
  const table = html.match(new RegExp(`<table[^>]*id="table-${id}"[^>]*>([\\s\\S]*?)</table>`))?.[1] ?? '';
  const body = table.match(/<tbody>([\s\S]*?)<\/tbody>/)?.[1] ?? '';
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((cell) => cell[1]!.replace(/<[^>]+>/g, '').trim()),
  );
}

beforeAll(async () => {
  t = await startDemoApp();
  for (const name of ['admin', 'expert1', 'reader1']) cookies[name] = await sessionCookie(t, name);
  const admin = await findUserByUsername(t.db, 'admin');
  const seat = await assessmentAccess(t.db, { id: admin!.id, isAdmin: true }, { code: DEMO });
  const published = await publishSnapshot(
    t.db,
    t.engine,
    new ResultCache(),
    t.now(),
    { id: admin!.id, isAdmin: true },
    seat!,
  );
  if (published.kind !== 'published') throw new Error('could not publish');
  snapshotId = published.id;
  result = evaluate(await buildProblem(t.db, seat!.assessment.id)) as Result;
});
afterAll(() => t.close());

describe('the results page', () => {
  it('shows the chair the live draft with the engine’s ranking, coordination and obstacles', async () => {
    const res = await get(t, `${page}/results`, { cookie: cookies.admin });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('live draft');
    const ranking = tableCells(html, 'ranking');
    expect(ranking.map((r) => r[0])).toEqual([...result.ranks].sort((a, b) => a - b).map(String));
    const names = ['Wuwei', 'Jinchang', 'Zhangye', 'Jiayuguan', 'Jiuquan'];
    for (const [k, i] of result.order.map((code) => result.alternatives.indexOf(code)).entries()) {
      expect(ranking[k]![1]).toBe(names[i]);
      expect(ranking[k]![2]).toBe(result.scores[i]!.toFixed(3));
    }
    const co = result.coordination!;
    const coordination = tableCells(html, 'coordination');
    for (const row of coordination) {
      const i = names.indexOf(row[1]!);
      expect(row[0]).toBe(String(co.ranks[i]));
      expect(row.slice(2, 6)).toEqual(co.U[i]!.map((u) => u.toFixed(3)));
      expect(row[8]).toBe(co.D[i]!.toFixed(3));
      expect(row[9]).toBe(co.level[i]!.en);
    }
    expect(tableCells(html, 'obstacles')).toHaveLength(result.obstacles!.reduce((s, o) => s + o.top.length, 0));
    expect(tableCells(html, 'methods')).toHaveLength(5);
    expect(tableCells(html, 'acceptability')).toHaveLength(5);
  });

  it('is in Chinese for a Chinese reader, level names included', async () => {
    const res = await get(t, `${page}/snapshots/${snapshotId}`, {
      cookie: cookies.reader1,
      headers: { 'accept-language': 'zh-CN' },
    });
    expect(res.status).toBe(200);
    const html = await res.text();
    const co = result.coordination!;
    const coordination = tableCells(html, 'coordination');
    const zhNames = ['武威', '金昌', '张掖', '嘉峪关', '酒泉'];
    for (const row of coordination) expect(row[9]).toBe(co.level[zhNames.indexOf(row[1]!)]!.zh);
    // The city brief is offered in the page's language first.
    expect(html).toMatch(/<option value="zh" selected(="")?>/);
    expect(html).not.toMatch(/<option value="en" selected/);
    const en = await (await get(t, `${page}/snapshots/${snapshotId}`, { cookie: cookies.reader1 })).text();
    expect(en).toMatch(/<option value="en" selected(="")?>/);
  });

  it('keeps the draft from viewers and evaluators, and sends viewers to the newest snapshot', async () => {
    expect((await get(t, `${page}/results`, { cookie: cookies.reader1 })).status).toBe(403);
    expect((await get(t, `${page}/results`, { cookie: cookies.expert1 })).status).toBe(403);
    const res = await get(t, `${page}/snapshots`, { cookie: cookies.reader1 });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`${page}/snapshots/${snapshotId}`);
  });

  it('offers every table as CSV with the full numbers, neutralizing nothing numeric', async () => {
    const res = await get(t, `${page}/snapshots/${snapshotId}/coordination.csv`, { cookie: cookies.reader1 });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="corridor-${DEMO}-${snapshotId}-coordination.csv"`,
    );
    const bytes = new Uint8Array(await res.arrayBuffer());
    // A byte-order mark, so that Excel reads the Chinese names as UTF-8.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).trim().split('\r\n');
    expect(lines).toHaveLength(6);
    const co = result.coordination!;
    const top = co.ranks.indexOf(1);
    expect(lines[1]!.split(',')[8]).toBe(String(co.D[top]));
    for (const table of [
      'ranking',
      'methods',
      'obstacles',
      'agreement',
      'acceptability',
      'stability',
      'recommendations',
    ])
      expect(
        (await get(t, `${page}/snapshots/${snapshotId}/${table}.csv`, { cookie: cookies.reader1 })).status,
        table,
      ).toBe(200);
    expect((await get(t, `${page}/snapshots/${snapshotId}/secrets.csv`, { cookie: cookies.reader1 })).status).toBe(404);
  });

  it('the what-if panel re-ranks without saving anything', async () => {
    const before = await t.db.$client.execute('select count(*) as n from weight_sets');
    const dims = ['planning', 'policy', 'industry', 'social'];
    const fields = Object.fromEntries(dims.map((d) => [`w.${d}`, d === 'industry' ? '100' : '0']));
    const res = await post(t, `${page}/snapshots/${snapshotId}/what-if`, fields, { cookie: cookies.reader1 });
    expect(res.status).toBe(200);
    const html = await res.text();
    // Industry alone: the engine's ranking of the same Problem with only the industry indicators weighed.
    const problem = await buildProblem(
      t.db,
      (await assessmentAccess(t.db, { id: 1 as never, isAdmin: true }, { code: DEMO }))!.assessment.id,
    );
    const alone = evaluate({
      ...problem,
      sensitivity: undefined,
      obstacles: undefined,
      weights: {
        method: 'hierarchical',
        dimensions: { method: 'direct', values: [0, 0, 1, 0] },
        within: { method: 'direct', values: result.weights },
      },
    }) as Result;
    const first = alone.alternatives[alone.ranks.indexOf(1)]!;
    const names: Record<string, string> = {
      wuwei: 'Wuwei',
      jinchang: 'Jinchang',
      zhangye: 'Zhangye',
      jiayuguan: 'Jiayuguan',
      jiuquan: 'Jiuquan',
    };
    expect(html.match(/<tbody>\s*<tr>\s*<td>([^<]+)<\/td>/)?.[1]).toBe(names[first]);
    const after = await t.db.$client.execute('select count(*) as n from weight_sets');
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
  });

  it('refuses what-if weights that are not numbers from 0 to 100, naming the field', async () => {
    const res = await post(
      t,
      `${page}/snapshots/${snapshotId}/what-if`,
      { 'w.planning': 'NaN', 'w.policy': '20', 'w.industry': '200', 'w.social': '10' },
      { cookie: cookies.reader1 },
    );
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('w.planning');
    expect(html).toContain('w.industry');
  });

  it('publishes from the page and shows the new snapshot', async () => {
    const res = await post(t, `${page}/snapshots`, {}, { cookie: cookies.admin });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(new RegExp(`^${page}/snapshots/\\d+$`));
    const refused = await post(t, `${page}/snapshots`, {}, { cookie: cookies.expert1 });
    expect(refused.status).toBe(403);
  });

  it('compares two snapshots', async () => {
    const res = await get(t, `${page}/snapshots/compare?from=${snapshotId}&to=${snapshotId + 1}`, {
      cookie: cookies.reader1,
    });
    expect(res.status).toBe(200);
    const rows = tableCells(await res.text(), 'compare');
    expect(rows).toHaveLength(5);
    // The same data twice: no rank moved.
    for (const row of rows) expect(row[3]).toBe('0');
    expect(
      (await get(t, `${page}/snapshots/compare?from=${snapshotId}&to=999`, { cookie: cookies.reader1 })).status,
    ).toBe(404);
  });
});
