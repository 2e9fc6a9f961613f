/**
 * An assessment's method settings (ranking method and options, coordination, obstacles, sensitivity, the panel
 * aggregate, the Delphi consensus threshold): checked by the engine on the assessment's own Problem before they are
 * saved, with the engine's errors at their paths; saved with an audit entry of before and after.
 */
import { eq } from 'drizzle-orm';
import { auditInsert } from '../db/audit.ts';
import type { Db } from '../db/client.ts';
import { assessments } from '../db/schema.ts';
import { type Issue, problemSchema } from '../engine/index.ts';
import type { AccessibleAssessment, Actor } from './access.ts';
import type { EnginePool } from './engine-pool/pool.ts';
import { type Busy, evaluateText, notEvaluated } from './evaluation.ts';
import { buildProblem, ProblemBuildError } from './problem.ts';
import { type Refused, refused } from './refused.ts';

export type SettingsOutcome =
  /** `evaluated` is false when the assessment could not be evaluated yet and only the schema was checked. */
  { readonly kind: 'saved'; readonly evaluated: boolean } | Refused | Busy;

/** The engine's schema of each part of the settings; `panel` holds the panel's aggregate options only. */
const PART_SCHEMAS = {
  method: problemSchema.shape.method,
  coordination: problemSchema.shape.coordination,
  obstacles: problemSchema.shape.obstacles,
  sensitivity: problemSchema.shape.sensitivity,
  panel: problemSchema.shape.panel.unwrap().pick({ aggregate: true, trim: true }),
};

/** Without data to run on, each part is checked against the engine's own schema (docs/engine.md §1). */
function schemaIssues(settings: Record<string, unknown>): Issue[] {
  const issues: Issue[] = [];
  for (const [part, schema] of Object.entries(PART_SCHEMAS)) {
    if (settings[part] === undefined) continue;
    const parsed = schema.safeParse(settings[part]);
    if (parsed.success) continue;
    for (const issue of parsed.error.issues)
      issues.push({
        path: [part, ...issue.path]
          .map((key, k) => (typeof key === 'number' ? `[${key}]` : k === 0 ? String(key) : `.${String(key)}`))
          .join(''),
        message: issue.message,
      });
  }
  return issues;
}

/** Checks `settings` by evaluating the assessment with them (or against the schema while it cannot be evaluated). */
export async function checkSettings(
  db: Db,
  pool: EnginePool,
  seat: AccessibleAssessment,
  settings: Record<string, unknown>,
): Promise<Exclude<SettingsOutcome, { kind: 'saved' }> | { readonly kind: 'ok'; readonly evaluated: boolean }> {
  let problem: Record<string, unknown>;
  try {
    problem = await buildProblem(db, seat.assessment.id, { methodSettings: settings });
  } catch (err) {
    if (!(err instanceof ProblemBuildError)) throw err;
    const issues = schemaIssues(settings);
    return issues.length > 0 ? { kind: 'refused', status: 422, issues } : { kind: 'ok', evaluated: false };
  }
  const evaluation = await evaluateText(JSON.stringify(problem), pool);
  if (evaluation.ok) return { kind: 'ok', evaluated: true };
  return notEvaluated(evaluation);
}

export async function saveSettings(
  db: Db,
  pool: EnginePool,
  now: Date,
  actor: Actor,
  seat: AccessibleAssessment,
  settings: Record<string, unknown>,
): Promise<SettingsOutcome> {
  if (seat.access.role !== 'administrator') return refused(403, 'only administrators change method settings');
  const check = await checkSettings(db, pool, seat, settings);
  if (check.kind !== 'ok') return check;
  await db.batch([
    db.update(assessments).set({ methodSettings: settings }).where(eq(assessments.id, seat.assessment.id)),
    auditInsert(db, {
      at: now,
      userId: actor.id,
      action: 'settings.update',
      entity: 'assessment',
      entityId: seat.assessment.id,
      before: seat.assessment.methodSettings,
      after: settings,
    }),
  ]);
  return { kind: 'saved', evaluated: check.evaluated };
}
