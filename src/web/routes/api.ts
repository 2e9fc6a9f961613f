import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { evaluate, type Issue, ProblemError, problemSchema, readJson } from '../../engine/index.ts';
import type { AppDeps, AppEnv } from '../context.ts';
import { isOwnOrigin } from '../middleware/csrf.ts';
import { sessionLoader } from '../middleware/session.ts';

/** Larger problems than this belong to `corridor evaluate`, not to a request the server holds in memory. */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

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

const errors = (c: Context<AppEnv>, status: ContentfulStatusCode, issues: readonly Issue[]) =>
  c.json({ errors: issues }, status);
const refuse = (c: Context<AppEnv>, status: ContentfulStatusCode, message: string) =>
  errors(c, status, [{ path: '', message }]);

/**
 * hono/csrf only inspects the content types an HTML form can send; a JSON POST from another site is stopped
 * by the browser's CORS preflight instead. The API is for our own pages and signed-in users, so it asks for
 * proof of origin whatever the content type, the same rule the CSRF middleware applies to forms.
 */
const sameOriginOnly =
  (deps: AppDeps): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const origin = c.req.header('origin');
    if (c.req.header('sec-fetch-site') === 'same-origin' || (origin !== undefined && isOwnOrigin(origin, c, deps)))
      return next();
    return refuse(
      c,
      403,
      'cross-origin request refused: the API answers requests from this site only (send its Origin header)',
    );
  };

const signedIn: MiddlewareHandler<AppEnv> = async (c, next) =>
  c.var.user ? next() : refuse(c, 401, 'sign in to use the API');

/**
 * `POST /api/evaluate` (docs/engine.md §10): a Problem in, the Result out, exactly what `corridor evaluate` prints for
 * the same JSON; 422 with every problem of the input, 400 for text that is not JSON, 413 above 5 MB.
 * A problem of 2,851 counties × 40 indicators can run past 1 MB, the app-wide cap for forms, so these routes
 * are mounted before that cap and bring their own limit and session loading, in the same order: an oversized
 * or cross-site request touches nothing.
 */
export function apiRoutes(deps: AppDeps): Hono<AppEnv> {
  const api = new Hono<AppEnv>();
  api.post(
    '/api/evaluate',
    sameOriginOnly(deps),
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) =>
        refuse(c as Context<AppEnv>, 413, `the request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB`),
    }),
    sessionLoader(deps),
    signedIn,
    async (c) => {
      const type = c.req.header('content-type') ?? '';
      if (!/^application\/json\s*(;|$)/i.test(type))
        return refuse(
          c,
          415,
          `send the problem as JSON with "Content-Type: application/json", not "${type || 'none'}"`,
        );
      let problem: unknown;
      try {
        problem = readJson(await c.req.text());
      } catch (err) {
        if (err instanceof ProblemError) return errors(c, 400, err.issues);
        throw err;
      }
      if (sensitivityWork(problem) > MAX_SENSITIVITY_WORK) {
        return errors(c, 422, [
          {
            path: 'sensitivity.samples',
            message: `too many samples for this many alternatives and criteria in a web request (samples × alternatives × criteria over ${MAX_SENSITIVITY_WORK.toLocaleString('en')}): use fewer samples, or run the same JSON with \`corridor evaluate\``,
          },
        ]);
      }
      try {
        return c.json(evaluate(problem));
      } catch (err) {
        if (err instanceof ProblemError) return errors(c, 422, err.issues);
        throw err;
      }
    },
  );
  return api;
}
