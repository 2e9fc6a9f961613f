import type { Context, MiddlewareHandler } from 'hono';
import { csrf } from 'hono/csrf';
import { overTls } from '../client-address.ts';
import type { AppDeps } from '../context.ts';

/**
 * Rejects state-changing requests from other sites (Origin / Sec-Fetch-Site, see hono/csrf).
 * Behind a TLS-terminating proxy the app sees http:// while the browser sends an https:// Origin,
 * so when TLS ends at a proxy (`secureCookies`, or a trusted proxy's X-Forwarded-Proto) the https form of our own host is accepted as well.
 */
export function csrfProtection(deps: AppDeps): MiddlewareHandler {
  return csrf({ origin: (origin, c) => isOwnOrigin(origin, c, deps) });
}

/** The origin rule above, shared with the JSON API, which checks origins whatever the content type. */
export function isOwnOrigin(origin: string, c: Context, deps: AppDeps): boolean {
  const self = new URL(c.req.url);
  return origin === self.origin || (overTls(c, deps) && origin === `https://${self.host}`);
}
