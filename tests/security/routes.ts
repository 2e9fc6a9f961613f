/** The app's own route table, turned into requests the security tests can send as any role. */
import type { Hono } from 'hono';
import { DIMENSIONS_LEVEL } from '../../src/app/judgments.ts';
import type { AppEnv } from '../../src/web/context.ts';
import { ORIGIN } from '../web/harness.ts';
import type { PathIds } from './fixture.ts';

export interface RouteKey {
  readonly method: string;
  readonly path: string;
  readonly key: string;
}

/**
 * Middleware and catch-alls register as method ALL; they are not routes of their own, but a new one must still be
 * named here, so nothing slips past the matrix unseen.
 */
export const INFRASTRUCTURE = new Set(['ALL /*', 'ALL /static/*', 'ALL /api/*']);

/** Every distinct method and path in the app, in registration order. */
export function routeTable(app: Hono<AppEnv>): RouteKey[] {
  const seen = new Map<string, RouteKey>();
  for (const { method, path } of app.routes) {
    const key = `${method} ${path}`;
    if (!seen.has(key)) seen.set(key, { method, path, key });
  }
  return [...seen.values()];
}

export const isWrite = (method: string) => !['GET', 'HEAD', 'OPTIONS'].includes(method);
export const isApi = (path: string) => path === '/api' || path.startsWith('/api/');

/** The parameters other than the assessment's code, whose values may belong to another assessment. */
export const hasObjectParams = (path: string) => /:(?!code\b)/.test(path.replace(/:file\{[^}]*\}/, 'x.csv'));

/**
 * The route's path with real values: `ids.id` is a snapshot, except under recommendations (a rule) and imports (a
 * job, which lives in one app's memory, so no id is ever current: those routes answer 404 past the guard).
 */
export function fillPath(path: string, ids: PathIds, overrides: Partial<Record<string, string>> = {}): string {
  const value = (name: string) => {
    if (overrides[name] !== undefined) return overrides[name];
    if (name === 'id' && path.includes('/recommendations/')) return ids.ruleId;
    if (name === 'id' && path.includes('/import/jobs/')) return 'no-such-job';
    if (name === 'username' && path.startsWith('/admin/users/')) return 'victim';
    return ids[name as keyof PathIds];
  };
  const query = QUERIES[path]?.(ids) ?? '';
  return `${path
    .replace(/:([a-z]+)\{[^}]*\}/gi, (_m, name: string) => encodeURIComponent(value(name) ?? ''))
    .replace(/:([a-z]+)/gi, (_m, name: string) => encodeURIComponent(value(name) ?? ''))
    .replace(/\*$/, 'app.css')}${query}`;
}

/** Routes that need a query string to show anything, as their own pages link to them. */
const QUERIES: Record<string, (ids: PathIds) => string> = {
  '/assessments/:code/score/rows': (ids) => `?dimension=${ids.dimension}&from=0`,
  '/assessments/:code/score/cell': (ids) => `?city=${ids.city}&indicator=${ids.indicator}`,
  '/assessments/:code/snapshots/compare': (ids) => `?from=${ids.id}&to=${ids.id}`,
  '/assessments/:code/snapshots/:id/brief': (ids) => `?city=${ids.city}`,
  '/assessments/:code/snapshots/:id/report-status': () => '?kind=report',
};

export interface Send {
  readonly method: string;
  readonly path: string;
  readonly cookie: string | undefined;
  /** Proof of origin; a state-changing request without it must be refused. */
  readonly origin?: boolean;
  readonly body?: BodyInit;
  readonly contentType?: string;
  readonly headers?: Record<string, string>;
}

export function send(app: Hono<AppEnv>, s: Send): Promise<Response> {
  const headers: Record<string, string> = { ...s.headers };
  if (s.cookie) headers.cookie = s.cookie;
  if (s.origin ?? true) headers.origin = ORIGIN;
  const write = isWrite(s.method);
  if (write)
    headers['content-type'] =
      s.contentType ?? (isApi(s.path) ? 'application/json' : 'application/x-www-form-urlencoded');
  const body = write ? (s.body ?? (isApi(s.path) ? '{}' : '')) : undefined;
  return Promise.resolve(app.request(s.path, { method: s.method, headers, body }));
}

/**
 * Bodies valid enough to reach the use case, for the routes that check the seat only after reading the input: an
 * empty body would be refused as invalid before authorization had its say.
 */
export const BODIES: Record<string, (ids: PathIds) => string> = {
  'PUT /api/assessments/:code/scores': (ids) =>
    JSON.stringify({ city: ids.city, indicator: ids.indicator, value: 3, version: 0 }),
  'PUT /assessments/:code/score/cell': (ids) =>
    new URLSearchParams({ city: ids.city, indicator: ids.indicator, value: '3', version: '0' }).toString(),
  // The comparison of the dimensions, with every pair left at "equal".
  'POST /assessments/:code/judgments/preview': () => `level=${DIMENSIONS_LEVEL}`,
  'POST /assessments/:code/judgments': () => `level=${DIMENSIONS_LEVEL}`,
};

/** A Node or V8 stack frame, or a source file with a line number: what must never reach a response. */
export const STACK_TRACE = /\bat .+\(.*:\d+:\d+\)|\.tsx?:\d+|node:internal|\n\s+at /;
