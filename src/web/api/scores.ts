import { Hono } from 'hono';
import { cellInputSchema, ownCells, saveCell, submitRound } from '../../app/scoring.ts';
import { readJson } from '../../engine/index.ts';
import type { AppDeps, AssessmentEnv } from '../context.ts';
import { apiError, apiErrors } from './errors.ts';
import { zodIssues } from './issues.ts';

/**
 * An evaluator's own scores, for scripts and offline tools: the same use cases as the scoring pages
 * (src/app/scoring.ts), so both apply the same rules. Mounted under /api/assessments/:code behind an
 * assessment seat.
 */
export function scoresApi(deps: AppDeps): Hono<AssessmentEnv> {
  const app = new Hono<AssessmentEnv>();
  const seatOf = (c: { var: AssessmentEnv['Variables'] }) => ({ assessment: c.var.assessment, access: c.var.access });

  app.get('/scores', async (c) => {
    const own = await ownCells(deps.db, c.var.user, seatOf(c));
    if (own.kind === 'refused') return apiErrors(c, own.status, own.issues);
    return c.json({ round: own.round, submitted: own.submitted, cells: own.cells });
  });

  app.put('/scores', async (c) => {
    if (!/^application\/json\s*(;|$)/i.test(c.req.header('content-type') ?? '')) {
      return apiError(c, 415, 'send the cell as JSON with "Content-Type: application/json"');
    }
    let body: unknown;
    try {
      body = readJson(await c.req.text());
    } catch {
      return apiError(c, 400, 'the body is not JSON');
    }
    const parsed = cellInputSchema.safeParse(body);
    if (!parsed.success) return apiErrors(c, 422, zodIssues(parsed.error));
    const outcome = await saveCell(deps.db, deps.clock(), c.var.user, seatOf(c), parsed.data);
    switch (outcome.kind) {
      case 'saved':
        return c.json(outcome.cell);
      case 'conflict':
        return c.json(
          {
            errors: [
              {
                path: 'version',
                message: 'this cell was changed elsewhere since you loaded it: here is the stored one',
              },
            ],
            stored: outcome.stored,
          },
          409,
        );
      case 'refused':
        return apiErrors(c, outcome.status, outcome.issues);
    }
  });

  app.post('/submit', async (c) => {
    const outcome = await submitRound(deps.db, deps.clock(), c.var.user, seatOf(c));
    switch (outcome.kind) {
      case 'submitted':
        return c.json({ submitted: true, round: outcome.round });
      case 'incomplete':
        return c.json(
          {
            errors: [{ path: '', message: `${outcome.missing.length} cells are neither scored nor abstained` }],
            missing: outcome.missing,
          },
          409,
        );
      case 'refused':
        return apiErrors(c, outcome.status, outcome.issues);
    }
  });
  return app;
}
