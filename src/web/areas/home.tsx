import { Hono } from 'hono';
import { type AssessmentCard, type AssessmentGroup, HomePage } from '../../../templates/home.tsx';
import { type AccessibleAssessment, visibleAssessments } from '../../app/access.ts';
import { byLocale, type Locale } from '../../i18n/messages.ts';
import type { AppDeps, SignedInEnv } from '../context.ts';
import { render } from '../render.tsx';

/**
 * Administrators get one list of everything; everyone else sees the assessments they score (as
 * evaluator or chair) apart from the published results they may read.
 */
export function homeGroups(rows: readonly AccessibleAssessment[], isAdmin: boolean, locale: Locale): AssessmentGroup[] {
  const all: AssessmentCard[] = [];
  const evaluator: AssessmentCard[] = [];
  const viewer: AssessmentCard[] = [];
  for (const { assessment: a, access } of rows) {
    const card: AssessmentCard = {
      id: a.id,
      code: a.code,
      name: byLocale(locale, a.nameEn, a.nameZh),
      region: byLocale(locale, a.regionEn, a.regionZh),
      period: a.period,
      status: a.status,
      illustrative: a.illustrative,
      archived: a.archivedAt !== null,
      role: access.panelRole ?? access.role,
    };
    if (access.role === 'administrator') all.push(card);
    else if (access.role === 'viewer') viewer.push(card);
    else evaluator.push(card);
  }
  return isAdmin
    ? [{ kind: 'all', items: all }]
    : [
        { kind: 'evaluator', items: evaluator },
        { kind: 'viewer', items: viewer },
      ];
}

/** The start page: the assessments the signed-in user may open. */
export function homeArea(deps: AppDeps): Hono<SignedInEnv> {
  const app = new Hono<SignedInEnv>();
  app.get('/', async (c) => {
    const user = c.var.user;
    const groups = homeGroups(await visibleAssessments(deps.db, user), user.isAdmin, c.var.locale);
    return render(c, {
      title: c.var.t('home.title'),
      activeNav: 'assessments',
      body: <HomePage t={c.var.t} isAdmin={user.isAdmin} groups={groups} />,
    });
  });
  return app;
}
