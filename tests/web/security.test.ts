import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase } from '../../src/db/client.ts';
import { loginAttempts, sessions, users } from '../../src/db/schema.ts';
import { addUser, get, login, ORIGIN, post, startTestApp, type TestApp } from './harness.ts';

const PASSWORD = 'river-oasis-gansu-42';
// Written out here rather than imported, so a loosened policy in the code fails this test.
const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
  await addUser(t.db, 'li.wei', PASSWORD, { displayName: 'Li Wei' });
  t.app.get('/test/boom', () => {
    throw new Error('kaboom: secret detail from /srv/corridor/src/secret.ts');
  });
});
afterEach(() => t.close());

function expectSecureHeaders(res: Response, what: string) {
  expect(res.headers.get('content-security-policy'), what).toBe(STRICT_CSP);
  expect(res.headers.get('x-frame-options'), what).toBe('DENY');
  expect(res.headers.get('x-content-type-options'), what).toBe('nosniff');
  expect(res.headers.get('referrer-policy'), what).toBe('same-origin');
  expect(res.headers.get('x-powered-by'), what).toBeNull();
}

/** No inline script, inline style or event-handler attribute: the CSP would block them, so none may be needed. */
function expectNoInlineCode(html: string, what: string) {
  expect(html, what).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
  expect(html, what).not.toMatch(/<style[\s>]/i);
  expect(html, what).not.toMatch(/\sstyle=/i);
  expect(html, what).not.toMatch(/\son[a-z]+=/i);
  expect(html, what).not.toMatch(/javascript:/i);
}

function expectNoStackTrace(html: string) {
  expect(html).not.toMatch(/\bat .+\(.*:\d+:\d+\)/);
  expect(html).not.toMatch(/\.ts:\d+/);
  expect(html).not.toContain('kaboom');
  expect(html).not.toContain('Error:');
}

describe('security headers', () => {
  it('are on every kind of response: pages, sign-in, 404, 403, 500, static files and the health check', async () => {
    const { cookie } = await login(t, 'li.wei', PASSWORD);
    const responses: Array<[string, Response]> = [
      ['home', await get(t, '/', { cookie })],
      ['login', await get(t, '/login')],
      ['redirect', await get(t, '/')],
      ['404', await get(t, '/no/such/page')],
      [
        '403',
        await post(t, '/login', { username: 'x', password: 'y' }, { headers: { origin: 'https://evil.example' } }),
      ],
      ['500', await get(t, '/test/boom')],
      ['css', await get(t, '/static/app.css')],
      ['htmx', await get(t, '/static/htmx.min.js')],
      ['healthz', await get(t, '/healthz')],
    ];
    for (const [what, res] of responses) expectSecureHeaders(res, what);
  });

  it('pages carry no inline script, style or handler and load scripts from this origin only', async () => {
    const { cookie } = await login(t, 'li.wei', PASSWORD);
    for (const [what, res] of [
      ['home', await get(t, '/', { cookie })],
      ['login', await get(t, '/login')],
      ['login failure', await post(t, '/login', { username: 'li.wei', password: 'wrong-password' })],
      ['404', await get(t, '/nope')],
      ['500', await get(t, '/test/boom')],
    ] as const) {
      const html = await res.text();
      expectNoInlineCode(html, what);
      expect(html).toContain('<script src="/static/htmx.min.js"');
    }
  });

  it('serves htmx from node_modules, not a CDN', async () => {
    const res = await get(t, '/static/htmx.min.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(await res.text()).toMatch(/htmx/);
  });
});

describe('CSRF', () => {
  it('rejects a cross-origin form post with 403 and writes nothing', async () => {
    const res = await post(
      t,
      '/login',
      { username: 'li.wei', password: PASSWORD },
      { headers: { origin: 'https://evil.example' } },
    );
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Not allowed');
    expect(await t.db.select().from(sessions)).toHaveLength(0);
    expect(await t.db.select().from(loginAttempts)).toHaveLength(0);
  });

  it('rejects a post with neither Origin nor Sec-Fetch-Site, and accepts Sec-Fetch-Site: same-origin', async () => {
    const bare = await t.app.request('/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: 'li.wei', password: PASSWORD }).toString(),
    });
    expect(bare.status).toBe(403);
    const sameOrigin = await t.app.request('/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
      body: new URLSearchParams({ username: 'li.wei', password: PASSWORD }).toString(),
    });
    expect(sameOrigin.status).toBe(303);
  });

  it('does not let another site sign a user out or change their language', async () => {
    const { cookie } = await login(t, 'li.wei', PASSWORD);
    const evil = { cookie, headers: { origin: 'https://evil.example' } };
    expect((await post(t, '/logout', {}, evil)).status).toBe(403);
    expect((await post(t, '/locale', { locale: 'zh' }, evil)).status).toBe(403);
    expect(await t.db.select().from(sessions)).toHaveLength(1);
    const [user] = await t.db.select().from(users).where(eq(users.username, 'li.wei'));
    expect(user.locale).toBeNull();
  });
});

