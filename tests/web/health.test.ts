import { afterEach, beforeEach, expect, it } from 'vitest';
import { get, startTestApp, type TestApp } from './harness.ts';

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
});
afterEach(() => t.close());

it('answers 200 {"status":"ok"} while the database answers', async () => {
  const res = await get(t, '/healthz');
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ status: 'ok' });
});

it('answers 503 when the database is unreachable', async () => {
  t.db.$client.close();
  const res = await get(t, '/healthz');
  expect(res.status).toBe(503);
  expect(await res.json()).toEqual({ status: 'unavailable', database: 'unavailable' });
});
