import type { Env, Hono } from 'hono';
import { mergePath } from 'hono/utils/url';
import type { AppEnv } from './context.ts';
import type { Guard } from './guards.ts';

/**
 * Mounts an area (a Hono app of one feature: scoring, setup, results…) under `prefix` with its guard, which
 * runs before every route and middleware of the area; there is no other way for an area to reach the app.
 * The guard wraps each route rather than sitting in a `use('*')`, because an area mounted at `/` would
 * otherwise guard every other area's paths too.
 */
export function mount<E extends Env>(
  parent: Hono<AppEnv>,
  prefix: string,
  guard: Guard<E>,
  area: Hono<NoInfer<E>>,
): void {
  for (const route of area.routes) {
    const handler = route.handler;
    parent.on(route.method, mergePath(prefix, route.path), async (c, next) => {
      await guard.check(c);
      return handler(c as never, next);
    });
  }
}
