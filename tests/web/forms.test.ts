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
    [
      'a username sent twice',
      'username=li.wei&username=admin&password=x',
      'Username: sent more than once; send one value.',
    ],
    ['a username sent as a list', 'username[]=li.wei&password=x', 'Username: this field is required.'],
    ['no fields at all', '', 'Username: this field is required.'],
    // The return address is a hidden field: its problem must still be named on the page.
    [
      'an overlong return address',
      `username=li.wei&password=x&next=/${'a'.repeat(2048)}`,
      'Return address: at most 2048 characters.',
    ],
    [
      'a return address sent twice',
      'username=li.wei&password=x&next=/a&next=/b',
      'Return address: sent more than once; send one value.',
    ],
  ])('%s gets 400 naming the field, and nothing is written', async (_, body, message) => {
    const res = await post(t, '/login', body);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain(message);
    // Said once: under its input, or in the summary for the hidden return address.
    expect(html.split(message)).toHaveLength(2);
    expect(html).toContain('Some fields need attention.');
    expect(cookieFrom(res, 'corridor_session')).toBeUndefined();
    await expectNothingWritten();
  });

  it.each([
    ['application/json', JSON.stringify({ username: 'li.wei', password: PASSWORD })],
    ['text/plain', `username=li.wei&password=${PASSWORD}`],
    ['application/xml', '<login/>'],
  ])('a %s body instead of a form gets 415 saying what is expected', async (contentType, body) => {
    const res = await t.app.request('/login', {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': contentType },
      body,
    });
    expect(res.status).toBe(415);
    expect(await res.text()).toContain(
      'This request must be sent as a form (application/x-www-form-urlencoded or multipart/form-data).',
    );
    await expectNothingWritten();
  });

  it('a multipart body that cannot be parsed gets 400', async () => {
    const res = await t.app.request('/login', {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'multipart/form-data; boundary=xyz' },
      body: '--xyz\r\nContent-Disposition: form-data; name="username"\r\n\r\nli.wei',
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('The form data could not be read.');
    await expectNothingWritten();
  });

  it('a file where text is expected gets 400', async () => {
    const form = new FormData();
    form.append('username', new Blob(['li.wei']), 'name.txt');
    form.append('password', PASSWORD);
    const res = await t.app.request('/login', { method: 'POST', headers: { origin: ORIGIN }, body: form });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Username: a file was sent where text is expected.');
    await expectNothingWritten();
  });

  it('a well-formed multipart form signs in like a url-encoded one', async () => {
    const form = new FormData();
    form.append('username', 'li.wei');
    form.append('password', PASSWORD);
    const res = await t.app.request('/login', { method: 'POST', headers: { origin: ORIGIN }, body: form });
    expect(res.status).toBe(303);
    expect(cookieFrom(res, 'corridor_session')).toBeDefined();
  });

  it('bytes that are not UTF-8 are a wrong username, not a server error', async () => {
    const res = await post(t, '/login', 'username=%FF%FEli.wei&password=%C3%28');
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('Incorrect username or password.');
    expect(await t.db.select().from(sessions)).toHaveLength(0);
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

  it('a language sent twice or not as a form is refused, naming the problem', async () => {
    const twice = await post(t, '/locale', 'locale=zh&locale=en');
    expect(twice.status).toBe(400);
    expect(await twice.text()).toContain('Language: sent more than once; send one value.');
    const json = await t.app.request('/locale', {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'application/json' },
      body: '{"locale":"zh"}',
    });
    expect(json.status).toBe(415);
    expect(await json.text()).toContain('This request must be sent as a form');
    expect(cookieFrom(json, 'lang')).toBeUndefined();
  });

  it('writes nothing for a signed-in user either', async () => {
    const { cookie } = await login(t, 'li.wei', PASSWORD);
    const res = await post(t, '/locale', { locale: 'klingon' }, { cookie });
    expect(res.status).toBe(400);
    expect((await t.db.select().from(users)).map((u) => u.locale)).toEqual([null]);
  });
});
