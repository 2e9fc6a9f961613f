import type { Context } from 'hono';
import { Hono } from 'hono';
import {
  ImportPage,
  type ImportPageProps,
  ImportProgress,
  type ImportRowView,
  type JobView,
} from '../../../templates/import.tsx';
import { type ImportRow, importTemplate, previewImport } from '../../app/import.ts';
import type { JobState } from '../../app/import-jobs.ts';
import { byLocale, type Translate } from '../../i18n/messages.ts';
import type { AppDeps, AssessmentEnv } from '../context.ts';
import { readFields } from '../forms.ts';
import { render } from '../render.tsx';

type C = Context<AssessmentEnv>;

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

function jobView(state: JobState, t: Translate): JobView {
  switch (state.kind) {
    case 'checking':
    case 'unreadable':
      return state;
    case 'interrupted':
      return { kind: 'unreadable', message: t('import.interrupted') };
    case 'imported':
    case 'committing':
      return { kind: 'unreadable', message: '' };
    case 'ready': {
      const p = state.preview;
      return {
        kind: 'ready',
        valid: p.valid,
        invalid: p.invalid,
        replacing: p.replacing,
        problemRows: p.problemRows.map(rowView),
        moreProblems: p.moreProblems,
        sample: p.sample.map(rowView),
      };
    }
  }
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
    const job = await deps.imports.start(owner(c), file.name, (progress) =>
      previewImport(deps.db, c.var.assessment.id, bytes, progress),
    );
    return c.redirect(`/assessments/${c.var.assessment.code}/import/jobs/${job.id}`, 303);
  });

  app.get('/import/jobs/:id', async (c) => {
    const job = await deps.imports.get(c.req.param('id'), owner(c));
    if (!job || job.state.kind === 'imported' || job.state.kind === 'committing')
      return page(c, { problem: c.var.t('import.gone') }, 404);
    return page(
      c,
      { job: { id: job.id, fileName: job.fileName, view: jobView(job.state, c.var.t) } },
      job.state.kind === 'checking' ? 202 : 200,
    );
  });

  // Polled by the progress bar; once the check is over the whole page is reloaded to show the preview.
  app.get('/import/jobs/:id/progress', async (c) => {
    const job = await deps.imports.get(c.req.param('id'), owner(c), false);
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
    const outcome = await deps.imports.confirm(c.req.param('id'), c.var.user, {
      assessment: c.var.assessment,
      access: c.var.access,
    });
    if (!outcome) return page(c, { problem: c.var.t('import.gone') }, 404);
    if (outcome.kind === 'refused') return page(c, { problem: outcome.issues.map((i) => i.message).join(' ') }, 422);
    return c.redirect(
      `/assessments/${c.var.assessment.code}/import?imported=${outcome.count}&replaced=${outcome.replaced}`,
      303,
    );
  });
  return app;
}
