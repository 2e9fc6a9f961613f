/**
 * An assessment's recommendation rules: the library's (no assessment) and its own, where an own rule with a library
 * rule's code overrides it for this assessment only. Administrators add, change and delete own rules; changing a
 * library rule here makes the override, and reverting deletes it. Every change is one batch with its audit entry
 * (before and after), conditions are checked by `ruleConditionSchema`, and a rule id is looked up within the
 * assessment's reach only, so another assessment's rule is a 404.
 */
import { and, asc, eq, isNull, or } from 'drizzle-orm';
import { auditIfChanged, auditInsert } from '../db/audit.ts';
import type { Db } from '../db/client.ts';
import type { RecommendationRuleId } from '../db/ids.ts';
import { structureOf } from '../db/queries/setup.ts';
import { recommendationRules } from '../db/schema.ts';
import type { Issue } from '../engine/index.ts';
import { checkCondition, parseCondition, type RuleCondition, type RuleProblem } from '../report/recommendations.ts';
import type { AccessibleAssessment, Actor } from './access.ts';
import { type Refused, refused } from './refused.ts';
import type { RuleInput } from './rule-form.ts';

type RuleRow = typeof recommendationRules.$inferSelect;

/** `library`: shared and unchanged here; `own`: this assessment's alone; `override`: this assessment's version of a library rule. */
export type RuleOrigin = 'library' | 'own' | 'override';

export interface RuleView {
  readonly id: RecommendationRuleId;
  readonly origin: RuleOrigin;
  readonly code: string;
  readonly dimensionCode: string;
  readonly condition: unknown;
  /** The condition as the schema reads it; null when the stored one is not valid (`check` says why). */
  readonly parsed: RuleCondition | null;
  readonly textEn: string;
  readonly textZh: string;
  readonly source: string;
  /** The library rule an override replaces, for comparison and reverting. */
  readonly library?: RuleRow;
  /** The rule's dimension is one of the assessment's. */
  readonly dimensionKnown: boolean;
  /** Checked against the assessment's dimensions and indicators, not against any result. */
  readonly check: { readonly canFire: boolean; readonly problems: readonly RuleProblem[] };
}

export interface RulesOverview {
  readonly rules: readonly RuleView[];
  readonly dimensions: readonly { readonly code: string; readonly nameEn: string; readonly nameZh: string }[];
  readonly indicators: readonly { readonly code: string; readonly nameEn: string; readonly nameZh: string }[];
  readonly archived: boolean;
}

export type RuleAction = 'created' | 'updated' | 'overridden' | 'deleted' | 'reverted';
export type RuleOutcome = { readonly kind: 'done'; readonly code: string; readonly action: RuleAction } | Refused;

const MAX_TEXT = 2000;
const MAX_SOURCE = 300;
/** Codes name rules in reports and overrides; the same form as the structure's codes. */
export const RULE_CODE = /^[a-z0-9][a-z0-9_-]{0,62}$/;

const reachable = (seat: AccessibleAssessment) =>
  or(isNull(recommendationRules.assessmentId), eq(recommendationRules.assessmentId, seat.assessment.id));

/** Library rules and the assessment's own, in code order (library before own for the same code). */
async function rowsOf(db: Db, seat: AccessibleAssessment): Promise<RuleRow[]> {
  return db
    .select()
    .from(recommendationRules)
    .where(reachable(seat))
    .orderBy(asc(recommendationRules.code), asc(recommendationRules.id));
}

export async function rulesOverview(db: Db, seat: AccessibleAssessment): Promise<RulesOverview> {
  const [rows, { dims, inds }] = await Promise.all([rowsOf(db, seat), structureOf(db, seat.assessment.id)]);
  const frame = { dimensions: dims.map((d) => d.code), indicators: inds.map((i) => i.code) };
  const library = new Map(rows.filter((r) => r.assessmentId === null).map((r) => [r.code, r]));
  const overridden = new Set(rows.filter((r) => r.assessmentId !== null).map((r) => r.code));
  const rules = rows
    .filter((r) => r.assessmentId !== null || !overridden.has(r.code))
    .map((r): RuleView => {
      const base = r.assessmentId !== null ? library.get(r.code) : undefined;
      const parsed = parseCondition(r.condition);
      return {
        id: r.id,
        origin: r.assessmentId === null ? 'library' : base ? 'override' : 'own',
        code: r.code,
        dimensionCode: r.dimensionCode,
        condition: r.condition,
        parsed: parsed.ok ? parsed.condition : null,
        textEn: r.textEn,
        textZh: r.textZh,
        source: r.source,
        ...(base ? { library: base } : {}),
        dimensionKnown: frame.dimensions.includes(r.dimensionCode),
        check: checkCondition(r.condition, frame),
      };
    });
  const named = (x: { code: string; nameEn: string; nameZh: string }) => ({
    code: x.code,
    nameEn: x.nameEn,
    nameZh: x.nameZh,
  });
  return {
    rules,
    dimensions: dims.map(named),
    indicators: inds.map(named),
    archived: seat.assessment.archivedAt !== null,
  };
}

