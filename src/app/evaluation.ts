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
 * A Problem as JSON text in, the Result as JSON text out (exactly what `corridor evaluate` prints), or why not:
 * 400 for text that is not JSON, 422 for a Problem with errors or one too large for a web request, 503 when the
 * workers are busy or a run ran out of time or memory. Only the reading, the checks and the estimate happen on
 * the calling thread, all linear in the size of the request.
 */
export async function evaluateText(text: string, pool: EnginePool, limits = limitsFor(pool)): Promise<Evaluation> {
  let estimate: CostEstimate;
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
  const tooMuch = costIssues(estimate, limits);
  if (tooMuch.length > 0) return { ok: false, status: 422, issues: tooMuch };

  const pooled = estimate.ms >= limits.inlineMs;
  try {
    const reply = pooled ? await pool.run({ kind: 'evaluate', text }) : runEngineTask({ kind: 'evaluate', text });
    return reply.ok
      ? { ok: true, json: reply.json, estimate, pooled }
      : { ok: false, status: 422, issues: reply.issues };
  } catch (err) {
    if (!(err instanceof EngineUnavailable)) throw err;
    if (err.reason === 'busy')
      return { ok: false, status: 503, issues: [{ path: '', message: err.message }], retryAfterSeconds: 30 };
    // The part of the problem that cost the most is the one to change.
    const path = [...estimate.parts].sort((a, b) => b.ms - a.ms)[0]?.path ?? '';
    return { ok: false, status: 503, issues: [{ path, message: err.message }] };
  }
}
