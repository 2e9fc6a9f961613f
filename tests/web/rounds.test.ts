/** Delphi rounds: the chair closes and opens them and reopens a submitted round for one evaluator; all audited. */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUserByUsername } from '../../src/db/queries/users.ts';
import { auditLog, roundSubmissions, rounds } from '../../src/db/schema.ts';
import { get, ORIGIN, sessions, startDemoApp, type TestApp } from './harness.ts';

const DEMO = 'hexi-corridor-2017';
let t: TestApp;

const as = sessions(() => t);

const post = async (username: string, path: string, fields: Record<string, string> = {}) => {
  const res = await t.app.request(`/assessments/${DEMO}${path}`, {
    method: 'POST',
    headers: { origin: ORIGIN, cookie: await as(username), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: res.status, location: res.headers.get('location'), html: await res.text() };
};
const page = async (username: string, path = '') =>
  (await get(t, `/assessments/${DEMO}${path}`, { cookie: await as(username) })).text();
const actions = async () =>
  (await t.db.select().from(auditLog)).map((e) => e.action).filter((a) => a.startsWith('round.'));

beforeAll(async () => {
  t = await startDemoApp();
});
afterAll(() => t.close());

describe('Delphi rounds', () => {
  it('only the chair or an administrator opens and closes rounds', async () => {
    const refused = await post('expert1', '/rounds/close');
    expect(refused.status).toBe(403);
    expect(await actions()).toEqual([]);
  });

  it('reopens a submitted round for one evaluator, who can then save again', async () => {
    expect((await post('expert2', '/score/submit')).status).toBe(303);
    expect(await page('admin')).toContain('Reopen');
    expect((await post('admin', '/rounds/reopen', { user: 'expert3' })).status).toBe(409);
    expect((await post('admin', '/rounds/reopen', { user: 'nobody' })).status).toBe(404);
    const res = await post('admin', '/rounds/reopen', { user: 'expert2' });
    expect(res.status).toBe(303);
    const expert2 = (await findUserByUsername(t.db, 'expert2'))!;
    expect(await t.db.select().from(roundSubmissions).where(eq(roundSubmissions.userId, expert2.id))).toEqual([]);
    expect(await actions()).toEqual(['round.submit', 'round.reopen']);
    expect(await page('expert2', '/score')).not.toContain('You submitted round 1');
  });

  it('closes round 1: saves are refused and the chair is offered round 2', async () => {
    const res = await post('admin', '/rounds/close');
    expect(res).toMatchObject({ status: 303, location: `/assessments/${DEMO}` });
    expect((await t.db.select().from(rounds))[0]).toMatchObject({ number: 1, status: 'closed' });
    expect(await page('expert1')).toContain('No round is open for scoring at the moment.');
    expect(await page('admin')).toContain('Open round 2');
    expect((await post('admin', '/rounds/close')).status).toBe(409);
    const save = await t.app.request(`/assessments/${DEMO}/score/cell`, {
      method: 'PUT',
      headers: { origin: ORIGIN, cookie: await as('expert1'), 'content-type': 'application/x-www-form-urlencoded' },
      body: 'city=wuwei&indicator=plan_alignment&value=5&version=1',
    });
    expect(save.status).toBe(409);
    expect(await actions()).toEqual(['round.submit', 'round.reopen', 'round.close']);
  });

  it('opens round 2 with a deadline: refused in the past or malformed, shown to evaluators, cells start afresh', async () => {
    expect((await post('admin', '/rounds/open', { deadline: '2020-01-01T10:00' })).status).toBe(400);
    expect((await post('admin', '/rounds/open', { deadline: 'next week' })).status).toBe(400);
    expect((await post('admin', '/rounds/open', { deadline: '2026-02-31T10:00' })).status).toBe(400);
    const res = await post('admin', '/rounds/open', { deadline: '2026-03-20T17:00' });
    expect(res.status).toBe(303);
    const second = await t.db.query.rounds.findFirst({ where: and(eq(rounds.number, 2)) });
    expect(second).toMatchObject({ status: 'open' });
    expect(second!.closesAt!.toISOString()).toBe('2026-03-20T17:00:00.000Z');
    const overview = await page('expert1');
    expect(overview).toContain('Round 2');
    expect(overview).toContain('Closes 20 March 2026 at 17:00 UTC');
    expect(overview).toContain('0 of 55 cells scored');
    expect((await post('admin', '/rounds/open')).status).toBe(409);
    const [entry] = (await t.db.select().from(auditLog)).filter((e) => e.action === 'round.open');
    expect(entry!.after).toEqual({ round: 2, deadline: '2026-03-20T17:00:00.000Z' });
  });

  it('two requests opening the next round at once: one opens it, the other is told so, never a 500', async () => {
    expect((await post('admin', '/rounds/close')).status).toBe(303);
    const both = await Promise.all([post('admin', '/rounds/open'), post('admin', '/rounds/open')]);
    expect(both.map((r) => r.status).sort()).toEqual([303, 409]);
    expect((await t.db.select().from(rounds)).filter((r) => r.status === 'open')).toHaveLength(1);
  });
});
