import { and, desc, eq, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import type { AssessmentId, SnapshotId } from '../ids.ts';
import { prepared } from '../prepared.ts';
import { assessments, recommendationRules, resultSnapshots, users, weightSets } from '../schema.ts';

const statements = prepared((db) => ({
  dataVersion: db
    .select({ version: assessments.dataVersion })
    .from(assessments)
    .where(eq(assessments.id, sql.placeholder('id')))
    .limit(1)
    .prepare(),
}));

/** Raised by the triggers of migration 0007 on every change to what the assessment's Problem is built from. */
export async function dataVersionOf(db: Db, assessmentId: AssessmentId): Promise<number | undefined> {
  return (await statements(db).dataVersion.get({ id: assessmentId }))?.version;
}

/** The version the Problem's weights come from (the newest), with its note. */
export async function currentWeightSet(
  db: Db,
  assessmentId: AssessmentId,
): Promise<{ readonly version: number; readonly note: string } | undefined> {
  const [row] = await db
    .select({ version: weightSets.version, note: weightSets.note })
    .from(weightSets)
    .where(eq(weightSets.assessmentId, assessmentId))
    .orderBy(desc(weightSets.version))
    .limit(1);
  return row;
}

/**
 * The rules that apply to an assessment: the library's (no assessment) and its own, where an own rule replaces
 * the library rule of the same code. In code order, so that recommendations come out in a stable order.
 */
export async function applicableRules(db: Db, assessmentId: AssessmentId) {
  const rows = await db
    .select()
    .from(recommendationRules)
    .where(or(isNull(recommendationRules.assessmentId), eq(recommendationRules.assessmentId, assessmentId)));
  const byCode = new Map<string, (typeof rows)[number]>();
  for (const row of rows) {
    const held = byCode.get(row.code);
    if (held === undefined || held.assessmentId === null) byCode.set(row.code, row);
  }
  return [...byCode.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/** The listing's columns: everything but the stored documents. */
const summary = {
  id: resultSnapshots.id,
  createdAt: resultSnapshots.createdAt,
  author: users.displayName,
  engineVersion: resultSnapshots.engineVersion,
  hash: resultSnapshots.hash,
  weightSetVersion: resultSnapshots.weightSetVersion,
  weightSetNote: resultSnapshots.weightSetNote,
};

export type SnapshotSummary = {
  readonly id: SnapshotId;
  readonly createdAt: Date;
  readonly author: string;
  readonly engineVersion: string;
  readonly hash: string;
  readonly weightSetVersion: number | null;
  readonly weightSetNote: string | null;
};

/** Newest first. */
export async function listSnapshots(db: Db, assessmentId: AssessmentId): Promise<SnapshotSummary[]> {
  return db
    .select(summary)
    .from(resultSnapshots)
    .innerJoin(users, eq(users.id, resultSnapshots.createdBy))
    .where(and(eq(resultSnapshots.assessmentId, assessmentId), eq(resultSnapshots.published, true)))
    .orderBy(desc(resultSnapshots.id));
}

const published = (assessmentId: AssessmentId, id: SnapshotId) =>
  and(eq(resultSnapshots.id, id), eq(resultSnapshots.assessmentId, assessmentId), eq(resultSnapshots.published, true));

/** Only within its own assessment: an id from another one is not found. */
export async function findSnapshot(db: Db, assessmentId: AssessmentId, id: SnapshotId) {
  const [row] = await db
    .select({
      ...summary,
      problem: resultSnapshots.problem,
      result: resultSnapshots.result,
      comparisonProblem: resultSnapshots.comparisonProblem,
      comparisonResult: resultSnapshots.comparisonResult,
      labels: resultSnapshots.labels,
      rules: resultSnapshots.rules,
      methodSettings: resultSnapshots.methodSettings,
    })
    .from(resultSnapshots)
    .innerJoin(users, eq(users.id, resultSnapshots.createdBy))
    .where(published(assessmentId, id))
    .limit(1);
  return row;
}

/**
 * A snapshot's summary and names, without its large documents: enough to check a download and to serve a PDF
 * made before (a snapshot of 60 experts' scores is megabytes of text).
 */
export async function findSnapshotHead(db: Db, assessmentId: AssessmentId, id: SnapshotId) {
  const [row] = await db
    .select({ ...summary, labels: resultSnapshots.labels })
    .from(resultSnapshots)
    .innerJoin(users, eq(users.id, resultSnapshots.createdBy))
    .where(published(assessmentId, id))
    .limit(1);
  return row;
}

export type SnapshotHead = NonNullable<Awaited<ReturnType<typeof findSnapshotHead>>>;

export type StoredSnapshot = NonNullable<Awaited<ReturnType<typeof findSnapshot>>>;
