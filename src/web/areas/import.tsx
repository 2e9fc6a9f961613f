import type { Context } from 'hono';
import { Hono } from 'hono';
import {
  ImportPage,
  type ImportPageProps,
  ImportProgress,
  type ImportRowView,
  type JobView,
} from '../../../templates/import.tsx';
import { commitImport, type ImportPreview, type ImportRow, importTemplate, previewImport } from '../../app/import.ts';
import type { ImportJob } from '../../app/import-jobs.ts';
import { byLocale } from '../../i18n/messages.ts';
import type { AppDeps, AssessmentEnv } from '../context.ts';
import { readFields } from '../forms.ts';
import { render } from '../render.tsx';

type C = Context<AssessmentEnv>;

/** Rows with problems listed on the preview; all of them are counted. */
const PROBLEM_ROWS = 300;
const SAMPLE_ROWS = 20;

const rowView = (r: ImportRow): ImportRowView => ({
  line: r.line,
  city: r.city,
  indicator: r.indicator,
  year: r.year,
  value: r.value,
  source: r.source,
  problems: r.problems,
  ...(r.replaces === undefined ? {} : { replaces: String(r.replaces) }),
});

function jobView(job: ImportJob): JobView {
  const state = job.state;
  if (state.kind === 'checking') return state;
  if (state.kind === 'unreadable') return state;
  if (state.kind === 'imported' || state.kind === 'committing') return { kind: 'unreadable', message: '' };
  const p: ImportPreview = state.preview;
  const problems = p.rows.filter((r) => r.problems.length > 0);
  return {
    kind: 'ready',
    valid: p.valid,
    invalid: p.invalid,
    replacing: p.replacing,
    problemRows: problems.slice(0, PROBLEM_ROWS).map(rowView),
    moreProblems: Math.max(0, problems.length - PROBLEM_ROWS),
    sample: p.rows.slice(0, SAMPLE_ROWS).map(rowView),
  };
}

/** `/assessments/:code/import`: statistics from CSV or .xlsx, checked in the background, then written at once. */
export function importArea(deps: AppDeps): Hono<AssessmentEnv> {
  const app = new Hono<AssessmentEnv>();
  const owner = (c: C) => ({ userId: c.var.user.id, assessmentId: c.var.assessment.id });

  const page = (c: C, extra: Partial<ImportPageProps> = {}, status: 200 | 202 | 400 | 404 | 422 = 200) => {
    const { t, locale } = c.var;
    return render(c, {
      title: t('import.title'),
      activeNav: 'assessments',
      status,
      body: (
        <ImportPage
          t={t}
          code={c.var.assessment.code}
          name={byLocale(locale, c.var.assessment.nameEn, c.var.assessment.nameZh)}
          {...extra}
        />
      ),
    });
  };

  app.get('/import', (c) => {
    const count = c.req.query('imported');
    return page(c, count ? { done: c.var.t('import.done', { count, replaced: c.req.query('replaced') ?? '0' }) } : {});
  });

  app.get('/import/template.csv', async (c) => {
    c.header('Content-Disposition', `attachment; filename="corridor-${c.var.assessment.code}-statistics.csv"`);
    return c.body(await importTemplate(deps.db, c.var.assessment.id), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
    });
  });

  app.post('/import', async (c) => {
    const { files } = await readFields(c);
    const file = files.file;
    if (!(file instanceof File) || file.size === 0) return page(c, { problem: c.var.t('import.noFile') }, 400);
    const bytes = new Uint8Array(await file.arrayBuffer());
    const job = deps.imports.start(owner(c), file.name, (progress) =>
      previewImport(deps.db, c.var.assessment.id, bytes, progress),
    );
    return c.redirect(`/assessments/${c.var.assessment.code}/import/jobs/${job.id}`, 303);
  });

  app.get('/import/jobs/:id', (c) => {
    const job = deps.imports.get(c.req.param('id'), owner(c));
    if (!job || job.state.kind === 'imported' || job.state.kind === 'committing')
      return page(c, { problem: c.var.t('import.gone') }, 404);
    return page(
      c,
      { job: { id: job.id, fileName: job.fileName, view: jobView(job) } },
      job.state.kind === 'checking' ? 202 : 200,
    );
  });

  // Polled by the progress bar; once the check is over the whole page is reloaded to show the preview.
  app.get('/import/jobs/:id/progress', (c) => {
    const job = deps.imports.get(c.req.param('id'), owner(c));
    if (job?.state.kind !== 'checking') {
      c.header('HX-Refresh', 'true');
      return c.body(null, 204);
    }
    return c.html(
      <ImportProgress
        t={c.var.t}
        code={c.var.assessment.code}
        id={job.id}
        done={job.state.done}
        total={job.state.total}
      />,
    );
  });

  app.post('/import/jobs/:id/commit', async (c) => {
    const job = deps.imports.get(c.req.param('id'), owner(c));
    if (job?.state.kind !== 'ready') return page(c, { problem: c.var.t('import.gone') }, 404);
    const ready = job.state;
    job.state = { kind: 'committing', preview: ready.preview };
    const outcome = await commitImport(
      deps.db,
      deps.clock(),
      c.var.user,
      { assessment: c.var.assessment, access: c.var.access },
      ready.preview,
      job.fileName,
    ).catch((err: unknown) => {
      job.state = ready;
      throw err;
    });
    if (outcome.kind === 'refused') {
      job.state = ready;
      return page(c, { problem: outcome.issues.map((i) => i.message).join(' ') }, 422);
    }
    job.state = { kind: 'imported', count: outcome.count, replaced: outcome.replaced };
    return c.redirect(
      `/assessments/${c.var.assessment.code}/import?imported=${outcome.count}&replaced=${outcome.replaced}`,
      303,
    );
  });
  return app;
}
