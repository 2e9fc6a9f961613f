/**
 * Every route of the app (its own route table), called as every role, against the table below. A route without
 * an entry fails, so whoever adds a route decides here who may reach it. "ok" means the request got past
 * authorization: any answer but 401/403/404 and a sign-in redirect (an empty form may well be refused with
 * 400/409/422 after that). State-changing routes run on a copy of the database, least privileged role first, and
 * each refusal must leave every table as it was; they are also sent without proof of origin, which is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digest, ROLES, startWorld, type World } from './fixture.ts';
import { BODIES, fillPath, hasObjectParams, INFRASTRUCTURE, isApi, isWrite, routeTable, send } from './routes.ts';

type Outcome = 'ok' | 'in' | 403 | 404;
/** One outcome per role, in the order of ROLES: anonymous, noPanel, viewer, otherEvaluator, evaluator, chair, admin. */
type Row = readonly [Outcome, Outcome, Outcome, Outcome, Outcome, Outcome, Outcome];

// The guards of src/web/pages.ts and src/web/api/index.ts, as rows.
const OPEN: Row = ['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'];
const SIGNED_IN: Row = ['in', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'];
const ADMINISTRATOR: Row = ['in', 403, 403, 403, 403, 403, 'ok'];
const SEAT_ANY: Row = ['in', 404, 'ok', 404, 'ok', 'ok', 'ok'];
const SEAT_PANEL: Row = ['in', 404, 403, 404, 'ok', 'ok', 'ok'];
const SEAT_CHAIR: Row = ['in', 404, 403, 404, 403, 'ok', 'ok'];
/** Scoring is for whoever holds an evaluator's seat: a chair or an administrator without one is refused. */
const EVALUATOR_SEAT: Row = ['in', 404, 403, 404, 'ok', 403, 403];
const SEAT_ADMIN: Row = ['in', 404, 403, 404, 403, 403, 'ok'];
/** Import jobs live in the memory of the app that started them, so a job id is never current here: 404 past the guard. */
const SEAT_ADMIN_NO_JOB: Row = ['in', 404, 403, 404, 403, 403, 404];

const MATRIX: Record<string, Row> = {
  'GET /static/htmx.min.js': OPEN,
  'GET /static/*': OPEN,
  'GET /healthz': OPEN,
  'POST /api/evaluate': SIGNED_IN,
  'GET /api/assessments/:code/scores': EVALUATOR_SEAT,
  'PUT /api/assessments/:code/scores': EVALUATOR_SEAT,
  'POST /api/assessments/:code/submit': EVALUATOR_SEAT,
  'GET /api/assessments/:code/problem': SEAT_CHAIR,
  'GET /api/assessments/:code/results': SEAT_CHAIR,
  'POST /api/assessments/:code/snapshots': SEAT_CHAIR,
  'GET /api/assessments/:code/snapshots': SEAT_ANY,
  'GET /api/assessments/:code/snapshots/:id': SEAT_ANY,
  'GET /api/assessments/:code/weights': SEAT_ADMIN,
  'PUT /api/assessments/:code/weights': SEAT_ADMIN,
  'POST /api/assessments/:code/indicator-values': SEAT_ADMIN,
  'GET /login': OPEN,
  'POST /login': OPEN,
  'POST /logout': OPEN,
  'POST /locale': OPEN,
  'GET /': SIGNED_IN,
  'GET /account': SIGNED_IN,
  'POST /account/tokens': SIGNED_IN,
  'POST /account/tokens/revoke': SIGNED_IN,
  'GET /admin/users': ADMINISTRATOR,
  'POST /admin/users': ADMINISTRATOR,
  'POST /admin/users/:username/disable': ADMINISTRATOR,
  'POST /admin/users/:username/enable': ADMINISTRATOR,
  'POST /admin/users/:username/password': ADMINISTRATOR,
  'POST /admin/users/:username/admin': ADMINISTRATOR,
  'POST /admin/users/:username/sessions/end': ADMINISTRATOR,
  'GET /admin/users/audit': ADMINISTRATOR,
  'GET /admin/users/audit.csv': ADMINISTRATOR,
  'GET /assessments/new': ADMINISTRATOR,
  'POST /assessments/new': ADMINISTRATOR,
  'GET /assessments/:code': SEAT_ANY,
  'GET /assessments/:code/score': EVALUATOR_SEAT,
  'GET /assessments/:code/score/rows': EVALUATOR_SEAT,
  'GET /assessments/:code/score/cell': EVALUATOR_SEAT,
  'PUT /assessments/:code/score/cell': EVALUATOR_SEAT,
  'POST /assessments/:code/rounds/open': SEAT_CHAIR,
  'POST /assessments/:code/rounds/close': SEAT_CHAIR,
  // Reopening is for one evaluator who has submitted; the form names none, so past the guard there is nothing to reopen.
  'POST /assessments/:code/rounds/reopen': ['in', 404, 403, 404, 403, 404, 404],
  'POST /assessments/:code/score/submit': EVALUATOR_SEAT,
  'GET /assessments/:code/audit': SEAT_CHAIR,
  'GET /assessments/:code/audit.csv': SEAT_CHAIR,
  'GET /assessments/:code/results': SEAT_CHAIR,
  'GET /assessments/:code/results/complete': SEAT_CHAIR,
  'GET /assessments/:code/results/:file{[a-z]+\\.csv}': SEAT_CHAIR,
  'POST /assessments/:code/results/what-if': SEAT_CHAIR,
  'POST /assessments/:code/snapshots': SEAT_CHAIR,
  'GET /assessments/:code/snapshots': SEAT_ANY,
  'GET /assessments/:code/snapshots/compare': SEAT_ANY,
  'GET /assessments/:code/snapshots/:id': SEAT_ANY,
  'GET /assessments/:code/snapshots/:id/snapshot.json': SEAT_ANY,
  'GET /assessments/:code/snapshots/:id/:file{[a-z]+\\.csv}': SEAT_ANY,
  'GET /assessments/:code/snapshots/:id/report.pdf': SEAT_ANY,
  'GET /assessments/:code/snapshots/:id/cities/:city/brief.pdf': SEAT_ANY,
  'GET /assessments/:code/snapshots/:id/brief': SEAT_ANY,
  'GET /assessments/:code/snapshots/:id/report-status': SEAT_ANY,
  'POST /assessments/:code/snapshots/:id/what-if': SEAT_ANY,
  'GET /assessments/:code/judgments': SEAT_PANEL,
  'POST /assessments/:code/judgments/preview': SEAT_PANEL,
  'POST /assessments/:code/judgments': SEAT_PANEL,
  'GET /assessments/:code/setup': SEAT_ADMIN,
  'POST /assessments/:code/setup/details': SEAT_ADMIN,
  'POST /assessments/:code/setup/archive': SEAT_ADMIN,
  'POST /assessments/:code/setup/restore': SEAT_ADMIN,
  'POST /assessments/:code/setup/cities': SEAT_ADMIN,
  'POST /assessments/:code/setup/cities/:item': SEAT_ADMIN,
  'POST /assessments/:code/setup/cities/:item/remove': SEAT_ADMIN,
  'POST /assessments/:code/setup/dimensions': SEAT_ADMIN,
  'POST /assessments/:code/setup/dimensions/:item': SEAT_ADMIN,
  'POST /assessments/:code/setup/dimensions/:item/remove': SEAT_ADMIN,
  'POST /assessments/:code/setup/indicators': SEAT_ADMIN,
  'POST /assessments/:code/setup/indicators/:item': SEAT_ADMIN,
  'POST /assessments/:code/setup/indicators/:item/remove': SEAT_ADMIN,
  'GET /assessments/:code/weights': SEAT_ADMIN,
  'POST /assessments/:code/weights/preview': SEAT_ADMIN,
  'POST /assessments/:code/weights': SEAT_ADMIN,
  'POST /assessments/:code/weights/json': SEAT_ADMIN,
  'POST /assessments/:code/weights/restore': SEAT_ADMIN,
  'GET /assessments/:code/panel': SEAT_ADMIN,
  'POST /assessments/:code/panel': SEAT_ADMIN,
  'POST /assessments/:code/panel/:username': SEAT_ADMIN,
  'POST /assessments/:code/panel/:username/remove': SEAT_ADMIN,
  'GET /assessments/:code/settings': SEAT_ADMIN,
  'POST /assessments/:code/settings/form': SEAT_ADMIN,
  'POST /assessments/:code/settings': SEAT_ADMIN,
  'GET /assessments/:code/recommendations': SEAT_ADMIN,
  'POST /assessments/:code/recommendations': SEAT_ADMIN,
  'POST /assessments/:code/recommendations/:id': SEAT_ADMIN,
  'POST /assessments/:code/recommendations/:id/delete': SEAT_ADMIN,
  'POST /assessments/:code/recommendations/:id/revert': SEAT_ADMIN,
  'GET /assessments/:code/import': SEAT_ADMIN,
  'GET /assessments/:code/import/template.csv': SEAT_ADMIN,
  'POST /assessments/:code/import': SEAT_ADMIN,
  'GET /assessments/:code/import/jobs/:id': SEAT_ADMIN_NO_JOB,
  'GET /assessments/:code/import/jobs/:id/progress': SEAT_ADMIN,
  'POST /assessments/:code/import/jobs/:id/commit': SEAT_ADMIN_NO_JOB,
};

function outcomeOf(path: string, res: Response): Outcome | `unexpected ${number}` {
  if (res.status >= 500) return `unexpected ${res.status}`;
  if (res.status === 401) return 'in';
  if (!isApi(path) && res.status === 303 && (res.headers.get('location') ?? '').startsWith('/login?next=')) return 'in';
  if (res.status === 403 || res.status === 404) return res.status;
  return 'ok';
}

let w: World;
beforeAll(async () => {
  w = await startWorld();
}, 120_000);
afterAll(() => w?.close());

describe('the authorization matrix', () => {
  it('has an entry for every route the app serves, and none for a route it does not', () => {
    const routes = routeTable(w.t.app);
    const unlisted = routes.filter((r) => !INFRASTRUCTURE.has(r.key) && !(r.key in MATRIX)).map((r) => r.key);
    expect(unlisted, 'routes missing from MATRIX in tests/security/authz-matrix.test.ts').toEqual([]);
    const keys = new Set(routes.map((r) => r.key));
    expect(Object.keys(MATRIX).filter((k) => !keys.has(k))).toEqual([]);
  });

  const reads = () => routeTable(w.t.app).filter((r) => r.key in MATRIX && !isWrite(r.method));
  const writes = () => routeTable(w.t.app).filter((r) => r.key in MATRIX && isWrite(r.method));

  it('every read route answers each role as the table says', async () => {
    const seen: string[] = [];
    const wanted: string[] = [];
    for (const route of reads()) {
      const path = fillPath(route.path, w.own);
      for (const [i, role] of ROLES.entries()) {
        const res = await send(w.t.app, { method: route.method, path, cookie: w.cookies[role] });
        await res.arrayBuffer();
        seen.push(`${route.key} as ${role}: ${outcomeOf(route.path, res)}`);
        wanted.push(`${route.key} as ${role}: ${MATRIX[route.key]![i]}`);
      }
    }
    expect(seen).toEqual(wanted);
  }, 120_000);

  it('every state-changing route answers each role as the table says, and writes nothing when it refuses', async () => {
    const seen: string[] = [];
    const wanted: string[] = [];
    for (const route of writes()) {
      await w.onFork(async (fork) => {
        const path = fillPath(route.path, w.own);
        for (const [i, role] of ROLES.entries()) {
          const before = await digest(fork.db);
          const body = BODIES[route.key]?.(w.own);
          const res = await send(fork.app, { method: route.method, path, cookie: w.cookies[role], body });
          await res.arrayBuffer();
          const outcome = outcomeOf(route.path, res);
          seen.push(`${route.key} as ${role}: ${outcome}`);
          wanted.push(`${route.key} as ${role}: ${MATRIX[route.key]![i]}`);
          if (outcome !== 'ok') expect(await digest(fork.db), `${route.key} as ${role} wrote`).toBe(before);
        }
      });
    }
    expect(seen).toEqual(wanted);
  }, 300_000);

  it('refuses every state-changing route without proof of origin, for the most trusted role, writing nothing', async () => {
    await w.onFork(async (fork) => {
      const answers: string[] = [];
      for (const route of writes()) {
        const before = await digest(fork.db);
        const path = fillPath(route.path, w.own);
        const res = await send(fork.app, { method: route.method, path, cookie: w.cookies.admin, origin: false });
        answers.push(`${route.key}: ${res.status}`);
        if (isApi(route.path)) expect(res.headers.get('content-type'), route.key).toMatch(/^application\/json/);
        expect(await digest(fork.db), route.key).toBe(before);
      }
      expect(answers).toEqual(writes().map((r) => `${r.key}: 403`));
    });
  }, 120_000);

  it('never serves or changes another assessment’s objects through this one’s paths, whatever the role', async () => {
    const answers: string[] = [];
    const routes = routeTable(w.t.app).filter(
      (r) => r.key in MATRIX && r.path.includes('/assessments/:code/') && hasObjectParams(r.path),
    );
    for (const route of routes) {
      await w.onFork(async (fork) => {
        // This assessment's code with the other's snapshot, rule, city and panel member.
        const path = fillPath(route.path, { ...w.other, code: w.own.code, file: w.own.file });
        for (const role of ROLES) {
          const before = await digest(fork.db);
          const res = await send(fork.app, { method: route.method, path, cookie: w.cookies[role] });
          const text = await res.text();
          // A refusal of any kind (an administrator may be told the city is not this assessment's: 409/422), or
          // the import progress poll's empty "reload" for a job it does not know.
          const refused =
            outcomeOf(route.path, res) === 'in' ||
            (res.status >= 400 && res.status < 500) ||
            (res.status === 204 && text === '');
          if (!refused) answers.push(`${route.key} as ${role} with the other assessment's ids: ${res.status}`);
          if (isWrite(route.method)) expect(await digest(fork.db), `${route.key} as ${role}`).toBe(before);
        }
      });
    }
    expect(answers).toEqual([]);
  }, 300_000);
});
