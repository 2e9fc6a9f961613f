/**
 * Every answer that may show private data says `Cache-Control: no-store`: each GET route of the app's own table,
 * as the administrator and as an evaluator (whose score routes the administrator is refused), error answers included;
 * only static files keep their own caching.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Role, startWorld, type World } from './fixture.ts';
import { fillPath, routeTable, send } from './routes.ts';

let w: World;
beforeAll(async () => {
  w = await startWorld();
}, 120_000);
afterAll(() => w?.close());

const isStatic = (path: string) => path.startsWith('/static/');

describe('Cache-Control', () => {
  it('is no-store on every GET route that is not a static file, for every status', async () => {
    const reads = routeTable(w.t.app).filter((r) => r.method === 'GET' && !isStatic(r.path));
    expect(reads.length).toBeGreaterThan(30);
    const seen: string[] = [];
    const statuses = new Set<number>();
    for (const route of reads)
      for (const role of ['admin', 'evaluator', 'anonymous'] as const satisfies readonly Role[]) {
        const res = await send(w.t.app, { method: 'GET', path: fillPath(route.path, w.own), cookie: w.cookies[role] });
        await res.arrayBuffer();
        statuses.add(res.status);
        seen.push(`${route.key} as ${role}: ${res.status} ${res.headers.get('cache-control')}`);
      }
    expect(seen.filter((line) => !line.endsWith(' no-store'))).toEqual([]);
    // Successes, refusals and redirects were all among them.
    expect([200, 303, 403].every((s) => statuses.has(s))).toBe(true);
  }, 300_000);

  it('is no-store on the sign-in page, a failed sign-in, a missing page, an API error and a write', async () => {
    const answers = [
      await send(w.t.app, { method: 'GET', path: '/login', cookie: undefined }),
      await send(w.t.app, { method: 'POST', path: '/login', cookie: undefined, body: 'username=x&password=y' }),
      await send(w.t.app, { method: 'GET', path: '/no/such/page', cookie: w.cookies.admin }),
      await send(w.t.app, { method: 'GET', path: '/api/no/such', cookie: w.cookies.admin }),
      await send(w.t.app, { method: 'POST', path: '/locale', cookie: w.cookies.admin, body: 'locale=zh' }),
    ];
    expect(answers.map((r) => r.status)).toEqual([200, 422, 404, 404, 303]);
    for (const res of answers) expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('leaves static files their own caching, and a missing one is no-store', async () => {
    const htmx = await send(w.t.app, { method: 'GET', path: '/static/htmx.min.js', cookie: undefined });
    expect(htmx.status).toBe(200);
    expect(htmx.headers.get('cache-control')).toBe('public, max-age=600');
    const missing = await send(w.t.app, { method: 'GET', path: '/static/nothing.css', cookie: undefined });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('cache-control')).toBe('no-store');
  });
});
