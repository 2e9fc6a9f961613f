import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { users } from '../../src/db/schema.ts';
import { catalogue, type MessageKey, t as translate } from '../../src/i18n/messages.ts';
import { negotiateLocale } from '../../src/i18n/negotiate.ts';
import { addUser, cookieFrom, get, login, post, startTestApp, type TestApp } from './harness.ts';

const PASSWORD = 'river-oasis-gansu-42';
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const HAN = /\p{Script=Han}/u;
// Product and language names read the same in both catalogues.
const SAME_IN_BOTH: readonly MessageKey[] = ['app.name', 'lang.en', 'lang.zh'];

describe('catalogue', () => {
  const keys = Object.keys(catalogue.en) as MessageKey[];

  it('has the same keys and the same placeholders in English and Chinese', () => {
    expect(Object.keys(catalogue.zh).sort()).toEqual([...keys].sort());
    for (const key of keys) expect(placeholders(catalogue.zh[key]), key).toEqual(placeholders(catalogue.en[key]));
  });

  it('is actually translated: every Chinese text but names contains Chinese characters', () => {
    for (const key of keys) {
      expect(catalogue.en[key].trim(), key).not.toBe('');
      if (!SAME_IN_BOTH.includes(key)) expect(catalogue.zh[key], key).toMatch(HAN);
    }
  });

  it('interpolates parameters', () => {
    expect(translate('en', 'form.tooLong', { field: 'Username', max: 64 })).toBe('Username: at most 64 characters.');
    expect(translate('zh', 'form.tooLong', { field: '用户名', max: 64 })).toBe('用户名：最多 64 个字符。');
    expect(translate('en', 'home.title')).toBe('Your assessments');
  });
});

describe('choosing the language', () => {
  it('prefers the account, then the cookie, then Accept-Language, then English', () => {
    expect(negotiateLocale({ userLocale: 'zh', cookieLocale: 'en', acceptLanguage: 'en' })).toBe('zh');
    expect(negotiateLocale({ userLocale: null, cookieLocale: 'zh', acceptLanguage: 'en-GB' })).toBe('zh');
    expect(negotiateLocale({ cookieLocale: 'fr', acceptLanguage: 'zh-CN,zh;q=0.9' })).toBe('zh');
    expect(negotiateLocale({ acceptLanguage: 'fr-FR, zh-TW;q=0.5, en;q=0.3' })).toBe('zh');
    expect(negotiateLocale({ acceptLanguage: 'en-US,en;q=0.9,zh-CN;q=0.8' })).toBe('en');
    expect(negotiateLocale({ acceptLanguage: 'zh;q=0.4, en;q=0.8' })).toBe('en');
    expect(negotiateLocale({ acceptLanguage: 'zh;q=0' })).toBe('en');
    expect(negotiateLocale({ acceptLanguage: 'de, fr' })).toBe('en');
    expect(negotiateLocale({})).toBe('en');
  });

  it('always picks one of the two catalogues, whatever the headers say', () => {
    fc.assert(
      fc.property(
        fc.option(fc.string()),
        fc.option(fc.string()),
        fc.option(fc.string()),
        (userLocale, cookieLocale, acceptLanguage) => {
          expect(['en', 'zh']).toContain(negotiateLocale({ userLocale, cookieLocale, acceptLanguage }));
        },
      ),
    );
  });
});

describe('pages in both languages', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
    await addUser(t.db, 'li.wei', PASSWORD, { displayName: 'Li Wei' });
  });
  afterEach(() => t.close());

  it('renders English by default and Chinese for a Chinese browser', async () => {
    const en = await (await get(t, '/login')).text();
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('<label for="username">Username</label>');
    const zh = await (await get(t, '/login', { headers: { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' } })).text();
    expect(zh).toContain('<html lang="zh-Hans">');
    expect(zh).toContain('<label for="username">用户名</label>');
    expect(zh).toContain('区域城镇化评估');
    expect(zh).not.toContain('Username');
  });

  it('translates error pages as well', async () => {
    const res = await get(t, '/missing', { headers: { 'accept-language': 'zh' } });
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('页面不存在');
  });

  it('the switch stores the choice in a cookie for visitors and comes back to the same page', async () => {
    const res = await post(t, '/locale', { locale: 'zh', next: '/login?next=%2F' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login?next=%2F');
    const lang = cookieFrom(res, 'lang');
    expect(lang).toBe('lang=zh');
    const page = await (await get(t, '/login', { cookie: lang, headers: { 'accept-language': 'en' } })).text();
    expect(page).toContain('<html lang="zh-Hans">');
  });

  it('the switch is remembered on the account of a signed-in user, on any later device', async () => {
    const { cookie } = await login(t, 'li.wei', PASSWORD);
    const res = await post(t, '/locale', { locale: 'zh', next: '/' }, { cookie });
    expect(res.headers.get('location')).toBe('/');
    const [row] = await t.db.select().from(users).where(eq(users.username, 'li.wei'));
    expect(row.locale).toBe('zh');

    const elsewhere = await login(t, 'li.wei', PASSWORD);
    const home = await (
      await get(t, '/', { cookie: elsewhere.cookie, headers: { 'accept-language': 'en-US' } })
    ).text();
    expect(home).toContain('<html lang="zh-Hans">');
    expect(home).toContain('我的评估项目');
    expect(home).toContain('退出登录');
  });

  it('never redirects to another site', async () => {
    for (const next of ['https://evil.example/', '//evil.example', '/\\evil.example', 'javascript:alert(1)']) {
      const res = await post(t, '/locale', { locale: 'en', next });
      expect(res.headers.get('location'), next).toBe('/');
    }
  });
});
