/**
 * Administration of people: /admin/users (create, disable and enable, new passwords shown once, the administrator
 * flag, with the rules that keep the installation administrable) and /assessments/:code/panel (seats, influence,
 * progress, removal asked first when it takes scores out). Every change is audited; nobody else gets in.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/auth/password.ts';
import { findUserByUsername } from '../../src/db/queries/users.ts';
import { ahpJudgments, assessments, auditLog, panelMembers, users } from '../../src/db/schema.ts';
import { addUser, get, login, post, sessions, startDemoApp, type TestApp } from './harness.ts';

const DEMO = 'hexi-corridor-2017';
const PANEL = `/assessments/${DEMO}/panel`;
let t: TestApp;
const as = sessions(() => t);
const actions = async (action: string) =>
  (await t.db.select().from(auditLog).where(eq(auditLog.action, action))).length;

beforeAll(async () => {
  t = await startDemoApp();
  await addUser(t.db, 'outsider', 'river-oasis-gansu-42');
});
afterAll(() => t.close());

describe('/admin/users', () => {
  it('is for administrators only, and the menu shows it to them alone', async () => {
    expect((await get(t, '/admin/users', { cookie: await as('expert1') })).status).toBe(403);
    expect((await post(t, '/admin/users', { username: 'x' }, { cookie: await as('expert1') })).status).toBe(403);
    expect(await findUserByUsername(t.db, 'x')).toBeUndefined();
    expect((await get(t, '/admin/users')).status).toBe(303);
    const page = await (await get(t, '/admin/users', { cookie: await as('admin') })).text();
    expect(page).toContain('<tr data-user="expert1">');
    expect(page).toContain('Evaluator (hexi-corridor-2017)');
    expect(await (await get(t, '/', { cookie: await as('admin') })).text()).toContain('href="/admin/users"');
    expect(await (await get(t, '/', { cookie: await as('expert1') })).text()).not.toContain('href="/admin/users"');
  });

  it('creates an account with a generated password shown once, which signs in', async () => {
    const res = await post(
      t,
      '/admin/users',
      { username: 'Wang.Fang', displayName: '王芳 <b>', isAdmin: '' },
      { cookie: await as('admin') },
    );
    expect(res.status).toBe(201);
    const html = await res.text();
    const password = /<code class="token" id="new-password">([^<]+)<\/code>/.exec(html)?.[1];
    expect(password).toBeDefined();
    expect(html).toContain('王芳 &lt;b&gt;');
    const user = await findUserByUsername(t.db, 'wang.fang');
    expect(user).toMatchObject({ displayName: '王芳 <b>', isAdmin: false });
    expect(await verifyPassword(password!, user!.passwordHash)).toBe(true);
    await login(t, 'wang.fang', password!);
    expect(await get(t, '/admin/users', { cookie: await as('admin') }).then((r) => r.text())).not.toContain(password!);
  });

  it('refuses a bad or taken username, naming the field, and writes nothing', async () => {
    const before = (await t.db.select().from(users)).length;
    const bad = await post(t, '/admin/users', { username: '-no spaces-' }, { cookie: await as('admin') });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('Username: 1–64 letters');
    const taken = await post(t, '/admin/users', { username: 'EXPERT1' }, { cookie: await as('admin') });
    expect(taken.status).toBe(409);
    expect(await taken.text()).toContain('the username &quot;expert1&quot; is taken');
    expect((await t.db.select().from(users)).length).toBe(before);
  });

  it('disables (ending sessions) and re-enables, resets a password, and sets the flag, each audited', async () => {
    const cookie = await as('expert5');
    expect((await get(t, `/assessments/${DEMO}`, { cookie })).status).toBe(200);
    const off = await post(t, '/admin/users/expert5/disable', { confirm: 'yes' }, { cookie: await as('admin') });
    expect(off.status).toBe(303);
    expect((await get(t, `/assessments/${DEMO}`, { cookie })).status).toBe(303);
    expect(await actions('user.disable')).toBe(1);
    expect(
      (await post(t, '/admin/users/expert5/enable', { confirm: 'yes' }, { cookie: await as('admin') })).status,
    ).toBe(303);
    expect((await findUserByUsername(t.db, 'expert5'))!.disabledAt).toBeNull();
    expect(await actions('user.enable')).toBe(1);

    const reset = await post(t, '/admin/users/expert4/password', { confirm: 'yes' }, { cookie: await as('admin') });
    const password = /<code class="token" id="new-password">([^<]+)<\/code>/.exec(await reset.text())?.[1];
    expect(await verifyPassword(password!, (await findUserByUsername(t.db, 'expert4'))!.passwordHash)).toBe(true);

    expect((await post(t, '/admin/users/expert3/admin', { admin: 'on' }, { cookie: await as('admin') })).status).toBe(
      303,
    );
    expect((await findUserByUsername(t.db, 'expert3'))!.isAdmin).toBe(true);
    expect((await post(t, '/admin/users/expert3/admin', { admin: 'off' }, { cookie: await as('admin') })).status).toBe(
      303,
    );
    expect((await findUserByUsername(t.db, 'expert3'))!.isAdmin).toBe(false);
    expect(await actions('user.admin')).toBe(2);
    expect(
      (await post(t, '/admin/users/expert3/admin', { admin: 'maybe' }, { cookie: await as('admin') })).status,
    ).toBe(422);
    expect((await post(t, '/admin/users/nobody/disable', {}, { cookie: await as('admin') })).status).toBe(404);
  });

  it('keeps an administrator: not one’s own flag, not the last one', async () => {
    const own = await post(t, '/admin/users/admin/admin', { admin: 'off' }, { cookie: await as('admin') });
    expect(own.status).toBe(409);
    expect(await own.text()).toContain('you cannot remove your own administrator flag');
    const last = await post(t, '/admin/users/admin/disable', {}, { cookie: await as('admin') });
    expect(last.status).toBe(409);
    expect(await last.text()).toContain('last active administrator');
    expect(await findUserByUsername(t.db, 'admin')).toMatchObject({ isAdmin: true, disabledAt: null });
  });
});

describe('/assessments/:code/panel', () => {
  const seat = async (username: string) => {
    const user = await findUserByUsername(t.db, username);
    return (
      await t.db
        .select()
        .from(panelMembers)
        .where(and(eq(panelMembers.userId, user!.id)))
    )[0];
  };

  it('is for administrators only; the chair and evaluators get 403, others 404', async () => {
    expect((await get(t, PANEL, { cookie: await as('admin') })).status).toBe(200);
    expect((await get(t, PANEL, { cookie: await as('expert1') })).status).toBe(403);
    expect((await get(t, PANEL, { cookie: await as('outsider') })).status).toBe(404);
    expect(
      (await post(t, PANEL, { username: 'outsider', role: 'chair' }, { cookie: await as('expert1') })).status,
    ).toBe(403);
    expect(await seat('outsider')).toBeUndefined();
  });

  it('lists members with the open round’s progress and the demo’s reader', async () => {
    const html = await (await get(t, PANEL, { cookie: await as('admin') })).text();
    expect(html).toContain('<tr data-member="expert1">');
    expect(html).toMatch(/<tr data-member="reader1">/);
    expect(html).toMatch(/<td>55\/55 · Not submitted<\/td>/);
  });

  it('adds a member with a role and influence, changes it, each audited, and refuses bad input at its field', async () => {
    const add = await post(
      t,
      PANEL,
      { username: 'Outsider', role: 'evaluator', influence: '2,5' },
      { cookie: await as('admin') },
    );
    expect(add.status).toBe(303);
    expect(await seat('outsider')).toMatchObject({ role: 'evaluator', influence: 2.5 });
    expect((await get(t, `/assessments/${DEMO}`, { cookie: await as('outsider') })).status).toBe(200);
    const again = await post(t, PANEL, { username: 'outsider', role: 'viewer' }, { cookie: await as('admin') });
    expect(again.status).toBe(409);
    const bad = await post(
      t,
      PANEL,
      { username: 'wang.fang', role: 'evaluator', influence: '-1' },
      { cookie: await as('admin') },
    );
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('Influence: a number above 0');
    expect(await seat('wang.fang')).toBeUndefined();
    expect((await post(t, PANEL, { username: 'ghost', role: 'viewer' }, { cookie: await as('admin') })).status).toBe(
      404,
    );
    const change = await post(t, `${PANEL}/outsider`, { role: 'chair', influence: '1' }, { cookie: await as('admin') });
    expect(change.status).toBe(303);
    expect(await seat('outsider')).toMatchObject({ role: 'chair', influence: 1 });
    expect(await actions('panel.add')).toBe(1);
    expect(await actions('panel.update')).toBe(1);
    const trail = await (await get(t, `/assessments/${DEMO}/audit`, { cookie: await as('admin') })).text();
    expect(trail).toContain('Panel seat changed');
  });

  it('asks before removing a member whose scores would leave the results, and says how many', async () => {
    const ask = await post(t, `${PANEL}/expert2/remove`, {}, { cookie: await as('admin') });
    expect(ask.status).toBe(409);
    const text = await ask.text();
    expect(text).toMatch(/Li Wei has given \d+ scores in this assessment/);
    expect(await seat('expert2')).toBeDefined();
    const done = await post(t, `${PANEL}/expert2/remove`, { confirm: 'yes' }, { cookie: await as('admin') });
    expect(done.status).toBe(303);
    expect(await seat('expert2')).toBeUndefined();
    expect((await get(t, `/assessments/${DEMO}`, { cookie: await as('expert2') })).status).toBe(404);
    // Without scores there is nothing to ask.
    expect((await post(t, `${PANEL}/outsider/remove`, {}, { cookie: await as('admin') })).status).toBe(303);
    expect(await actions('panel.remove')).toBe(2);
  });

  it('asks too before removing a member who gave pairwise comparisons but no scores', async () => {
    const judge = await addUser(t.db, 'judge', 'river-oasis-gansu-43');
    const [demo] = await t.db.select().from(assessments).where(eq(assessments.code, DEMO));
    await t.db.insert(panelMembers).values({ assessmentId: demo!.id, userId: judge.id, role: 'evaluator' });
    await t.db.insert(ahpJudgments).values({
      assessmentId: demo!.id,
      userId: judge.id,
      level: 'dimensions',
      matrix: [
        [1, 2, 1, 1],
        [0.5, 1, 1, 1],
        [1, 1, 1, 1],
        [1, 1, 1, 1],
      ],
      updatedAt: t.now(),
    });
    const ask = await post(t, `${PANEL}/judge/remove`, {}, { cookie: await as('admin') });
    expect(ask.status).toBe(409);
    const text = await ask.text();
    expect(text).toContain('judge has given pairwise comparisons for 1 of the assessment’s comparison levels');
    expect(text).not.toMatch(/has given \d+ scores/);
    expect(await seat('judge')).toBeDefined();
  });
});
