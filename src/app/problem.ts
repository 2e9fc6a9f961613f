/**
 * The Problem (docs/engine.md §1) that the app evaluates for a stored assessment: the one bridge from the
 * database to the engine, so a published number can always be reproduced with `corridor evaluate`.
 */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { type Db, offThreadReaderOf } from '../db/client.ts';
import type { AlternativeId, AssessmentId, IndicatorId } from '../db/ids.ts';
import { prepared } from '../db/prepared.ts';
import { type IndicatorRow, structureOf } from '../db/queries/setup.ts';
import {
  type Assessment,
  assessments,
  indicatorValues,
  panelMembers,
  rounds,
  scores,
  weightSets,
} from '../db/schema.ts';

/**
 * A Problem as JSON, unchecked: weights and method settings are stored as the administrator saved them, and
 * evaluate() is what judges them (with paths into this document).
 */
export type ProblemJson = Record<string, unknown>;

/** The assessment cannot be turned into a Problem yet (no round, a statistic missing): the message says what to do. */
export class ProblemBuildError extends Error {}

// A round's scores are the largest read of an evaluation (144,000 rows for the mixed bench's 60 experts). Read row
// by row, crossing into libSQL's binding for each, it blocked the event loop for about half a second; one row per
// expert, its scores packed by SQLite as `alternative:indicator:value` triples, takes a quarter of that, on the
// read thread of a local file (README, Performance). `%!.17g` prints a double that reads back bit for bit. An
// abstention (no value) is left out of the list, as it is null in the panel anyway; an expert who abstained on
// everything still has a row.
const statements = prepared(
  (reader) => ({
    roundScores: reader
      .select({
        expertId: scores.expertId,
        influence: panelMembers.influence,
        cells: sql<
          string | null
        >`group_concat(${scores.alternativeId} || ':' || ${scores.indicatorId} || ':' || printf('%!.17g', ${scores.value})) filter (where ${scores.value} is not null)`,
      })
      .from(scores)
      .innerJoin(
        panelMembers,
        and(eq(panelMembers.assessmentId, sql.placeholder('assessment')), eq(panelMembers.userId, scores.expertId)),
      )
      .where(eq(scores.roundId, sql.placeholder('round')))
      .groupBy(scores.expertId)
      .prepare(),
  }),
  offThreadReaderOf,
);

/** SQLite prints infinities as `Inf` and `-Inf`, which Number() does not read. */
const printed = (text: string): number =>
  text === 'Inf' ? Number.POSITIVE_INFINITY : text === '-Inf' ? Number.NEGATIVE_INFINITY : Number(text);

/** Each `alternative:indicator:value` triple of a packed list, as ids and the value. */
function eachCell(cells: string, visit: (alternativeId: number, indicatorId: number, value: number) => void): void {
  let at = 0;
  while (at < cells.length) {
    const a = cells.indexOf(':', at);
    const b = cells.indexOf(':', a + 1);
    let end = cells.indexOf(',', b + 1);
    if (end < 0) end = cells.length;
    visit(Number(cells.slice(at, a)), Number(cells.slice(a + 1, b)), printed(cells.slice(b + 1, end)));
    at = end + 1;
  }
}

/** An expert indicator's scale, or a statistic's fixed normalization bounds when it has them (docs/engine.md §3). */
function boundsOf(ind: IndicatorRow): { bounds?: [number, number] } {
  if (ind.scaleMin !== null && ind.scaleMax !== null) return { bounds: [ind.scaleMin, ind.scaleMax] };
  if (ind.boundMin !== null && ind.boundMax !== null) return { bounds: [ind.boundMin, ind.boundMax] };
  return {};
}

/** By numeric id or by code, as typed on the command line. */
export async function findAssessment(db: Db, idOrCode: string): Promise<Assessment | undefined> {
  const where = /^\d+$/.test(idOrCode)
    ? eq(assessments.id, Number(idOrCode) as AssessmentId)
    : eq(assessments.code, idOrCode);
  return db.query.assessments.findFirst({ where });
}

/**
 * Statistics (latest year per city), the panel's scores of the latest closed round (or of the open one
 * while none has closed), the newest weight set and the method settings.
 *
 * The engine takes a `matrix` or a `panel`, never both, and aggregating expert scores is the engine's job. So
 * an assessment with expert indicators becomes a `panel` in which each statistic column carries its one
 * value for every expert: any aggregate of identical values is that value (up to the last bit of a weighted
 * mean's rounding), and the criterion's name says so. Its panel statistics are then trivially unanimous.
 * Experts appear as `expert-1`, `expert-2` … (panel members by user id), keeping the Delphi panel anonymous in
 * an exported Problem. Method settings may carry `panel: { aggregate, trim }`; everything else in them is
 * passed to the engine as it is, so the engine's own checks catch a bad setting.
 */
