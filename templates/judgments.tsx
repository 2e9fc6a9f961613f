import type { Translate } from '../src/i18n/messages.ts';
import { Notices } from './components/notices.tsx';
import { AssessmentPageHeader } from './components/page-header.tsx';
import { Matrix } from './weights.tsx';

export interface JudgmentLevelView {
  readonly level: string;
  readonly title: string;
  readonly names: readonly string[];
  /** The triangle's fields, `j.<i>.<k>`, as Saaty's scale text. */
  readonly fields: Readonly<Record<string, string>>;
  readonly consistency: { readonly cr: string; readonly acceptable: boolean } | null;
  readonly updated: string | null;
}

export interface JudgmentsPageProps {
  readonly t: Translate;
  readonly code: string;
  readonly name: string;
  readonly levels: readonly JudgmentLevelView[];
  readonly choices: readonly string[];
  readonly done?: string;
}

/** One level's comparisons: CR updates as a judgment changes (htmx, morphing keeps focus); saving stores them. */
export const JudgmentForm = ({
  t,
  code,
  level,
  choices,
}: {
  t: Translate;
  code: string;
  level: JudgmentLevelView;
  choices: readonly string[];
}) => (
  <form
    id={`judgments-${level.level}`}
    class="panel-card judgments"
    method="post"
    action={`/assessments/${code}/judgments`}
    hx-post={`/assessments/${code}/judgments/preview`}
    hx-trigger="input delay:300ms"
    hx-swap="outerMorph"
  >
    <h2>{level.title}</h2>
    <input type="hidden" name="level" value={level.level} />
    <Matrix
      t={t}
      prefix="j"
      names={level.names}
      fields={level.fields}
      fieldErrors={{}}
      worst={undefined}
      choices={choices}
      caption={t('weights.ahp.caption')}
    />
    <p
      class={`ahp__consistency ${level.consistency?.acceptable === false ? 'ahp__consistency--bad' : 'ahp__consistency--ok'}`}
      aria-live="polite"
    >
      {level.consistency ? (
        <>
          <span data-cr={level.consistency.cr}>CR {level.consistency.cr}</span>{' '}
          <strong>{t(level.consistency.acceptable ? 'weights.ahp.acceptable' : 'weights.ahp.notAcceptable')}</strong>
        </>
      ) : null}{' '}
      {level.updated ? t('judgments.updated', { date: level.updated }) : t('judgments.notGiven')}
    </p>
    <button type="submit" class="button">
      {t('judgments.save')}
    </button>
  </form>
);

export const JudgmentsPage = (p: JudgmentsPageProps) => (
  <>
    <AssessmentPageHeader
      t={p.t}
      code={p.code}
      title={p.t('judgments.title')}
      name={p.name}
      intro={p.t('judgments.intro')}
    />
    <Notices done={p.done} />
    {p.levels.map((level) => (
      <JudgmentForm t={p.t} code={p.code} level={level} choices={p.choices} />
    ))}
  </>
);
