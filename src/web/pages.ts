import { Hono } from 'hono';
import { MAX_IMPORT_BYTES } from '../app/import.ts';
import { mount } from './area.ts';
import { accountArea } from './areas/account.tsx';
import { assessmentArea } from './areas/assessment.tsx';
import { auditArea } from './areas/audit.tsx';
import { authArea } from './areas/auth.tsx';
import { homeArea } from './areas/home.tsx';
import { importArea } from './areas/import.tsx';
import { judgmentsArea } from './areas/judgments.tsx';
import { localeArea } from './areas/locale.ts';
import { newAssessmentArea } from './areas/new-assessment.tsx';
import { panelArea } from './areas/panel.tsx';
import { recommendationsArea } from './areas/recommendations.tsx';
import { resultsArea, snapshotsArea } from './areas/results.tsx';
import { settingsArea } from './areas/settings.tsx';
import { setupArea } from './areas/setup.tsx';
import { usersArea } from './areas/users.tsx';
import { weightsArea } from './areas/weights.tsx';
import type { AppDeps, AppEnv } from './context.ts';
import { administrator, assessmentSeat, everyone, signedIn } from './guards.ts';
import { bodySize } from './middleware/body-size.ts';
import { csrfProtection } from './middleware/csrf.ts';
import { errorPage } from './middleware/errors.ts';
import { localeSelector } from './middleware/locale.ts';
import { sessionLoader } from './middleware/session.ts';

/**
 * The HTML side: every page and form. CSRF and the body cap run before the session is even read, so a forged
 * or oversized request touches nothing; errors are pages in the caller's language. Each area is mounted
 * with its guard here, in one list.
 */
export function pagesApp(deps: AppDeps): Hono<AppEnv> {
  const pages = new Hono<AppEnv>();
  pages.use(csrfProtection(deps));
  // Multipart overhead on top of the file itself.
  pages.use(bodySize([{ path: /^\/assessments\/[^/]+\/import$/, maxSize: MAX_IMPORT_BYTES + 64 * 1024 }]));
  pages.use(sessionLoader(deps));
  pages.use(localeSelector());
  pages.onError(errorPage(deps));

  mount(pages, '/', everyone, authArea(deps));
  mount(pages, '/locale', everyone, localeArea(deps));
  mount(pages, '/', signedIn, homeArea(deps));
  mount(pages, '/account', signedIn, accountArea(deps));
  mount(pages, '/admin', administrator, usersArea(deps));
  // Before the areas under /assessments/:code, which would take "new" for a code.
  mount(pages, '/assessments', administrator, newAssessmentArea(deps));
  mount(
    pages,
    '/assessments/:code',
    assessmentSeat(deps, ['evaluator', 'chair', 'viewer', 'administrator']),
    assessmentArea(deps),
  );
  mount(pages, '/assessments/:code', assessmentSeat(deps, ['chair', 'administrator']), auditArea(deps));
  mount(pages, '/assessments/:code', assessmentSeat(deps, ['chair', 'administrator']), resultsArea(deps));
  mount(
    pages,
    '/assessments/:code',
    assessmentSeat(deps, ['evaluator', 'chair', 'viewer', 'administrator']),
    snapshotsArea(deps),
  );
  // Given by whoever holds an evaluator's or chair's seat; the use case checks the seat, not the role.
  mount(
    pages,
    '/assessments/:code',
    assessmentSeat(deps, ['evaluator', 'chair', 'administrator']),
    judgmentsArea(deps),
  );
  mount(pages, '/assessments/:code', assessmentSeat(deps, ['administrator']), setupArea(deps));
  mount(pages, '/assessments/:code', assessmentSeat(deps, ['administrator']), weightsArea(deps));
  mount(pages, '/assessments/:code', assessmentSeat(deps, ['administrator']), panelArea(deps));
  mount(pages, '/assessments/:code', assessmentSeat(deps, ['administrator']), settingsArea(deps));
  mount(pages, '/assessments/:code', assessmentSeat(deps, ['administrator']), recommendationsArea(deps));
  mount(pages, '/assessments/:code', assessmentSeat(deps, ['administrator']), importArea(deps));
  return pages;
}
