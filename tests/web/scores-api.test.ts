/** The evaluator's scores through the JSON API, on the real app and a real database file with the demo loaded. */
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/auth/password.ts';
import type { AssessmentId, UserId } from '../../src/db/ids.ts';
import { findUserByUsername, setPasswordHash } from '../../src/db/queries/users.ts';
import { assessments, auditLog, panelMembers, roundSubmissions, rounds, scores, users } from '../../src/db/schema.ts';
import { addUser, ORIGIN, sessionCookie, startDemoApp, type TestApp } from './harness.ts';

const PASSWORD = 'river-oasis-gansu-42';
const DEMO = 'hexi-corridor-2017';
const URL = `/api/assessments/${DEMO}`;

let t: TestApp;
let demoId: AssessmentId;
const cookies = new Map<string, string>();

interface Cell {
  city: string;
  indicator: string;
  value: number | null;
  abstain: boolean;
  rationale: string;
  version: number;
}

/** A signed-in session for a user, made directly (a login per user would hash a password each time). */
async function sessionFor(username: string): Promise<string> {
  const known = cookies.get(username);
  if (known) return known;
  const cookie = await sessionCookie(t, username);
  cookies.set(username, cookie);
  return cookie;
}

async function call(as: string, method: string, path: string, body?: unknown) {
  const headers: Record<string, string> = { origin: ORIGIN, cookie: await sessionFor(as) };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await t.app.request(`${URL}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { errors?: { path: string }[] } };
}

const cellsOf = async (as: string) => (await call(as, 'GET', '/scores')).body.cells as Cell[];
const auditCount = async () => (await t.db.select({ n: count() }).from(auditLog))[0]!.n;
const scoreRows = async () => t.db.select().from(scores);

beforeAll(async () => {
  t = await startDemoApp(PASSWORD);
  demoId = (await t.db.select().from(assessments))[0]!.id;
  const expert1 = await findUserByUsername(t.db, 'expert1');
  await setPasswordHash(t.db, expert1!, await hashPassword(PASSWORD), null, t.now());
  await addUser(t.db, 'outsider', PASSWORD);
  const reader = await addUser(t.db, 'reader', PASSWORD);
  await t.db.insert(panelMembers).values({ assessmentId: demoId, userId: reader.id, role: 'viewer' });
  const fresh = await addUser(t.db, 'newcomer', PASSWORD);
  await t.db.insert(panelMembers).values({ assessmentId: demoId, userId: fresh.id, role: 'evaluator' });
});
afterAll(() => t.close());

describe('GET /api/assessments/:code/scores', () => {
  it('lists the caller’s own cells of the open round: every city × expert indicator, with versions', async () => {
    const { status, body } = await call('expert1', 'GET', '/scores');
    expect(status).toBe(200);
    expect(body.round).toBe(1);
    expect(body.submitted).toBe(false);
    const cells = body.cells as Cell[];
    expect(cells).toHaveLength(5 * 11);
    expect(cells.every((c) => c.version === 1 && typeof c.value === 'number')).toBe(true);
    expect(cells.some((c) => c.indicator === 'secondary_share_change')).toBe(false);
    const newcomer = await cellsOf('newcomer');
    expect(newcomer).toHaveLength(55);
    expect(newcomer.every((c) => c.version === 0 && c.value === null)).toBe(true);
  });

  it('is 404 for an assessment the caller may not see, 403 for a viewer before publication… and the chair scores nothing', async () => {
    expect((await call('outsider', 'GET', '/scores')).status).toBe(404);
    expect((await call('reader', 'GET', '/scores')).status).toBe(404);
    const chair = await call('admin', 'GET', '/scores');
    expect(chair.status).toBe(403);
    expect(chair.body.cells).toBeUndefined();
  });
});

describe('PUT /api/assessments/:code/scores', () => {
  it('saves a cell with the version it was based on, answers the new version and audits before and after', async () => {
    const [cell] = await cellsOf('expert1');
    const before = await auditCount();
    const value = cell!.value === 9 ? 8 : 9;
    const res = await call('expert1', 'PUT', '/scores', {
      city: cell!.city,
      indicator: cell!.indicator,
      value,
      rationale: 'Provincial plan adopted in 2016',
      version: 1,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ city: cell!.city, indicator: cell!.indicator, value, version: 2 });
    expect(await auditCount()).toBe(before + 1);
    const [entry] = await t.db.select().from(auditLog).orderBy(auditLog.id).limit(1).offset(before);
    expect(entry).toMatchObject({ action: 'score.update', entity: 'score' });
    expect(entry!.before).toEqual({ value: cell!.value, abstain: false, rationale: cell!.rationale });
    expect(entry!.after).toEqual({ value, abstain: false, rationale: 'Provincial plan adopted in 2016' });
    const expert1 = await findUserByUsername(t.db, 'expert1');
    expect(entry!.userId).toBe(expert1!.id);
  });

  it('a stale version is 409 with the stored cell, and nothing is written', async () => {
    const [cell] = await cellsOf('expert1');
    const rows = JSON.stringify(await scoreRows());
    const audits = await auditCount();
    const res = await call('expert1', 'PUT', '/scores', {
      city: cell!.city,
      indicator: cell!.indicator,
      value: 1,
      version: 1,
    });
    expect(res.status).toBe(409);
    expect(res.body.stored).toEqual(cell);
    expect(JSON.stringify(await scoreRows())).toBe(rows);
    expect(await auditCount()).toBe(audits);
  });

  it('abstains: no value, the abstention stored; a save without a rationale keeps the stored one', async () => {
    const cell = (await cellsOf('expert1'))[1]!;
    expect(cell.rationale).not.toBe('');
    const res = await call('expert1', 'PUT', '/scores', {
      city: cell.city,
      indicator: cell.indicator,
      abstain: true,
      version: cell.version,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      value: null,
      abstain: true,
      rationale: cell.rationale,
      version: cell.version + 1,
    });
  });

  it.each([
    ['a value off the scale', { value: 10 }, 422, 'value'],
    ['a value that is not a number', { value: '7' }, 422, 'value'],
    ['both a value and an abstention', { value: 5, abstain: true }, 422, 'value'],
    ['neither', {}, 422, 'value'],
    ['a rationale over 4,000 characters', { value: 5, rationale: 'x'.repeat(4_001) }, 422, 'rationale'],
    ['a field that tries to set the evaluator', { value: 5, expert: 3 }, 422, ''],
    ['a field that tries to set the round', { value: 5, round: 2 }, 422, ''],
    ['a field that tries to unlock', { value: 5, locked: false }, 422, ''],
    ['a city outside the assessment', { value: 5, city: 'lanzhou' }, 404, 'city'],
    ['an indicator outside the assessment', { value: 5, indicator: 'gdp' }, 404, 'indicator'],
    ['a statistic indicator', { value: 5, indicator: 'secondary_share_change' }, 409, 'indicator'],
  ])('%s: %i naming the field, nothing written', async (_what, change, status, path) => {
    const cell = (await cellsOf('expert1'))[5]!;
    const rows = JSON.stringify(await scoreRows());
    const audits = await auditCount();
    const res = await call('expert1', 'PUT', '/scores', {
      city: cell.city,
      indicator: cell.indicator,
      version: cell.version,
      ...change,
    });
    expect(res.status).toBe(status);
    expect(res.body.errors!.map((e) => e.path)).toContain(path);
    expect(JSON.stringify(await scoreRows())).toBe(rows);
    expect(await auditCount()).toBe(audits);
  });

  it('counts a line break as one character, as the textarea of the page does (CRLF becomes LF)', async () => {
    const cell = (await cellsOf('expert1'))[7]!;
    const rationale = 'Reason.\r\n'.repeat(460);
    expect(rationale.length).toBeGreaterThan(4_000);
    const res = await call('expert1', 'PUT', '/scores', {
      city: cell.city,
      indicator: cell.indicator,
      value: 5,
      rationale,
      version: cell.version,
    });
    expect(res.status).toBe(200);
    expect(res.body.rationale).toBe('Reason.\n'.repeat(460));
  });

  it('text that is not JSON is 400, another content type 415', async () => {
    expect((await call('expert1', 'PUT', '/scores', '{"city":')).status).toBe(400);
    const res = await t.app.request(`${URL}/scores`, {
      method: 'PUT',
      headers: { origin: ORIGIN, cookie: await sessionFor('expert1'), 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(res.status).toBe(415);
  });

  it('an evaluator cannot write another panel’s assessment, nor learn that it exists', async () => {
    const rows = JSON.stringify(await scoreRows());
    const res = await call('outsider', 'PUT', '/scores', {
      city: 'wuwei',
      indicator: 'plan_alignment',
      value: 5,
      version: 0,
    });
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.body)).not.toMatch(/wuwei|plan_alignment|round/);
    expect(JSON.stringify(await scoreRows())).toBe(rows);
  });
});

describe('POST /api/assessments/:code/submit', () => {
  it('lists the missing cells while the grid is incomplete, and submits nothing', async () => {
    const res = await call('newcomer', 'POST', '/submit');
    expect(res.status).toBe(409);
    expect(res.body.missing).toHaveLength(55);
    expect(await t.db.select().from(roundSubmissions)).toHaveLength(0);
  });

  it('submits a complete round once; the round is then locked for that evaluator only', async () => {
    const res = await call('expert2', 'POST', '/submit');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ submitted: true, round: 1 });
    expect((await call('expert2', 'POST', '/submit')).status).toBe(409);
    const cell = (await cellsOf('expert2'))[0]!;
    const locked = await call('expert2', 'PUT', '/scores', {
      city: cell.city,
      indicator: cell.indicator,
      value: 3,
      version: cell.version,
    });
    expect(locked.status).toBe(409);
    expect((await call('expert2', 'GET', '/scores')).body.submitted).toBe(true);
    const other = (await cellsOf('expert3'))[0]!;
    expect((await call('expert3', 'PUT', '/scores', { ...other, value: 3, abstain: undefined })).status).toBe(200);
    const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'round.submit'));
    expect(entry).toMatchObject({ entity: 'round', after: { round: 1, cells: 55 } });
  });

  it('with no open round, saving and submitting are 409', async () => {
    await t.db.update(rounds).set({ status: 'closed', closesAt: t.now() }).where(eq(rounds.assessmentId, demoId));
    try {
      const cell = await call('expert4', 'GET', '/scores');
      expect(cell.status).toBe(409);
      const save = await call('expert4', 'PUT', '/scores', {
        city: 'wuwei',
        indicator: 'plan_alignment',
        value: 5,
        version: 1,
      });
      expect(save.status).toBe(409);
      expect((await call('expert4', 'POST', '/submit')).status).toBe(409);
    } finally {
      await t.db.update(rounds).set({ status: 'open', closesAt: null }).where(eq(rounds.assessmentId, demoId));
    }
  });
});

describe('a whole panel saving at once', () => {
  it('50 evaluators × 20 cells concurrently: every acknowledged save stored once, no errors, every change audited', async () => {
    const ids: UserId[] = [];
    const [admin] = await t.db.select().from(users).where(eq(users.username, 'admin'));
    for (let k = 0; k < 50; k++) {
      const [user] = await t.db
        .insert(users)
        .values({
          username: `panel${k}`,
          displayName: `Panel ${k}`,
          passwordHash: admin!.passwordHash,
          isAdmin: false,
          createdAt: t.now(),
        })
        .returning();
      ids.push(user!.id);
      await t.db.insert(panelMembers).values({ assessmentId: demoId, userId: user!.id, role: 'evaluator' });
    }
    const grid = await cellsOf('panel0');
    const auditsBefore = await auditCount();
    const saves = ids.flatMap((_, k) =>
      grid.slice(0, 20).map((cell, j) =>
        call(`panel${k}`, 'PUT', '/scores', {
          city: cell.city,
          indicator: cell.indicator,
          value: 1 + ((k + j) % 9),
          version: 0,
        }),
      ),
    );
    const answers = await Promise.all(saves);
    expect(answers.filter((a) => a.status !== 200)).toEqual([]);
    for (const [k, id] of ids.entries()) {
      const stored = await t.db.select().from(scores).where(eq(scores.expertId, id));
      expect(stored).toHaveLength(20);
      const expected = grid
        .slice(0, 20)
        .map((_, j) => 1 + ((k + j) % 9))
        .sort();
      expect(stored.map((s) => s.value).sort()).toEqual(expected);
      expect(stored.every((s) => s.version === 1)).toBe(true);
    }
    expect(await auditCount()).toBe(auditsBefore + 1_000);
    const creates = await t.db
      .select({ n: count() })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'score.create')));
    expect(creates[0]!.n).toBeGreaterThanOrEqual(1_000);
    // A thousand saves through one database connection on a shared machine.
  }, 120_000);
});
