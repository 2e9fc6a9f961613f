import type { Translate } from '../../src/i18n/messages.ts';

/** The head of a page inside an assessment: the way back, the title, the assessment's name and what the page is for. */
export const AssessmentPageHeader = (p: {
  readonly t: Translate;
  readonly code: string;
  readonly title: string;
  readonly name: string;
  readonly intro: string;
}) => (
  <div class="page-header">
    <p class="page-header__back">
      <a href={`/assessments/${p.code}`}>{p.t('assessment.back')}</a>
    </p>
    <h1>{p.title}</h1>
    <p>{p.name}</p>
    <p class="weights__hint">{p.intro}</p>
  </div>
);
