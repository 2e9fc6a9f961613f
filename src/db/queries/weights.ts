import { and, desc, eq } from 'drizzle-orm';
import { auditInsert } from '../audit.ts';
import type { Db } from '../client.ts';
import type { AssessmentId, UserId } from '../ids.ts';
import { type LeftOut, users, weightSets } from '../schema.ts';

/** Every weight-set version of an assessment, newest first, with its author's name. */
export function weightSetVersions(db: Db, assessmentId: AssessmentId) {
  return db
    .select({
      version: weightSets.version,
      spec: weightSets.spec,
      note: weightSets.note,
      leftOut: weightSets.leftOut,
      createdAt: weightSets.createdAt,
      author: users.displayName,
      authorUsername: users.username,
    })
    .from(weightSets)
    .innerJoin(users, eq(users.id, weightSets.createdBy))
    .where(eq(weightSets.assessmentId, assessmentId))
    .orderBy(desc(weightSets.version));
}

export async function weightSetVersion(db: Db, assessmentId: AssessmentId, version: number) {
  return db.query.weightSets.findFirst({
    where: and(eq(weightSets.assessmentId, assessmentId), eq(weightSets.version, version)),
  });
}

export async function latestWeightVersion(db: Db, assessmentId: AssessmentId): Promise<number> {
  const row = await db.query.weightSets.findFirst({
    columns: { version: true },
    where: eq(weightSets.assessmentId, assessmentId),
    orderBy: desc(weightSets.version),
  });
  return row?.version ?? 0;
}

export interface NewWeightSet {
  readonly assessmentId: AssessmentId;
  readonly version: number;
  readonly spec: Record<string, unknown>;
  readonly note: string;
  readonly by: UserId;
  readonly at: Date;
  /** Set when the version restores an earlier one. */
  readonly restoredFrom?: number;
  readonly leftOut?: LeftOut;
}

/**
 * The new version and its audit entry in one batch. The unique (assessment, version) index refuses a version
 * number taken meanwhile, and then neither is written.
 */
export function insertWeightSet(db: Db, set: NewWeightSet) {
  return db.batch([
    db.insert(weightSets).values({
      assessmentId: set.assessmentId,
      version: set.version,
      spec: set.spec,
      note: set.note,
      leftOut: set.leftOut ?? null,
      createdBy: set.by,
      createdAt: set.at,
    }),
    auditInsert(db, {
      at: set.at,
      userId: set.by,
      action: set.restoredFrom === undefined ? 'weights.save' : 'weights.restore',
      entity: 'assessment',
      entityId: set.assessmentId,
      after: {
        version: set.version,
        note: set.note,
        spec: set.spec,
        ...(set.leftOut ? { leftOut: set.leftOut } : {}),
        ...(set.restoredFrom === undefined ? {} : { restoredFrom: set.restoredFrom }),
      },
    }),
  ]);
}
