import type { Translate } from '../src/i18n/messages.ts';
import { Field } from './components/field.tsx';
import { Notices } from './components/notices.tsx';
import { AssessmentPageHeader } from './components/page-header.tsx';

export interface MemberView {
  readonly username: string;
  readonly name: string;
  readonly role: 'evaluator' | 'chair' | 'viewer';
  readonly influence: string;
  readonly disabled: boolean;
  /** For evaluators while a round is open: cells done of all, and whether they submitted. */
  readonly progress?: { readonly done: number; readonly total: number; readonly submitted: boolean };
}

export interface PanelPageProps {
  readonly t: Translate;
  readonly code: string;
  readonly name: string;
  readonly round: number | null;
  readonly members: readonly MemberView[];
  readonly problem?: string;
  readonly done?: string;
  /** Removing this member takes their scores out of the results: asked first. */
  readonly confirm?: {
    readonly username: string;
    readonly name: string;
    readonly scores: number;
    /** Levels at which they gave pairwise comparisons. */
    readonly judgments: number;
  };
  readonly form: { readonly username: string; readonly role: string; readonly influence: string };
  readonly fieldErrors: { readonly username?: string; readonly role?: string; readonly influence?: string };
}

const ROLES = ['evaluator', 'chair', 'viewer'] as const;

const RoleSelect = (p: { t: Translate; id: string; value: string; label: string; form?: string }) => (
  <select id={p.id} name="role" aria-label={p.label} form={p.form}>
    {ROLES.map((r) => (
      <option value={r} selected={r === p.value}>
        {p.t(`role.${r}`)}
      </option>
    ))}
  </select>
);

/** Administrators: the assessment's panel, with roles, influence and each evaluator's progress. */
export const PanelPage = (p: PanelPageProps) => {
  const { t } = p;
  const base = `/assessments/${p.code}/panel`;
  return (
    <>
      <AssessmentPageHeader t={t} code={p.code} title={t('panel.title')} name={p.name} intro={t('panel.intro')} />
      <Notices done={p.done} problem={p.problem} />
      {p.confirm && (
        <div class="notice notice--warn" role="alert">
          {p.confirm.scores > 0 && (
            <p>{t('panel.confirm', { name: p.confirm.name, scores: String(p.confirm.scores) })}</p>
          )}
          {p.confirm.judgments > 0 && (
            <p>{t('panel.confirm.judgments', { name: p.confirm.name, levels: String(p.confirm.judgments) })}</p>
          )}
          <form method="post" action={`${base}/${encodeURIComponent(p.confirm.username)}/remove`} class="inline-form">
            <input type="hidden" name="confirm" value="yes" />
            <button type="submit" class="button">
              {t('panel.confirm.yes')}
            </button>
          </form>{' '}
          <a href={base}>{t('panel.confirm.no')}</a>
        </div>
      )}
      <section class="panel-card" aria-labelledby="members">
        <h2 id="members">{t('panel.members')}</h2>
        {p.members.length === 0 ? (
          <p>{t('panel.none')}</p>
        ) : (
          <div class="table-scroll">
            <table class="table table--stack">
              <thead>
                <tr>
                  <th scope="col">{t('assessment.panel.member')}</th>
                  <th scope="col">{t('panel.role')}</th>
                  <th scope="col">{t('panel.influence')}</th>
                  <th scope="col">
                    {p.round === null ? t('panel.progress') : t('assessment.panel.title', { round: String(p.round) })}
                  </th>
                  <td />
                </tr>
              </thead>
              <tbody>
                {p.members.map((m) => {
                  const formId = `seat-${m.username}`;
                  return (
                    <tr data-member={m.username}>
                      <th scope="row">
                        {m.name} <span class="panel__username">({m.username})</span>
                        {m.disabled && <span class="badge badge--closed">{t('users.disabled')}</span>}
                      </th>
                      <td>
                        <form id={formId} method="post" action={`${base}/${encodeURIComponent(m.username)}`} />
                        <RoleSelect
                          t={t}
                          id={`${formId}-role`}
                          form={formId}
                          value={m.role}
                          label={t('panel.roleOf', { name: m.name })}
                        />
                      </td>
                      <td>
                        <input
                          form={formId}
                          name="influence"
                          type="text"
                          inputmode="decimal"
                          size={4}
                          value={m.influence}
                          aria-label={t('panel.influenceOf', { name: m.name })}
                        />
                      </td>
                      <td>
                        {m.progress
                          ? `${m.progress.done}/${m.progress.total} · ${t(m.progress.submitted ? 'assessment.panel.submitted' : 'assessment.panel.open')}`
                          : '—'}
                      </td>
                      <td class="users__actions">
                        <button type="submit" form={formId} class="button button--small">
                          {t('panel.save')}
                        </button>
                        <form
                          method="post"
                          action={`${base}/${encodeURIComponent(m.username)}/remove`}
                          class="inline-form"
                        >
                          <button type="submit" class="button button--small button--ghost-dark">
                            {t('panel.remove')}
                          </button>
                        </form>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section class="panel-card" aria-labelledby="add-member">
        <h2 id="add-member">{t('panel.add')}</h2>
        <form method="post" action={base} class="users__new">
          <Field
            name="username"
            label={t('field.username')}
            value={p.form.username}
            error={p.fieldErrors.username}
            required
          />
          <div class="field">
            <label for="role">{t('panel.role')}</label>
            <RoleSelect t={t} id="role" value={p.form.role} label={t('panel.role')} />
            {p.fieldErrors.role && <p class="field__error">{p.fieldErrors.role}</p>}
          </div>
          <Field
            name="influence"
            label={t('panel.influence')}
            value={p.form.influence}
            error={p.fieldErrors.influence}
          />
          <button type="submit" class="button">
            {t('panel.add.submit')}
          </button>
        </form>
      </section>
    </>
  );
};
