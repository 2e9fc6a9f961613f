import { Hono } from 'hono';
import type { EnginePool } from '../app/engine-pool/pool.ts';
import { ImportJobs } from '../app/import-jobs.ts';
import type { PdfRenderer } from '../app/reports.ts';
import { ResultCache } from '../app/results.ts';
import type { Db } from '../db/client.ts';
import { apiError } from './api/errors.ts';
import { apiApp } from './api/index.ts';
import type { AppDeps, AppEnv } from './context.ts';
import { healthRoutes } from './health.ts';
import { errorPage, notFoundPage } from './middleware/errors.ts';
import { requestLog } from './middleware/request-log.ts';
import { noStore, securityHeaders } from './middleware/security-headers.ts';
import { pagesApp } from './pages.ts';
import { staticRoutes } from './static.ts';
import type { TrustedProxies } from './trusted-proxy.ts';

export interface CreateAppOptions {
  readonly db: Db;
  readonly clock?: () => Date;
  readonly secureCookies?: boolean;
  readonly trustedProxies?: TrustedProxies | null;
  readonly log?: (line: string) => void;
  /** Owned by the caller, who closes it with the server. */
  readonly engine: EnginePool;
  /** A report pool's `render` (src/app/report-pool), likewise the caller's. */
  readonly reports: PdfRenderer;
}

const isApiPath = (path: string) => path === '/api' || path.startsWith('/api/');

/**
 * The whole web application, built from its dependencies only: the server and the tests run the
 * same app, and all state (sessions, login attempts) lives in the database.
 *
 * Logging wraps everything (it sees the final status, errors included) and security headers apply to every
 * response. Below them, three parts that share nothing: static files and the health check (no session), the
 * JSON API under /api (src/web/api/), and the HTML pages (src/web/pages.ts), each with its own guards, body
 * limit and error answers. The API answers every /api path itself, so no API request reaches the pages.
 */
export function createApp(options: CreateAppOptions): Hono<AppEnv> {
  const clock = options.clock ?? (() => new Date());
  const deps: AppDeps = {
    db: options.db,
    clock,
    secureCookies: options.secureCookies ?? false,
    trustedProxies: options.trustedProxies ?? null,
    log: options.log ?? ((line) => console.log(line)),
    engine: options.engine,
    imports: new ImportJobs(options.db, clock),
    results: new ResultCache(),
    reports: options.reports,
  };
  const app = new Hono<AppEnv>();
  app.use(requestLog(deps));
  app.use(securityHeaders(deps));
  app.use(noStore());
  app.route('/', staticRoutes());
  app.route('/', healthRoutes(deps));
  app.route('/', apiApp(deps));
  app.route('/', pagesApp(deps));
  app.notFound(notFoundPage(() => app.routes));
  // Reached only by a failure in the two middlewares above; the parts have error handlers of their own.
  const pageError = errorPage(deps);
  app.onError((err, c) =>
    isApiPath(c.req.path)
      ? apiError(c, 500, `internal error (reference ${c.var.requestId ?? 'unknown'})`)
      : pageError(err, c),
  );
  return app;
}
