import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

/**
 * Forms are small; this caps what one request may make the server buffer. Raise it per route (for a
 * CSV import, say) rather than here. Too large a body is an HTTPException(413), rendered by the error page.
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

export const bodySize = (): MiddlewareHandler => bodyCap(MAX_BODY_BYTES);
