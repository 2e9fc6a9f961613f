import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/index.ts';
import { MAX_API_BODY_BYTES as MAX_BODY_BYTES } from '../../src/web/api/index.ts';
import { MAX_BODY_BYTES as FORM_LIMIT } from '../../src/web/middleware/body-size.ts';
import { corridor } from '../cli/io.ts';
import { errorCases, tzengHuang } from '../engine/evaluate-cases.ts';
import { addUser, login, ORIGIN, startTestApp, type TestApp } from './harness.ts';

let t: TestApp;
let cookie: string;

beforeAll(async () => {
  t = await startTestApp();
  await addUser(t.db, 'analyst', 'river-oasis-gansu-42');
  ({ cookie } = await login(t, 'analyst', 'river-oasis-gansu-42'));
});
afterAll(() => t.close());

/** A JSON POST as our own page's fetch() sends it; `headers` override (or, with undefined, remove) the defaults. */
function postJson(body: string, headers: Record<string, string | undefined> = {}): Promise<Response> {
  const all: Record<string, string | undefined> = {
    origin: ORIGIN,
    'content-type': 'application/json',
    cookie,
    ...headers,
  };
  const sent = Object.fromEntries(Object.entries(all).filter((e): e is [string, string] => e[1] !== undefined));
  return Promise.resolve(t.app.request('/api/evaluate', { method: 'POST', headers: sent, body }));
}

/** Tzeng & Huang (2011) with VIKOR: Q = .75, .25, 0, 1. */
const problem = { ...tzengHuang, method: { name: 'vikor' }, sensitivity: { samples: 100, seed: 5 } };

/** A generated problem of the given size, to cross the body limits. */
const large = (m: number, n: number) =>
  JSON.stringify({
    alternatives: Array.from({ length: m }, (_, i) => `city-${i}`),
    criteria: Array.from({ length: n }, (_, j) => ({ id: `indicator-${j}`, type: j % 3 === 0 ? 'cost' : 'benefit' })),
    matrix: Array.from({ length: m }, (_, i) =>
      Array.from({ length: n }, (_, j) => 1 + ((i * 7919 + j * 104729) % 100003) / 997),
    ),
    method: { name: 'topsis' },
  });

describe('POST /api/evaluate', () => {
  it('answers the Result, byte for byte what `corridor evaluate` prints', async () => {
    const text = JSON.stringify(problem);
    const res = await postJson(text);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = await res.text();
    const cli = await corridor(['evaluate', '-'], {}, text);
    expect(`${body}\n`).toBe(cli.stdout);
    const result = JSON.parse(body);
    expect(result.scores.map((q: number) => Number(q.toFixed(3)))).toEqual([0.75, 0.25, 0, 1]);
    expect(result).toEqual(evaluate(problem));
  });

  it.each(errorCases)('$name: 422 with the same errors as the CLI', async ({ text, errors }) => {
    const res = await postJson(text);
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body).toEqual({ errors });
    const cli = await corridor(['evaluate', '-'], {}, text);
    expect(JSON.parse(cli.stderr)).toEqual(body);
  });

  it('answers 400 with the JSON error for text that is not JSON', async () => {
    const res = await postJson('{"alternatives": ');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      errors: [{ path: '', message: 'malformed JSON: Unexpected end of JSON input' }],
    });
  });

  it('takes problems above the 1 MiB form limit up to 5 MB, and answers 413 above', async () => {
    const big = large(2851, 40);
    expect(big.length).toBeGreaterThan(FORM_LIMIT);
    expect(big.length).toBeLessThan(MAX_BODY_BYTES);
    const ok = await postJson(big);
    expect(ok.status).toBe(200);
    expect((await ok.json()).ranks).toHaveLength(2851);
    const tooBig = await postJson(large(9000, 40));
    expect(tooBig.status).toBe(413);
    expect(await tooBig.json()).toEqual({ errors: [{ path: '', message: 'the request body is larger than 5 MB' }] });
  });

  it('is for signed-in users only', async () => {
    const res = await postJson(JSON.stringify(problem), { cookie: undefined });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ errors: [{ path: '', message: 'sign in to use the API' }] });
  });

  it('refuses requests that do not prove they come from this site', async () => {
    for (const headers of [
      { origin: undefined },
      { origin: 'https://evil.example' },
      { origin: undefined, 'sec-fetch-site': 'cross-site' },
    ]) {
      const res = await postJson(JSON.stringify(problem), headers);
      expect(res.status).toBe(403);
      expect((await res.json()).errors[0].message).toMatch(/^cross-origin request refused/);
    }
    // A browser's same-origin fetch may send Sec-Fetch-Site without Origin.
    expect(
      (await postJson(JSON.stringify(problem), { origin: undefined, 'sec-fetch-site': 'same-origin' })).status,
    ).toBe(200);
  });

  it('takes JSON only; a cross-site form-encoded post is stopped by the CSRF middleware first', async () => {
    const plain = await postJson(JSON.stringify(problem), { 'content-type': 'text/plain' });
    expect(plain.status).toBe(415);
    const forged = await postJson(JSON.stringify(problem), {
      'content-type': 'text/plain',
      origin: 'https://evil.example',
    });
    expect(forged.status).toBe(403);
  });
});
