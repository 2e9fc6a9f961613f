import { and, asc, eq, type Placeholder, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import type { AssessmentId, UserId } from '../ids.ts';
import { prepared } from '../prepared.ts';
import type { Reader } from '../reader.ts';
import { type Assessment, assessments, type PanelRole, panelMembers, resultSnapshots } from '../schema.ts';

export interface AssessmentWithPanelRole {
  readonly assessment: Assessment;
  /** The user's seat on this assessment's panel, or null when they have none. */
  readonly panelRole: PanelRole | null;
  /** It has at least one published snapshot, which is what its viewers may read. */
  readonly published: boolean;
}

const seatOf = (userId: UserId | Placeholder) =>
  and(eq(panelMembers.assessmentId, assessments.id), eq(panelMembers.userId, userId));

const published =
  sql<boolean>`exists (select 1 from ${resultSnapshots} where ${resultSnapshots.assessmentId} = ${assessments.id} and ${resultSnapshots.published} = 1)`.mapWith(
    Boolean,
  );

const seat = (db: Reader) =>
  db.select({ assessment: assessments, panelRole: panelMembers.role, published }).from(assessments);
const user = sql.placeholder('user');

// The start page runs one of the first two; every request under /assessments/:code one of the others, in its guard.
const statements = prepared((db) => ({
  everything: seat(db)
    .leftJoin(panelMembers, seatOf(user))
    .orderBy(asc(assessments.nameEn), asc(assessments.id))
    .prepare(),
  seated: seat(db)
    .innerJoin(panelMembers, seatOf(user))
    .orderBy(asc(assessments.nameEn), asc(assessments.id))
    .prepare(),
  byId: seat(db)
    .leftJoin(panelMembers, seatOf(user))
    .where(eq(assessments.id, sql.placeholder('id')))
    .limit(1)
    .prepare(),
  byCode: seat(db)
    .leftJoin(panelMembers, seatOf(user))
    .where(eq(assessments.code, sql.placeholder('code')))
    .limit(1)
    .prepare(),
}));

/** With `everything` (administrators) every assessment is listed; otherwise only those whose panel the user sits on. */
export async function listAssessmentsWithPanelRole(
  db: Db,
  userId: UserId,
  everything: boolean,
): Promise<AssessmentWithPanelRole[]> {
  const { everything: all, seated } = statements(db);
  return (everything ? all : seated).all({ user: userId });
}

/** By id, or by the code that addresses an assessment in URLs and on the command line. */
export async function findAssessmentWithPanelRole(
  db: Db,
  where: { readonly id: AssessmentId } | { readonly code: string },
  userId: UserId,
): Promise<AssessmentWithPanelRole | undefined> {
  const { byId, byCode } = statements(db);
  return 'id' in where ? byId.get({ id: where.id, user: userId }) : byCode.get({ code: where.code, user: userId });
}
