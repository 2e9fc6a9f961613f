/** The web layer's shape: areas mounted with their guards, and an API that answers JSON whatever happens. */
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportJobs } from '../../src/app/import-jobs.ts';
import { ResultCache } from '../../src/app/results.ts';
import { hashPassword } from '../../src/auth/password.ts';
import { findUserByUsername, setPasswordHash } from '../../src/db/queries/users.ts';
import { mount } from '../../src/web/area.ts';
import type { AppDeps, AppEnv, AssessmentEnv, SignedInEnv } from '../../src/web/context.ts';
import { administrator, assessmentSeat, everyone, signedIn } from '../../src/web/guards.ts';
import { errorPage } from '../../src/web/middleware/errors.ts';
import { localeSelector } from '../../src/web/middleware/locale.ts';
import { sessionLoader } from '../../src/web/middleware/session.ts';
import { addUser, get, login, ORIGIN, startDemoApp, startTestApp, type TestApp } from './harness.ts';

const PASSWORD = 'river-oasis-gansu-42';
const DEMO = 'hexi-corridor-2017';

let t: TestApp;
let probe: Hono<AppEnv>;
const reached: string[] = [];
const cookies: Record<string, string> = {};

/** A pages-like app with areas of every kind of guard, on the test app's database. */
function probeApp(deps: AppDeps): Hono<AppEnv> {
  const pages = new Hono<AppEnv>();
  pages.use(sessionLoader(deps));
  pages.use(localeSelector());
  pages.onError(errorPage(deps));

  const seat = new Hono<AssessmentEnv>();
  seat.use('*', async (c, next) => {
    reached.push(`middleware ${c.var.assessment.code}`);
    await next();
  });
  seat.get('/', (c) => c.text(`${c.var.assessment.code} ${c.var.access.role}`));
  mount(pages, '/assessments/:code/probe', assessmentSeat(deps, ['chair', 'administrator']), seat);

  const root = new Hono<SignedInEnv>();
  root.get('/', (c) => c.text(`home of ${c.var.user.username}`));
  mount(pages, '/', signedIn, root);

  const admin = new Hono<SignedInEnv>();
  admin.get('/', (c) => c.text('admin'));
  mount(pages, '/admin', administrator, admin);

  const open = new Hono<AppEnv>();
  open.get('/', (c) => c.text(`open to ${c.var.user?.username ?? 'anyone'}`));
  mount(pages, '/open', everyone, open);
  return pages;
}

beforeAll(async () => {
  t = await startDemoApp(PASSWORD);
  const expert1 = await findUserByUsername(t.db, 'expert1');
  await setPasswordHash(t.db, expert1!, await hashPassword(PASSWORD), null, t.now());
  await addUser(t.db, 'outsider', PASSWORD);
  for (const name of ['admin', 'expert1', 'outsider']) cookies[name] = (await login(t, name, PASSWORD)).cookie;
  probe = probeApp({
    db: t.db,
    clock: t.now,
    secureCookies: false,
    trustedProxies: null,
    log: (line) => t.logs.push(line),
    engine: t.engine,
    imports: new ImportJobs(t.db, t.now),
    results: new ResultCache(),
    reports: async () => {
      throw new Error('the probe app makes no PDFs');
    },
  });
});
afterAll(() => t.close());

const probeGet = (path: string, as?: string) =>
  Promise.resolve(probe.request(path, { headers: as ? { cookie: cookies[as] } : {} }));

