import { type CostEstimate, costIssues, estimateCost, type Issue, ProblemError, readJson } from '../engine/index.ts';
import { runEngineTask } from './engine-pool/engine-worker.ts';
import { type EnginePool, EngineUnavailable } from './engine-pool/pool.ts';

/**
 * What one web request may ask of the engine, checked against the cost model (docs/engine.md §11) before
 * anything runs. Derived from the pool's settings, so that an accepted run fits its worker with room to spare:
 * the estimate may be off by the factor the cost model is tested to (3×) and still finish before the timeout.
 */
export interface EvaluationLimits {
  readonly ms: number;
  readonly bytes: number;
  readonly resultBytes: number;
  /** Runs estimated below this stay on the calling thread: the trip to a worker would cost more than the run. */
  readonly inlineMs: number;
}

export const limitsFor = (pool: EnginePool): EvaluationLimits => ({
  ms: pool.settings.timeoutMs / 3,
  bytes: (pool.settings.heapMb * 1024 * 1024) / 2,
  resultBytes: 32 * 1024 * 1024,
  inlineMs: 5,
});

export type Evaluation =
  | { readonly ok: true; readonly json: string; readonly estimate: CostEstimate; readonly pooled: boolean }
  | { readonly ok: false; readonly status: 400 | 422; readonly issues: readonly Issue[] }
  | {
      readonly ok: false;
      readonly status: 503;
      readonly issues: readonly Issue[];
      readonly retryAfterSeconds?: number;
    };

/**
 * Requests larger than this are read, checked and estimated in a worker, not on the event loop: their checks are
 * linear but can cost a second when every cell is wrong. Smaller ones are judged here in well under a millisecond
 * per kilobyte, so that small problems can still run in place.
 */
export const CHECK_IN_PLACE_BYTES = 64 * 1024;

/**
 * A Problem as JSON text in, the Result as JSON text out (exactly what `corridor evaluate` prints), or why not:
 * 400 for text that is not JSON, 422 for a Problem with errors or one too large for a web request, 503 when the
 * workers are busy or a run ran out of time or memory.
 */
export async function evaluateText(text: string, pool: EnginePool, limits = limitsFor(pool)): Promise<Evaluation> {
  const { inlineMs, ...costLimits } = limits;
  let estimate: CostEstimate | undefined;
  if (text.length <= CHECK_IN_PLACE_BYTES) {
    try {
      const input = readJson(text);
      try {
        estimate = estimateCost(input);
      } catch (err) {
        if (err instanceof ProblemError) return { ok: false, status: 422, issues: err.issues };
        throw err;
      }
    } catch (err) {
      if (err instanceof ProblemError) return { ok: false, status: 400, issues: err.issues };
      throw err;
    }
    const tooMuch = costIssues(estimate, costLimits);
    if (tooMuch.length > 0) return { ok: false, status: 422, issues: tooMuch };
  }

  const pooled = estimate === undefined || estimate.ms >= inlineMs;
  try {
    const reply = pooled
      ? await pool.run({ kind: 'evaluate', text, ...(estimate ? {} : { limits: costLimits }) })
      : runEngineTask({ kind: 'evaluate', text });
    if (!reply.ok) return { ok: false, status: reply.status, issues: reply.issues };
    return { ok: true, json: reply.json, estimate: (estimate ?? reply.estimate)!, pooled };
  } catch (err) {
    if (!(err instanceof EngineUnavailable)) throw err;
    if (err.reason === 'busy')
      return { ok: false, status: 503, issues: [{ path: '', message: err.message }], retryAfterSeconds: 30 };
    // The part of the problem that cost the most is the one to change (unknown when the worker died judging it).
    const path = [...(estimate?.parts ?? [])].sort((a, b) => b.ms - a.ms)[0]?.path ?? '';
    return { ok: false, status: 503, issues: [{ path, message: err.message }] };
  }
}

/** The engine's workers were busy or a run was stopped: the caller may try again (Retry-After when busy). */
export type Busy = { readonly kind: 'busy'; readonly issues: readonly Issue[]; readonly retryAfterSeconds?: number };

/** A failed evaluation as a use case's outcome: busy for a 503, otherwise the input refused with 422. */
export function notEvaluated(
  evaluation: Extract<Evaluation, { ok: false }>,
): Busy | { readonly kind: 'refused'; readonly status: 422; readonly issues: Issue[] } {
  if (evaluation.status === 503)
    return {
      kind: 'busy',
      issues: evaluation.issues,
      ...(evaluation.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: evaluation.retryAfterSeconds }),
    };
  return { kind: 'refused', status: 422, issues: [...evaluation.issues] };
}
