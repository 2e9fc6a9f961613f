import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from './context.ts';

/** For load balancers and monitors: 200 when the database answers, 503 when it does not. */
export function healthRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/healthz', async (c) => {
    c.header('Cache-Control', 'no-store');
    try {
      await deps.db.run(sql`select 1`);
      return c.json({ status: 'ok' });
    } catch (err) {
      deps.log(`${c.var.requestId} healthz: database unreachable: ${err instanceof Error ? err.message : String(err)}`);
      return c.json({ status: 'unavailable' }, 503);
    }
  });
  return app;
}
