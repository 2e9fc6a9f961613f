import { Hono } from 'hono';
import { evaluateText } from '../../app/evaluation.ts';
import type { AppDeps, SignedInEnv } from '../context.ts';
import { apiError, apiErrors } from './errors.ts';

/**
 * `POST /api/evaluate` (docs/engine.md §10): a Problem in, the Result out, exactly what `corridor evaluate` prints
 * for the same JSON; 400 for text that is not JSON, 422 with every problem of the input or with the field that
 * makes it too large for a web request, 503 when the engine's workers are busy or a run had to be stopped.
 */
export function evaluateApi(deps: AppDeps): Hono<SignedInEnv> {
  const app = new Hono<SignedInEnv>();
  app.post('/', async (c) => {
    const type = c.req.header('content-type') ?? '';
    if (!/^application\/json\s*(;|$)/i.test(type)) {
      return apiError(
        c,
        415,
        `send the problem as JSON with "Content-Type: application/json", not "${type || 'none'}"`,
      );
    }
    const outcome = await evaluateText(await c.req.text(), deps.engine);
    if (outcome.ok) return c.body(outcome.json, 200, { 'Content-Type': 'application/json' });
    if (outcome.status === 503 && outcome.retryAfterSeconds) c.header('Retry-After', String(outcome.retryAfterSeconds));
    return apiErrors(c, outcome.status, outcome.issues);
  });
  return app;
}
