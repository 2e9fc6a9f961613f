/**
 * Weight sets: every save is a new version (author, time, note); the newest is the one evaluated. What a spec gives
 * is always the engine's answer for the assessment's own Problem with that spec (docs/engine.md §4), run through
 * the cost model and the worker pool like any other evaluation.
 */
import type { Db } from '../db/client.ts';
import type { AssessmentId } from '../db/ids.ts';
import { assessmentDimensions, scoringFrame } from '../db/queries/scores.ts';
import { insertWeightSet, latestWeightVersion, weightSetVersion, weightSetVersions } from '../db/queries/weights.ts';
import type { LeftOut } from '../db/schema.ts';
import { structureIssues, type WeightingInfo } from '../engine/index.ts';
import type { AccessibleAssessment, Actor } from './access.ts';
import type { EnginePool } from './engine-pool/pool.ts';
import { type Busy, evaluateText, notEvaluated } from './evaluation.ts';
import { buildProblem, ProblemBuildError } from './problem.ts';
import { type Refused, refused } from './refused.ts';
import type { WeightsFrame } from './weights-draft.ts';

export const MAX_NOTE = 500;

/** The dimensions and indicators the weights are over, with their names for people. */
export interface WeightsStructure extends WeightsFrame {
  readonly dimensionNames: Readonly<Record<string, { readonly en: string; readonly zh: string }>>;
  readonly indicatorNames: Readonly<Record<string, { readonly en: string; readonly zh: string }>>;
}

export async function weightsStructure(db: Db, assessmentId: AssessmentId): Promise<WeightsStructure> {
  const [dims, frame] = await Promise.all([assessmentDimensions(db, assessmentId), scoringFrame(db, assessmentId)]);
  const dimCode = new Map(dims.map((d) => [d.id, d.code]));
  return {
    dimensions: dims.map((d) => d.code),
    indicators: frame.indicators.map((i) => ({ code: i.code, dimension: dimCode.get(i.dimensionId)! })),
    dimensionNames: Object.fromEntries(dims.map((d) => [d.code, { en: d.nameEn, zh: d.nameZh }])),
    indicatorNames: Object.fromEntries(frame.indicators.map((i) => [i.code, { en: i.nameEn, zh: i.nameZh }])),
  };
}

/** What the engine made of a spec: the result's criteria, global weights, how they came about, and its warnings. */
export interface Weighed {
  readonly criteria: readonly string[];
  readonly weights: readonly number[];
  readonly weighting: WeightingInfo;
  readonly warnings: readonly string[];
}

export type Weighing = { readonly kind: 'weighed'; readonly weighed: Weighed } | Refused | Busy;

/**
 * The engine's weights for the assessment's Problem with `spec` in place of its stored weights. Sensitivity runs
 * are left out: they do not change the weights and are the costly part. 422 carries the engine's issues (paths
 * under `weights`); 409 says why the assessment cannot be evaluated yet.
 */
export async function weigh(db: Db, pool: EnginePool, assessmentId: AssessmentId, spec: unknown): Promise<Weighing> {
  // Checked here, not only in the engine: a spec nested thousands deep overflows the stack of JSON.stringify below.
  const shape = structureIssues({ weights: spec });
  if (shape.length > 0) return { kind: 'refused', status: 422, issues: shape };
  let problem: Record<string, unknown>;
  try {
    problem = await buildProblem(db, assessmentId);
  } catch (err) {
    if (err instanceof ProblemBuildError)
      return refused(409, `weights are checked on the assessment's data: ${err.message}`);
    throw err;
  }
  const { sensitivity: _sensitivity, ...rest } = problem;
  const evaluation = await evaluateText(JSON.stringify({ ...rest, weights: spec }), pool);
  if (evaluation.ok) {
    const result = JSON.parse(evaluation.json) as Weighed;
    return {
      kind: 'weighed',
      weighed: {
        criteria: result.criteria,
        weights: result.weights,
        weighting: result.weighting,
        warnings: result.warnings,
      },
    };
  }
  return notEvaluated(evaluation);
}

export interface WeightVersion {
  readonly version: number;
  readonly spec: Record<string, unknown>;
  readonly note: string;
  /** Group AHP's members left out when it was saved. */
  readonly leftOut: LeftOut | null;
  readonly at: Date;
  readonly author: string;
  readonly authorUsername: string;
}

