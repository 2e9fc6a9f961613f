import type { Context } from 'hono';
import { Hono } from 'hono';
import { MAX_NOTE, type SaveWeightsOutcome, saveWeights, weigh, weightHistory } from '../../app/weights.ts';
import { readJson } from '../../engine/index.ts';
import type { AppDeps, AssessmentEnv } from '../context.ts';
import { apiError, apiErrors } from './errors.ts';

const versionJson = (v: Awaited<ReturnType<typeof weightHistory>>[number]) => ({
  version: v.version,
  spec: v.spec,
  note: v.note,
  createdAt: v.at.toISOString(),
  author: v.authorUsername,
});

/** A refusal as the API answers it, with Retry-After when the engine's workers are busy. */
function refusal(c: Context, outcome: Exclude<SaveWeightsOutcome, { kind: 'saved' }>) {
  if (outcome.kind === 'busy') {
    if (outcome.retryAfterSeconds) c.header('Retry-After', String(outcome.retryAfterSeconds));
    return apiErrors(c, 503, outcome.issues);
  }
  return apiErrors(c, outcome.status, outcome.issues);
}

/**
 * The assessment's weights for scripts (administrators): `GET` lists the versions, newest (current) first, with the
 * engine's global weights for the current one; `PUT` takes a weight spec of docs/engine.md §4 as the body
 * (`?note=` for its note) and saves it as a new version after the engine has accepted it (422 with the engine's
 * paths and nothing written otherwise). The same use cases as the weights page (src/app/weights.ts).
 */
export function weightsApi(deps: AppDeps): Hono<AssessmentEnv> {
  const app = new Hono<AssessmentEnv>();

  app.get('/weights', async (c) => {
    const history = await weightHistory(deps.db, c.var.assessment.id);
    const current = history[0];
    const weighing = current ? await weigh(deps.db, deps.engine, c.var.assessment.id, current.spec) : undefined;
    return c.json({
      current: current ? versionJson(current) : null,
      weighed: weighing?.kind === 'weighed' ? weighing.weighed : null,
      ...(weighing && weighing.kind !== 'weighed' ? { notWeighed: weighing.issues } : {}),
      versions: history.map(versionJson),
    });
  });

  app.put('/weights', async (c) => {
    if (!/^application\/json\s*(;|$)/i.test(c.req.header('content-type') ?? ''))
      return apiError(c, 415, 'send the weight spec as JSON with "Content-Type: application/json"');
    let spec: unknown;
    try {
      spec = readJson(await c.req.text());
    } catch {
      return apiError(c, 400, 'the body is not JSON');
    }
    const note = c.req.query('note') ?? '';
    if (note.length > MAX_NOTE) return apiError(c, 422, `at most ${MAX_NOTE} characters`, 'note');
    const outcome = await saveWeights(
      deps.db,
      deps.engine,
      deps.clock(),
      c.var.user,
      {
        assessment: c.var.assessment,
        access: c.var.access,
      },
      spec,
      note,
    );
    if (outcome.kind !== 'saved') return refusal(c, outcome);
    return c.json({ version: outcome.version, ...outcome.weighed }, 201);
  });
  return app;
}
