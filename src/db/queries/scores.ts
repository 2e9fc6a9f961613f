import { and, asc, desc, eq, isNotNull, sql } from 'drizzle-orm';
import { auditIfChanged, auditIfChangedStatement } from '../audit.ts';
import type { Db } from '../client.ts';
import { groupCommit } from '../group-commit.ts';
import type { AlternativeId, AssessmentId, IndicatorId, RoundId, UserId } from '../ids.ts';
import { prepared } from '../prepared.ts';
import {
  alternatives,
  assessments,
  dimensions,
  indicators,
  panelMembers,
  roundSubmissions,
  rounds,
  scores,
  users,
} from '../schema.ts';

/** The round evaluators score now: the open one with the highest number, if any. */
export async function findOpenRound(db: Db, assessmentId: AssessmentId) {
  return db.query.rounds.findFirst({
    where: and(eq(rounds.assessmentId, assessmentId), eq(rounds.status, 'open')),
    orderBy: desc(rounds.number),
  });
}

/** The highest round number of the assessment, 0 before the first round. */
export async function lastRoundNumber(db: Db, assessmentId: AssessmentId): Promise<number> {
  const last = await db.query.rounds.findFirst({
    where: eq(rounds.assessmentId, assessmentId),
    orderBy: desc(rounds.number),
  });
  return last?.number ?? 0;
}

export async function findSubmission(db: Db, roundId: RoundId, userId: UserId) {
  return db.query.roundSubmissions.findFirst({
    where: and(eq(roundSubmissions.roundId, roundId), eq(roundSubmissions.userId, userId)),
  });
}

/** The assessment's cities and indicators in display order: the grid's rows and columns. */
export async function scoringFrame(db: Db, assessmentId: AssessmentId) {
  const [cities, inds] = await Promise.all([
    db
      .select()
      .from(alternatives)
      .where(eq(alternatives.assessmentId, assessmentId))
      .orderBy(asc(alternatives.position), asc(alternatives.id)),
    db
      .select()
      .from(indicators)
      .where(eq(indicators.assessmentId, assessmentId))
      .orderBy(asc(indicators.position), asc(indicators.id)),
  ]);
  return { cities, indicators: inds };
}

export async function assessmentDimensions(db: Db, assessmentId: AssessmentId) {
  return db
    .select()
    .from(dimensions)
    .where(eq(dimensions.assessmentId, assessmentId))
    .orderBy(asc(dimensions.position), asc(dimensions.id));
}

export async function expertScores(db: Db, roundId: RoundId, expertId: UserId) {
  return db
    .select()
    .from(scores)
    .where(and(eq(scores.roundId, roundId), eq(scores.expertId, expertId)));
}

export interface CellKey {
  readonly roundId: RoundId;
  readonly expertId: UserId;
  readonly alternativeId: AlternativeId;
  readonly indicatorId: IndicatorId;
}

