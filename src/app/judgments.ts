/**
 * Group AHP: panel members give their own pairwise comparisons (the dimensions, and the indicators inside each
 * dimension), which the weights editor combines by AIJ (docs/engine.md §4). Each matrix's consistency is the engine's.
 */
import type { Db } from '../db/client.ts';
import type { AssessmentId } from '../db/ids.ts';
import { assessmentJudgments, ownJudgments, upsertJudgment } from '../db/queries/judgments.ts';
import { ahp, type Consistency } from '../engine/index.ts';
import type { AccessibleAssessment, Actor } from './access.ts';
import { type Refused, refused } from './refused.ts';
import { fullMatrix, membersOf, type Triangle, type WeightsFrame } from './weights-draft.ts';

/** The level of the top matrix; every other level is a dimension's code. */
export const DIMENSIONS_LEVEL = 'dimensions';

export interface JudgmentLevel {
  readonly level: string;
  /** The codes compared, in order. */
  readonly items: readonly string[];
  readonly matrix: readonly (readonly number[])[] | null;
  readonly updatedAt: Date | null;
}

/** Saaty's random indices cover matrices up to this size (docs/engine.md §4); larger ones have no CR. */
export const MAX_COMPARED = 15;

/**
 * The levels there is something to compare at: the dimensions, and each dimension of two to `MAX_COMPARED`
 * indicators (more is too many comparisons for a person, and has no consistency ratio).
 */
export function judgmentLevelsOf(frame: WeightsFrame): { level: string; items: string[] }[] {
  const levels = [
    { level: DIMENSIONS_LEVEL, items: [...frame.dimensions] },
    ...frame.dimensions.map((d) => ({ level: d, items: membersOf(frame, d) })),
  ];
  return levels.filter((l) => l.items.length >= 2 && l.items.length <= MAX_COMPARED);
}

/** Saaty's consistency of one member's matrix: bounded work (n is at most 15 on Saaty's table), so it runs in place. */
export const consistencyOf = (matrix: readonly (readonly number[])[]): Consistency => ahp(matrix).consistency;

const judges = (seat: AccessibleAssessment) =>
  seat.access.panelRole === 'evaluator' || seat.access.panelRole === 'chair';

export async function ownLevels(
  db: Db,
  actor: Actor,
  seat: AccessibleAssessment,
  frame: WeightsFrame,
): Promise<JudgmentLevel[] | Refused> {
  if (!judges(seat)) return refused(403, 'pairwise comparisons are given by the panel’s evaluators and chair');
  const own = new Map((await ownJudgments(db, seat.assessment.id, actor.id)).map((j) => [j.level, j]));
  return judgmentLevelsOf(frame).map((l) => ({
    ...l,
    matrix: own.get(l.level)?.matrix ?? null,
    updatedAt: own.get(l.level)?.updatedAt ?? null,
  }));
}

export async function saveJudgment(
  db: Db,
  now: Date,
  actor: Actor,
  seat: AccessibleAssessment,
  frame: WeightsFrame,
  level: string,
  triangle: Triangle,
): Promise<{ readonly kind: 'saved'; readonly consistency: Consistency } | Refused> {
  if (!judges(seat)) return refused(403, 'pairwise comparisons are given by the panel’s evaluators and chair');
  const found = judgmentLevelsOf(frame).find((l) => l.level === level);
  if (!found) return refused(404, `there is nothing to compare at "${level}"`, 'level');
  const matrix = fullMatrix(triangle, found.items.length);
  const before = (await ownJudgments(db, seat.assessment.id, actor.id)).find((j) => j.level === level)?.matrix ?? null;
  await upsertJudgment(db, { assessmentId: seat.assessment.id, userId: actor.id, level, matrix, at: now, before });
  return { kind: 'saved', consistency: consistencyOf(matrix) };
}

export interface MemberJudgments {
  readonly username: string;
  readonly name: string;
  readonly influence: number;
  readonly levels: Readonly<Record<string, readonly (readonly number[])[]>>;
}

/** Every panel member who has given comparisons, with their matrices by level. */
export async function panelJudgments(db: Db, assessmentId: AssessmentId): Promise<MemberJudgments[]> {
  const rows = await assessmentJudgments(db, assessmentId);
  const byUser = new Map<
    string,
    { username: string; name: string; influence: number; levels: Record<string, number[][]> }
  >();
  for (const r of rows) {
    const m = byUser.get(r.username) ?? {
      username: r.username,
      name: r.displayName,
      influence: r.influence,
      levels: {},
    };
    m.levels[r.level] = r.matrix;
    byUser.set(r.username, m);
  }
  return [...byUser.values()];
}
