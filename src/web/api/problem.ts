import { Hono } from 'hono';
import { recordExport } from '../../app/exports.ts';
import { buildProblem, ProblemBuildError } from '../../app/problem.ts';
import type { AppDeps, AssessmentEnv } from '../context.ts';
import { apiError } from './errors.ts';

/**
 * `GET /api/assessments/:code/problem`: the Problem the app evaluates, byte for byte what `corridor problem`
 * prints, so a script can run it through `corridor evaluate` itself; 409 with the reason while it cannot be built.
 */
export function problemApi(deps: AppDeps): Hono<AssessmentEnv> {
  const app = new Hono<AssessmentEnv>();
  app.get('/problem', async (c) => {
    const { assessment } = c.var;
    try {
      const problem = await buildProblem(deps.db, assessment.id);
      await recordExport(
        deps.db,
        deps.clock(),
        c.var.user.id,
        { entity: 'assessment', id: assessment.id, assessment: assessment.code },
        { kind: 'problem', format: 'json', via: 'api' },
      );
      return c.body(`${JSON.stringify(problem)}\n`, 200, { 'Content-Type': 'application/json' });
    } catch (err) {
      if (err instanceof ProblemBuildError) return apiError(c, 409, err.message);
      throw err;
    }
  });
  return app;
}
