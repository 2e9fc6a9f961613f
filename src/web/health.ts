import { Hono } from 'hono';
import { databaseHealth } from '../db/client.ts';
import type { AppDeps, AppEnv } from './context.ts';

/**
 * For load balancers and monitors: 200 `{"status":"ok"}` when the database can be read and written; 503 when it
 * cannot, with `database` naming the fault (src/db/faults.ts). `unavailable` means it cannot even be read;
 * `degraded` means reads work but writes would fail (read-only, full, locked). Writes nothing.
 */
export function healthRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/healthz', async (c) => {
    c.header('Cache-Control', 'no-store');
    const fault = await databaseHealth(deps.db);
    if (!fault) return c.json({ status: 'ok' });
    deps.log(`${c.var.requestId} healthz: database ${fault}`);
    const readable = fault === 'read-only' || fault === 'full' || fault === 'locked';
    return c.json({ status: readable ? 'degraded' : 'unavailable', database: fault }, 503);
  });
  return app;
}
