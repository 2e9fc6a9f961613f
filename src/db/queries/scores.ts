import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { auditIfChanged } from '../audit.ts';
import type { Db } from '../client.ts';
import type { AlternativeId, AssessmentId, IndicatorId, RoundId, UserId } from '../ids.ts';
import {
  alternatives,
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

const cellWhere = (key: CellKey) =>
  and(
    eq(scores.roundId, key.roundId),
    eq(scores.expertId, key.expertId),
    eq(scores.alternativeId, key.alternativeId),
    eq(scores.indicatorId, key.indicatorId),
  );

export async function findCell(db: Db, key: CellKey) {
  return db.query.scores.findFirst({ where: cellWhere(key) });
}

export interface CellChange {
  readonly value: number | null;
  readonly abstained: boolean;
  readonly rationale: string;
}

/**
 * One save as one batch (one transaction): the write, guarded by the version it was based on, and its audit
 * entry, which is inserted only when the write changed a row (`changes()` of the statement before it). A stale
 * version changes nothing and records nothing; the returned row is then undefined.
 */
export async function writeCell(
  db: Db,
  key: CellKey,
  change: CellChange,
  basedOn: number,
  audit: { readonly at: Date; readonly before: unknown; readonly after: unknown },
) {
  // Checked in the write itself, not only before it: a submit or a closing round that commits between the
  // caller's checks and this batch must still stop the save.
  const stillOpen = sql`exists (select 1 from ${rounds} where ${rounds.id} = ${key.roundId} and ${rounds.status} = 'open')
    and not exists (select 1 from ${roundSubmissions}
      where ${roundSubmissions.roundId} = ${key.roundId} and ${roundSubmissions.userId} = ${key.expertId})`;
  const write =
    basedOn === 0
      ? db.run(sql`insert into ${scores} (round_id, expert_id, alternative_id, indicator_id, value, abstained,
            rationale, version, updated_at)
          select ${key.roundId}, ${key.expertId}, ${key.alternativeId}, ${key.indicatorId}, ${change.value},
            ${change.abstained ? 1 : 0}, ${change.rationale}, 1, ${audit.at.getTime()}
          where ${stillOpen}
          on conflict do nothing`)
      : db
          .update(scores)
          .set({ ...change, version: sql`${scores.version} + 1`, updatedAt: audit.at })
          .where(and(cellWhere(key), eq(scores.version, basedOn), stillOpen))
          .returning();
  const entry = {
    at: audit.at,
    userId: key.expertId,
    action: basedOn === 0 ? 'score.create' : 'score.update',
    entity: 'score',
    entityId: `${key.roundId}:${key.alternativeId}:${key.indicatorId}:${key.expertId}`,
    before: audit.before,
    after: audit.after,
  };
  const [written] = await db.batch([write, auditIfChanged(db, entry)]);
  if (Array.isArray(written)) return written[0];
  return written.rowsAffected === 1 ? { ...change, version: 1 } : undefined;
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
