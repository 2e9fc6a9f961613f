import type { Db } from '../../db/client.ts';
import type { AssessmentId } from '../../db/ids.ts';
import { findAssessmentWithPanelRole } from '../../db/queries/web-assessments.ts';
import type { AssessmentStatus, PanelRole } from '../../db/schema.ts';
import type { CurrentUser } from '../context.ts';

export type AssessmentRole = 'administrator' | PanelRole;

export interface AssessmentAccess {
  /** What the user may do here: administrators can do everything, whatever their panel seat. */
  readonly role: AssessmentRole;
  /** Their own seat on the panel, which an administrator may also have (e.g. to score as an evaluator). */
  readonly panelRole: PanelRole | null;
}

/**
 * The one access rule for an assessment. Viewers read published results only, so before publication
 * they have no access at all; evaluators and chairs see their assessment in every status.
 */
export function accessFor(
  isAdmin: boolean,
  status: AssessmentStatus,
  panelRole: PanelRole | null,
): AssessmentAccess | null {
  if (isAdmin) return { role: 'administrator', panelRole };
  if (panelRole === null) return null;
  if (panelRole === 'viewer' && status !== 'published') return null;
  return { role: panelRole, panelRole };
}

/** Checks the object, not only the role: call it on every request that touches an assessment. */
export async function assessmentAccess(
  db: Db,
  user: CurrentUser,
  assessmentId: AssessmentId,
): Promise<AssessmentAccess | null> {
  const row = await findAssessmentWithPanelRole(db, assessmentId, user.id);
  return row ? accessFor(user.isAdmin, row.assessment.status, row.panelRole) : null;
}
