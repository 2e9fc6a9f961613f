import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppDeps, AppEnv } from '../context.ts';

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
    deps.log(`${requestId} ${c.req.method} ${c.req.path} ${c.res.status} ${ms}ms`);
  };
}
