/**
 * Requests that once crashed or stalled the server (issue 7's table), sent by an ordinary signed-in user: each
 * gets a prompt 422 naming the field to change, or a bounded answer, while a health check sent meanwhile still
 * answers at once. The limits come from the cost model (docs/engine.md §11) and the pool's settings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corridor } from '../cli/io.ts';
import { addUser, login, ORIGIN, startTestApp, type TestApp } from './harness.ts';

let t: TestApp;
let cookie: string;

beforeAll(async () => {
  t = await startTestApp({ engine: { threads: 1 } });
  await addUser(t.db, 'analyst', 'river-oasis-gansu-42');
  ({ cookie } = await login(t, 'analyst', 'river-oasis-gansu-42'));
});
afterAll(() => t.close());

const criteria = (n: number) =>
  Array.from({ length: n }, (_, j) => ({ id: `c${j}`, type: j % 2 ? 'cost' : 'benefit' }));
const problem = (m: number, n: number, extra: Record<string, unknown> = {}) => ({
  alternatives: Array.from({ length: m }, (_, i) => `a${i}`),
  criteria: criteria(n),
  matrix: Array.from({ length: m }, (_, i) => Array.from({ length: n }, (_, j) => 1 + ((i * 7919 + j * 104729) % 997))),
  ...extra,
});

/** Weight specs nested `depth` deep, written as text: JSON.stringify itself overflows the stack on such input. */
const nested = (depth: number, open: string, close: string) =>
  `${open.repeat(depth)}{"method":"equal"}${close.repeat(depth)}`;

/**
 * Sends the problem while health checks go out every 20 ms; the slowest of them says whether the event loop was
 * held. A shared, noisy machine gets a generous margin: the point is "not blocked for seconds".
 */
async function sendWatched(body: unknown) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  let done = false;
  let slowest = 0;
  const watcher = (async () => {
    while (!done) {
      const started = performance.now();
      const res = await t.app.request('/healthz');
      expect(res.status).toBe(200);
      slowest = Math.max(slowest, performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  const started = performance.now();
  const res = await t.app.request('/api/evaluate', {
    method: 'POST',
    headers: { origin: ORIGIN, 'content-type': 'application/json', cookie },
    body: text,
  });
  const answer = await res.text();
  const ms = performance.now() - started;
  done = true;
  await watcher;
  return { status: res.status, answer, bytes: answer.length, ms, slowest };
}

const LIVENESS_MS = 500;

async function expectRefused(body: unknown, path: string | RegExp) {
  const out = await sendWatched(body);
  expect(out.status, out.answer.slice(0, 300)).toBe(422);
  const { errors } = JSON.parse(out.answer) as { errors: { path: string; message: string }[] };
  expect(errors.map((e) => e.path)).toContainEqual(expect.stringMatching(path));
  expect(out.slowest).toBeLessThan(LIVENESS_MS);
  return errors;
}

describe('requests that used to crash or stall the server', () => {
  it.each([24_000, 17_000, 10_000])(
    '%i alternatives with one sample of rank acceptability: refused or a bounded answer, the server alive',
    async (m) => {
      const out = await sendWatched(problem(m, 1, { sensitivity: { samples: 1 } }));
      expect([200, 422]).toContain(out.status);
      expect(out.bytes).toBeLessThan(32 * 1024 * 1024);
      if (out.status === 200) {
        const result = JSON.parse(out.answer);
        const acceptability = result.sensitivity.rankAcceptability as number[][];
        expect(acceptability).toHaveLength(m);
        expect(acceptability[0].length).toBeLessThan(m);
      }
      expect(out.slowest).toBeLessThan(LIVENESS_MS);
    },
  );

  it('PROMETHEE II on 120,000 alternatives is refused at the method or the alternatives, the limit named', async () => {
    const [error] = await expectRefused(
      problem(120_000, 1, { method: { name: 'promethee2', preference: { function: 'gaussian', s: 100 } } }),
      /^(method|alternatives)$/,
    );
    expect(error.message).toMatch(/corridor evaluate/);
  });

  it('compare listing 32 methods is refused at method.methods', async () => {
    const methods = Array.from({ length: 32 }, () => ({ name: 'topsis' }));
    await expectRefused(problem(300, 40, { method: { name: 'compare', methods } }), /^method\.methods/);
  });

  it('a sensitivity run that would take minutes is refused at sensitivity.samples', async () => {
    await expectRefused(problem(300, 40, { sensitivity: { samples: 1_000_000 } }), /^sensitivity\.samples$/);
  });

  it('a one-way analysis over 6,000 criteria is refused or bounded, at sensitivity.oneWay or criteria', async () => {
    const out = await sendWatched(problem(20, 6_000, { sensitivity: { samples: 1 } }));
    expect(out.slowest).toBeLessThan(LIVENESS_MS);
    if (out.status !== 200) {
      expect(out.status).toBe(422);
      const { errors } = JSON.parse(out.answer) as { errors: { path: string }[] };
      expect(errors.map((e) => e.path)).toContainEqual(expect.stringMatching(/^(sensitivity\.oneWay|criteria)$/));
    }
  });

  it.each([
    ['combined 1,000 deep', 1_000, '{"method":"combined","parts":[{"method":"equal"},', ']}'],
    ['hierarchical 10,000 deep', 10_000, '{"method":"hierarchical","dimensions":{"method":"equal"},"within":', '}'],
  ])('weights nested %s are refused under weights, never a stack overflow', async (_name, depth, open, close) => {
    const base = JSON.stringify({ ...problem(5, 4), dimensions: ['d'] });
    await expectRefused(`${base.slice(0, -1)},"weights":${nested(depth, open, close)}}`, /^weights/);
  });

  it('a Dirichlet concentration below the floor is refused at sensitivity.concentration', async () => {
    await expectRefused(
      problem(5, 3, { sensitivity: { samples: 10, concentration: 1e-310 } }),
      /^sensitivity\.concentration$/,
    );
  });

  it('a 20,000 × 40 matrix of strings is judged off the event loop: 422 with the first hundred problems', async () => {
    const strings = problem(20_000, 40);
    strings.matrix = strings.matrix.map((row) => row.map(() => 'x' as unknown as number));
    const out = await sendWatched(strings);
    expect(out.status).toBe(422);
    const { errors } = JSON.parse(out.answer) as { errors: { path: string; message: string }[] };
    expect(errors).toHaveLength(101);
    expect(errors[0]!.path).toBe('matrix[0][0]');
    expect(errors[100]!.message).toBe(`${800_000 - 100} more problems not listed`);
    expect(out.slowest).toBeLessThan(LIVENESS_MS);
  });

  it('medium problems run in a worker and answer as usual', async () => {
    const out = await sendWatched(problem(2_000, 20, { sensitivity: { samples: 200, seed: 3 } }));
    expect(out.status).toBe(200);
    expect(JSON.parse(out.answer).sensitivity.samples).toBe(200);
    expect(out.slowest).toBeLessThan(LIVENESS_MS);
  });

  it('the CLI runs what the web refuses: no web limits on `corridor evaluate`', async () => {
    const text = JSON.stringify(problem(15_000, 40, { explain: true }));
    const web = await sendWatched(text);
    expect(web.status).toBe(422);
    expect(JSON.parse(web.answer).errors[0]).toMatchObject({ path: 'explain' });
    const cli = await corridor(['evaluate', '-'], {}, text);
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    expect(cli.stdout.length).toBeGreaterThan(20 * 1024 * 1024);
    expect(JSON.parse(cli.stdout).explain.matrix).toHaveLength(15_000);
  }, 60_000);
});
