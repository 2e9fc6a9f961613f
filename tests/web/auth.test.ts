import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { disableUser, findUserByUsername } from '../../src/db/queries/users.ts';
import { loginAttempts, sessions, users } from '../../src/db/schema.ts';
import { addUser, cookieFrom, get, login, post, setCookieLine, startTestApp, type TestApp } from './harness.ts';

const PASSWORD = 'river-oasis-gansu-42';
const HOUR = 60 * 60 * 1000;
const MINUTE = 60 * 1000;

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
  await addUser(t.db, 'li.wei', PASSWORD, { displayName: 'Li Wei' });
});
afterEach(() => t.close());

const tokenOf = (cookie: string) => cookie.slice(cookie.indexOf('=') + 1);
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

describe('sign-in', () => {
  it('sets an HttpOnly, SameSite=Lax session cookie and stores only the hash of its token', async () => {
    const { res, cookie } = await login(t, 'li.wei', PASSWORD);
    expect(res.headers.get('location')).toBe('/');
    const line = setCookieLine(res, 'corridor_session') ?? '';
    expect(line).toMatch(/; HttpOnly/);
    expect(line).toMatch(/; SameSite=Lax/);
    expect(line).toMatch(/; Path=\//);
    expect(line).not.toMatch(/; Secure/);

    const token = tokenOf(cookie);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    const rows = await t.db.select().from(sessions);
    expect(rows).toHaveLength(1);
    expect(rows[0].id).toBe(sha256(token));
    expect(JSON.stringify(rows)).not.toContain(token);

    const home = await get(t, '/', { cookie });
    expect(home.status).toBe(200);
    expect(await home.text()).toMatch(
      /<a class="usermenu__name" href="\/account" title="Your account"><span class="visually-hidden">Signed in as <\/span>Li Wei<\/a>/,
    );
  });

  it('accepts the username in any case', async () => {
    await login(t, 'LI.Wei', PASSWORD);
  });

  it('over TLS names the cookie __Host-corridor_session, Secure with Path=/ and no Domain, and reads only that name', async () => {
    const proxied = await startTestApp({ secureCookies: true });
    try {
      await addUser(proxied.db, 'li.wei', PASSWORD);
      const viaProxy = await post(
        proxied,
        '/login',
        { username: 'li.wei', password: PASSWORD },
        { headers: { origin: 'https://localhost' } },
      );
      expect(viaProxy.status).toBe(303);
      expect(setCookieLine(viaProxy, 'corridor_session')).toBeUndefined();
      const line = setCookieLine(viaProxy, '__Host-corridor_session') ?? '';
      expect(line).toMatch(/; Secure/);
      expect(line).toMatch(/; Path=\/(;|$)/);
      expect(line).not.toMatch(/Domain=/i);
      const hostCookie = cookieFrom(viaProxy, '__Host-corridor_session')!;
      expect((await get(proxied, '/', { cookie: hostCookie })).status).toBe(200);
      // The same token under the plain name is not read over TLS: a subdomain could have set that one.
      const plain = `corridor_session=${tokenOf(hostCookie)}`;
      expect((await get(proxied, '/', { cookie: plain })).status).toBe(303);
      const out = await post(proxied, '/logout', {}, { cookie: hostCookie, headers: { origin: 'https://localhost' } });
      expect(setCookieLine(out, '__Host-corridor_session')).toMatch(/Max-Age=0.*; Secure/);
    } finally {
      await proxied.close();
    }
    const direct = await t.app.request('https://localhost/login', {
      method: 'POST',
      headers: { origin: 'https://localhost', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: 'li.wei', password: PASSWORD }).toString(),
    });
    expect(direct.status).toBe(303);
    expect(setCookieLine(direct, '__Host-corridor_session')).toMatch(/; Secure/);
  });

  it('over plain http keeps the name corridor_session, without Secure, and does not read the __Host- name', async () => {
    const { res, cookie } = await login(t, 'li.wei', PASSWORD);
    expect(setCookieLine(res, '__Host-corridor_session')).toBeUndefined();
    expect(setCookieLine(res, 'corridor_session')).not.toMatch(/; Secure/);
    expect((await get(t, '/', { cookie: `__Host-${cookie}` })).status).toBe(303);
  });

  it('gives the same answer for an unknown user, a wrong password and a disabled account', async () => {
    const unknown = await post(t, '/login', { username: 'nobody', password: PASSWORD });
    const wrong = await post(t, '/login', { username: 'li.wei', password: 'not-the-password' });
    await addUser(t.db, 'ma.lin', PASSWORD);
    const maLin = await findUserByUsername(t.db, 'ma.lin');
    await disableUser(t.db, maLin!, null, t.now());
    const disabled = await post(t, '/login', { username: 'ma.lin', password: PASSWORD });

    const pages = await Promise.all([unknown, wrong, disabled].map((r) => r.text()));
    for (const [i, res] of [unknown, wrong, disabled].entries()) {
      expect(res.status).toBe(422);
      expect(cookieFrom(res, 'corridor_session')).toBeUndefined();
      expect(pages[i]).toContain('Incorrect username or password.');
    }
    const errorText = (html: string) => html.match(/role="alert"><p>([^<]*)</)?.[1];
    expect(errorText(pages[0])).toBe(errorText(pages[1]));
    expect(errorText(pages[1])).toBe(errorText(pages[2]));
    expect(await t.db.select().from(sessions)).toHaveLength(0);
  });

  it('starts a new session at every sign-in and ends the one the browser had', async () => {
    const first = await login(t, 'li.wei', PASSWORD);
    const second = await login(t, 'li.wei', PASSWORD, { cookie: first.cookie });
    expect(second.cookie).not.toBe(first.cookie);
    const ids = (await t.db.select().from(sessions)).map((s) => s.id);
    expect(ids).toEqual([sha256(tokenOf(second.cookie))]);
    expect((await get(t, '/', { cookie: first.cookie })).status).toBe(303);
    expect((await get(t, '/', { cookie: second.cookie })).status).toBe(200);
  });

  it('returns to the requested local page after sign-in, never to another site', async () => {
    const res = await post(t, '/login', { username: 'li.wei', password: PASSWORD, next: '/?tab=2' });
    expect(res.headers.get('location')).toBe('/?tab=2');
    for (const next of ['//evil.example/', 'https://evil.example/', '/\\evil.example']) {
      const away = await post(t, '/login', { username: 'li.wei', password: PASSWORD, next });
      expect(away.headers.get('location')).toBe('/');
    }
  });

  it('sends anonymous visitors to the sign-in page, and htmx requests get 401 with HX-Redirect', async () => {
    const page = await get(t, '/');
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/login?next=%2F');
    const fragment = await get(t, '/', { headers: { 'hx-request': 'true' } });
    expect(fragment.status).toBe(401);
    expect(fragment.headers.get('hx-redirect')).toBe('/login?next=%2F');
  });
});

