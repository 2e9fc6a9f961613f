import { randomUUID } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppDeps, AppEnv } from '../context.ts';

/**
 * The path as it came over the wire, still percent-encoded: the decoded one (`c.req.path`) can hold a
 * newline (`/%0a…`), which would let a request forge extra lines in the log.
 */
export const loggedPath = (c: Context): string => new URL(c.req.url).pathname;

/**
 * One line per request: id, method, path, status, duration. The path is logged without its query
 * string and nothing from the body or cookies is logged, so passwords and tokens never reach the log.
 */
export function requestLog(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const requestId = randomUUID().slice(0, 8);
    c.set('requestId', requestId);
    const started = performance.now();
    await next();
    const ms = Math.round(performance.now() - started);
    deps.log(`${requestId} ${c.req.method} ${loggedPath(c)} ${c.res.status} ${ms}ms`);
  };
}
