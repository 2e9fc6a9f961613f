import type { Db } from '../db/client.ts';
import type { AssessmentId, UserId } from '../db/ids.ts';
import {
  type AssessmentWithPanelRole,
  findAssessmentWithPanelRole,
  listAssessmentsWithPanelRole,
} from '../db/queries/web-assessments.ts';
import type { Assessment, AssessmentStatus, PanelRole } from '../db/schema.ts';

export type AssessmentRole = 'administrator' | PanelRole;

/** Who is asking: all that the access rules need to know of a signed-in user. */
export interface Actor {
  readonly id: UserId;
  readonly isAdmin: boolean;
}

export interface AssessmentAccess {
  /** What the user may do here: administrators can do everything, whatever their panel seat. */
  readonly role: AssessmentRole;
  /** Their own seat on the panel, which an administrator may also have (e.g. to score as an evaluator). */
  readonly panelRole: PanelRole | null;
}

export interface AccessibleAssessment {
  readonly assessment: Assessment;
  readonly access: AssessmentAccess;
}

/**
 * The one access rule for an assessment. Viewers read published results only, so before the first snapshot is
 * published (or the assessment is marked published) they have no access at all; evaluators and chairs see
 * their assessment in every status.
 */
export function accessFor(
  isAdmin: boolean,
  status: AssessmentStatus,
  panelRole: PanelRole | null,
  hasSnapshot = false,
): AssessmentAccess | null {
  if (isAdmin) return { role: 'administrator', panelRole };
  if (panelRole === null) return null;
  if (panelRole === 'viewer' && status !== 'published' && !hasSnapshot) return null;
  return { role: panelRole, panelRole };
}

const withAccess = (actor: Actor, row: AssessmentWithPanelRole | undefined): AccessibleAssessment | null => {
  if (!row) return null;
  const access = accessFor(actor.isAdmin, row.assessment.status, row.panelRole, row.published);
  return access ? { assessment: row.assessment, access } : null;
};

/** Checks the object, not only the role: call it on every request that touches an assessment. */
export async function assessmentAccess(
  db: Db,
  actor: Actor,
  where: { readonly id: AssessmentId } | { readonly code: string },
): Promise<AccessibleAssessment | null> {
  return withAccess(actor, await findAssessmentWithPanelRole(db, where, actor.id));
}

/** Every assessment the actor may open, through the same rule, so a list never shows what a link would refuse. */
export async function visibleAssessments(db: Db, actor: Actor): Promise<AccessibleAssessment[]> {
  const rows = await listAssessmentsWithPanelRole(db, actor.id, actor.isAdmin);
  return rows.flatMap((row) => withAccess(actor, row) ?? []);
}
