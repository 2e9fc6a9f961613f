/** The assessment overview and the evaluator's scoring grid, through the real app on a real database file. */
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssessmentId } from '../../src/db/ids.ts';
import { findUserByUsername } from '../../src/db/queries/users.ts';
import { assessments, auditLog, panelMembers, scores } from '../../src/db/schema.ts';
import { addUser, get, ORIGIN, sessions, startDemoApp, type TestApp } from './harness.ts';

const DEMO = 'hexi-corridor-2017';
let t: TestApp;
let demoId: AssessmentId;

const as = sessions(() => t);

const page = async (username: string, path: string, lang = 'en') => {
  const res = await get(t, path, { cookie: await as(username), headers: { 'accept-language': lang } });
  return { status: res.status, html: await res.text(), res };
};

async function putCell(username: string, fields: Record<string, string>, origin = ORIGIN) {
  const res = await t.app.request(`/assessments/${DEMO}/score/cell`, {
    method: 'PUT',
    headers: {
      origin,
      cookie: await as(username),
      'content-type': 'application/x-www-form-urlencoded',
      'hx-request': 'true',
    },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: res.status, html: await res.text() };
}

const stateOf = (html: string) => /class="cell__state" data-state="([a-zA-Z]+)"/.exec(html)?.[1];
const versionOf = (html: string) => Number(/name="version" value="(\d+)"/.exec(html)?.[1]);
const storedCell = async (username: string, indicator: string, city: string) => {
  const user = (await findUserByUsername(t.db, username))!;
  const rows = await t.db.select().from(scores).where(eq(scores.expertId, user.id));
  const html = (await page(username, `/assessments/${DEMO}/score/cell?city=${city}&indicator=${indicator}`)).html;
  return { rows, version: versionOf(html), html };
};

beforeAll(async () => {
  t = await startDemoApp();
  demoId = (await t.db.select().from(assessments))[0]!.id;
  await addUser(t.db, 'outsider', 'river-oasis-gansu-42');
  const fresh = await addUser(t.db, 'newcomer', 'river-oasis-gansu-42', { displayName: 'New Comer' });
  await t.db.insert(panelMembers).values({ assessmentId: demoId, userId: fresh.id, role: 'evaluator' });
});
afterAll(() => t.close());

describe('assessment pages', () => {
  it('the start page links each card to its assessment', async () => {
    const { html } = await page('expert1', '/');
    expect(html).toContain(`href="/assessments/${DEMO}"`);
  });

  it('signed out, a protected page sends to the sign-in page and back', async () => {
    const res = await get(t, `/assessments/${DEMO}/score`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/login?next=${encodeURIComponent(`/assessments/${DEMO}/score`)}`);
  });

  it('an assessment the user may not see is a 404, never a hint that it exists', async () => {
    const { status, html } = await page('outsider', `/assessments/${DEMO}`);
    expect(status).toBe(404);
    expect(html).not.toContain('Hexi');
    expect((await page('outsider', '/assessments/no-such-thing')).status).toBe(404);
  });

  it('shows an evaluator their round and progress, and the chair every member’s', async () => {
    const own = await page('expert1', `/assessments/${DEMO}`);
    expect(own.status).toBe(200);
    expect(own.html).toContain('Round 1');
    expect(own.html).toContain('55 of 55 cells scored');
    expect(own.html).toContain(`href="/assessments/${DEMO}/score"`);
    const chair = await page('admin', `/assessments/${DEMO}`);
    expect(chair.html).toContain('Panel progress, round 1');
    expect(chair.html.match(/<td>55\/55<\/td>/g)).toHaveLength(5);
    expect(chair.html).toMatch(/New Comer<\/th><td>0\/55<\/td>/);
    const zh = await page('expert1', `/assessments/${DEMO}`, 'zh-CN');
    expect(zh.html).toContain('第 1 轮');
  });
});

describe('the scoring grid', () => {
  it('shows one dimension at a time: cities × its expert indicators, with scale and direction', async () => {
    const { status, html } = await page('expert1', `/assessments/${DEMO}/score`);
    expect(status).toBe(200);
    expect(html.match(/<td class="cell"/g)).toHaveLength(5 * 3);
    expect(html).toContain('Scale 1–9');
    expect(html).toContain('higher is better');
    expect(html).toContain('/static/scoring.js');
    const social = await page('expert1', `/assessments/${DEMO}/score?dimension=social`);
    expect(social.html).toContain('id="cell-wuwei-public_services"');
    expect(social.html).not.toContain('id="cell-wuwei-plan_alignment"');
    expect(Buffer.byteLength(html)).toBeLessThan(300 * 1024);
  });

  it('shows what each indicator asks and the words for its scale, in the page’s language', async () => {
    const en = (await page('expert1', `/assessments/${DEMO}/score`)).html;
    expect(en).toContain('What to judge');
    expect(en).toContain('How well the city master plan follows the upper-level plans');
    expect(en).toContain('1 very weak · 3 weak · 5 moderate · 7 strong · 9 very strong');
    const zh = (await page('expert1', `/assessments/${DEMO}/score`, 'zh-CN')).html;
    expect(zh).toContain('评判内容');
    expect(zh).toContain('城市总体规划与上位规划');
    expect(zh).toContain('1 很弱 · 3 较弱 · 5 中等 · 7 较强 · 9 很强');
    // A cost indicator's points say how severe the problem is.
    const social = (await page('expert1', `/assessments/${DEMO}/score?dimension=social`)).html;
    expect(social).toContain('1 negligible · 3 mild · 5 marked · 7 severe · 9 very severe');
  });

  it('is for evaluators: the chair gets 403', async () => {
    expect((await page('admin', `/assessments/${DEMO}/score`)).status).toBe(403);
  });

  it('saves a change, answers the cell’s new state and version and the new progress', async () => {
    const before = await storedCell('newcomer', 'plan_alignment', 'wuwei');
    expect(before.version).toBe(0);
    const res = await putCell('newcomer', {
      city: 'wuwei',
      indicator: 'plan_alignment',
      value: '7,5',
      rationale: 'Plan adopted',
      version: '0',
    });
    expect(res.status).toBe(200);
    expect(stateOf(res.html)).toBe('saved');
    expect(versionOf(res.html)).toBe(1);
    expect(res.html).toContain('<hx-partial hx-target="#progress"');
    expect(res.html).toContain('1 of 55 cells scored');
    // The save answers the same progress, dimension by dimension, as the grid shows when loaded afresh.
    const progress = (html: string) => /<div id="progress"[\s\S]*?<\/ul>/.exec(html)?.[0];
    const fresh = progress((await page('newcomer', `/assessments/${DEMO}/score`)).html);
    expect(fresh).toBeDefined();
    expect(progress(res.html)).toBe(fresh);
    const after = await storedCell('newcomer', 'plan_alignment', 'wuwei');
    expect(after.rows).toHaveLength(1);
    expect(after.rows[0]).toMatchObject({ value: 7.5, rationale: 'Plan adopted', version: 1 });
  });

  it.each([
    ['12', 'outOfRange'],
    ['seven', 'notANumber'],
    ['', 'valueNeeded'],
  ])('refuses %j with 422 and the reason (%s), writing nothing', async (value, state) => {
    const audits = (await t.db.select({ n: count() }).from(auditLog))[0]!.n;
    const res = await putCell('newcomer', { city: 'jinchang', indicator: 'plan_alignment', value, version: '0' });
    expect(res.status).toBe(422);
    expect(stateOf(res.html)).toBe(state);
    expect((await storedCell('newcomer', 'plan_alignment', 'jinchang')).version).toBe(0);
    expect((await t.db.select({ n: count() }).from(auditLog))[0]!.n).toBe(audits);
  });

  it('a stale version is a conflict that offers the stored value', async () => {
    const res = await putCell('newcomer', { city: 'wuwei', indicator: 'plan_alignment', value: '3', version: '0' });
    expect(res.status).toBe(409);
    expect(stateOf(res.html)).toBe('conflict');
    expect(res.html).toContain('stored: 7.5');
    expect(res.html).toContain(`hx-get="/assessments/${DEMO}/score/cell?city=wuwei&amp;indicator=plan_alignment"`);
    expect(versionOf(res.html)).toBe(1);
    const stored = await storedCell('newcomer', 'plan_alignment', 'wuwei');
    expect(stored.rows[0]!.value).toBe(7.5);
    expect(stored.html).toContain('value="7.5"');
  });

  it('refuses a save from another site', async () => {
    const res = await putCell(
      'newcomer',
      { city: 'wuwei', indicator: 'plan_alignment', value: '4', version: '1' },
      'https://evil.example',
    );
    expect(res.status).toBe(403);
  });

  it('submit lists what is missing, with links to the cells', async () => {
    const res = await t.app.request(`/assessments/${DEMO}/score/submit`, {
      method: 'POST',
      headers: { origin: ORIGIN, cookie: await as('newcomer'), 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/assessments/${DEMO}/score?missing`);
    const { html } = await page('newcomer', `/assessments/${DEMO}/score?missing`);
    expect(html).toContain('54 cells still need a score');
    expect(html).toContain(`href="/assessments/${DEMO}/score?dimension=planning#cell-jinchang-plan_alignment"`);
  });

  it('submit of a complete grid locks it', async () => {
    const res = await t.app.request(`/assessments/${DEMO}/score/submit`, {
      method: 'POST',
      headers: { origin: ORIGIN, cookie: await as('expert1'), 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
    });
    expect(res.status).toBe(303);
    const { html } = await page('expert1', `/assessments/${DEMO}/score`);
    expect(html).toContain('You submitted round 1');
    expect(html).toMatch(/<input class="cell__value"[^>]*disabled/);
    const save = await putCell('expert1', { city: 'wuwei', indicator: 'plan_alignment', value: '3', version: '1' });
    expect(save.status).toBe(409);
    expect(stateOf(save.html)).toBe('locked');
  });
});
