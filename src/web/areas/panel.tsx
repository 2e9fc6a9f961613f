import type { Context } from 'hono';
import { Hono } from 'hono';
import { PanelPage, type PanelPageProps } from '../../../templates/panel.tsx';
import { addMember, changeMember, panelOf, removeMember } from '../../app/panel.ts';
import type { Refused } from '../../app/refused.ts';
import { panelProgress } from '../../app/scoring.ts';
import { byLocale } from '../../i18n/messages.ts';
import type { AppDeps, AssessmentEnv } from '../context.ts';
import { readFields } from '../forms.ts';
import { render } from '../render.tsx';

type C = Context<AssessmentEnv>;
const text = (body: Record<string, unknown>, name: string) =>
  typeof body[name] === 'string' ? (body[name] as string) : '';

/** `/assessments/:code/panel`: the panel's members, for administrators (the guard at the mount). */
export function panelArea(deps: AppDeps): Hono<AssessmentEnv> {
  const app = new Hono<AssessmentEnv>();
  const seatOf = (c: C) => ({ assessment: c.var.assessment, access: c.var.access });

  const page = async (c: C, extra: Partial<PanelPageProps> = {}, status: 200 | 404 | 409 | 422 = 200) => {
    const { t, locale } = c.var;
    const [members, progress] = await Promise.all([panelOf(deps.db, seatOf(c)), panelProgress(deps.db, seatOf(c))]);
    const open = progress.kind === 'open' ? progress : undefined;
    return render(c, {
      title: t('panel.title'),
      activeNav: 'assessments',
      status,
      body: (
        <PanelPage
          t={t}
          code={c.var.assessment.code}
          name={byLocale(locale, c.var.assessment.nameEn, c.var.assessment.nameZh)}
          round={open?.round ?? null}
          members={members.map((m) => {
            const own = open?.members.find((x) => x.username === m.username);
            return {
              username: m.username,
              name: m.displayName,
              role: m.role,
              influence: String(m.influence),
              disabled: m.disabledAt !== null,
              ...(own ? { progress: { done: own.done, total: own.total, submitted: own.submitted } } : {}),
            };
          })}
          form={{ username: '', role: 'evaluator', influence: '1' }}
          fieldErrors={{}}
          {...extra}
        />
      ),
    });
  };
  const refusal = (c: C, outcome: Refused, form?: PanelPageProps['form']) => {
    const status = outcome.status === 403 ? 409 : outcome.status;
    const issue = outcome.issues[0]!;
    if (form && ['username', 'role', 'influence'].includes(issue.path)) {
      const label = c.var.t(
        issue.path === 'username' ? 'field.username' : issue.path === 'role' ? 'panel.role' : 'panel.influence',
      );
      return page(c, { form, fieldErrors: { [issue.path]: `${label}: ${issue.message}` } }, status);
    }
    return page(c, { problem: outcome.issues.map((i) => i.message).join(' ') }, status);
  };
  const back = (c: C, username: string, done: 'added' | 'changed' | 'removed') =>
    c.redirect(`/assessments/${c.var.assessment.code}/panel?done=${done}&user=${encodeURIComponent(username)}`, 303);

  app.get('/panel', (c) => {
    const done = c.req.query('done');
    const user = c.req.query('user') ?? '';
    const message =
      done === 'added'
        ? c.var.t('panel.done.added', { username: user })
        : done === 'changed'
          ? c.var.t('panel.done.changed', { username: user })
          : done === 'removed'
            ? c.var.t('panel.done.removed', { username: user })
            : undefined;
    return page(c, message ? { done: message } : {});
  });

  app.post('/panel', async (c) => {
    const { fields: body } = await readFields(c);
    const form = { username: text(body, 'username'), role: text(body, 'role'), influence: text(body, 'influence') };
    const outcome = await addMember(deps.db, deps.clock(), c.var.user, seatOf(c), form);
    return outcome.kind === 'refused' ? refusal(c, outcome, form) : back(c, outcome.seat.username, 'added');
  });

  app.post('/panel/:username', async (c) => {
    const { fields: body } = await readFields(c);
    const input = { username: c.req.param('username'), role: text(body, 'role'), influence: text(body, 'influence') };
    const outcome = await changeMember(deps.db, deps.clock(), c.var.user, seatOf(c), input);
    return outcome.kind === 'refused' ? refusal(c, outcome) : back(c, outcome.seat.username, 'changed');
  });

  app.post('/panel/:username/remove', async (c) => {
    const { fields: body } = await readFields(c);
    const outcome = await removeMember(
      deps.db,
      deps.clock(),
      c.var.user,
      seatOf(c),
      c.req.param('username'),
      text(body, 'confirm') === 'yes',
    );
    if (outcome.kind === 'refused') return refusal(c, outcome);
    if (outcome.kind === 'confirm') {
      const members = await panelOf(deps.db, seatOf(c));
      const name = members.find((m) => m.userId === outcome.seat.userId)?.displayName ?? outcome.seat.username;
      return page(
        c,
        { confirm: { username: outcome.seat.username, name, scores: outcome.scores, judgments: outcome.judgments } },
        409,
      );
    }
    return back(c, outcome.seat.username, 'removed');
  });
  return app;
}