interface CheckedRule {
  readonly code: string;
  readonly dimensionCode: string;
  readonly condition: Record<string, unknown>;
  readonly textEn: string;
  readonly textZh: string;
  readonly source: string;
}

/** Every problem of the input at once, each at its field (`condition.…` inside the condition). */
async function checked(db: Db, seat: AccessibleAssessment, input: RuleInput): Promise<CheckedRule | Refused> {
  const issues: Issue[] = [];
  const code = input.code.trim();
  if (!RULE_CODE.test(code))
    issues.push({
      path: 'code',
      message: '1–63 lower-case letters, digits, "_" or "-", starting with a letter or digit',
    });
  const text = (path: 'textEn' | 'textZh' | 'source', max: number, required: boolean) => {
    const v = input[path].trim();
    if (required && v === '') issues.push({ path, message: 'this field is required' });
    else if (v.length > max) issues.push({ path, message: `at most ${max} characters` });
    return v;
  };
  const textEn = text('textEn', MAX_TEXT, true);
  const textZh = text('textZh', MAX_TEXT, true);
  const source = text('source', MAX_SOURCE, false);
  const { dims } = await structureOf(db, seat.assessment.id);
  const dimensionCode = input.dimension.trim();
  if (!dims.some((d) => d.code === dimensionCode))
    issues.push({
      path: 'dimension',
      message:
        dims.length === 0
          ? 'the assessment has no dimensions yet: add one on the set-up page first'
          : `expected one of this assessment's dimensions (${dims.map((d) => d.code).join(', ')})`,
    });
  const condition = parseCondition(input.condition);
  if (!condition.ok)
    issues.push(
      ...condition.issues.map((i) => ({ path: i.path ? `condition.${i.path}` : 'condition', message: i.message })),
    );
  if (issues.length > 0 || !condition.ok) return { kind: 'refused', status: 422, issues };
  return { code, dimensionCode, condition: condition.condition as Record<string, unknown>, textEn, textZh, source };
}

const isRefused = (x: unknown): x is Refused =>
  typeof x === 'object' && x !== null && (x as { kind?: unknown }).kind === 'refused';

/** Only administrators edit rules, and an archived assessment is read-only. */
const denied = (seat: AccessibleAssessment): Refused | undefined =>
  seat.access.role !== 'administrator'
    ? refused(403, 'only administrators edit recommendation rules')
    : seat.assessment.archivedAt !== null
      ? refused(409, 'the assessment is archived: restore it on the set-up page to change its rules')
      : undefined;

const fieldsOf = (r: CheckedRule | RuleRow) => ({
  code: r.code,
  dimensionCode: r.dimensionCode,
  condition: r.condition,
  textEn: r.textEn,
  textZh: r.textZh,
  source: r.source,
});

const entry = (
  actor: Actor,
  now: Date,
  seat: AccessibleAssessment,
  action: string,
  before?: unknown,
  after?: unknown,
) => ({
  at: now,
  userId: actor.id,
  action,
  entity: 'assessment',
  entityId: seat.assessment.id,
  ...(before === undefined ? {} : { before }),
  ...(after === undefined ? {} : { after }),
});

/** Another writer got there first (the same code added at the same moment). */
const uniqueViolation = (err: unknown) =>
  err instanceof Error &&
  /UNIQUE constraint failed: recommendation_rules/.test(`${err.message} ${String(err.cause ?? '')}`);

const taken = (code: string) =>
  refused(409, `a rule with the code "${code}" already applies to this assessment; edit that one instead`, 'code');

/** The rule `id` if this assessment can reach it (a library rule or its own); anything else is not found. */
async function reachableRule(db: Db, seat: AccessibleAssessment, id: number): Promise<RuleRow | undefined> {
  const [row] = await db
    .select()
    .from(recommendationRules)
    .where(and(eq(recommendationRules.id, id as RecommendationRuleId), reachable(seat)))
    .limit(1);
  return row;
}

const notFound = (id: number) => refused(404, `this assessment has no recommendation rule ${id}`);

