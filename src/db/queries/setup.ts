import { and, asc, count, eq, inArray, max, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { type AuditEntry, auditInsert } from '../audit.ts';
import type { Db } from '../client.ts';
import type { AlternativeId, AssessmentId, DimensionId, IndicatorId } from '../ids.ts';
import {
  ahpJudgments,
  alternatives,
  assessments,
  dimensions,
  indicators,
  indicatorValues,
  rounds,
  scores,
} from '../schema.ts';

/** An assessment's cities, dimensions and indicators in their order. */
export async function structureOf(db: Db, assessmentId: AssessmentId) {
  const [cities, dims, inds] = await Promise.all([
    db
      .select()
      .from(alternatives)
      .where(eq(alternatives.assessmentId, assessmentId))
      .orderBy(asc(alternatives.position), asc(alternatives.id)),
    db
      .select()
      .from(dimensions)
      .where(eq(dimensions.assessmentId, assessmentId))
      .orderBy(asc(dimensions.position), asc(dimensions.id)),
    db
      .select()
      .from(indicators)
      .where(eq(indicators.assessmentId, assessmentId))
      .orderBy(asc(indicators.position), asc(indicators.id)),
  ]);
  return { cities, dims, inds };
}

export type CityRow = typeof alternatives.$inferSelect;
export type DimensionRow = typeof dimensions.$inferSelect;
export type IndicatorRow = typeof indicators.$inferSelect;

const roundsOf = (assessmentId: AssessmentId) =>
  sql`(select ${rounds.id} from ${rounds} where ${rounds.assessmentId} = ${assessmentId})`;

/** Scores (every round) and statistics that name any of these cities or indicators. */
export async function dataOn(
  db: Db,
  assessmentId: AssessmentId,
  on: { readonly cities?: readonly AlternativeId[]; readonly indicators?: readonly IndicatorId[] },
): Promise<{ scores: number; statistics: number }> {
  const cities = on.cities ?? [];
  const inds = on.indicators ?? [];
  if (cities.length === 0 && inds.length === 0) return { scores: 0, statistics: 0 };
  const scoreWhere =
    cities.length > 0 ? inArray(scores.alternativeId, [...cities]) : inArray(scores.indicatorId, [...inds]);
  const valueWhere =
    cities.length > 0
      ? inArray(indicatorValues.alternativeId, [...cities])
      : inArray(indicatorValues.indicatorId, [...inds]);
  const [[s], [v]] = await Promise.all([
    db
      .select({ n: count() })
      .from(scores)
      .where(and(sql`${scores.roundId} in ${roundsOf(assessmentId)}`, scoreWhere)),
    db.select({ n: count() }).from(indicatorValues).where(valueWhere),
  ]);
  return { scores: s?.n ?? 0, statistics: v?.n ?? 0 };
}

/** Scores of an indicator outside [lo, hi]: what a narrower scale would make invalid. */
export async function scoresOutside(db: Db, indicatorId: IndicatorId, lo: number, hi: number): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(scores)
    .where(and(eq(scores.indicatorId, indicatorId), sql`(${scores.value} < ${lo} or ${scores.value} > ${hi})`));
  return row?.n ?? 0;
}

/** How many members have comparisons at each of these levels (`dimensions`, or a dimension's code). */
export async function judgmentsAt(
  db: Db,
  assessmentId: AssessmentId,
  levels: readonly string[],
): Promise<{ level: string; members: number }[]> {
  if (levels.length === 0) return [];
  const rows = await db
    .select({ level: ahpJudgments.level, members: count() })
    .from(ahpJudgments)
    .where(and(eq(ahpJudgments.assessmentId, assessmentId), inArray(ahpJudgments.level, [...levels])))
    .groupBy(ahpJudgments.level);
  return rows.filter((r) => r.members > 0);
}

/** The next free position in an assessment's list. */
export async function nextPosition(
  db: Db,
  table: typeof alternatives | typeof dimensions | typeof indicators,
  assessmentId: AssessmentId,
): Promise<number> {
  const [row] = await db
    .select({ last: max(table.position) })
    .from(table)
    .where(eq(table.assessmentId, assessmentId));
  return row?.last === null || row?.last === undefined ? 0 : row.last + 1;
}

export type Statement = BatchItem<'sqlite'>;

/** The statements that drop comparisons whose matrices no longer fit their level. */
export const dropJudgments = (db: Db, assessmentId: AssessmentId, levels: readonly string[]): Statement[] =>
  levels.length === 0
    ? []
    : [
        db
          .delete(ahpJudgments)
          .where(and(eq(ahpJudgments.assessmentId, assessmentId), inArray(ahpJudgments.level, [...levels]))),
      ];

/** A dimension's comparisons follow it when its code changes. */
export const renameJudgmentLevel = (db: Db, assessmentId: AssessmentId, from: string, to: string): Statement =>
  db
    .update(ahpJudgments)
    .set({ level: to })
    .where(and(eq(ahpJudgments.assessmentId, assessmentId), eq(ahpJudgments.level, from)));

/** Runs the change's statements with its audit entry in one batch (one transaction): all of it happens, or none. */
export async function writeWithAudit(db: Db, statements: readonly Statement[], entry: AuditEntry): Promise<void> {
  await db.batch([auditInsert(db, entry), ...statements]);
}

export const insertCity = (db: Db, row: typeof alternatives.$inferInsert) => db.insert(alternatives).values(row);
export const updateCity = (db: Db, id: AlternativeId, set: Partial<typeof alternatives.$inferInsert>) =>
  db.update(alternatives).set(set).where(eq(alternatives.id, id));
export const deleteCity = (db: Db, id: AlternativeId) => db.delete(alternatives).where(eq(alternatives.id, id));

export const insertDimension = (db: Db, row: typeof dimensions.$inferInsert) => db.insert(dimensions).values(row);
export const updateDimension = (db: Db, id: DimensionId, set: Partial<typeof dimensions.$inferInsert>) =>
  db.update(dimensions).set(set).where(eq(dimensions.id, id));
export const deleteDimension = (db: Db, id: DimensionId) => db.delete(dimensions).where(eq(dimensions.id, id));

export const insertIndicator = (db: Db, row: typeof indicators.$inferInsert) => db.insert(indicators).values(row);
export const updateIndicator = (db: Db, id: IndicatorId, set: Partial<typeof indicators.$inferInsert>) =>
  db.update(indicators).set(set).where(eq(indicators.id, id));
export const deleteIndicator = (db: Db, id: IndicatorId) => db.delete(indicators).where(eq(indicators.id, id));

/** Scores or statistics of an indicator that its new source no longer uses. */
export const deleteScoresOf = (db: Db, id: IndicatorId) => db.delete(scores).where(eq(scores.indicatorId, id));
export const deleteStatisticsOf = (db: Db, id: IndicatorId) =>
  db.delete(indicatorValues).where(eq(indicatorValues.indicatorId, id));

export const updateAssessment = (db: Db, id: AssessmentId, set: Partial<typeof assessments.$inferInsert>) =>
  db.update(assessments).set(set).where(eq(assessments.id, id));