describe('sign-in rate limit', () => {
  it('stops one account from one address after 5 failures for 15 minutes, with the same wording and a retry hint', async () => {
    for (let i = 0; i < 5; i++)
      expect(
        (await post(t, '/login', { username: 'li.wei', password: `wrong-${i}` }, { address: '10.0.0.1' })).status,
      ).toBe(422);
    t.advance(MINUTE);
    const limited = await post(t, '/login', { username: 'li.wei', password: PASSWORD }, { address: '10.0.0.1' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBe(14 * 60);
    const html = await limited.text();
    expect(html).toContain('Incorrect username or password, or too many attempts. Try again in 14 minutes.');
    expect(cookieFrom(limited, 'corridor_session')).toBeUndefined();
    // Other accounts from that address, and that account from another, are not held by this pair's limit.
    await addUser(t.db, 'ma.lin', PASSWORD);
    await login(t, 'ma.lin', PASSWORD, { address: '10.0.0.1' });
    await login(t, 'li.wei', PASSWORD, { address: '10.0.0.2' });

    t.advance(14 * MINUTE - 1000);
    expect((await post(t, '/login', { username: 'li.wei', password: PASSWORD }, { address: '10.0.0.1' })).status).toBe(
      429,
    );
    t.advance(1000);
    await login(t, 'li.wei', PASSWORD, { address: '10.0.0.1' });
  });

  it('five wrong passwords from five addresses do not lock admin out: a sixth address signs in after the delay', async () => {
    await addUser(t.db, 'admin', PASSWORD, { isAdmin: true });
    for (let i = 0; i < 5; i++)
      expect(
        (await post(t, '/login', { username: 'admin', password: `wrong-${i}` }, { address: `203.0.113.${i + 1}` }))
          .status,
      ).toBe(422);
    const early = await post(t, '/login', { username: 'admin', password: PASSWORD }, { address: '198.51.100.6' });
    expect(early.status).toBe(429);
    expect(Number(early.headers.get('retry-after'))).toBe(1);
    expect(await early.text()).toContain('Try again in 1 s.');
    t.advance(1000);
    await login(t, 'admin', PASSWORD, { address: '198.51.100.6' });
  });

  it('slows an account down progressively: 1 s after the 5th failure, doubling per failure, capped at 16 s', async () => {
    const waits: number[] = [];
    for (let i = 0; i < 11; i++) {
      // Each guess from its own address, so neither the pair nor the address limit is what answers.
      const address = `10.3.0.${i}`;
      let res = await post(t, '/login', { username: 'li.wei', password: `wrong-${i}` }, { address });
      if (res.status === 429) {
        const wait = Number(res.headers.get('retry-after'));
        waits.push(wait);
        t.advance(wait * 1000 - 1);
        expect((await post(t, '/login', { username: 'li.wei', password: 'x' }, { address })).status).toBe(429);
        t.advance(1);
        res = await post(t, '/login', { username: 'li.wei', password: `wrong-${i}` }, { address });
      }
      expect(res.status).toBe(422);
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 16]);
    // Refused attempts did not count as failures: one more wait of 16 s and the right password signs in.
    expect((await post(t, '/login', { username: 'li.wei', password: PASSWORD }, { address: '10.4.0.1' })).status).toBe(
      429,
    );
    t.advance(16_000);
    await login(t, 'li.wei', PASSWORD, { address: '10.4.0.1' });
    // A success ends the slowdown.
    expect((await post(t, '/login', { username: 'li.wei', password: 'wrong' }, { address: '10.4.0.2' })).status).toBe(
      422,
    );
  });

  it('holds when the guesses arrive all at once, not one after another', async () => {
    // Password checks take a while (scrypt), so a check-then-record limit lets every concurrent guess through.
    const guesses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        post(t, '/login', { username: 'li.wei', password: `wrong-${i}` }, { address: `10.1.0.${i}` }),
      ),
    );
    const statuses = guesses.map((r) => r.status);
    expect(statuses.filter((s) => s === 422).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s !== 422).every((s) => s === 429)).toBe(true);
    // Every guess that was checked is counted, so one by one afterwards the budget of 5 is all there is.
    let checked = statuses.filter((s) => s === 422).length;
    const accountRows = (await t.db.select().from(loginAttempts)).filter((a) => a.key === 'user:li.wei');
    expect(accountRows).toHaveLength(checked);
    for (let i = 0; i < 6; i++)
      if (
        (await post(t, '/login', { username: 'li.wei', password: `again-${i}` }, { address: '10.2.0.1' })).status ===
        422
      )
        checked++;
    expect(checked).toBe(5);
  });

  it('gives the same wording for the address limit as for the account limit', async () => {
    for (let i = 0; i < 20; i++)
      await post(t, '/login', { username: `guess${i % 5}`, password: `wrong-${i}` }, { address: '192.0.2.8' });
    const byAddress = await post(t, '/login', { username: 'li.wei', password: PASSWORD }, { address: '192.0.2.8' });
    expect(byAddress.status).toBe(429);
    expect(await byAddress.text()).toContain(
      'Incorrect username or password, or too many attempts. Try again in 15 minutes.',
    );
  });

  it('limits unknown usernames exactly like real ones', async () => {
    const answers = async (username: string) => {
      const seen: string[] = [];
      for (let i = 0; i < 7; i++) {
        const res = await post(
          t,
          '/login',
          { username, password: `wrong-${i}` },
          { address: `10.5.${username.length}.${i % 6}` },
        );
        seen.push(`${res.status} ${res.headers.get('retry-after')}`);
        if (i === 5) t.advance(1000);
      }
      return seen;
    };
    const ghost = await answers('ghost');
    t.advance(20 * MINUTE);
    expect(await answers('li.wei')).toEqual(ghost);
    expect(ghost).toContain('429 1');
  });

  it('blocks an address after 20 failures across accounts, while other addresses still sign in', async () => {
    for (let i = 0; i < 20; i++) {
      const res = await post(
        t,
        '/login',
        { username: `guess${i % 5}`, password: `wrong-${i}` },
        { address: '192.0.2.7' },
      );
      expect(res.status).toBe(422);
    }
    expect((await post(t, '/login', { username: 'li.wei', password: PASSWORD }, { address: '192.0.2.7' })).status).toBe(
      429,
    );
    expect(
      (await post(t, '/login', { username: 'li.wei', password: PASSWORD }, { address: '198.51.100.3' })).status,
    ).toBe(303);
  });

  it('forgets an account’s failures after a successful sign-in, but not the address’s', async () => {
    for (let i = 0; i < 4; i++)
      await post(t, '/login', { username: 'li.wei', password: `wrong-${i}` }, { address: '10.0.0.9' });
    await login(t, 'li.wei', PASSWORD, { address: '10.0.0.9' });
    const keys = (await t.db.select().from(loginAttempts)).map((a) => a.key);
    expect(keys.filter((k) => k.startsWith('user:') || k.startsWith('pair:'))).toEqual([]);
    expect(keys.filter((k) => k === 'ip:10.0.0.9')).toHaveLength(4);
  });
});

