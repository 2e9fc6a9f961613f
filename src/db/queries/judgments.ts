import { and, asc, eq, sql } from 'drizzle-orm';
import { auditInsert } from '../audit.ts';
import type { Db } from '../client.ts';
import type { AssessmentId, UserId } from '../ids.ts';
import { ahpJudgments, panelMembers, users } from '../schema.ts';

/** Every pairwise matrix the panel has given, with who gave it and their influence, by member then level. */
export function assessmentJudgments(db: Db, assessmentId: AssessmentId) {
  return db
    .select({
      userId: ahpJudgments.userId,
      username: users.username,
      displayName: users.displayName,
      influence: panelMembers.influence,
      level: ahpJudgments.level,
      matrix: ahpJudgments.matrix,
      updatedAt: ahpJudgments.updatedAt,
    })
    .from(ahpJudgments)
    .innerJoin(users, eq(users.id, ahpJudgments.userId))
    .innerJoin(
      panelMembers,
      and(eq(panelMembers.assessmentId, assessmentId), eq(panelMembers.userId, ahpJudgments.userId)),
    )
    .where(eq(ahpJudgments.assessmentId, assessmentId))
    .orderBy(asc(users.displayName), asc(users.id));
}

export function ownJudgments(db: Db, assessmentId: AssessmentId, userId: UserId) {
  return db
    .select({ level: ahpJudgments.level, matrix: ahpJudgments.matrix, updatedAt: ahpJudgments.updatedAt })
    .from(ahpJudgments)
    .where(and(eq(ahpJudgments.assessmentId, assessmentId), eq(ahpJudgments.userId, userId)));
}

/** One member's matrix for one level, replacing the one before, with its audit entry. */
export function upsertJudgment(
  db: Db,
  j: {
    assessmentId: AssessmentId;
    userId: UserId;
    level: string;
    matrix: number[][];
    at: Date;
    before: number[][] | null;
  },
) {
  return db.batch([
    db
      .insert(ahpJudgments)
      .values({ assessmentId: j.assessmentId, userId: j.userId, level: j.level, matrix: j.matrix, updatedAt: j.at })
      .onConflictDoUpdate({
        target: [ahpJudgments.assessmentId, ahpJudgments.userId, ahpJudgments.level],
        set: { matrix: sql`excluded.matrix`, updatedAt: sql`excluded.updated_at` },
      }),
    auditInsert(db, {
      at: j.at,
      userId: j.userId,
      action: 'judgments.save',
      entity: 'assessment',
      entityId: j.assessmentId,
      before: j.before === null ? null : { level: j.level, matrix: j.before },
      after: { level: j.level, matrix: j.matrix },
    }),
  ]);
}