describe('error pages', () => {
  it('404 is a page in the site layout without internals', async () => {
    const res = await get(t, '/definitely/missing');
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain('Page not found');
    expect(html).toContain('<html lang="en">');
    expectNoStackTrace(html);
  });

  it('a thrown error is a 500 page with a reference; the stack goes to the log only', async () => {
    const res = await get(t, '/test/boom');
    expect(res.status).toBe(500);
    const html = await res.text();
    expect(html).toContain('Something went wrong');
    expectNoStackTrace(html);
    const reference = html.match(/Reference: ([0-9a-f]{8})/)?.[1];
    expect(reference).toBeDefined();
    const logged = t.logs.find((line) => line.startsWith(`${reference} error GET /test/boom`));
    expect(logged).toContain('kaboom');
    expect(t.logs.some((line) => line.startsWith(`${reference} GET /test/boom 500 `))).toBe(true);
  });

  it('a database that cannot be reached is a 503 page saying so, not a stack trace', async () => {
    const { cookie } = await login(t, 'li.wei', PASSWORD);
    closeDatabase(t.db);
    const res = await get(t, '/', { cookie });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).not.toBeNull();
    const html = await res.text();
    expect(html).toContain('The database cannot be reached.');
    expectNoStackTrace(html);
  });
});

describe('methods and addresses the app does not serve', () => {
  it.each(['PUT', 'DELETE', 'PATCH', 'OPTIONS'])(
    '%s on /login is 405 with an Allow header, not a 404',
    async (method) => {
      const res = await t.app.request('/login', { method, headers: { origin: ORIGIN } });
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('GET, HEAD, POST');
      const html = await res.text();
      expect(html).toContain('Method not allowed');
      expect(html).toContain('It accepts: GET, HEAD, POST.');
      expectSecureHeaders(res, method);
    },
  );

  it('405 for a GET of a post-only address, 404 for a missing file under /static and for paths that try to climb out', async () => {
    const logout = await get(t, '/logout');
    expect(logout.status).toBe(405);
    expect(logout.headers.get('allow')).toBe('POST');
    for (const path of [
      '/static/missing.css',
      '/static/%2e%2e/src/server.ts',
      '/static/..%2f..%2fpackage.json',
      '/%00',
      '/%ff',
    ]) {
      const res = await get(t, path);
      expect(res.status, path).toBe(404);
      expectSecureHeaders(res, path);
      expect(await res.text()).not.toContain('createApp');
    }
  });

  it('answers HEAD like GET, without a body', async () => {
    const res = await t.app.request('/login', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    expectSecureHeaders(res, 'HEAD');
  });
});

describe('tampered cookies', () => {
  it.each([
    ['a made-up token', 'corridor_session=forged-token'],
    ['a token with bytes that are not a token', 'corridor_session=%ZZ%00'],
    ['the stored session id (the token’s hash) instead of the token', 'hash'],
  ])('%s is treated as an ended session: sign-in page, cookie cleared', async (_, cookie) => {
    const { cookie: real } = await login(t, 'li.wei', PASSWORD);
    const [row] = await t.db.select().from(sessions);
    const sent = cookie === 'hash' ? `corridor_session=${row.id}` : cookie;
    expect(real).not.toBe(sent);
    const res = await get(t, '/', { cookie: sent });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login?next=%2F&ended');
    expect(res.headers.getSetCookie().join()).toMatch(/corridor_session=; Max-Age=0/);
    // The real session is untouched by someone else's bad cookie.
    expect((await get(t, '/', { cookie: real })).status).toBe(200);
  });

  it('a language cookie with a value that is not a language falls back to the browser’s language', async () => {
    const res = await get(t, '/login', { cookie: 'lang=xx', headers: { 'accept-language': 'zh-CN' } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<html lang="zh-Hans">');
  });
});

describe('request log', () => {
  it('logs method, path, status and duration, and never a password or a session token', async () => {
    const { cookie } = await login(t, 'li.wei', PASSWORD);
    await get(t, '/?token=should-not-appear', { cookie });
    expect(t.logs.some((l) => /^[0-9a-f]{8} POST \/login 303 \d+ms$/.test(l))).toBe(true);
    expect(t.logs.some((l) => /^[0-9a-f]{8} GET \/ 200 \d+ms$/.test(l))).toBe(true);
    const all = t.logs.join('\n');
    expect(all).not.toContain(PASSWORD);
    expect(all).not.toContain(cookie.split('=')[1]);
    expect(all).not.toContain('should-not-appear');
  });

  it('cannot be made to print a forged line by a newline encoded in the path', async () => {
    await get(t, '/nothing%0a12345678%20GET%20/%20200%201ms');
    expect(t.logs.every((line) => !line.includes('\n'))).toBe(true);
    expect(t.logs.some((l) => /^[0-9a-f]{8} GET \/nothing%0a12345678%20GET%20\/%20200%201ms 404 \d+ms$/.test(l))).toBe(
      true,
    );
  });
});
