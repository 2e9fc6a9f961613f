import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

/**
 * Forms are small; this caps what one request may make the server buffer. Routes that take more (a CSV import)
 * are named where the cap is set up, with their own cap. Too large a body is an HTTPException(413), rendered by the error page.
 */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * hono/body-limit, passed over for GET and HEAD, whose bodies no handler reads: looking for a body makes
 * @hono/node-server build a whole web Request, a tenth of a start page's CPU (README, Performance).
 */
export function bodyCap(maxSize: number, onError?: (c: Context) => Response | Promise<Response>): MiddlewareHandler {
  const limit = bodyLimit(onError ? { maxSize, onError } : { maxSize });
  return (c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limit(c, next));
}

/** A route that takes more than the general cap (an import's file), matched on the request path. */
export interface LargerBody {
  readonly path: RegExp;
  readonly maxSize: number;
}

/**
 * One cap for the whole sub-app, with the exceptions named where it is set up: the general cap runs before any
 * route, so a route cannot raise it for itself.
 */
export function cappedBodies(
  maxSize: number,
  larger: readonly LargerBody[],
  onError?: (c: Context) => Response | Promise<Response>,
): MiddlewareHandler {
  const general = bodyCap(maxSize, onError);
  const special = larger.map((l) => ({ path: l.path, cap: bodyCap(l.maxSize, onError) }));
  return (c, next) => (special.find((s) => s.path.test(c.req.path))?.cap ?? general)(c, next);
}

export const bodySize = (larger: readonly LargerBody[] = []): MiddlewareHandler => cappedBodies(MAX_BODY_BYTES, larger);