describe('sign-out and expiry', () => {
  it('deletes the session row, clears the cookie, and the old cookie no longer works', async () => {
    const { cookie } = await login(t, 'li.wei', PASSWORD);
    const res = await post(t, '/logout', {}, { cookie });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login?signedOut');
    expect(setCookieLine(res, 'corridor_session')).toMatch(/Max-Age=0/);
    expect(await t.db.select().from(sessions)).toHaveLength(0);
    const again = await get(t, '/', { cookie });
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toMatch(/^\/login\?next=/);
    expect(await (await get(t, '/login?signedOut')).text()).toContain('You have signed out.');
  });

  it('ends a session after 8 idle hours, and each request moves that limit', async () => {
    const { cookie } = await login(t, 'li.wei', PASSWORD);
    t.advance(8 * HOUR - MINUTE);
    expect((await get(t, '/', { cookie })).status).toBe(200);
    t.advance(8 * HOUR - MINUTE);
    expect((await get(t, '/', { cookie })).status).toBe(200);
    t.advance(8 * HOUR);
    const expired = await get(t, '/', { cookie });
    expect(expired.status).toBe(303);
    expect(expired.headers.get('location')).toBe('/login?next=%2F&ended');
    expect(setCookieLine(expired, 'corridor_session')).toMatch(/Max-Age=0/);
    expect(await t.db.select().from(sessions)).toHaveLength(0);
    expect(await (await get(t, '/login?ended')).text()).toContain('Your session has ended. Please sign in again.');
  });

  it('ends a session 7 days after sign-in even when it is used all the time', async () => {
    const { cookie } = await login(t, 'li.wei', PASSWORD);
    const started = t.now().getTime();
    for (;;) {
      t.advance(7 * HOUR);
      const res = await get(t, '/', { cookie });
      if (t.now().getTime() - started < 7 * 24 * HOUR) {
        expect(res.status).toBe(200);
      } else {
        expect(res.status).toBe(303);
        break;
      }
    }
    expect(await t.db.select().from(sessions)).toHaveLength(0);
  });

  it('a sign-in clears out every expired session, also those of users who never came back', async () => {
    await addUser(t.db, 'ma.lin', PASSWORD);
    await login(t, 'ma.lin', PASSWORD);
    t.advance(8 * HOUR);
    const { cookie } = await login(t, 'li.wei', PASSWORD);
    const rows = await t.db.select().from(sessions);
    expect(rows.map((s) => s.id)).toEqual([sha256(tokenOf(cookie))]);
  });

  it('refuses a session whose user has been disabled, even if the session row is still there', async () => {
    const { cookie } = await login(t, 'li.wei', PASSWORD);
    // Written directly, not through disableUser (which also deletes the sessions): the session check must catch it on
    // its own.
    await t.db.update(users).set({ disabledAt: t.now() }).where(eq(users.username, 'li.wei'));
    expect((await get(t, '/', { cookie })).status).toBe(303);
    expect(await t.db.select().from(sessions)).toHaveLength(0);
  });
});
