import { Hono } from 'hono';
import { evaluate, ProblemError, problemSchema, readJson } from '../../engine/index.ts';
import type { AppDeps, SignedInEnv } from '../context.ts';
import { apiError, apiErrors } from './errors.ts';

/**
 * A request holds the server's one event loop while the engine runs, and sensitivity multiplies the work by its
 * sample count (up to a million). Cells × samples above this (about twice docs/engine.md §11's 10,000-sample run on
 * 300 × 40, roughly two seconds here) are refused with the way out: the same JSON through `corridor evaluate`.
 */
export const MAX_SENSITIVITY_WORK = 250_000_000;

/** The sensitivity work a raw problem asks for, read before evaluation so that nothing runs when it is too much. */
const sensitivityWork = (problem: unknown): number => {
  if (typeof problem !== 'object' || problem === null) return 0;
  const { alternatives, criteria, sensitivity } = problem as Record<string, unknown>;
  if (
    !Array.isArray(alternatives) ||
    !Array.isArray(criteria) ||
    typeof sensitivity !== 'object' ||
    sensitivity === null
  )
    return 0;
  const samples =
    (sensitivity as Record<string, unknown>).samples ?? problemSchema.shape.sensitivity.unwrap().parse({}).samples;
  return typeof samples === 'number' ? samples * alternatives.length * criteria.length : 0;
};

/**
 * `POST /api/evaluate` (docs/engine.md §10): a Problem in, the Result out, exactly what `corridor evaluate` prints
 * for the same JSON; 422 with every problem of the input, 400 for text that is not JSON, 413 above the API's cap.
 */
export function evaluateApi(_deps: AppDeps): Hono<SignedInEnv> {
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
    let problem: unknown;
    try {
      problem = readJson(await c.req.text());
    } catch (err) {
      if (err instanceof ProblemError) return apiErrors(c, 400, err.issues);
      throw err;
    }
    if (sensitivityWork(problem) > MAX_SENSITIVITY_WORK) {
      return apiError(
        c,
        422,
        `too many samples for this many alternatives and criteria in a web request (samples × alternatives × criteria over ${MAX_SENSITIVITY_WORK.toLocaleString('en')}): use fewer samples, or run the same JSON with \`corridor evaluate\``,
        'sensitivity.samples',
      );
    }
    try {
      return c.json(evaluate(problem));
    } catch (err) {
      if (err instanceof ProblemError) return apiErrors(c, 422, err.issues);
      throw err;
    }
  });
  return app;
}