const statements = prepared((db) => ({
  cellContext: db
    .select({
      roundId: rounds.id,
      roundNumber: rounds.number,
      submitted: sql<number | null>`exists (select 1 from ${roundSubmissions}
        where ${roundSubmissions.roundId} = ${rounds.id} and ${roundSubmissions.userId} = ${sql.placeholder('user')})`,
      cityId: alternatives.id,
      indicatorId: indicators.id,
      source: indicators.source,
      scaleMin: indicators.scaleMin,
      scaleMax: indicators.scaleMax,
      value: scores.value,
      abstained: scores.abstained,
      rationale: scores.rationale,
      version: scores.version,
    })
    .from(assessments)
    // 'open' as a literal: a bound value that a partial index (rounds_one_open) depends on makes SQLite prepare
    // the statement again on every run, which cost 80 µs of this query's 100.
    .leftJoin(rounds, and(eq(rounds.assessmentId, assessments.id), sql`${rounds.status} = 'open'`))
    .leftJoin(
      alternatives,
      and(eq(alternatives.assessmentId, assessments.id), eq(alternatives.code, sql.placeholder('city'))),
    )
    .leftJoin(
      indicators,
      and(eq(indicators.assessmentId, assessments.id), eq(indicators.code, sql.placeholder('indicator'))),
    )
    .leftJoin(
      scores,
      and(
        eq(scores.roundId, rounds.id),
        eq(scores.expertId, sql.placeholder('user')),
        eq(scores.alternativeId, alternatives.id),
        eq(scores.indicatorId, indicators.id),
      ),
    )
    .where(eq(assessments.id, sql.placeholder('assessment')))
    .prepare(),
  progress: db
    .select({
      code: dimensions.code,
      nameEn: dimensions.nameEn,
      nameZh: dimensions.nameZh,
      indicators: sql<number>`count(*)`,
      cities: sql<number>`(select count(*) from ${alternatives} where ${alternatives.assessmentId} = ${dimensions.assessmentId})`,
      done: sql<number>`(select count(*) from ${scores} where ${scores.roundId} = ${sql.placeholder('round')}
        and ${scores.expertId} = ${sql.placeholder('user')}
        and ${scores.indicatorId} in (select x.id from ${indicators} x where x.dimension_id = ${dimensions.id}
          and x.source = 'expert' and x.scale_min is not null))`,
    })
    .from(dimensions)
    .innerJoin(
      indicators,
      and(eq(indicators.dimensionId, dimensions.id), eq(indicators.source, 'expert'), isNotNull(indicators.scaleMin)),
    )
    .where(eq(dimensions.assessmentId, sql.placeholder('assessment')))
    .groupBy(dimensions.id)
    .orderBy(asc(dimensions.position), asc(dimensions.id))
    .prepare(),
}));

/**
 * An evaluator's progress in a round per dimension with expert-scored indicators: cells saved (scored or
 * abstained) of cities × indicators, counted in the database rather than by loading the grid.
 */
export async function progressByDimension(
  db: Db,
  where: { readonly assessmentId: AssessmentId; readonly roundId: RoundId; readonly userId: UserId },
) {
  const rows = await statements(db).progress.all({
    assessment: where.assessmentId,
    round: where.roundId,
    user: where.userId,
  });
  return rows.map((r) => ({
    code: r.code,
    nameEn: r.nameEn,
    nameZh: r.nameZh,
    done: Number(r.done),
    total: Number(r.indicators) * Number(r.cities),
  }));
}

export interface CellContext {
  /** The open round, if any (one at most: migration 0002). */
  readonly round: { readonly id: RoundId; readonly number: number } | null;
  readonly submitted: boolean;
  readonly cityId: AlternativeId | null;
  readonly indicator: {
    readonly id: IndicatorId;
    readonly source: 'expert' | 'statistic';
    readonly scaleMin: number | null;
    readonly scaleMax: number | null;
  } | null;
  /** The caller's stored cell in the open round, if saved. */
  readonly stored: {
    readonly value: number | null;
    readonly abstained: boolean;
    readonly rationale: string;
    readonly version: number;
  } | null;
}

/**
 * Everything one score save checks, in one query: the open round, the caller's submission, the city and
 * indicator by code inside the assessment, and the stored cell.
 */
export async function cellContext(
  db: Db,
  where: {
    readonly assessmentId: AssessmentId;
    readonly userId: UserId;
    readonly city: string;
    readonly indicator: string;
  },
): Promise<CellContext> {
  const row = await statements(db).cellContext.get({
    assessment: where.assessmentId,
    user: where.userId,
    city: where.city,
    indicator: where.indicator,
  });
  return {
    round: row?.roundId != null ? { id: row.roundId, number: row.roundNumber! } : null,
    submitted: Boolean(row?.submitted),
    cityId: row?.cityId ?? null,
    indicator:
      row?.indicatorId != null
        ? { id: row.indicatorId, source: row.source!, scaleMin: row.scaleMin, scaleMax: row.scaleMax }
        : null,
    stored:
      row?.version != null
        ? { value: row.value, abstained: row.abstained ?? false, rationale: row.rationale ?? '', version: row.version }
        : null,
  };
}

export interface CellChange {
  readonly value: number | null;
  readonly abstained: boolean;
  readonly rationale: string;
}