export async function weightHistory(db: Db, assessmentId: AssessmentId): Promise<WeightVersion[]> {
  const rows = await weightSetVersions(db, assessmentId);
  return rows.map((r) => ({ ...r, at: r.createdAt }));
}

export type SaveWeightsOutcome =
  | { readonly kind: 'saved'; readonly version: number; readonly weighed: Weighed }
  | Exclude<Weighing, { kind: 'weighed' }>;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Saves `spec` as the next version after the engine has accepted it for the assessment's data; nothing is written
 * otherwise. Administrators only.
 */
export async function saveWeights(
  db: Db,
  pool: EnginePool,
  now: Date,
  actor: Actor,
  seat: AccessibleAssessment,
  spec: unknown,
  note: string,
  extra: { readonly restoredFrom?: number; readonly leftOut?: LeftOut } = {},
): Promise<SaveWeightsOutcome> {
  if (seat.access.role !== 'administrator') return refused(403, 'only administrators change weights');
  if (note.length > MAX_NOTE) return refused(422, `at most ${MAX_NOTE} characters`, 'note');
  if (!isObject(spec)) return refused(422, 'a weight spec is an object with a "method" (docs/engine.md §4)', 'weights');
  const weighing = await weigh(db, pool, seat.assessment.id, spec);
  if (weighing.kind !== 'weighed') return weighing;
  const version = (await latestWeightVersion(db, seat.assessment.id)) + 1;
  try {
    await insertWeightSet(db, {
      assessmentId: seat.assessment.id,
      version,
      spec,
      note,
      by: actor.id,
      at: now,
      ...(extra.restoredFrom === undefined ? {} : { restoredFrom: extra.restoredFrom }),
      ...(extra.leftOut ? { leftOut: extra.leftOut } : {}),
    });
  } catch (err) {
    if (
      err instanceof Error &&
      /UNIQUE constraint failed: weight_sets/.test(`${err.message} ${String(err.cause ?? '')}`)
    )
      return refused(409, `version ${version} was saved at the same moment by someone else: reload and try again`);
    throw err;
  }
  return { kind: 'saved', version, weighed: weighing.weighed };
}

/** Makes an earlier version current again, as a new version with the same spec (history is never rewritten). */
export async function restoreWeights(
  db: Db,
  pool: EnginePool,
  now: Date,
  actor: Actor,
  seat: AccessibleAssessment,
  version: number,
): Promise<SaveWeightsOutcome> {
  if (seat.access.role !== 'administrator') return refused(403, 'only administrators change weights');
  const old = await weightSetVersion(db, seat.assessment.id, version);
  if (!old) return refused(404, `there is no version ${version}`, 'version');
  return saveWeights(db, pool, now, actor, seat, old.spec, `Restored version ${version}`, {
    restoredFrom: version,
    ...(old.leftOut ? { leftOut: old.leftOut } : {}),
  });
}

export interface WeightChange {
  readonly criterion: string;
  readonly before: number;
  readonly after: number;
  /** after − before, in weight (not percentage points). */
  readonly change: number;
}

export type VersionComparison =
  | {
      readonly kind: 'compared';
      readonly before: WeightVersion;
      readonly after: WeightVersion;
      readonly changes: WeightChange[];
    }
  | Exclude<Weighing, { kind: 'weighed' }>;

/** Two versions side by side: each criterion's global weight under both, as the engine gives them today. */
export async function compareVersions(
  db: Db,
  pool: EnginePool,
  assessmentId: AssessmentId,
  a: number,
  b: number,
): Promise<VersionComparison> {
  const history = await weightHistory(db, assessmentId);
  const before = history.find((v) => v.version === a);
  const after = history.find((v) => v.version === b);
  if (!before) return refused(404, `there is no version ${a}`, 'a');
  if (!after) return refused(404, `there is no version ${b}`, 'b');
  const [x, y] = await Promise.all([
    weigh(db, pool, assessmentId, before.spec),
    weigh(db, pool, assessmentId, after.spec),
  ]);
  if (x.kind !== 'weighed') return x;
  if (y.kind !== 'weighed') return y;
  const changes = x.weighed.criteria.map((criterion, j) => ({
    criterion,
    before: x.weighed.weights[j]!,
    after: y.weighed.weights[j]!,
    change: y.weighed.weights[j]! - x.weighed.weights[j]!,
  }));
  return { kind: 'compared', before, after, changes };
}