export async function buildProblem(
  db: Db,
  assessmentId: AssessmentId,
  /** Method settings to use instead of the stored ones: how a change is checked before it is saved. */
  override?: { readonly methodSettings?: Record<string, unknown> },
): Promise<ProblemJson> {
  const stored = await db.query.assessments.findFirst({ where: eq(assessments.id, assessmentId) });
  if (!stored) throw new ProblemBuildError(`no assessment with id ${assessmentId}`);
  const assessment = override?.methodSettings ? { ...stored, methodSettings: override.methodSettings } : stored;
  const { cities, dims, inds } = await structureOf(db, assessmentId);
  if (cities.length === 0 || inds.length === 0) {
    throw new ProblemBuildError(
      `assessment "${assessment.code}" needs at least one city and one indicator before it can be evaluated`,
    );
  }
  const dimCode = new Map(dims.map((d) => [d.id, d.code]));
  const cityIndex = new Map(cities.map((c, i) => [c.id, i]));
  const statistic = inds.map((i) => i.source === 'statistic');

  const stats = await latestStatistics(
    db,
    inds.filter((i) => i.source === 'statistic').map((i) => i.id),
  );
  const missing: string[] = [];
  const statValue = (j: number, i: number): number => {
    const v = stats.get(`${inds[j]!.id}:${cities[i]!.id}`);
    if (v === undefined) {
      missing.push(`${inds[j]!.code} for ${cities[i]!.code}`);
      return Number.NaN;
    }
    return v.value;
  };
  const statMatrix = cities.map((_, i) => inds.map((_, j) => (statistic[j] ? statValue(j, i) : Number.NaN)));
  if (missing.length > 0)
    throw new ProblemBuildError(`statistics missing: ${missing.join(', ')}; import them before evaluating`);
  const yearsOf = (j: number): string => {
    const years = [...new Set(cities.map((c) => stats.get(`${inds[j]!.id}:${c.id}`)!.year))].sort();
    return years.length === 1 ? String(years[0]) : `${years[0]}–${years[years.length - 1]}`;
  };

  const expertCols = inds.flatMap((ind, j) => (ind.source === 'expert' ? [j] : []));
  const settings = { ...(assessment.methodSettings ?? {}) };
  const panelSettings = settings.panel;
  delete settings.panel;
  // The Delphi settings (the consensus threshold) steer the panel's rounds, not the engine.
  delete settings.delphi;
  const weights = await db.query.weightSets.findFirst({
    where: eq(weightSets.assessmentId, assessmentId),
    orderBy: desc(weightSets.version),
  });

  const base = {
    alternatives: cities.map((c) => c.code),
    dimensions: dims.map((d) => d.code),
    criteria: inds.map((ind, j) => ({
      id: ind.code,
      name:
        statistic[j] && expertCols.length > 0
          ? `${ind.nameEn} (statistic, ${yearsOf(j)}: the same value for every expert)`
          : ind.nameEn,
      dimension: dimCode.get(ind.dimensionId)!,
      type: ind.direction,
      ...boundsOf(ind),
    })),
    ...(weights ? { weights: weights.spec } : {}),
  };
  // `base` twice: first for the key order people read, last so that a stored setting cannot replace it.
  if (expertCols.length === 0) return { ...base, ...settings, ...base, matrix: statMatrix };

  const round = await scoredRound(db, assessmentId, assessment.code);
  const rows = await statements(db).roundScores.all({ assessment: assessmentId, round: round.id });
  const influence = new Map(rows.map((r) => [r.expertId, r.influence]));
  const experts = [...influence.keys()].sort((a, b) => a - b);
  if (experts.length === 0)
    throw new ProblemBuildError(`round ${round.number} of "${assessment.code}" has no scores from the panel yet`);
  const expertIndex = new Map(experts.map((e, k) => [e, k]));
  const indIndex = new Map(inds.map((ind, j) => [ind.id, j]));
  // Statistics everywhere, null (no score, or abstained) in the expert columns until a score fills them.
  const tables = experts.map(() =>
    statMatrix.map((row) => row.map((v, j): number | null => (statistic[j] ? v : null))),
  );
  for (const r of rows) {
    if (r.cells === null) continue;
    const table = tables[expertIndex.get(r.expertId)!]!;
    eachCell(r.cells, (alternativeId, indicatorId, value) => {
      const i = cityIndex.get(alternativeId as AlternativeId);
      const j = indIndex.get(indicatorId as IndicatorId);
      if (i === undefined || j === undefined || statistic[j]) return;
      table[i]![j] = value;
    });
  }
  return {
    ...base,
    ...settings,
    ...base,
    panel: {
      ...(panelSettings !== null && typeof panelSettings === 'object' ? panelSettings : {}),
      experts: experts.map((_, k) => `expert-${k + 1}`),
      influence: experts.map((e) => influence.get(e)!),
      scores: tables,
    },
  };
}

async function latestStatistics(
  db: Db,
  indicatorIds: IndicatorId[],
): Promise<Map<string, { value: number; year: number }>> {
  const latest = new Map<string, { value: number; year: number }>();
  if (indicatorIds.length === 0) return latest;
  const rows = await db
    .select({
      indicatorId: indicatorValues.indicatorId,
      alternativeId: indicatorValues.alternativeId,
      value: indicatorValues.value,
      year: indicatorValues.year,
    })
    .from(indicatorValues)
    .where(inArray(indicatorValues.indicatorId, indicatorIds))
    .orderBy(desc(indicatorValues.year));
  for (const r of rows) {
    const key = `${r.indicatorId}:${r.alternativeId}`;
    if (!latest.has(key)) latest.set(key, { value: r.value, year: r.year });
  }
  return latest;
}

/** The latest closed round; while none has closed, the open one the panel is scoring. */
async function scoredRound(db: Db, assessmentId: AssessmentId, code: string) {
  const byNumber = (status: 'open' | 'closed') =>
    db.query.rounds.findFirst({
      where: and(eq(rounds.assessmentId, assessmentId), eq(rounds.status, status)),
      orderBy: desc(rounds.number),
    });
  const round = (await byNumber('closed')) ?? (await byNumber('open'));
  if (!round)
    throw new ProblemBuildError(
      `assessment "${code}" has expert indicators but no Delphi round yet: open a round and collect scores first`,
    );
  return round;
}
