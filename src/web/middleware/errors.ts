import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { RouterRoute } from 'hono/types';
import { allowedMethods } from '../allowed-methods.ts';
import type { AppDeps, AppEnv } from '../context.ts';
import { isErrorStatus, renderError } from '../errors.tsx';
import { faultPage } from '../faults.ts';
import { Refusal } from '../guards.ts';
import { applyLocale } from './locale.ts';
import { loggedPath } from './request-log.ts';

/** Every error answer is a page in the caller's language; a request that failed early still gets one. */
const prepare = (c: Context<AppEnv>) => {
  if (c.var.user === undefined) c.set('user', null);
  applyLocale(c);
};

/**
 * No handler answered. When the path exists for other methods (a PUT to /login, say) the answer is 405 with
 * an Allow header, not a misleading 404. `routes` is read at each call, so routes added later count too.
 */
export const notFoundPage =
  (routes: () => readonly RouterRoute[]): NotFoundHandler<AppEnv> =>
  (c) => {
    prepare(c);
    const allowed = allowedMethods(routes(), c.req.path);
    // A GET under /static/* for a file that is not there is a plain 404: the method was right.
    if (allowed.length === 0 || allowed.includes(c.req.method)) return renderError(c, 404);
    c.header('Allow', allowed.join(', '));
    return renderError(c, 405, { details: [c.var.t('error.405.allowed', { methods: allowed.join(', ') })] });
  };

/**
 * A guard's refusal of a signed-out visitor sends a page request to the sign-in page (and back afterwards);
 * an htmx or form request gets 401, and htmx is told to load the sign-in page.
 */
function signInFirst(c: Context<AppEnv>): Response | Promise<Response> {
  const url = new URL(c.req.url);
  const login = `/login?next=${encodeURIComponent(url.pathname + url.search)}${c.var.sessionEnded ? '&ended' : ''}`;
  if (c.req.header('hx-request')) {
    c.header('HX-Redirect', login);
    return renderError(c, 401);
  }
  if (c.req.method === 'GET' || c.req.method === 'HEAD') return c.redirect(login, 303);
  return renderError(c, 401);
}

/**
 * HTTP errors raised on purpose (CSRF rejection, body too large, a guard's refusal) keep their status, and a
 * database fault is a 503 page saying what is wrong (src/web/faults.ts). Anything else is a bug: it is logged with its stack under a short reference, and the user sees only the
 * reference.
 */
export function errorPage(deps: AppDeps): ErrorHandler<AppEnv> {
  return (err, c) => {
    prepare(c);
    if (err instanceof Refusal) return err.status === 401 ? signInFirst(c) : renderError(c, err.status);
    if (err instanceof HTTPException && err.status < 500)
      return renderError(c, isErrorStatus(err.status) ? err.status : 400);
    const fault = faultPage(deps, err, c);
    if (fault) return fault;
    const reference = c.var.requestId ?? 'unknown';
    deps.log(
      `${reference} error ${c.req.method} ${loggedPath(c)}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
    );
    return renderError(c, 500, { reference });
  };
}
