/**
 * Issue 11's account events: administrators end a user's sessions; token use and downloads are audited; the account
 * audit log lists sign-in, session, account and token entries for administrators, filtered and as CSV, escaped.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishAs } from '../../src/app/snapshots.ts';
import { createToken } from '../../src/app/tokens.ts';
import { auditInsert } from '../../src/db/audit.ts';
import { findUserByUsername } from '../../src/db/queries/users.ts';
import { auditLog, sessions } from '../../src/db/schema.ts';
import { addUser, get, login, post, sessionCookie, startDemoApp, type TestApp } from './harness.ts';

const DEMO = 'hexi-corridor-2017';
const HOUR = 60 * 60 * 1000;
let t: TestApp;
let snapshot: number;

const entries = (action: string) => t.db.select().from(auditLog).where(eq(auditLog.action, action));
const sessionsOf = async (username: string) => {
  const user = await findUserByUsername(t.db, username);
  return t.db.select().from(sessions).where(eq(sessions.userId, user!.id));
};
const bearer = (token: string, path: string) => t.app.request(path, { headers: { authorization: `Bearer ${token}` } });

beforeAll(async () => {
  t = await startDemoApp();
  const published = await publishAs(t.db, t.engine, t.now(), DEMO, undefined);
  if (published.kind !== 'published') throw new Error('could not publish');
  snapshot = published.id;
  await addUser(t.db, 'second-admin', 'second-admin-password-42', { isAdmin: true });
  await addUser(t.db, 'hostile', 'hostile-password-for-tests-42', { displayName: '<img src=x onerror=alert(1)>' });
});
afterAll(() => t.close());

describe('ending a user’s sessions', () => {
  it('shows each user’s live sessions on the users page, with the button', async () => {
    const admin = await sessionCookie(t, 'admin');
    await sessionCookie(t, 'expert2');
    await sessionCookie(t, 'expert2');
    const html = await (await get(t, '/admin/users', { cookie: admin })).text();
    const row = html.slice(html.indexOf('data-user="expert2"'));
    expect(row.slice(0, row.indexOf('</tr>'))).toContain('action="/admin/users/expert2/sessions/end"');
    expect(row.slice(0, row.indexOf('</tr>'))).toContain('End sessions (2)');
    const own = html.slice(html.indexOf('data-user="admin"'));
    expect(own.slice(0, own.indexOf('</tr>'))).toContain('End my sessions (1): signs me out');
    expect(html).toContain('href="/admin/users/audit"');
  });

  it('signs the user out on every browser, pages and API, leaves others signed in, and audits the count', async () => {
    const admin = await sessionCookie(t, 'admin');
    const phone = await sessionCookie(t, 'expert1');
    const laptop = await sessionCookie(t, 'expert1');
    const other = await sessionCookie(t, 'expert3');
    expect((await get(t, '/', { cookie: phone })).status).toBe(200);
    const res = await post(t, '/admin/users/expert1/sessions/end', { confirm: 'yes' }, { cookie: admin });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/users?done=sessionsEnded&user=expert1');
    const done = await (await get(t, res.headers.get('location')!, { cookie: admin })).text();
    expect(done).toContain('&quot;expert1&quot; is signed out on every device.');
    expect(await sessionsOf('expert1')).toEqual([]);
    const next = await get(t, '/', { cookie: phone });
    expect(next.status).toBe(303);
    expect(next.headers.get('location')).toMatch(/^\/login/);
    const api = await get(t, `/api/assessments/${DEMO}/scores`, {
      cookie: laptop,
      headers: { 'sec-fetch-site': 'same-origin' },
    });
    expect(api.status).toBe(401);
    expect((await get(t, '/', { cookie: other })).status).toBe(200);
    expect((await get(t, '/admin/users', { cookie: admin })).status).toBe(200);
    const [entry] = (await entries('session.revoke_all')).filter((e) => e.entityId === 'expert1');
    const adminUser = await findUserByUsername(t.db, 'admin');
    expect(entry).toMatchObject({ entity: 'user', userId: adminUser!.id, after: { count: 2 } });
  });

  it('signs out an administrator who ends their own sessions', async () => {
    const mine = await sessionCookie(t, 'second-admin');
    const res = await post(t, '/admin/users/second-admin/sessions/end', { confirm: 'yes' }, { cookie: mine });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login?signedOut');
    expect(await sessionsOf('second-admin')).toEqual([]);
    expect((await get(t, '/admin/users', { cookie: mine })).status).toBe(303);
  });

  it('is refused to non-administrators (403) and for an unknown user (404), with nothing written', async () => {
    const victim = await sessionCookie(t, 'expert4');
    const before = (await entries('session.revoke_all')).length;
    const refused = await post(
      t,
      '/admin/users/expert4/sessions/end',
      {},
      { cookie: await sessionCookie(t, 'expert5') },
    );
    expect(refused.status).toBe(403);
    const unknown = await post(t, '/admin/users/nobody/sessions/end', {}, { cookie: await sessionCookie(t, 'admin') });
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('there is no user &quot;nobody&quot;');
    expect((await get(t, '/', { cookie: victim })).status).toBe(200);
    expect(await entries('session.revoke_all')).toHaveLength(before);
  });
});

describe('token use', () => {
  it('is audited once per token per hour, naming the request, and stamps last_used_at', async () => {
    const expert = await findUserByUsername(t.db, 'expert2');
    const made = await createToken(t.db, t.now(), expert!.id, 'nightly', expert!.id);
    if (!('token' in made)) throw new Error('no token');
    const uses = async () =>
      (await entries('token.use')).filter((e) => e.entityId === String(made.row.id)).map((e) => e.after);
    expect((await bearer(made.token, `/api/assessments/${DEMO}/scores`)).status).toBe(200);
    expect(await uses()).toEqual([{ name: 'nightly', method: 'GET', path: `/api/assessments/${DEMO}/scores` }]);
    const [row] = await entries('token.use');
    expect(row).toMatchObject({ entity: 'api_token', userId: expert!.id });
    // Later in the same hour, past the minute between last_used_at writes: still one entry.
    t.advance(30 * 60 * 1000);
    expect((await bearer(made.token, `/api/assessments/${DEMO}/snapshots`)).status).toBe(200);
    expect(await uses()).toHaveLength(1);
    const stored = await t.db.query.apiTokens.findFirst({ where: (k, { eq }) => eq(k.id, made.row.id) });
    expect(stored!.lastUsedAt).toEqual(t.now());
    t.advance(HOUR);
    expect((await bearer(made.token, `/api/assessments/${DEMO}/snapshots`)).status).toBe(200);
    expect(await uses()).toHaveLength(2);
    // A refused token records nothing.
    expect((await bearer('crd_not-a-token', `/api/assessments/${DEMO}/scores`)).status).toBe(401);
    expect(await uses()).toHaveLength(2);
  });

  it('is one conditional insert: a second writer within the hour adds nothing', async () => {
    const { auditTokenUse } = await import('../../src/db/queries/api-tokens.ts');
    const token = { id: 9_999 as never, userId: (await findUserByUsername(t.db, 'admin'))!.id, name: 'x' };
    const request = { method: 'GET', path: '/api/x' };
    await Promise.all(
      [1, 2, 3].map(() => auditTokenUse(t.db, token, t.now(), new Date(t.now().getTime() - HOUR), request)),
    );
    const rows = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'token.use'), eq(auditLog.entityId, '9999')));
    expect(rows).toHaveLength(1);
  });
});

describe('downloads', () => {
  const base = `/assessments/${DEMO}`;
  const downloads = async () =>
    (await entries('export.download')).map((e) => ({ entity: e.entity, entityId: e.entityId, after: e.after }));

  it('audit every download of private data when it is answered, not when it is refused', async () => {
    const reader = await sessionCookie(t, 'reader1');
    const admin = await sessionCookie(t, 'admin');
    const before = (await downloads()).length;
    const ok = async (path: string, cookie: string, status = 200) => {
      const res = await get(t, path, { cookie, headers: { 'sec-fetch-site': 'same-origin' } });
      await res.arrayBuffer();
      expect(res.status, path).toBe(status);
    };
    /** A PDF still rendering is a progress page (202), not a download: it records nothing, and is asked again. */
    const pdf = async (path: string, cookie: string) => {
      for (let tries = 0; tries < 120; tries++) {
        const count = (await downloads()).length;
        const res = await get(t, path, { cookie });
        await res.arrayBuffer();
        if (res.status === 200) return;
        expect(res.status, path).toBe(202);
        expect(await downloads()).toHaveLength(count);
        await new Promise((r) => setTimeout(r, 500));
      }
      throw new Error(`${path} never became ready`);
    };
    await ok(`${base}/snapshots/${snapshot}/snapshot.json`, reader);
    await ok(`${base}/snapshots/${snapshot}/ranking.csv`, reader);
    await pdf(`${base}/snapshots/${snapshot}/report.pdf?lang=zh`, reader);
    await pdf(`${base}/snapshots/${snapshot}/cities/wuwei/brief.pdf?lang=en`, reader);
    await ok(`${base}/snapshots/compare?from=${snapshot}&to=${snapshot}&format=csv`, reader);
    await ok(`${base}/results/ranking.csv`, admin);
    await ok(`${base}/audit.csv`, admin);
    await ok(`/api/assessments/${DEMO}/snapshots/${snapshot}`, reader);
    await ok(`/api/assessments/${DEMO}/results`, admin);
    await ok(`/api/assessments/${DEMO}/problem`, admin);
    await ok('/admin/users/audit.csv', admin);
    const snap = { assessment: DEMO, snapshot };
    const demo = await t.db.query.assessments.findFirst();
    const id = String(demo!.id);
    expect((await downloads()).slice(before)).toEqual([
      { entity: 'snapshot', entityId: String(snapshot), after: { kind: 'snapshot', format: 'json', ...snap } },
      {
        entity: 'snapshot',
        entityId: String(snapshot),
        after: { kind: 'table', table: 'ranking', format: 'csv', lang: 'en', ...snap },
      },
      { entity: 'snapshot', entityId: String(snapshot), after: { kind: 'report', format: 'pdf', lang: 'zh', ...snap } },
      {
        entity: 'snapshot',
        entityId: String(snapshot),
        after: { kind: 'brief', format: 'pdf', lang: 'en', city: 'wuwei', ...snap },
      },
      {
        entity: 'snapshot',
        entityId: String(snapshot),
        after: { kind: 'compare', table: `${snapshot}-${snapshot}`, format: 'csv', ...snap },
      },
      {
        entity: 'assessment',
        entityId: id,
        after: { kind: 'draft', table: 'ranking', format: 'csv', lang: 'en', assessment: DEMO },
      },
      { entity: 'assessment', entityId: id, after: { kind: 'audit', format: 'csv', assessment: DEMO } },
      {
        entity: 'snapshot',
        entityId: String(snapshot),
        after: { kind: 'snapshot', format: 'json', via: 'api', ...snap },
      },
      { entity: 'assessment', entityId: id, after: { kind: 'results', format: 'json', via: 'api', assessment: DEMO } },
      { entity: 'assessment', entityId: id, after: { kind: 'problem', format: 'json', via: 'api', assessment: DEMO } },
      { entity: 'audit', entityId: 'accounts', after: { kind: 'accounts', format: 'csv' } },
    ]);
    const readerUser = await findUserByUsername(t.db, 'reader1');
    expect((await entries('export.download')).at(before)?.userId).toBe(readerUser!.id);

    // Refused: a viewer on the chair's files, a snapshot that is not there, a language that is not offered.
    const count = (await downloads()).length;
    await ok(`${base}/audit.csv`, reader, 403);
    await ok(`${base}/snapshots/${snapshot + 9}/snapshot.json`, reader, 404);
    await ok(`${base}/snapshots/${snapshot}/report.pdf?lang=fr`, reader, 400);
    await ok(`${base}/snapshots/${snapshot}/nothing.csv`, reader, 404);
    await ok('/admin/users/audit.csv', reader, 403);
    expect(await downloads()).toHaveLength(count);
  });

  it('show in the assessment’s audit trail, labelled in the reader’s language', async () => {
    const admin = await sessionCookie(t, 'admin');
    const en = await (await get(t, `${base}/audit?person=reader1`, { cookie: admin })).text();
    expect(en).toContain('Downloaded');
    expect(en).toContain(`report · PDF · #${snapshot} · zh`);
    expect(en).toContain('snapshot data · JSON');
    const zh = await (await get(t, `${base}/audit`, { cookie: admin, headers: { 'accept-language': 'zh-CN' } })).text();
    expect(zh).toContain('下载');
    expect(zh).toContain('城市简报 · PDF');
    expect(zh).toContain('发布快照');
  });
});

