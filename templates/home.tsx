import type { PlainMessageKey, Translate } from '../src/i18n/messages.ts';

/** Spelled out here, so the view depends on no other layer; the route's mapping keeps them in step. */
export type AssessmentStatus = 'draft' | 'open' | 'closed' | 'published';
export type AssessmentRole = 'administrator' | 'chair' | 'evaluator' | 'viewer';

export interface AssessmentCard {
  readonly id: number;
  /** Addresses the assessment's pages: /assessments/:code. */
  readonly code: string;
  /** Already in the page's language. */
  readonly name: string;
  readonly region: string;
  readonly period: string;
  readonly status: AssessmentStatus;
  readonly illustrative: boolean;
  /** Kept read-only; shown as such. */
  readonly archived: boolean;
  readonly role: AssessmentRole;
}

export type AssessmentGroupKind = 'all' | 'evaluator' | 'viewer';

export interface AssessmentGroup {
  readonly kind: AssessmentGroupKind;
  readonly items: readonly AssessmentCard[];
}

export interface HomePageProps {
  readonly t: Translate;
  readonly isAdmin: boolean;
  readonly groups: readonly AssessmentGroup[];
}

const statusKey: Record<AssessmentStatus, PlainMessageKey> = {
  draft: 'status.draft',
  open: 'status.open',
  closed: 'status.closed',
  published: 'status.published',
};

const roleKey: Record<AssessmentRole, PlainMessageKey> = {
  administrator: 'role.administrator',
  evaluator: 'role.evaluator',
  chair: 'role.chair',
  viewer: 'role.viewer',
};

const groupTitle: Record<AssessmentGroupKind, PlainMessageKey> = {
  all: 'home.group.all',
  evaluator: 'home.group.evaluator',
  viewer: 'home.group.viewer',
};

const Card = ({ t, a }: { t: Translate; a: AssessmentCard }) => (
  <li class={a.illustrative ? 'assessment assessment--illustrative' : 'assessment'} data-assessment-id={String(a.id)}>
    <h3 class="assessment__title">
      <a href={`/assessments/${a.code}`}>{a.name}</a>
    </h3>
    <div class="assessment__badges">
      {a.archived ? (
        <span class="badge badge--closed">{t('home.archived')}</span>
      ) : (
        <span class={`badge badge--${a.status}`}>{t(statusKey[a.status])}</span>
      )}
      <span class="badge badge--role">{t(roleKey[a.role])}</span>
      {a.illustrative && <span class="badge badge--illustrative">{t('assessment.illustrative')}</span>}
    </div>
    <dl class="assessment__facts">
      <dt>{t('assessment.region')}</dt>
      <dd>{a.region}</dd>
      <dt>{t('assessment.period')}</dt>
      <dd>{a.period}</dd>
    </dl>
    {a.illustrative && <p class="assessment__note">{t('assessment.illustrative.note')}</p>}
  </li>
);

export const HomePage = ({ t, isAdmin, groups }: HomePageProps) => (
  <>
    <div class="page-header">
      <h1>{t('home.title')}</h1>
      {isAdmin && (
        <p>
          <a class="button" href="/assessments/new">
            {t('new.link')}
          </a>
        </p>
      )}
    </div>
    {groups.every((g) => g.items.length === 0) ? (
      <p class="empty">{t(isAdmin ? 'home.emptyAdmin' : 'home.empty')}</p>
    ) : (
      groups
        .filter((g) => g.items.length > 0)
        .map((g) => (
          <section class="group" aria-labelledby={`group-${g.kind}`} data-group={g.kind}>
            <div class="group__head">
              <h2 id={`group-${g.kind}`}>{t(groupTitle[g.kind])}</h2>
              {g.kind === 'all' && <p class="group__note">{t('home.group.all.note')}</p>}
            </div>
            <ul class="cards">
              {g.items.map((a) => (
                <Card t={t} a={a} />
              ))}
            </ul>
          </section>
        ))
    )}
  </>
);
