import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { overTls } from '../client-address.ts';
import type { AppDeps } from '../context.ts';

/**
 * Everything the pages need comes from this origin: no inline script or style, no handlers in
 * attributes, no framing. `data:` images are allowed for small icons embedded in CSS.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/** A year, the usual minimum for browsers' preload lists. */
export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000; includeSubDomains';

export function securityHeaders(deps: Pick<AppDeps, 'secureCookies' | 'trustedProxies'>): MiddlewareHandler {
  const headers = secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    xFrameOptions: 'DENY',
    referrerPolicy: 'same-origin',
    // Sent below only over TLS: over plain http a browser ignores it, and a wrong one would pin a site without TLS.
    strictTransportSecurity: false,
  });
  return async (c, next) => {
    await headers(c, next);
    if (overTls(c, deps)) c.header('Strict-Transport-Security', STRICT_TRANSPORT_SECURITY);
  };
}

const isStatic = (path: string) => path.startsWith('/static/');

/**
 * No answer but a static file may be kept by a browser or a shared cache: pages, API answers, downloads and error
 * pages may show private data, and one rule for all of them cannot be forgotten by a new route.
 */
export function noStore(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (!isStatic(c.req.path) || !c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
  };
}
