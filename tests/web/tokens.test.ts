/**
 * Personal API tokens: made and revoked on the account page (shown once, stored hashed), used as
 * `Authorization: Bearer` on /api only, with the user's own rights; a bearer request needs no Origin, a cookie
 * request still does.
 */
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../../src/app/tokens.ts';
import { disableUser, findUserByUsername } from '../../src/db/queries/users.ts';
import { apiTokens, auditLog } from '../../src/db/schema.ts';
import { addUser, get, post, sessions, startDemoApp, type TestApp } from './harness.ts';

const DEMO = 'hexi-corridor-2017';
let t: TestApp;
const as = sessions(() => t);
const bearer = (token: string, path = `/api/assessments/${DEMO}/scores`, init: RequestInit = {}) =>
  t.app.request(path, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers ?? {}) } });

/** An empty Problem: 422 from the engine once the caller is authenticated, 401 before. */
const evaluateWith = (token: string) =>
  bearer(token, '/api/evaluate', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });

beforeAll(async () => {
  t = await startDemoApp();
});
afterAll(() => t.close());

async function makeOnPage(username: string, name: string): Promise<string> {
  const res = await post(t, '/account/tokens', { name }, { cookie: await as(username) });
  expect(res.status).toBe(201);
  const html = await res.text();
  const token = /<code class="token" id="new-token">([^<]+)<\/code>/.exec(html)?.[1];
  expect(token).toMatch(/^crd_[A-Za-z0-9_-]{43}$/);
  return token!;
}

describe('the account page', () => {
  it('creates a token shown once, stores only its hash, lists it, and audits it', async () => {
    const token = await makeOnPage('expert1', 'nightly <export>');
    const rows = await t.db.select().from(apiTokens);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(rows)).not.toContain(token);
    const page = await (await get(t, '/account', { cookie: await as('expert1') })).text();
    expect(page).toContain('nightly &lt;export&gt;');
    expect(page).not.toContain(token);
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.action, 'token.create'));
    expect(audit.at(-1)).toMatchObject({ entity: 'user', after: { name: 'nightly <export>' } });
    expect(JSON.stringify(audit)).not.toContain(token);
  });

  it('refuses a token without a name, writing nothing', async () => {
    const before = (await t.db.select().from(apiTokens)).length;
    const res = await post(t, '/account/tokens', { name: '   ' }, { cookie: await as('expert2') });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Token name: give the token a name');
    expect((await t.db.select().from(apiTokens)).length).toBe(before);
  });

  it('needs a session and the site’s own origin', async () => {
    expect((await get(t, '/account')).status).toBe(303);
    const forged = await t.app.request('/account/tokens', {
      method: 'POST',
      headers: {
        origin: 'https://evil.example',
        cookie: await as('expert1'),
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'name=x',
    });
    expect(forged.status).toBe(403);
  });
});

describe('a bearer token', () => {
  it('authenticates API calls as its user, without an Origin header', async () => {
    const token = await makeOnPage('expert3', 'scores script');
    const res = await bearer(token);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { cells: unknown[] }).cells.length).toBeGreaterThan(0);
    const put = await bearer(token, `/api/assessments/${DEMO}/scores`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ city: 'wuwei', indicator: 'plan_alignment', value: 5, version: 1 }),
    });
    expect([200, 409]).toContain(put.status);
    const row = (await t.db.select().from(apiTokens).where(eq(apiTokens.name, 'scores script')))[0]!;
    expect(row.lastUsedAt).not.toBeNull();
  });

  it('carries only its user’s rights', async () => {
    const token = await makeOnPage('expert3', 'limited');
    expect((await bearer(token, `/api/assessments/${DEMO}/weights`)).status).toBe(403);
    expect((await bearer(token, `/api/assessments/${DEMO}/problem`)).status).toBe(403);
    const admin = await makeOnPage('admin', 'admin script');
    expect((await bearer(admin, `/api/assessments/${DEMO}/weights`)).status).toBe(200);
  });

  it('opens no page: pages read cookies only', async () => {
    const token = await makeOnPage('expert3', 'not for pages');
    const res = await t.app.request(`/assessments/${DEMO}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(303);
  });

  it('is refused when wrong, malformed, revoked or its user disabled, with JSON', async () => {
    for (const header of ['Bearer crd_nope', 'Bearer', 'Basic YWRtaW46eA==', `Bearer ${'x'.repeat(5000)}`]) {
      const res = await t.app.request(`/api/assessments/${DEMO}/scores`, { headers: { authorization: header } });
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    }
    const token = await makeOnPage('expert4', 'to revoke');
    expect((await bearer(token)).status).toBe(200);
    const [row] = await t.db.select().from(apiTokens).where(eq(apiTokens.name, 'to revoke'));
    // Another user cannot revoke it.
    expect(
      (await post(t, '/account/tokens/revoke', { id: String(row!.id) }, { cookie: await as('expert1') })).status,
    ).toBe(404);
    expect((await bearer(token)).status).toBe(200);
    const revoke = await post(t, '/account/tokens/revoke', { id: String(row!.id) }, { cookie: await as('expert4') });
    expect(revoke.status).toBe(303);
    expect((await bearer(token)).status).toBe(401);
    expect(await t.db.select().from(auditLog).where(eq(auditLog.action, 'token.revoke'))).toHaveLength(1);

    const other = await addUser(t.db, 'leaver', 'river-oasis-gansu-42');
    const made = await createToken(t.db, t.now(), other.id, 'leaver script', null);
    if ('kind' in made) throw new Error(made.message);
    expect((await evaluateWith(made.token)).status).toBe(422);
    await disableUser(t.db, (await findUserByUsername(t.db, 'leaver'))!, null, t.now());
    expect((await evaluateWith(made.token)).status).toBe(401);
  });

  it('is revoked with a new password and when the account is disabled', async () => {
    const token = await makeOnPage('expert5', 'revoked by a reset');
    expect((await bearer(token)).status).toBe(200);
    const reset = await post(t, '/admin/users/expert5/password', { confirm: 'yes' }, { cookie: await as('admin') });
    expect(reset.status).toBe(200);
    expect((await bearer(token)).status).toBe(401);
    const user = await addUser(t.db, 'leaving', 'river-oasis-gansu-42');
    const made = await createToken(t.db, t.now(), user.id, 'before leaving', null);
    if ('kind' in made) throw new Error(made.message);
    expect((await evaluateWith(made.token)).status).toBe(422);
    expect((await post(t, '/admin/users/leaving/disable', {}, { cookie: await as('admin') })).status).toBe(303);
    expect((await post(t, '/admin/users/leaving/enable', {}, { cookie: await as('admin') })).status).toBe(303);
    expect((await evaluateWith(made.token)).status).toBe(401);
  });

  it('leaves the origin rule in place for cookie requests', async () => {
    const cookie = await as('expert1');
    const res = await t.app.request(`/api/assessments/${DEMO}/scores`, { headers: { cookie } });
    expect(res.status).toBe(403);
    const withOrigin = await t.app.request(`/api/assessments/${DEMO}/scores`, {
      headers: { cookie, origin: 'http://localhost' },
    });
    expect(withOrigin.status).toBe(200);
  });
});
