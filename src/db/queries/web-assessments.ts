import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import type { AssessmentId, UserId } from '../ids.ts';
import { type Assessment, assessments, type PanelRole, panelMembers } from '../schema.ts';

export interface AssessmentWithPanelRole {
  readonly assessment: Assessment;
  /** The user's seat on this assessment's panel, or null when they have none. */
  readonly panelRole: PanelRole | null;
}

const seatOf = (userId: UserId) => and(eq(panelMembers.assessmentId, assessments.id), eq(panelMembers.userId, userId));

/** With `everything` (administrators) every assessment is listed; otherwise only those whose panel the user sits on. */
export async function listAssessmentsWithPanelRole(
  db: Db,
  userId: UserId,
  everything: boolean,
): Promise<AssessmentWithPanelRole[]> {
  const base = db.select({ assessment: assessments, panelRole: panelMembers.role }).from(assessments);
  const joined = everything
    ? base.leftJoin(panelMembers, seatOf(userId))
    : base.innerJoin(panelMembers, seatOf(userId));
  return joined.orderBy(asc(assessments.nameEn), asc(assessments.id));
}

/** By id, or by the code that addresses an assessment in URLs and on the command line. */
export async function findAssessmentWithPanelRole(
  db: Db,
  where: { readonly id: AssessmentId } | { readonly code: string },
  userId: UserId,
): Promise<AssessmentWithPanelRole | undefined> {
  const [row] = await db
    .select({ assessment: assessments, panelRole: panelMembers.role })
    .from(assessments)
    .leftJoin(panelMembers, seatOf(userId))
    .where('id' in where ? eq(assessments.id, where.id) : eq(assessments.code, where.code))
    .limit(1);
  return row;
}
