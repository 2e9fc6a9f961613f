import type { Context } from 'hono';
import { Hono } from 'hono';
import { NewAssessmentPage } from '../../../templates/new-assessment.tsx';
import { createAssessment } from '../../app/assessments.ts';
import type { PlainMessageKey } from '../../i18n/messages.ts';
import type { AppDeps, SignedInEnv } from '../context.ts';
import { readFields } from '../forms.ts';
import { render } from '../render.tsx';

type C = Context<SignedInEnv>;

const LABELS: Record<string, PlainMessageKey> = {
  code: 'new.code',
  period: 'assessment.period',
  nameEn: 'new.nameEn',
  nameZh: 'new.nameZh',
  regionEn: 'new.regionEn',
  regionZh: 'new.regionZh',
  template: 'new.template',
};

/** `/assessments/new`: administrators create an assessment (the guard at the mount). */
export function newAssessmentArea(deps: AppDeps): Hono<SignedInEnv> {
  const app = new Hono<SignedInEnv>();
  const page = (
    c: C,
    values: Record<string, string>,
    fieldErrors: Record<string, string> = {},
    status: 200 | 409 | 422 = 200,
  ) =>
    render(c, {
      title: c.var.t('new.title'),
      activeNav: 'assessments',
      status,
      body: <NewAssessmentPage t={c.var.t} values={values} fieldErrors={fieldErrors} />,
    });

  app.get('/new', (c) => page(c, {}));

  app.post('/new', async (c) => {
    const { fields: body } = await readFields(c);
    const text = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : '');
    const input = {
      code: text('code').trim().toLowerCase(),
      nameEn: text('nameEn'),
      nameZh: text('nameZh'),
      regionEn: text('regionEn'),
      regionZh: text('regionZh'),
      period: text('period'),
      template: text('template') || 'hexi',
    };
    const outcome = await createAssessment(deps.db, deps.clock(), c.var.user, input);
    if (outcome.kind === 'created') return c.redirect(`/assessments/${outcome.code}`, 303);
    const issue = outcome.issues[0]!;
    const label = LABELS[issue.path];
    return page(
      c,
      input,
      { [issue.path]: label ? `${c.var.t(label)}: ${issue.message}` : issue.message },
      outcome.status === 409 ? 409 : 422,
    );
  });
  return app;
}