describe('the account audit log', () => {
  it('is for administrators only', async () => {
    for (const path of ['/admin/users/audit', '/admin/users/audit.csv'])
      expect((await get(t, path, { cookie: await sessionCookie(t, 'expert1') })).status).toBe(403);
  });

  it('lists sign-ins, failures, lockouts, sign-outs, ended sessions, account changes and tokens, escaped', async () => {
    const hostile = await findUserByUsername(t.db, 'hostile');
    const at = t.now();
    const agent = '<script>alert("ua")</script>';
    await auditInsert(t.db, {
      at,
      userId: hostile!.id,
      action: 'auth.login',
      entity: 'session',
      entityId: 'abc',
      after: { username: 'hostile', address: '203.0.113.9', userAgent: agent },
    });
    await auditInsert(t.db, {
      at,
      userId: null,
      action: 'auth.login_failed',
      entity: 'username',
      entityId: '<b>x</b>',
      after: { username: '<b>x</b>', address: '198.51.100.7' },
    });
    await auditInsert(t.db, {
      at,
      userId: null,
      action: 'auth.locked',
      entity: 'username',
      entityId: 'hostile',
      after: { username: 'hostile', address: '198.51.100.7', retryAfterS: 900, limit: 5 },
    });
    await auditInsert(t.db, {
      at,
      userId: hostile!.id,
      action: 'auth.logout',
      entity: 'session',
      entityId: 'abc',
      after: { address: '203.0.113.9' },
    });
    await post(t, '/admin/users/hostile/sessions/end', {}, { cookie: await sessionCookie(t, 'admin') });

    const admin = await sessionCookie(t, 'admin');
    const html = await (await get(t, '/admin/users/audit', { cookie: admin })).text();
    const body = html.slice(html.indexOf('<tbody>'));
    for (const label of [
      'Signed in',
      'Sign-in failed',
      'Sign-in blocked: too many failures',
      'Signed out',
      'Sessions ended by an administrator',
      'API token used',
      'API token created',
      'Account created',
      'Downloaded',
    ])
      expect(body, label).toContain(`<td>${label}</td>`);
    expect(body).toContain('blocked for 900 s');
    expect(body).toContain('198.51.100.7');
    expect(body).toContain('nightly · GET /api/assessments/');
    expect(body).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(body).toContain('&lt;script&gt;');
    expect(body).toContain('&lt;b&gt;x&lt;/b&gt;');
    expect(body).not.toMatch(/<script|<img|<b>/);
    // Not an account-level entry.
    expect(body).not.toContain('Score changed');
    expect(body).not.toContain('report · PDF');

    const zh = await (
      await get(t, '/admin/users/audit', { cookie: admin, headers: { 'accept-language': 'zh-CN' } })
    ).text();
    for (const label of [
      '登录',
      '登录失败',
      '登录被阻止：失败次数过多',
      '退出登录',
      '管理员结束了会话',
      '使用 API 令牌',
    ])
      expect(zh, label).toContain(`<td>${label}</td>`);
  });

  it('shows what the sign-in form itself records: a failed sign-in, the sign-in and the sign-out', async () => {
    const before = (await entries('auth.login')).length;
    const failed = await post(t, '/login', { username: 'second-admin', password: 'not-the-password-at-all' });
    expect(failed.status).toBe(422);
    const { cookie } = await login(t, 'second-admin', 'second-admin-password-42');
    expect((await post(t, '/logout', {}, { cookie })).status).toBe(303);
    expect((await entries('auth.login')).length).toBe(before + 1);

    const admin = await sessionCookie(t, 'admin');
    const html = await (await get(t, '/admin/users/audit?person=second-admin', { cookie: admin })).text();
    const body = html.slice(html.indexOf('<tbody>'));
    for (const label of ['Signed in', 'Sign-in failed', 'Signed out'])
      expect(body, label).toContain(`<td>${label}</td>`);
    expect(body).not.toContain('hostile');
  });

  it('filters by account (entries by it and about it), by a typed username, and by dates; the CSV follows', async () => {
    const admin = await sessionCookie(t, 'admin');
    const rowsOf = async (query: string) => {
      const html = await (await get(t, `/admin/users/audit?${query}`, { cookie: admin })).text();
      return html.includes('<tbody>') ? html.slice(html.indexOf('<tbody>')).split('<tr>').length - 1 : 0;
    };
    const hostile = await rowsOf('person=hostile');
    // Created, signed in, locked, signed out, sessions ended.
    expect(hostile).toBe(5);
    expect(await rowsOf('person=%3Cb%3Ex%3C%2Fb%3E')).toBe(1);
    expect(await rowsOf('person=nobody-at-all')).toBe(0);
    expect(await rowsOf('from=2020-01-01&to=2020-01-02')).toBe(0);
    // The harness stamps the account's creation with the real date, the other four with the test clock's day.
    const day = t.now().toISOString().slice(0, 10);
    expect(await rowsOf(`person=hostile&from=${day}&to=${day}`)).toBe(4);

    const csv = await get(t, '/admin/users/audit.csv?person=hostile', { cookie: admin });
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('cache-control')).toBe('no-store');
    const bytes = new Uint8Array(await csv.arrayBuffer());
    // A BOM, for spreadsheets; the decoder drops it.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    const lines = text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('"at","username","name","action","account","address","user_agent","before","after"');
    expect(lines).toHaveLength(1 + 5);
    expect(text).toContain('"auth.locked","hostile","198.51.100.7"');
    expect(text).toContain('"<script>alert(""ua"")</script>"');
  });
});
