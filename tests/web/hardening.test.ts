/**
 * Transport and sign-in hardening: HSTS only over TLS, CORRIDOR_TRUST_PROXY (which peers' X-Forwarded-For and
 * X-Forwarded-Proto count), and the audit entries of sign-in events.
 */
import { asc, like } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/db/config.ts';
import { auditLog } from '../../src/db/schema.ts';
import { serverSettingsFromEnv } from '../../src/server.ts';
import { parseTrustedProxies } from '../../src/web/trusted-proxy.ts';
import { addUser, get, login, post, setCookieLine, startTestApp, type TestApp } from './harness.ts';

const PASSWORD = 'river-oasis-gansu-42';
const HSTS = 'max-age=31536000; includeSubDomains';
const PROXY = '10.9.0.1';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function app(options: Parameters<typeof startTestApp>[0] = {}): Promise<TestApp> {
  t = await startTestApp(options);
  await addUser(t.db, 'li.wei', PASSWORD);
  await addUser(t.db, 'ma.lin', PASSWORD);
  return t;
}

const wrong = (a: TestApp, username: string, headers: Record<string, string>, address = PROXY) =>
  post(a, '/login', { username, password: 'not-it' }, { address, headers });

describe('Strict-Transport-Security', () => {
  it('is never sent over plain http, even by a peer that claims https', async () => {
    const a = await app();
    for (const res of [
      await get(a, '/login'),
      await get(a, '/login', { address: PROXY, headers: { 'x-forwarded-proto': 'https' } }),
      await get(a, '/static/htmx.min.js'),
    ])
      expect(res.headers.get('strict-transport-security')).toBeNull();
  });

  it('is sent on every answer over https, with CORRIDOR_SECURE_COOKIES, or via a trusted proxy saying https', async () => {
    const direct = await app();
    const overHttps = await direct.app.request('https://localhost/login');
    expect(overHttps.headers.get('strict-transport-security')).toBe(HSTS);
    expect((await direct.app.request('https://localhost/nowhere')).headers.get('strict-transport-security')).toBe(HSTS);
    await direct.close();

    const secure = await app({ secureCookies: true });
    expect((await get(secure, '/login')).headers.get('strict-transport-security')).toBe(HSTS);
    await secure.close();

    const proxied = await app({ trustProxy: PROXY });
    const via = (proto: string, address = PROXY) =>
      get(proxied, '/login', { address, headers: { 'x-forwarded-proto': proto } });
    expect((await via('https')).headers.get('strict-transport-security')).toBe(HSTS);
    expect((await via('http')).headers.get('strict-transport-security')).toBeNull();
    expect((await via('https', '10.9.0.2')).headers.get('strict-transport-security')).toBeNull();
    // Via the trusted proxy over https the session cookie is the Secure __Host- one.
    const signedIn = await post(
      proxied,
      '/login',
      { username: 'li.wei', password: PASSWORD },
      { address: PROXY, headers: { 'x-forwarded-proto': 'https', origin: 'https://localhost' } },
    );
    expect(signedIn.status).toBe(303);
    expect(setCookieLine(signedIn, '__Host-corridor_session')).toMatch(/; Secure/);
  });
});

