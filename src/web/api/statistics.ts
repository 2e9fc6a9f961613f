import { Hono } from 'hono';
import { commitImport, type ImportPreview, previewImport } from '../../app/import.ts';
import type { AppDeps, AssessmentEnv } from '../context.ts';
import { apiError } from './errors.ts';

/** What a preview says in JSON: the counts and every row with a problem. */
export const previewJson = (p: ImportPreview) => ({
  valid: p.valid,
  invalid: p.invalid,
  replacing: p.replacing,
  format: p.format,
  sha256: p.sha256,
  problems: p.rows.filter((r) => r.problems.length > 0).map((r) => ({ line: r.line, problems: r.problems })),
});

/**
 * `POST /api/assessments/:code/indicator-values`: a CSV (or .xlsx) body of indicator values, checked row by row and
 * written all at once; `?dryRun=true` answers the preview and writes nothing. Administrators (the guard at the mount).
 */
export function statisticsApi(deps: AppDeps): Hono<AssessmentEnv> {
  const app = new Hono<AssessmentEnv>();
  app.post('/indicator-values', async (c) => {
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    if (bytes.length === 0) return apiError(c, 400, 'send the CSV (or .xlsx) file as the request body');
    const outcome = await previewImport(deps.db, c.var.assessment.id, bytes);
    if (outcome.kind === 'unreadable') return apiError(c, 422, outcome.message);
    const preview = outcome.preview;
    if (c.req.query('dryRun') === 'true') return c.json({ dryRun: true, ...previewJson(preview) });
    if (preview.invalid > 0)
      return c.json(
        {
          errors: [{ path: '', message: `${preview.invalid} rows have problems; nothing was imported` }],
          ...previewJson(preview),
        },
        422,
      );
    const done = await commitImport(
      deps.db,
      deps.clock(),
      c.var.user,
      { assessment: c.var.assessment, access: c.var.access },
      preview,
      c.req.header('x-file-name') ?? 'request body',
    );
    if (done.kind === 'refused') return c.json({ errors: done.issues }, done.status);
    return c.json({ imported: done.count, replaced: done.replaced, ...previewJson(preview) }, 201);
  });
  return app;
}
