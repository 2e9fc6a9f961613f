import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { MAX_IMPORT_BYTES } from '../../app/import.ts';
import { mount } from '../area.ts';
import type { AppDeps, AppEnv } from '../context.ts';
import { assessmentSeat, signedIn } from '../guards.ts';
import { bearerAuth } from '../middleware/bearer.ts';
import { cappedBodies } from '../middleware/body-size.ts';
import { isOwnOrigin } from '../middleware/csrf.ts';
import { sessionLoader } from '../middleware/session.ts';
import { apiError, apiErrorHandler, apiNotFound } from './errors.ts';
import { evaluateApi } from './evaluate.ts';
import { problemApi } from './problem.ts';
import { resultsApi, snapshotsApi } from './results.ts';
import { scoresApi } from './scores.ts';
import { statisticsApi } from './statistics.ts';
import { weightsApi } from './weights.ts';

/** A problem of 2,851 counties × 40 indicators runs past 1 MB, the cap for forms; larger work belongs to the CLI. */
export const MAX_API_BODY_BYTES = 5 * 1024 * 1024;

/**
 * hono/csrf only inspects the content types an HTML form can send; a JSON POST from another site is stopped
 * by the browser's CORS preflight instead. The API is for our own pages and signed-in users, so it asks for
 * proof of origin whatever the method and content type, the same rule the CSRF middleware applies to forms.
 */
const sameOriginOnly =
  (deps: AppDeps): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    if (c.var.viaToken) return next();
    const origin = c.req.header('origin');
    if (c.req.header('sec-fetch-site') === 'same-origin' || (origin !== undefined && isOwnOrigin(origin, c, deps))) {
      return next();
    }
    return apiError(
      c,
      403,
      'cross-origin request refused: the API answers requests from this site only (send its Origin header)',
    );
  };

/**
 * The JSON API under /api: a bearer token or a same-origin request with a session cookie, its own body limit,
 * and JSON for every answer, errors included (401, 404, 405, 413, 500). Areas are mounted with their guards, as on the pages side.
 */
export function apiApp(deps: AppDeps): Hono<AppEnv> {
  const api = new Hono<AppEnv>().basePath('/api');
  api.use(bearerAuth(deps));
  api.use(sameOriginOnly(deps));
  const tooLarge = (max: number) => (c: Context) =>
    apiError(c, 413, `the request body is larger than ${max / 1024 / 1024} MB`);
  api.use(
    cappedBodies(
      MAX_API_BODY_BYTES,
      [{ path: /^\/api\/assessments\/[^/]+\/indicator-values$/, maxSize: MAX_IMPORT_BYTES }],
      tooLarge(MAX_API_BODY_BYTES),
    ),
  );
  const cookieSession = sessionLoader(deps);
  api.use((c, next) => (c.var.viaToken ? next() : cookieSession(c, next)));
  api.onError(apiErrorHandler(deps));

  mount(api, '/evaluate', signedIn, evaluateApi(deps));
  mount(api, '/assessments/:code', assessmentSeat(deps, ['evaluator', 'chair', 'administrator']), scoresApi(deps));
  mount(api, '/assessments/:code', assessmentSeat(deps, ['chair', 'administrator']), problemApi(deps));
  mount(api, '/assessments/:code', assessmentSeat(deps, ['chair', 'administrator']), resultsApi(deps));
  mount(
    api,
    '/assessments/:code',
    assessmentSeat(deps, ['evaluator', 'chair', 'viewer', 'administrator']),
    snapshotsApi(deps),
  );
  mount(api, '/assessments/:code', assessmentSeat(deps, ['administrator']), weightsApi(deps));
  mount(api, '/assessments/:code', assessmentSeat(deps, ['administrator']), statisticsApi(deps));

  api.all(
    '*',
    apiNotFound(() => api.routes),
  );
  return api;
}
