import type { Context, ErrorHandler, Handler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { RouterRoute } from 'hono/types';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Issue } from '../../engine/index.ts';
import { allowedMethods } from '../allowed-methods.ts';
import type { AppDeps, AppEnv } from '../context.ts';
import { faultJson } from '../faults.ts';
import { Refusal } from '../guards.ts';
import { loggedPath } from '../middleware/request-log.ts';

/**
 * Every API answer that is not a success has this one shape (docs/engine.md §10): `{ errors: [{ path, message }] }`.
 */
export const apiErrors = (c: Context, status: ContentfulStatusCode, issues: readonly Issue[]) =>
  c.json({ errors: issues }, status);

export const apiError = (c: Context, status: ContentfulStatusCode, message: string, path = '') =>
  apiErrors(c, status, [{ path, message }]);

const httpMessages: Partial<Record<number, string>> = {
  400: 'the request could not be read',
  403: 'this request is not allowed',
  413: 'the request body is too large',
  415: 'unsupported content type',
};

/**
 * The API's last word on anything thrown below it: a guard's refusal and deliberate HTTP errors keep their
 * status; a database fault is a 503 with Retry-After (src/web/faults.ts); anything else is a bug, logged with its stack under the request's reference, which the answer
 * carries so a user can quote it.
 */
export function apiErrorHandler(deps: AppDeps): ErrorHandler<AppEnv> {
  return (err, c) => {
    if (err instanceof Refusal)
      return apiError(c, err.status, err.status === 401 ? 'sign in to use the API' : err.message);
    if (err instanceof HTTPException && err.status < 500) {
      return apiError(c, err.status, err.message || (httpMessages[err.status] ?? 'bad request'));
    }
    const fault = faultJson(deps, err, c);
    if (fault) return fault;
    const reference = c.var.requestId ?? 'unknown';
    deps.log(
      `${reference} error ${c.req.method} ${loggedPath(c)}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
    );
    return c.json({ errors: [{ path: '', message: `internal error (reference ${reference})` }], reference }, 500);
  };
}

/** The API's own 404 and 405, in JSON: registered last, it answers every /api path no route took. */
export const apiNotFound =
  (routes: () => readonly RouterRoute[]): Handler<AppEnv> =>
  (c) => {
    const allowed = allowedMethods(routes(), c.req.path);
    if (allowed.length === 0 || allowed.includes(c.req.method))
      return apiError(c, 404, `no such endpoint: ${c.req.path}`);
    c.header('Allow', allowed.join(', '));
    return apiError(c, 405, `${c.req.method} is not allowed here; use ${allowed.join(', ')}`);
  };