// Checked in the write itself, not only before it: a submit or a closing round that commits between the caller's
// checks and the write must still stop the save. Arguments: round id, round id, expert id.
const STILL_OPEN = `exists (select 1 from rounds where id = ? and status = 'open')
  and not exists (select 1 from round_submissions where round_id = ? and user_id = ?)`;

const CREATE_CELL = `insert into scores (round_id, expert_id, alternative_id, indicator_id, value, abstained, rationale,
    version, updated_at)
  select ?, ?, ?, ?, ?, ?, ?, 1, ? where ${STILL_OPEN}
  on conflict do nothing
  returning version`;

const UPDATE_CELL = `update scores set value = ?, abstained = ?, rationale = ?, version = version + 1, updated_at = ?
  where round_id = ? and expert_id = ? and alternative_id = ? and indicator_id = ? and version = ? and ${STILL_OPEN}
  returning version`;

/**
 * One save as one transaction, through the group commit: the write, guarded by the version it was based on and
 * by the round still being open to the caller, and its audit entry, which is inserted only when the write
 * changed a row (`changes()` of the statement before it). A stale version or a closed round changes nothing and
 * records nothing; the result is then undefined.
 */
export async function writeCell(
  db: Db,
  key: CellKey,
  change: CellChange,
  basedOn: number,
  audit: { readonly at: Date; readonly before: unknown; readonly after: unknown },
): Promise<(CellChange & { readonly version: number }) | undefined> {
  const open = [key.roundId, key.roundId, key.expertId];
  const cell = [key.roundId, key.expertId, key.alternativeId, key.indicatorId];
  const abstained = change.abstained ? 1 : 0;
  const at = audit.at.getTime();
  const write =
    basedOn === 0
      ? { sql: CREATE_CELL, args: [...cell, change.value, abstained, change.rationale, at, ...open] }
      : { sql: UPDATE_CELL, args: [change.value, abstained, change.rationale, at, ...cell, basedOn, ...open] };
  const entry = auditIfChangedStatement({
    at: audit.at,
    userId: key.expertId,
    action: basedOn === 0 ? 'score.create' : 'score.update',
    entity: 'score',
    entityId: `${key.roundId}:${key.alternativeId}:${key.indicatorId}:${key.expertId}`,
    before: audit.before,
    after: audit.after,
  });
  // Counted by the rows returned: libSQL reports no affected rows for a statement that returns some.
  const [written] = await groupCommit(db).run([write, entry]);
  const row = written!.rows[0];
  return row === undefined ? undefined : { ...change, version: Number(row.version) };
}

/** Submits a round for one evaluator with its audit entry; false when it was already submitted. */
export async function insertSubmission(db: Db, roundId: RoundId, userId: UserId, at: Date, after: unknown) {
  const [inserted] = await db.batch([
    db.insert(roundSubmissions).values({ roundId, userId, submittedAt: at }).onConflictDoNothing().returning(),
    auditIfChanged(db, {
      at,
      userId,
      action: 'round.submit',
      entity: 'round',
      entityId: roundId,
      before: null,
      after,
    }),
  ]);
  return inserted.length === 1;
}

/** Each evaluator of the panel with the cells they have saved in the round and whether they submitted it. */
export async function evaluatorProgress(db: Db, assessmentId: AssessmentId, roundId: RoundId) {
  return db
    .select({
      userId: users.id,
      username: users.username,
      displayName: users.displayName,
      done: sql<number>`(select count(*) from ${scores} where ${scores.roundId} = ${roundId} and ${scores.expertId} = ${users.id})`,
      submitted: sql<number>`exists (select 1 from ${roundSubmissions} where ${roundSubmissions.roundId} = ${roundId} and ${roundSubmissions.userId} = ${users.id})`,
    })
    .from(panelMembers)
    .innerJoin(users, eq(users.id, panelMembers.userId))
    .where(and(eq(panelMembers.assessmentId, assessmentId), eq(panelMembers.role, 'evaluator')))
    .orderBy(asc(users.displayName), asc(users.id));
}