export async function createRule(
  db: Db,
  now: Date,
  actor: Actor,
  seat: AccessibleAssessment,
  input: RuleInput,
): Promise<RuleOutcome> {
  const no = denied(seat);
  if (no) return no;
  const rule = await checked(db, seat, input);
  if (isRefused(rule)) return rule;
  // A library rule's code too: changing a library rule for this assessment is done by editing it.
  if ((await rowsOf(db, seat)).some((r) => r.code === rule.code)) return taken(rule.code);
  try {
    await db.batch([
      db.insert(recommendationRules).values({ ...rule, assessmentId: seat.assessment.id }),
      auditInsert(db, entry(actor, now, seat, 'rule.create', undefined, fieldsOf(rule))),
    ]);
  } catch (err) {
    if (uniqueViolation(err)) return taken(rule.code);
    throw err;
  }
  return { kind: 'done', code: rule.code, action: 'created' };
}

/**
 * Changes an own rule in place, or makes this assessment's version of a library rule (which keeps the library's
 * code; the library row itself is never written).
 */
export async function updateRule(
  db: Db,
  now: Date,
  actor: Actor,
  seat: AccessibleAssessment,
  id: number,
  input: RuleInput,
): Promise<RuleOutcome> {
  const no = denied(seat);
  if (no) return no;
  const row = await reachableRule(db, seat, id);
  if (!row) return notFound(id);
  const rule = await checked(db, seat, input);
  if (isRefused(rule)) return rule;
  const rows = await rowsOf(db, seat);
  const library = rows.find((r) => r.assessmentId === null && r.code === row.code);
  if (row.assessmentId === null || library) {
    if (rule.code !== row.code)
      return refused(422, `the code of a library rule stays "${row.code}" in every assessment`, 'code');
  } else if (rows.some((r) => r.code === rule.code && r.id !== row.id)) return taken(rule.code);

  if (row.assessmentId === null) {
    if (rows.some((r) => r.assessmentId !== null && r.code === row.code))
      return refused(409, `this assessment already has its own version of "${row.code}"; edit that one`, 'code');
    try {
      await db.batch([
        db.insert(recommendationRules).values({ ...rule, assessmentId: seat.assessment.id }),
        auditInsert(db, entry(actor, now, seat, 'rule.override', fieldsOf(row), fieldsOf(rule))),
      ]);
    } catch (err) {
      if (uniqueViolation(err)) return taken(rule.code);
      throw err;
    }
    return { kind: 'done', code: rule.code, action: 'overridden' };
  }
  if (JSON.stringify(fieldsOf(row)) === JSON.stringify(fieldsOf(rule)))
    return { kind: 'done', code: rule.code, action: 'updated' };
  try {
    await db.batch([
      db
        .update(recommendationRules)
        .set(rule)
        .where(and(eq(recommendationRules.id, row.id), eq(recommendationRules.assessmentId, seat.assessment.id))),
      auditIfChanged(db, entry(actor, now, seat, 'rule.update', fieldsOf(row), fieldsOf(rule))),
    ]);
  } catch (err) {
    if (uniqueViolation(err)) return taken(rule.code);
    throw err;
  }
  return { kind: 'done', code: rule.code, action: 'updated' };
}

/**
 * Deletes an own rule (`delete`) or an override, which brings the library rule back (`revert`); the intent must match
 * what the rule is, so a stale page cannot delete what it did not show.
 */
export async function removeRule(
  db: Db,
  now: Date,
  actor: Actor,
  seat: AccessibleAssessment,
  id: number,
  intent: 'delete' | 'revert',
): Promise<RuleOutcome> {
  const no = denied(seat);
  if (no) return no;
  const row = await reachableRule(db, seat, id);
  if (!row) return notFound(id);
  if (row.assessmentId === null)
    return refused(409, `"${row.code}" is a library rule: it can be changed for this assessment, not deleted`);
  const [library] = await db
    .select()
    .from(recommendationRules)
    .where(and(isNull(recommendationRules.assessmentId), eq(recommendationRules.code, row.code)))
    .limit(1);
  if (intent === 'revert' && !library)
    return refused(409, `"${row.code}" is this assessment's own rule: there is no library version`);
  if (intent === 'delete' && library)
    return refused(409, `"${row.code}" is this assessment's version of a library rule: revert it instead`);
  await db.batch([
    db
      .delete(recommendationRules)
      .where(and(eq(recommendationRules.id, row.id), eq(recommendationRules.assessmentId, seat.assessment.id))),
    auditIfChanged(
      db,
      entry(
        actor,
        now,
        seat,
        intent === 'revert' ? 'rule.revert' : 'rule.delete',
        fieldsOf(row),
        library ? fieldsOf(library) : undefined,
      ),
    ),
  ]);
  return { kind: 'done', code: row.code, action: intent === 'revert' ? 'reverted' : 'deleted' };
}
