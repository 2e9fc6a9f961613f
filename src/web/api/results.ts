import type { Context } from 'hono';
import { Hono } from 'hono';
import type { Busy } from '../../app/evaluation.ts';
import { recordExport } from '../../app/exports.ts';
import type { Refused } from '../../app/refused.ts';
import { liveResults, liveSetText } from '../../app/results.ts';
import { publishSnapshot, snapshotOf, snapshotSummaryJson, snapshotsOf, snapshotText } from '../../app/snapshots.ts';
import type { StoredSnapshot } from '../../db/queries/snapshots.ts';
import type { AppDeps, AssessmentEnv } from '../context.ts';
import { apiError, apiErrors } from './errors.ts';

function refusal(c: Context, outcome: Refused | Busy) {
  if (outcome.kind === 'busy') {
    if (outcome.retryAfterSeconds) c.header('Retry-After', String(outcome.retryAfterSeconds));
    return apiErrors(c, 503, outcome.issues);
  }
  return apiErrors(c, outcome.status, outcome.issues);
}

/** The experts' own scores go to the chair and administrators only (`problemsFor`). */
const snapshotBody = (s: StoredSnapshot, role: AssessmentEnv['Variables']['access']['role']) =>
  snapshotText(role, s, { methodSettings: s.methodSettings });

/**
 * The live draft and publishing (the chair and administrators): `GET …/results` is the current data's Problem,
 * Result and comparison (409 while it cannot be evaluated); `POST …/snapshots` publishes it and answers 201 with
 * the snapshot's id and hash.
 */
export function resultsApi(deps: AppDeps): Hono<AssessmentEnv> {
  const app = new Hono<AssessmentEnv>();
  app.get('/results', async (c) => {
    const outcome = await liveResults(deps.db, deps.engine, deps.results, c.var.assessment);
    if (outcome.kind === 'unavailable') return apiError(c, 409, outcome.message);
    if (outcome.kind !== 'ok') return refusal(c, outcome);
    const { live } = outcome;
    const { assessment } = c.var;
    await recordExport(
      deps.db,
      deps.clock(),
      c.var.user.id,
      { entity: 'assessment', id: assessment.id, assessment: assessment.code },
      { kind: 'results', format: 'json', via: 'api' },
    );
    const body = liveSetText(live, {
      dataVersion: live.dataVersion,
      weightSetVersion: live.weightSet?.version ?? null,
      methodSettings: live.methodSettings,
    });
    return c.body(body, 200, { 'Content-Type': 'application/json' });
  });
  app.post('/snapshots', async (c) => {
    const outcome = await publishSnapshot(deps.db, deps.engine, deps.results, deps.clock(), c.var.user, {
      assessment: c.var.assessment,
      access: c.var.access,
    });
    if (outcome.kind !== 'published') return refusal(c, outcome);
    c.header('Location', `/api/assessments/${c.var.assessment.code}/snapshots/${outcome.id}`);
    return c.json({ id: outcome.id, hash: outcome.hash }, 201);
  });
  return app;
}

/** Published snapshots, for everyone with a seat (viewers included): the list, and one with its stored documents. */
export function snapshotsApi(deps: AppDeps): Hono<AssessmentEnv> {
  const app = new Hono<AssessmentEnv>();
  const seat = (c: Context<AssessmentEnv>) => ({ assessment: c.var.assessment, access: c.var.access });
  app.get('/snapshots', async (c) =>
    c.json({ snapshots: (await snapshotsOf(deps.db, seat(c))).map(snapshotSummaryJson) }),
  );
  app.get('/snapshots/:id', async (c) => {
    const found = await snapshotOf(deps.db, seat(c), c.req.param('id'));
    if ('kind' in found) return refusal(c, found);
    const body = snapshotBody(found, c.var.access.role);
    await recordExport(
      deps.db,
      deps.clock(),
      c.var.user.id,
      { entity: 'snapshot', id: found.id, assessment: c.var.assessment.code },
      { kind: 'snapshot', format: 'json', via: 'api' },
    );
    return c.body(body, 200, { 'Content-Type': 'application/json' });
  });
  return app;
}
