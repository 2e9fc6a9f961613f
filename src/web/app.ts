import { Hono } from 'hono';
import type { Db } from '../db/client.ts';
import type { AppDeps, AppEnv } from './context.ts';
import { bodySize } from './middleware/body-size.ts';
import { csrfProtection } from './middleware/csrf.ts';
import { errorPage, notFoundPage } from './middleware/errors.ts';
import { localeSelector } from './middleware/locale.ts';
import { requestLog } from './middleware/request-log.ts';
import { securityHeaders } from './middleware/security-headers.ts';
import { sessionLoader } from './middleware/session.ts';
import { apiRoutes } from './routes/api.ts';
import { authRoutes } from './routes/auth.tsx';
import { healthRoutes } from './routes/health.ts';
import { homeRoutes } from './routes/home.tsx';
import { localeRoutes } from './routes/locale.ts';
import { staticRoutes } from './routes/static.ts';

export interface CreateAppOptions {
  readonly db: Db;
  readonly clock?: () => Date;
  readonly secureCookies?: boolean;
  readonly log?: (line: string) => void;
}

/**
 * The whole web application, built from its dependencies only: the server and the tests run the
 * same app, and all state (sessions, login attempts) lives in the database.
 *
 * Order matters: logging wraps everything (it sees the final status, errors included); security
 * headers apply to every response, static files and error pages too; static files and the health
 * check need no session; CSRF and the body-size cap run before the session is even read, so a forged or
 * oversized request touches nothing.
 */
export function createApp(options: CreateAppOptions): Hono<AppEnv> {
  const deps: AppDeps = {
    db: options.db,
    clock: options.clock ?? (() => new Date()),
    secureCookies: options.secureCookies ?? false,
    log: options.log ?? ((line) => console.log(line)),
  };
  const app = new Hono<AppEnv>();
  app.use(requestLog(deps));
  app.use(securityHeaders());
  app.route('/', staticRoutes());
  app.route('/', healthRoutes(deps));
  app.use(csrfProtection(deps));
  app.route('/', apiRoutes(deps));
  app.use(bodySize());
  app.use(sessionLoader(deps));
  app.use(localeSelector());
  app.route('/', authRoutes(deps));
  app.route('/', localeRoutes(deps));
  app.route('/', homeRoutes(deps));
  app.notFound(notFoundPage(() => app.routes));
  app.onError(errorPage(deps));
  return app;
}
