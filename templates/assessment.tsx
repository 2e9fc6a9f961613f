import type { Translate } from '../src/i18n/messages.ts';
import { InlineAction } from './components/inline-action.tsx';

export interface AssessmentPageProps {
  readonly t: Translate;
  readonly code: string;
  readonly name: string;
  readonly region: string;
  readonly period: string;
  readonly illustrative: boolean;
  /** The caller's own scoring, when they are an evaluator. */
  readonly evaluator?:
    | {
        readonly kind: 'round';
        readonly round: number;
        readonly deadline: string | null;
        readonly done: number;
        readonly total: number;
        readonly submitted: boolean;
      }
    | { readonly kind: 'none'; readonly message: string };
  /** For the chair and administrators: the open round's progress per evaluator, or the next round to open. */
  readonly panel?:
    | {
        readonly kind: 'open';
        readonly round: number;
        readonly members: readonly {
          readonly username: string;
          readonly name: string;
          readonly done: number;
          readonly total: number;
          readonly submitted: boolean;
        }[];
      }
    | { readonly kind: 'closed'; readonly next: number };
  /** For the chair and administrators: how far the last closed round agreed (the engine's panel statistics). */
  readonly agreement?: {
    readonly round: number;
    readonly share: string;
    readonly threshold: string;
    /** Kendall's W of the whole panel, over `cells` cells every one of `experts` experts scored. */
    readonly overall: { readonly W: string | null; readonly cells: string; readonly experts: string };
    readonly indicators: readonly { readonly name: string; readonly W: string | null }[];
  };
  /** Administrators also get the links to the assessment's administration pages. */
  readonly administrator: boolean;
  /** An evaluator's or chair's seat: they give their own pairwise comparisons. */
  readonly judges: boolean;
}

export const AssessmentPage = (p: AssessmentPageProps) => {
  const { t } = p;
  return (
    <>
      <div class="page-header">
        <h1>{p.name}</h1>
        <p class="page-header__meta">
          <span>
            {t('assessment.region')}: {p.region}
          </span>
          <span>
            {t('assessment.period')}: {p.period}
          </span>
          {p.illustrative && <span class="badge badge--illustrative">{t('assessment.illustrative')}</span>}
        </p>
        {p.illustrative && <p class="assessment__note">{t('assessment.illustrative.note')}</p>}
      </div>
      {p.evaluator?.kind === 'round' && (
        <section class="panel-card" aria-labelledby="own-round">
          <h2 id="own-round">{t('scoring.round', { number: String(p.evaluator.round) })}</h2>
          <p>
            {p.evaluator.deadline ? t('scoring.deadline', { date: p.evaluator.deadline }) : t('scoring.noDeadline')}
          </p>
          <p class="progress__line">
            <progress
              max={String(p.evaluator.total)}
              value={String(p.evaluator.done)}
              aria-label={t('scoring.progress.label')}
            />
            <span>{t('scoring.progress', { done: String(p.evaluator.done), total: String(p.evaluator.total) })}</span>
          </p>
          {p.evaluator.submitted ? (
            <p class="notice">{t('scoring.submitted', { number: String(p.evaluator.round) })}</p>
          ) : null}
          <p>
            <a class="button" href={`/assessments/${p.code}/score`}>
              {t('scoring.start')}
            </a>
          </p>
        </section>
      )}
      {p.evaluator?.kind === 'none' && <p class="notice">{p.evaluator.message}</p>}
      {p.panel?.kind === 'open' && (
        <section class="panel-card" aria-labelledby="panel-progress">
          <h2 id="panel-progress">{t('assessment.panel.title', { round: String(p.panel.round) })}</h2>
          {p.panel.members.length === 0 ? (
            <p>{t('assessment.panel.none')}</p>
          ) : (
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">{t('assessment.panel.member')}</th>
                  <th scope="col">{t('assessment.panel.done')}</th>
                  <th scope="col">{t('assessment.panel.state')}</th>
                </tr>
              </thead>
              <tbody>
                {p.panel.members.map((m) => (
                  <tr>
                    <th scope="row">{m.name}</th>
                    <td>
                      {m.done}/{m.total}
                    </td>
                    <td>
                      {t(m.submitted ? 'assessment.panel.submitted' : 'assessment.panel.open')}
                      {m.submitted && (
                        <InlineAction
                          action={`/assessments/${p.code}/rounds/reopen`}
                          name="user"
                          value={m.username}
                          label={t('rounds.reopen')}
                        />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <form class="inline-form" method="post" action={`/assessments/${p.code}/rounds/close`}>
            <button type="submit" class="button">
              {t('rounds.close', { number: String(p.panel.round) })}
            </button>
          </form>
        </section>
      )}
      {p.panel?.kind === 'closed' && (
        <section class="panel-card" aria-labelledby="next-round">
          <h2 id="next-round">{t('rounds.next', { number: String(p.panel.next) })}</h2>
          <form class="round-form" method="post" action={`/assessments/${p.code}/rounds/open`}>
            <label for="deadline">{t('rounds.deadline')}</label>
            <input id="deadline" type="datetime-local" name="deadline" />
            <button type="submit" class="button">
              {t('rounds.open', { number: String(p.panel.next) })}
            </button>
          </form>
        </section>
      )}
      {p.agreement && (
        <section class="panel-card" aria-labelledby="agreement">
          <h2 id="agreement">{t('delphi.summary.title', { round: String(p.agreement.round) })}</h2>
          <p>{t('delphi.summary.share', { share: p.agreement.share, threshold: p.agreement.threshold })}</p>
          <p>
            {p.agreement.overall.W === null
              ? t('delphi.summary.overallNone')
              : t('delphi.summary.overall', { ...p.agreement.overall, W: p.agreement.overall.W })}
          </p>
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t('audit.indicator')}</th>
                <th scope="col">{t('delphi.summary.w')}</th>
              </tr>
            </thead>
            <tbody>
              {p.agreement.indicators.map((i) => (
                <tr>
                  <th scope="row">{i.name}</th>
                  <td>{i.W ?? t('delphi.summary.none')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <nav class="assessment__links" aria-label={t('assessment.links')}>
        {p.panel && <a href={`/assessments/${p.code}/results`}>{t('results.link')}</a>}
        <a href={`/assessments/${p.code}/snapshots`}>{t('results.snapshotsLink')}</a>
        {p.judges && <a href={`/assessments/${p.code}/judgments`}>{t('judgments.link')}</a>}
        {p.panel && <a href={`/assessments/${p.code}/audit`}>{t('audit.link')}</a>}
        {p.administrator && <a href={`/assessments/${p.code}/setup`}>{t('setup.link')}</a>}
        {p.administrator && <a href={`/assessments/${p.code}/weights`}>{t('weights.link')}</a>}
        {p.administrator && <a href={`/assessments/${p.code}/panel`}>{t('panel.link')}</a>}
        {p.administrator && <a href={`/assessments/${p.code}/settings`}>{t('settings.link')}</a>}
        {p.administrator && <a href={`/assessments/${p.code}/recommendations`}>{t('rules.link')}</a>}
        {p.administrator && <a href={`/assessments/${p.code}/import`}>{t('import.link')}</a>}
      </nav>
    </>
  );
};
