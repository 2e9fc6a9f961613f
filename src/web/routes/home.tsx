import { Hono } from 'hono';
import { type AssessmentCard, type AssessmentGroup, HomePage } from '../../../templates/home.tsx';
import { type AssessmentWithPanelRole, listAssessmentsWithPanelRole } from '../../db/queries/web-assessments.ts';
import { byLocale, type Locale } from '../../i18n/messages.ts';
import { accessFor } from '../auth/access.ts';
import { requireUser } from '../auth/require-user.ts';
import type { AppDeps, AppEnv, CurrentUser } from '../context.ts';
import { render } from '../render.tsx';

/**
 * Administrators get one list of everything; everyone else sees the assessments they score (as
 * evaluator or chair) apart from the published results they may read. Access goes through the
 * same rule as every other request, so the start page never lists what a link would refuse.
 */
export function homeGroups(
  rows: readonly AssessmentWithPanelRole[],
  user: CurrentUser,
  locale: Locale,
): AssessmentGroup[] {
  const all: AssessmentCard[] = [];
  const evaluator: AssessmentCard[] = [];
  const viewer: AssessmentCard[] = [];
  for (const { assessment: a, panelRole } of rows) {
    const access = accessFor(user.isAdmin, a.status, panelRole);
    if (!access) continue;
    const card: AssessmentCard = {
      id: a.id,
      name: byLocale(locale, a.nameEn, a.nameZh),
      region: byLocale(locale, a.regionEn, a.regionZh),
      period: a.period,
      status: a.status,
      illustrative: a.illustrative,
      role: access.panelRole ?? access.role,
    };
    if (access.role === 'administrator') all.push(card);
    else if (access.role === 'viewer') viewer.push(card);
    else evaluator.push(card);
  }
  return user.isAdmin
    ? [{ kind: 'all', items: all }]
    : [
        { kind: 'evaluator', items: evaluator },
        { kind: 'viewer', items: viewer },
      ];
}

export function homeRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get(
    '/',
    requireUser(async (c, user) => {
      const rows = await listAssessmentsWithPanelRole(deps.db, user.id, user.isAdmin);
      const groups = homeGroups(rows, user, c.var.locale);
      return render(c, {
        title: c.var.t('home.title'),
        activeNav: 'assessments',
        body: <HomePage t={c.var.t} isAdmin={user.isAdmin} groups={groups} />,
      });
    }),
  );
  return app;
}
