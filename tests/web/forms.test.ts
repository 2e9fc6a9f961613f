import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loginAttempts, sessions, users } from '../../src/db/schema.ts';
import { addUser, cookieFrom, login, ORIGIN, post, startTestApp, type TestApp } from './harness.ts';

const PASSWORD = 'river-oasis-gansu-42';

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
  await addUser(t.db, 'li.wei', PASSWORD);
});
afterEach(() => t.close());

async function expectNothingWritten() {
  expect(await t.db.select().from(sessions)).toHaveLength(0);
  expect(await t.db.select().from(loginAttempts)).toHaveLength(0);
  expect((await t.db.select().from(users)).map((u) => u.locale)).toEqual([null]);
}

describe('malformed sign-in forms', () => {
  it.each([
    ['a missing password', 'username=li.wei', 'Password: this field is required.'],
    ['an empty username', 'username=&password=x', 'Username: this field is required.'],
    ['a blank username', 'username=%20%20&password=x', 'Username: this field is required.'],
    ['an overlong username', `username=${'a'.repeat(65)}&password=x`, 'Username: at most 64 characters.'],
    ['a username sent twice', 'username=li.wei&username=admin&password=x', 'Username: this value is not valid.'],
    ['no fields at all', '', 'Username: this field is required.'],
  ])('%s gets 400 naming the field, and nothing is written', async (_, body, message) => {
    const res = await post(t, '/login', body);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain(message);
    expect(html).toContain('Some fields need attention.');
    expect(cookieFrom(res, 'corridor_session')).toBeUndefined();
    await expectNothingWritten();
  });

  it('a JSON body instead of a form gets 400 too', async () => {
    const res = await t.app.request('/login', {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'li.wei', password: PASSWORD }),
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Username: this field is required.');
    await expectNothingWritten();
  });

  it('a file where text is expected gets 400', async () => {
    const form = new FormData();
    form.append('username', new Blob(['li.wei']), 'name.txt');
    form.append('password', PASSWORD);
    const res = await t.app.request('/login', { method: 'POST', headers: { origin: ORIGIN }, body: form });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Username: this value is not valid.');
    await expectNothingWritten();
  });
});

describe('oversized bodies', () => {
  it('get 413 before anything is read or written', async () => {
    const res = await post(t, '/login', { username: 'li.wei', password: 'x'.repeat(2 * 1024 * 1024) });
    expect(res.status).toBe(413);
    expect(await res.text()).toContain('Request too large');
    await expectNothingWritten();
  });
});

describe('malformed language switch', () => {
  it('an unknown language gets 400 naming the field, in the page language', async () => {
    const res = await post(t, '/locale', { locale: 'fr' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Language: this value is not one of the allowed choices.');
    expect(cookieFrom(res, 'lang')).toBeUndefined();
    const zh = await post(t, '/locale', {}, { headers: { 'accept-language': 'zh-CN' } });
    expect(zh.status).toBe(400);
    expect(await zh.text()).toContain('语言：此项为必填项。');
  });

  it('writes nothing for a signed-in user either', async () => {
    const { cookie } = await login(t, 'li.wei', PASSWORD);
    const res = await post(t, '/locale', { locale: 'klingon' }, { cookie });
    expect(res.status).toBe(400);
    expect((await t.db.select().from(users)).map((u) => u.locale)).toEqual([null]);
  });
});
