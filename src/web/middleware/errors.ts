import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppDeps, AppEnv } from '../context.ts';
import { isErrorStatus, renderError } from '../errors.tsx';
import { applyLocale } from './locale.ts';

/** Every error answer is a page in the caller's language; a request that failed early still gets one. */
const prepare = (c: Context<AppEnv>) => {
  if (c.var.user === undefined) c.set('user', null);
  applyLocale(c);
};

export const notFoundPage = (): NotFoundHandler<AppEnv> => (c) => {
  prepare(c);
  return renderError(c, 404);
};

/**
 * HTTP errors raised on purpose (CSRF rejection, body too large…) keep their status. Anything else
 * is a bug: it is logged with its stack under a short reference, and the user sees only the reference.
 */
export function errorPage(deps: AppDeps): ErrorHandler<AppEnv> {
  return (err, c) => {
    prepare(c);
    if (err instanceof HTTPException && err.status < 500) return renderError(c, isErrorStatus(err.status) ? err.status : 400);
    const reference = c.var.requestId ?? 'unknown';
    deps.log(`${reference} error ${c.req.method} ${c.req.path}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return renderError(c, 500, { reference });
  };
}
