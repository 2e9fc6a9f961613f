import { isIP } from 'node:net';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { AppDeps } from './context.ts';
import { plainAddress } from './trusted-proxy.ts';

/**
 * The peer address of the TCP connection. Requests made in-process (tests, `app.request()` without bindings) have no
 * socket and share one key.
 */
function peerAddress(c: Context): string {
  const env = c.env as { incoming?: unknown; server?: unknown } | undefined;
  if (!env || (!env.incoming && !env.server)) return 'local';
  return getConnInfo(c).remote.address ?? 'unknown';
}

const fromTrustedProxy = (deps: Pick<AppDeps, 'trustedProxies'>, peer: string): boolean =>
  deps.trustedProxies?.trusts(peer) === true;

const headerList = (c: Context, name: string): string[] =>
  (c.req.header(name) ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');

/**
 * The client's address. X-Forwarded-For is believed only when the peer is a trusted proxy (CORRIDOR_TRUST_PROXY), and
 * then only its right-most entry that is not itself a trusted proxy: entries further left were written by the client,
 * and trusting them would let one client spread its sign-in attempts over invented addresses.
 */
export function clientAddress(c: Context, deps: Pick<AppDeps, 'trustedProxies'>): string {
  const peer = peerAddress(c);
  if (!fromTrustedProxy(deps, peer)) return plainAddress(peer);
  for (const entry of headerList(c, 'x-forwarded-for').reverse()) {
    const address = plainAddress(entry);
    if (fromTrustedProxy(deps, address)) continue;
    // Our proxy appends a real address; anything else at that place means a misconfigured proxy, so the peer counts.
    return isIP(address) !== 0 ? address : plainAddress(peer);
  }
  return plainAddress(peer);
}

/**
 * True when the browser's connection is TLS: the request URL is https, CORRIDOR_SECURE_COOKIES says TLS ends at a
 * proxy, or a trusted proxy says so in X-Forwarded-Proto (its last entry, the one that proxy wrote).
 */
export function overTls(c: Context, deps: Pick<AppDeps, 'trustedProxies' | 'secureCookies'>): boolean {
  if (deps.secureCookies || new URL(c.req.url).protocol === 'https:') return true;
  if (!fromTrustedProxy(deps, peerAddress(c))) return false;
  return headerList(c, 'x-forwarded-proto').at(-1)?.toLowerCase() === 'https';
}