describe('CORRIDOR_TRUST_PROXY', () => {
  it('ignores X-Forwarded-For by default, so invented addresses do not escape the per-address limit', async () => {
    const a = await app();
    for (let i = 0; i < 5; i++)
      expect((await wrong(a, 'li.wei', { 'x-forwarded-for': `198.51.100.${i}` })).status).toBe(422);
    expect((await wrong(a, 'li.wei', { 'x-forwarded-for': '198.51.100.99' })).status).toBe(429);
  });

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', async () => {
    const a = await app({ trustProxy: PROXY });
    for (let i = 0; i < 5; i++)
      expect((await wrong(a, 'li.wei', { 'x-forwarded-for': `198.51.100.${i}` }, '10.9.0.2')).status).toBe(422);
    expect((await wrong(a, 'li.wei', { 'x-forwarded-for': '198.51.100.99' }, '10.9.0.2')).status).toBe(429);
  });

  it('from the trusted proxy, separates the users behind it by the right-most untrusted X-Forwarded-For entry', async () => {
    const a = await app({ trustProxy: `${PROXY},10.8.0.0/16` });
    // The client's own left-most entry is invented; the proxies (10.8.x, then PROXY) appended the real one.
    const from = (client: string) => ({ 'x-forwarded-for': `1.2.3.4, ${client}, 10.8.0.7` });
    for (let i = 0; i < 5; i++) expect((await wrong(a, 'li.wei', from('192.0.2.10'))).status).toBe(422);
    expect((await wrong(a, 'li.wei', from('192.0.2.10'))).status).toBe(429);
    // Another user behind the same proxy has a limit of their own.
    await login(a, 'ma.lin', PASSWORD, { address: PROXY, headers: from('192.0.2.11') });
    const failed = await a.db.select().from(auditLog).where(like(auditLog.action, 'auth.%')).orderBy(asc(auditLog.id));
    expect(failed.map((e) => (e.after as { address?: string }).address)).toEqual([
      ...Array(5).fill('192.0.2.10'),
      '192.0.2.10',
      '192.0.2.11',
    ]);
  });

  it('from the trusted proxy, gives each client behind it its own per-address limit', async () => {
    const a = await app({ trustProxy: PROXY });
    const from = (client: string) => ({ 'x-forwarded-for': client });
    for (let i = 0; i < 20; i++) expect((await wrong(a, `guess${i % 5}`, from('192.0.2.50'))).status).toBe(422);
    expect((await wrong(a, 'guess9', from('192.0.2.50'))).status).toBe(429);
    // Untrusted, every client would share the proxy's address and this sign-in would be refused too.
    await login(a, 'li.wei', PASSWORD, { address: PROXY, headers: from('192.0.2.51') });
  });

  it('accepts addresses and CIDR ranges, IPv4 and IPv6, and compares IPv4-mapped peers as IPv4', () => {
    const parsed = parseTrustedProxies(' 10.0.0.5 , 10.1.0.0/16,fd00::/8,::1');
    if (!parsed.ok) throw new Error(parsed.bad);
    const { trusts } = parsed.proxies;
    expect(['10.0.0.5', '::ffff:10.0.0.5', '10.1.255.3', 'fd12::1', '::1'].every(trusts)).toBe(true);
    expect(['10.0.0.6', '10.2.0.1', 'fe80::1', 'local', ''].some(trusts)).toBe(false);
  });

  it('stops start-up with a message naming the setting when a value is not an address or range', () => {
    for (const bad of ['10.0.0.300', 'proxy.local', '10.0.0.0/33', '10.0.0.0/8/1', ',', '::1/129']) {
      const settings = () => serverSettingsFromEnv({ CORRIDOR_TRUST_PROXY: bad });
      expect(settings).toThrow(ConfigError);
      expect(settings).toThrow(/^CORRIDOR_TRUST_PROXY must be a comma-separated list of IP addresses or CIDR ranges/);
    }
    expect(serverSettingsFromEnv({}).trustedProxies).toBeNull();
    expect(serverSettingsFromEnv({ CORRIDOR_TRUST_PROXY: '10.0.0.5' }).trustedProxies?.trusts('10.0.0.5')).toBe(true);
  });
});

describe('audit entries of sign-in events', () => {
  const entries = async (a: TestApp) =>
    (await a.db.select().from(auditLog).where(like(auditLog.action, 'auth.%')).orderBy(asc(auditLog.id))).map(
      ({ action, userId, entity, entityId, after }) => ({
        action,
        userId,
        entity,
        entityId,
        after,
      }),
    );

  it('records sign-in, failed sign-ins of known and unknown names, the throttle refusing, and sign-out', async () => {
    const a = await app();
    const liWei = (await a.db.query.users.findFirst({ where: (u, { eq }) => eq(u.username, 'li.wei') }))!;
    const address = '192.0.2.20';
    const { cookie } = await login(a, 'Li.Wei', PASSWORD, { address, headers: { 'user-agent': 'TestBrowser/1' } });
    await post(a, '/logout', {}, { cookie, address });
    await post(a, '/login', { username: 'li.wei', password: 'nope' }, { address });
    for (let i = 0; i < 5; i++) await post(a, '/login', { username: 'Ghost', password: 'nope' }, { address });
    await post(a, '/login', { username: 'ghost', password: 'nope' }, { address });
    expect(await entries(a)).toEqual([
      {
        action: 'auth.login',
        userId: liWei.id,
        entity: 'user',
        entityId: String(liWei.id),
        after: { address, userAgent: 'TestBrowser/1' },
      },
      { action: 'auth.logout', userId: liWei.id, entity: 'user', entityId: String(liWei.id), after: { address } },
      {
        action: 'auth.login_failed',
        userId: liWei.id,
        entity: 'user',
        entityId: String(liWei.id),
        after: { username: 'li.wei', address },
      },
      ...Array(5).fill({
        action: 'auth.login_failed',
        userId: null,
        entity: 'username',
        entityId: 'ghost',
        after: { username: 'ghost', address },
      }),
      {
        action: 'auth.locked',
        userId: null,
        entity: 'username',
        entityId: 'ghost',
        after: { username: 'ghost', address, retryAfterS: 900, limit: 'pair' },
      },
    ]);
  });

  it('names the account-delay limit when that is what refused the attempt', async () => {
    const a = await app();
    for (let i = 0; i < 5; i++) await wrong(a, 'ma.lin', {}, `192.0.2.${30 + i}`);
    expect((await wrong(a, 'ma.lin', {}, '192.0.2.40')).status).toBe(429);
    const last = (await entries(a)).at(-1);
    expect(last?.action).toBe('auth.locked');
    expect(last?.after).toEqual({ username: 'ma.lin', address: '192.0.2.40', retryAfterS: 1, limit: 'account-delay' });
  });
});
