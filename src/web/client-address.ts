import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/**
 * The peer address of the TCP connection. X-Forwarded-For is deliberately not trusted: anyone can
 * send it, and trusting it would let one client spread its login attempts over invented addresses.
 * Requests made in-process (tests, `app.request()` without bindings) have no socket and share one key.
 */
export function clientAddress(c: Context): string {
  const env = c.env as { incoming?: unknown; server?: unknown } | undefined;
  if (!env || (!env.incoming && !env.server)) return 'local';
  return getConnInfo(c).remote.address ?? 'unknown';
}
