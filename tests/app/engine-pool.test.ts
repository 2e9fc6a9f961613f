/** The worker pool on its own: real worker threads running the real engine, ended and replaced when they fail. */
import { afterEach, describe, expect, it } from 'vitest';
import { EnginePool, EngineUnavailable } from '../../src/app/engine-pool/pool.ts';
import { evaluate } from '../../src/engine/index.ts';
import { tzengHuang } from '../engine/evaluate-cases.ts';

const pools: EnginePool[] = [];
const poolOf = (settings: ConstructorParameters<typeof EnginePool>[0]) => {
  const pool = new EnginePool(settings);
  pools.push(pool);
  return pool;
};
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.close()));
});

const small = JSON.stringify({ ...tzengHuang, method: { name: 'topsis' } });

/** m alternatives × n criteria of generated values. */
const generated = (m: number, n: number, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    alternatives: Array.from({ length: m }, (_, i) => `a${i}`),
    criteria: Array.from({ length: n }, (_, j) => ({ id: `c${j}`, type: j % 2 ? 'cost' : 'benefit' })),
    matrix: Array.from({ length: m }, (_, i) =>
      Array.from({ length: n }, (_, j) => 1 + ((i * 7919 + j * 104729) % 1000)),
    ),
    ...extra,
  });

const failure = async (promise: Promise<unknown>) => {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(EngineUnavailable);
  return err as EngineUnavailable;
};

describe('EnginePool', () => {
  it('answers exactly what evaluate() gives on the calling thread', async () => {
    const pool = poolOf({ threads: 1 });
    const reply = await pool.run({ kind: 'evaluate', text: small });
    expect(reply).toEqual({ ok: true, json: JSON.stringify(evaluate(JSON.parse(small))) });
  });

  it('passes the problems of the input back as issues', async () => {
    const pool = poolOf({ threads: 1 });
    const reply = await pool.run({
      kind: 'evaluate',
      text: JSON.stringify({ ...tzengHuang, method: { name: 'nope' } }),
    });
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.issues[0].path).toBe('method.name');
  });

  it('ends a run that takes too long, says so, and the next run gets a fresh worker', async () => {
    const pool = poolOf({ threads: 1, timeoutMs: 5_000 });
    // Warm the worker first, so the limit measures the run and not the thread's start-up.
    expect((await pool.run({ kind: 'evaluate', text: small })).ok).toBe(true);
    const slow = generated(30_000, 2, { method: { name: 'promethee2', preference: { function: 'gaussian', s: 100 } } });
    const err = await failure(pool.run({ kind: 'evaluate', text: slow }));
    expect(err.reason).toBe('timeout');
    expect(err.message).toMatch(/longer than 5 s/);
    expect((await pool.run({ kind: 'evaluate', text: small })).ok).toBe(true);
  });

  it('ends a worker that runs out of heap, says so, and the next run gets a fresh worker', async () => {
    const pool = poolOf({ threads: 1, heapMb: 64, timeoutMs: 60_000 });
    // The result's JSON text alone (about 100 MB) is more than the heap: on every Node version, however it stores arrays.
    const hungry = generated(40_000, 40, { explain: true });
    const err = await failure(pool.run({ kind: 'evaluate', text: hungry }));
    expect(err.reason).toBe('memory');
    expect(err.message).toMatch(/64 MB/);
    expect((await pool.run({ kind: 'evaluate', text: small })).ok).toBe(true);
  });

  it('refuses at once when the queue is full instead of queueing without end', async () => {
    const pool = poolOf({ threads: 1, maxQueue: 1, timeoutMs: 60_000 });
    const medium = generated(2_000, 20, { sensitivity: { samples: 200, seed: 1 } });
    const runs = Array.from({ length: 4 }, () => pool.run({ kind: 'evaluate', text: medium }));
    const settled = await Promise.allSettled(runs);
    const busy = settled.filter((s) => s.status === 'rejected' && (s.reason as EngineUnavailable).reason === 'busy');
    expect(busy.length).toBeGreaterThanOrEqual(1);
    expect(settled.filter((s) => s.status === 'fulfilled').length).toBeGreaterThanOrEqual(2);
  });
});