describe('areas and their guards', () => {
  it('an assessment seat: 404 for an assessment one may not see, 403 for the wrong role, the area for the right one', async () => {
    reached.length = 0;
    const anonymous = await probeGet(`/assessments/${DEMO}/probe`);
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe(`/login?next=${encodeURIComponent(`/assessments/${DEMO}/probe`)}`);
    expect((await probeGet(`/assessments/${DEMO}/probe`, 'outsider')).status).toBe(404);
    expect((await probeGet('/assessments/no-such-code/probe', 'admin')).status).toBe(404);
    expect((await probeGet(`/assessments/${DEMO}/probe`, 'expert1')).status).toBe(403);
    // Refused requests never reached the area's own middleware.
    expect(reached).toEqual([]);
    const admin = await probeGet(`/assessments/${DEMO}/probe`, 'admin');
    expect(admin.status).toBe(200);
    expect(await admin.text()).toBe(`${DEMO} administrator`);
    expect(reached).toEqual([`middleware ${DEMO}`]);
  });

  it('a guard on an area mounted at / guards that area only', async () => {
    expect(await (await probeGet('/open')).text()).toBe('open to anyone');
    expect(await (await probeGet('/open', 'outsider')).text()).toBe('open to outsider');
    expect((await probeGet('/')).status).toBe(303);
    expect(await (await probeGet('/', 'outsider')).text()).toBe('home of outsider');
  });

  it('administrator areas: sign-in first, then 403 for everyone but administrators', async () => {
    expect((await probeGet('/admin')).status).toBe(303);
    expect((await probeGet('/admin', 'expert1')).status).toBe(403);
    expect(await (await probeGet('/admin', 'admin')).text()).toBe('admin');
  });

  it('an htmx request that needs a sign-in gets 401 and is told where to sign in', async () => {
    const res = await probe.request(`/assessments/${DEMO}/probe`, { headers: { 'hx-request': 'true' } });
    expect(res.status).toBe(401);
    expect(res.headers.get('hx-redirect')).toBe(`/login?next=${encodeURIComponent(`/assessments/${DEMO}/probe`)}`);
  });

  it('will not mount an area behind a guard that does not give it what it reads', () => {
    const pages = new Hono<AppEnv>();
    const needsAssessment = new Hono<AssessmentEnv>();
    // @ts-expect-error: the area reads c.var.assessment, which only assessmentSeat sets
    mount(pages, '/x', signedIn, needsAssessment);
    const needsUser = new Hono<SignedInEnv>();
    // @ts-expect-error: the area reads c.var.user as signed in, which `everyone` does not promise
    mount(pages, '/y', everyone, needsUser);
    expect(pages.routes).toHaveLength(0);
  });
});

describe('the API answers JSON, whatever happens', () => {
  const api = (path: string, init: RequestInit & { as?: string } = {}) => {
    const headers = new Headers(init.headers);
    if (!headers.has('origin')) headers.set('origin', ORIGIN);
    if (init.as) headers.set('cookie', cookies[init.as]);
    return Promise.resolve(t.app.request(path, { ...init, headers }));
  };
  const expectJsonError = async (res: Response, status: number) => {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await res.json()) as { errors: { path: string; message: string }[] };
    expect(body.errors.length).toBeGreaterThan(0);
    expect(body.errors[0].message).not.toMatch(/<|at .*\.ts:\d+/);
    return body;
  };

  it('404 for an unknown endpoint, signed in or not, and for /api itself', async () => {
    await expectJsonError(await api('/api/no-such-thing'), 404);
    await expectJsonError(await api('/api/no-such-thing', { as: 'admin' }), 404);
    await expectJsonError(await api('/api'), 404);
    await expectJsonError(await api('/api/'), 404);
    await expectJsonError(await api('/api/evaluate/extra', { method: 'POST', as: 'admin' }), 404);
  });

  it('405 with Allow for a known endpoint and the wrong method', async () => {
    const res = await api('/api/evaluate', { as: 'expert1' });
    await expectJsonError(res, 405);
    expect(res.headers.get('allow')).toBe('POST');
  });

  it('401 signed out, 403 cross-origin, 413 over the limit, all JSON', async () => {
    await expectJsonError(await api('/api/evaluate', { method: 'POST', body: '{}' }), 401);
    await expectJsonError(
      await api('/api/evaluate', { method: 'POST', headers: { origin: 'https://evil.example' } }),
      403,
    );
    const huge = 'x'.repeat(6 * 1024 * 1024);
    await expectJsonError(await api('/api/evaluate', { method: 'POST', body: huge, as: 'expert1' }), 413);
  });

  it('an unexpected failure is a JSON 500 with a reference that is in the log, never the HTML page', async () => {
    const other = await startTestApp();
    try {
      await addUser(other.db, 'ann', PASSWORD);
      const { cookie } = await login(other, 'ann', PASSWORD);
      // A schema the code does not expect is a bug, not a database fault (a closed database is a 503, see
      // tests/reliability/faults.test.ts).
      await other.db.$client.execute('alter table sessions rename to sessions_moved');
      const res = await get(other, '/api/evaluate', { cookie, headers: { origin: ORIGIN } });
      const body = (await expectJsonError(res, 500)) as unknown as { reference: string };
      expect(body.reference).toMatch(/^[0-9a-f]{8}$/);
      expect(other.logs.some((line) => line.startsWith(`${body.reference} error GET /api/evaluate`))).toBe(true);
    } finally {
      await other.close();
    }
  });

  it('pages keep their HTML error pages', async () => {
    const res = await get(t, '/no-such-page', { cookie: cookies.expert1 });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  });
});
