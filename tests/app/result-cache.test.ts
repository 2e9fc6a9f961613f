import { describe, expect, it } from 'vitest';
import { type FlightHooks, type LiveOutcome, ResultCache } from '../../src/app/results.ts';
import type { AssessmentId } from '../../src/db/ids.ts';

const A = 1 as AssessmentId;
const B = 2 as AssessmentId;

/** A stand-in evaluation that reads `version()` when it starts and finishes when the test releases it. */
function evaluations(version: () => number) {
  const started: number[] = [];
  const releases: (() => void)[] = [];
  const run = async ({ reading }: FlightHooks): Promise<LiveOutcome> => {
    const read = version();
    started.push(read);
    reading(read);
    await new Promise<void>((resolve) => releases.push(resolve));
    return { kind: 'unavailable', message: `evaluated version ${read}` };
  };
  const release = async () => {
    await Promise.resolve();
    releases.shift()!();
    // Let the finished run's callbacks and the next run's start go through.
    for (let k = 0; k < 5; k++) await Promise.resolve();
  };
  return { run, started, release };
}

const messageOf = async (outcome: Promise<LiveOutcome>) => {
  const o = await outcome;
  return o.kind === 'unavailable' ? o.message : o.kind;
};

describe('ResultCache.flight', () => {
  it('shares the running evaluation with requests for its version or an older one', async () => {
    let current = 3;
    const e = evaluations(() => current);
    const cache = new ResultCache();
    const first = cache.flight(A, 3, e.run);
    const same = cache.flight(A, 3, e.run);
    const older = cache.flight(A, 2, e.run);
    expect(e.started).toEqual([3]);
    await e.release();
    expect(await messageOf(first)).toBe('evaluated version 3');
    expect(await messageOf(same)).toBe('evaluated version 3');
    expect(await messageOf(older)).toBe('evaluated version 3');
    current = 4;
    const after = cache.flight(A, 4, e.run);
    expect(e.started).toEqual([3, 4]);
    await e.release();
    expect(await messageOf(after)).toBe('evaluated version 4');
  });

  it('runs one evaluation at a time: newer versions wait for one next run, which reads the version then', async () => {
    let current = 1;
    const e = evaluations(() => current);
    const cache = new ResultCache();
    const first = cache.flight(A, 1, e.run);
    const waiting: Promise<LiveOutcome>[] = [];
    for (let v = 2; v <= 10; v++) {
      current = v;
      waiting.push(cache.flight(A, v, e.run));
    }
    // Nine saves and nine requests later, still the one evaluation.
    expect(e.started).toEqual([1]);
    current = 11;
    await e.release();
    expect(await messageOf(first)).toBe('evaluated version 1');
    // One next run for all nine, of the version when it started: no older than any of them asked for.
    expect(e.started).toEqual([1, 11]);
    await e.release();
    for (const w of waiting) expect(await messageOf(w)).toBe('evaluated version 11');
  });

  it('keeps assessments apart', async () => {
    const e = evaluations(() => 5);
    const cache = new ResultCache();
    const a = cache.flight(A, 5, e.run);
    const b = cache.flight(B, 5, e.run);
    expect(e.started).toEqual([5, 5]);
    await e.release();
    await e.release();
    expect(await messageOf(a)).toBe('evaluated version 5');
    expect(await messageOf(b)).toBe('evaluated version 5');
  });

  it('starts the next run after a failed one, and passes the failure only to the requests that shared it', async () => {
    const cache = new ResultCache();
    let fail!: (err: Error) => void;
    const failing = cache.flight(
      A,
      1,
      ({ reading }) =>
        new Promise<LiveOutcome>((_, reject) => {
          reading(1);
          fail = reject;
        }),
    );
    const e = evaluations(() => 2);
    const next = cache.flight(A, 2, e.run);
    fail(new Error('the database went away'));
    await expect(failing).rejects.toThrow('the database went away');
    for (let k = 0; k < 5; k++) await Promise.resolve();
    expect(e.started).toEqual([2]);
    await e.release();
    expect(await messageOf(next)).toBe('evaluated version 2');
  });

  it('answers a first look when the run gives one, and its whole set to everyone else', async () => {
    const cache = new ResultCache();
    const looks: boolean[] = [];
    let finish!: () => void;
    const run = async ({ reading, early, firstLook }: FlightHooks): Promise<LiveOutcome> => {
      reading(1);
      looks.push(firstLook);
      if (firstLook) early({ kind: 'unavailable', message: 'first look' });
      await new Promise<void>((resolve) => {
        finish = resolve;
      });
      return { kind: 'unavailable', message: 'whole set' };
    };
    const first = cache.flight(A, 1, run, 'first');
    const whole = cache.flight(A, 1, run);
    const alsoFirst = cache.flight(A, 1, run, 'first');
    expect(await messageOf(first)).toBe('first look');
    expect(await messageOf(alsoFirst)).toBe('first look');
    finish();
    expect(await messageOf(whole)).toBe('whole set');
    expect(looks).toEqual([true]);
    // Started for a caller of the whole set, a run is told not to make a first look, and a later first-look caller
    // gets the whole set.
    const again = cache.flight(B, 1, run);
    const late = cache.flight(B, 1, run, 'first');
    expect(looks).toEqual([true, false]);
    finish();
    expect(await messageOf(again)).toBe('whole set');
    expect(await messageOf(late)).toBe('whole set');
  });

  it('fails a first-look caller with the run, and a failed run nobody took a first look of is no unhandled rejection', async () => {
    const cache = new ResultCache();
    const unhandled: unknown[] = [];
    const seen = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', seen);
    try {
      const failing = (message: string) => async () => {
        throw new Error(message);
      };
      await expect(cache.flight(A, 1, failing('gone'), 'first')).rejects.toThrow('gone');
      await expect(cache.flight(B, 1, failing('also gone'))).rejects.toThrow('also gone');
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', seen);
    }
  });
});
