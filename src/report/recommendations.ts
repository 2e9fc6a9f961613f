/**
 * Recommendation rules over an engine Result: a rule's condition says what in the Result makes its advice relevant
 * to a city (a lagging dimension, a coordination level, a main obstacle, weak panel agreement, or a combination), and
 * a rule that fires cites the numbers that made it fire, in both languages. Pure: the Result, the names and the rules
 * in, plain data out.
 */
import { z } from 'zod';
import { type Issue, MAX_LEVELS, type Result } from '../engine/index.ts';
import { type Locale, type MessageKey, type PlainMessageKey, t } from '../i18n/messages.ts';
import type { Bilingual, ReportLabels, RuleRecord } from './input.ts';

/** Combinations nest at most this deep, the outermost condition counting as 1. */
export const MAX_CONDITION_DEPTH = 4;
/** Parts of one combination. */
export const MAX_CONDITION_PARTS = 16;
/** A criterion's Kendall's W below this is weak agreement, unless the condition says otherwise. */
export const DEFAULT_WEAK_W = 0.5;

const code = (what: string) =>
  z
    .string({ error: `expected the ${what}'s code (text)` })
    .trim()
    .min(1, `the ${what}'s code is empty`)
    .max(63, `a ${what}'s code has at most 63 characters`);

const levelIndex = (end: string) =>
  z
    .int({ error: `expected the ${end} level as a whole number from 1 to ${MAX_LEVELS}` })
    .min(1, `the ${end} level is at least 1`)
    .max(MAX_LEVELS, `the ${end} level is at most ${MAX_LEVELS}, the most classes a level table has`)
    .optional();

const laggingSchema = z.strictObject({ type: z.literal('lagging-dimension'), dimension: code('dimension') });

/**
 * The coordination level's class index in [min, max]: 1 is the table's lowest class (extreme disorder in the default
 * ten), the table's own count its highest (docs/engine.md §6).
 */
const levelSchema = z
  .strictObject({ type: z.literal('level'), min: levelIndex('lowest'), max: levelIndex('highest') })
  .refine((c) => c.min !== undefined || c.max !== undefined, { message: 'give min, max or both', path: ['min'] })
  .refine((c) => c.min === undefined || c.max === undefined || c.min <= c.max, {
    message: 'min is above max',
    path: ['max'],
  });

/** The indicator among the city's main obstacle factors: the first `within` of them, or anywhere in the list. */
const obstacleSchema = z.strictObject({
  type: z.literal('obstacle'),
  indicator: code('indicator'),
  within: z
    .int({ error: 'expected how many of the main obstacles to look at, a whole number' })
    .min(1, 'within is at least 1')
    .max(100, 'within is at most 100')
    .optional(),
});

/** The panel's Kendall's W on the indicator below `below` (docs/engine.md §9). */
const weakConsensusSchema = z.strictObject({
  type: z.literal('weak-consensus'),
  indicator: code('indicator'),
  below: z
    .number({ error: "expected Kendall's W threshold as a number" })
    .gt(0, 'below is more than 0')
    .max(1, 'below is at most 1')
    .optional(),
});

const LEAVES = [laggingSchema, levelSchema, obstacleSchema, weakConsensusSchema] as const;
type Leaf = z.output<(typeof LEAVES)[number]>;
export type RuleCondition =
  | Leaf
  | { readonly type: 'all'; readonly conditions: readonly RuleCondition[] }
  | { readonly type: 'any'; readonly conditions: readonly RuleCondition[] };
export type ConditionType = RuleCondition['type'];
export const CONDITION_TYPES = ['lagging-dimension', 'level', 'obstacle', 'weak-consensus', 'all', 'any'] as const;

/** Stands where a fifth level would begin, so parsing stops there with one clear message. */
const tooDeep = z.custom<never>(() => false, {
  message: `combinations nest at most ${MAX_CONDITION_DEPTH} deep`,
});

const typeError = (input: unknown) => {
  const type = typeof input === 'object' && input !== null ? (input as { type?: unknown }).type : undefined;
  return `${type === undefined ? 'no condition type' : `unknown condition type ${JSON.stringify(type)}`}; expected one of ${CONDITION_TYPES.join(', ')}`;
};

/** Built level by level, so that a deep input is refused at the limit instead of recursing through all of it. */
function conditionAt(depth: number): z.ZodType<RuleCondition> {
  const part = depth < MAX_CONDITION_DEPTH ? z.lazy(() => conditionAt(depth + 1)) : tooDeep;
  const parts = z
    .array(part, { error: 'expected a list of conditions' })
    .min(1, 'a combination needs at least one condition')
    .max(MAX_CONDITION_PARTS, `a combination has at most ${MAX_CONDITION_PARTS} conditions`);
  return z.discriminatedUnion(
    'type',
    [
      ...LEAVES,
      z.strictObject({ type: z.literal('all'), conditions: parts }),
      z.strictObject({ type: z.literal('any'), conditions: parts }),
    ],
    {
      error: (issue) =>
        issue.code === 'invalid_union'
          ? typeError(issue.input)
          : issue.code === 'invalid_type'
            ? 'expected a condition (an object with a "type")'
            : undefined,
    },
  );
}

/** The one definition of a rule's condition; `RuleCondition` is what it accepts. */
export const ruleConditionSchema: z.ZodType<RuleCondition> = conditionAt(1);

/** `conditions[1].indicator`, the engine's way of naming a place in JSON. */
export const pathText = (path: readonly PropertyKey[]): string =>
  path.map((key, k) => (typeof key === 'number' ? `[${key}]` : k === 0 ? String(key) : `.${String(key)}`)).join('');

export type ConditionParse =
  | { readonly ok: true; readonly condition: RuleCondition }
  | { readonly ok: false; readonly issues: Issue[] };

/** Parses a stored or posted condition; each problem names its path inside the condition ("" for the whole). */
export function parseCondition(value: unknown): ConditionParse {
  const parsed = ruleConditionSchema.safeParse(value);
  if (parsed.success) return { ok: true, condition: parsed.data };
  return { ok: false, issues: parsed.error.issues.map((i) => ({ path: pathText(i.path), message: i.message })) };
}

/** How numbers are cited: indices (U, D, W) with 3 decimals, an obstacle degree as a percentage with 1. */
export const cite = {
  index: (x: number): string => x.toFixed(3),
  percent: (x: number, locale: Locale): string => `${(x * 100).toFixed(1)}${locale === 'zh' ? '%' : ' %'}`,
};

/** What made a condition hold, with the numbers as the Result has them and the sentence that cites them. */
export type Evidence = Bilingual &
  (
    | {
        readonly type: 'lagging-dimension';
        readonly dimension: string;
        readonly U: number;
        /** The strongest dimension, the one it lags behind. */
        readonly strongest: string;
        readonly strongestU: number;
      }
    | { readonly type: 'level'; readonly D: number; readonly level: number }
    | { readonly type: 'obstacle'; readonly indicator: string; readonly position: number; readonly degree: number }
    | { readonly type: 'weak-consensus'; readonly indicator: string; readonly W: number; readonly below: number }
  );

export interface Recommendation {
  readonly code: string;
  readonly dimensionCode: string;
  readonly text: Bilingual;
  readonly source: string;
  readonly evidence: readonly Evidence[];
}

export interface AlternativeRecommendations {
  readonly alternative: string;
  readonly name: Bilingual;
  /** The rules that fire for this alternative, in the order the rules were given. */
  readonly recommendations: readonly Recommendation[];
}

export type Analysis = 'coordination' | 'obstacles' | 'panel';

/** Something that stops (part of) a condition from ever firing, with where in the condition it is. */
export type RuleProblem = Bilingual &
  (
    | { readonly kind: 'invalid'; readonly path: string; readonly message: string }
    | { readonly kind: 'unknown-dimension' | 'unknown-indicator'; readonly path: string; readonly id: string }
    | { readonly kind: 'missing-analysis'; readonly path: string; readonly analysis: Analysis }
  );

export interface RuleCheck {
  readonly code: string;
  /** False when no alternative can satisfy the condition, whatever its numbers: see `problems`. */
  readonly canFire: boolean;
  /** Every problem found, including those in a branch of an `any` that others can still satisfy. */
  readonly problems: readonly RuleProblem[];
}

export interface Recommendations {
  readonly alternatives: readonly AlternativeRecommendations[];
  /** One per rule, in the order given. */
  readonly rules: readonly RuleCheck[];
}

/** The ids a condition can be checked against, and which analyses there are. */
export interface ConditionFrame {
  readonly dimensions: readonly string[];
  readonly indicators: readonly string[];
  /** Analyses the Result lacks; absent when checking against an assessment's structure alone. */
  readonly missing?: readonly Analysis[];
}

/** A message's parameters, as `t` types them for that key. */
type ParamsOf<K extends MessageKey> = NonNullable<Parameters<typeof t<K>>[2]>;

/** One message in both languages; `params` gives each language its own names and number forms. */
const both = <K extends MessageKey>(key: K, params: (locale: Locale) => ParamsOf<K>): Bilingual => {
  const say = t as (locale: Locale, key: MessageKey, params?: Record<string, string | number>) => string;
  return { en: say('en', key, params('en')), zh: say('zh', key, params('zh')) };
};
const plain = (key: PlainMessageKey): Bilingual => ({ en: t('en', key), zh: t('zh', key) });

const NEEDS: Record<Leaf['type'], Analysis> = {
  'lagging-dimension': 'coordination',
  level: 'coordination',
  obstacle: 'obstacles',
  'weak-consensus': 'panel',
};

const MISSING_KEY: Record<Analysis, PlainMessageKey> = {
  coordination: 'rules.problem.noCoordination',
  obstacles: 'rules.problem.noObstacles',
  panel: 'rules.problem.noPanel',
};

const join = (base: string, key: string | number) =>
  typeof key === 'number' ? `${base}[${key}]` : base === '' ? key : `${base}.${key}`;

/**
 * What stops a parsed condition from firing in this frame, and whether it can fire at all: a leaf naming an unknown
 * id or needing a missing analysis cannot; `all` cannot when one part cannot, `any` when none can.
 */
function inspect(
  condition: RuleCondition,
  frame: ConditionFrame,
  path: string,
): { canFire: boolean; problems: RuleProblem[] } {
  if (condition.type === 'all' || condition.type === 'any') {
    const parts = condition.conditions.map((c, k) => inspect(c, frame, join(join(path, 'conditions'), k)));
    const able = parts.map((p) => p.canFire);
    return {
      canFire: condition.type === 'all' ? able.every(Boolean) : able.some(Boolean),
      problems: parts.flatMap((p) => p.problems),
    };
  }
  const problems: RuleProblem[] = [];
  const analysis = NEEDS[condition.type];
  if (frame.missing?.includes(analysis))
    problems.push({ kind: 'missing-analysis', path, analysis, ...plain(MISSING_KEY[analysis]) });
  if (condition.type === 'lagging-dimension' && !frame.dimensions.includes(condition.dimension)) {
    const at = join(path, 'dimension');
    const id = condition.dimension;
    problems.push({
      kind: 'unknown-dimension',
      path: at,
      id,
      ...both('rules.problem.unknownDimension', () => ({ id, path: at })),
    });
  }
  if (
    (condition.type === 'obstacle' || condition.type === 'weak-consensus') &&
    !frame.indicators.includes(condition.indicator)
  ) {
    const at = join(path, 'indicator');
    const id = condition.indicator;
    problems.push({
      kind: 'unknown-indicator',
      path: at,
      id,
      ...both('rules.problem.unknownIndicator', () => ({ id, path: at })),
    });
  }
  return { canFire: problems.length === 0, problems };
}

/** A stored or posted condition checked against the ids it may name (and the analyses there are). */
export function checkCondition(value: unknown, frame: ConditionFrame): { canFire: boolean; problems: RuleProblem[] } {
  const parsed = parseCondition(value);
  if (!parsed.ok)
    return {
      canFire: false,
      problems: parsed.issues.map((i) => ({
        kind: 'invalid',
        path: i.path,
        message: i.message,
        ...both('rules.problem.invalid', () => ({ details: i.path ? `${i.path}: ${i.message}` : i.message })),
      })),
    };
  return inspect(parsed.condition, frame, '');
}

type Coordination = NonNullable<Result['coordination']>;

interface Context {
  readonly result: Result;
  readonly labels: ReportLabels;
  readonly dimensionName: (code: string) => Bilingual;
  readonly criterionName: (code: string) => Bilingual;
}

const named = (list: readonly (Bilingual & { readonly code: string })[]) => {
  const byCode = new Map(list.map((x) => [x.code, { en: x.en, zh: x.zh }]));
  return (code: string): Bilingual => byCode.get(code) ?? { en: code, zh: code };
};

function laggingEvidence(ctx: Context, co: Coordination, i: number, dimension: string): Evidence[] {
  const k = co.dimensions.indexOf(dimension);
  if (k < 0 || !co.lagging[i]?.dimensions.includes(dimension)) return [];
  const u = co.U[i]!;
  let top = 0;
  for (let l = 1; l < u.length; l++) if (u[l]! > u[top]!) top = l;
  const strongest = co.dimensions[top]!;
  const names = ctx.dimensionName(dimension);
  const strongNames = ctx.dimensionName(strongest);
  return [
    {
      type: 'lagging-dimension',
      dimension,
      U: u[k]!,
      strongest,
      strongestU: u[top]!,
      ...both('rules.evidence.lagging', (locale) => ({
        dimension: names[locale],
        value: cite.index(u[k]!),
        top: cite.index(u[top]!),
        strongest: strongNames[locale],
      })),
    },
  ];
}

/** The evidence that the condition holds for alternative i, or null when it does not. */
function holds(ctx: Context, condition: RuleCondition, i: number): Evidence[] | null {
  const { result } = ctx;
  switch (condition.type) {
    case 'all': {
      const found: Evidence[] = [];
      for (const part of condition.conditions) {
        const evidence = holds(ctx, part, i);
        if (evidence === null) return null;
        found.push(...evidence);
      }
      return found;
    }
    case 'any': {
      const parts = condition.conditions.map((part) => holds(ctx, part, i)).filter((e) => e !== null);
      return parts.length === 0 ? null : parts.flat();
    }
    case 'lagging-dimension': {
      if (!result.coordination) return null;
      const evidence = laggingEvidence(ctx, result.coordination, i, condition.dimension);
      return evidence.length === 0 ? null : evidence;
    }
    case 'level': {
      const co = result.coordination;
      if (!co) return null;
      const level = co.level[i]!;
      if (
        (condition.min !== undefined && level.index < condition.min) ||
        (condition.max !== undefined && level.index > condition.max)
      )
        return null;
      const D = co.D[i]!;
      return [
        {
          type: 'level',
          D,
          level: level.index,
          ...both('rules.evidence.level', (locale) => ({
            value: cite.index(D),
            level: level[locale],
            index: level.index,
          })),
        },
      ];
    }
    case 'obstacle': {
      const top = result.obstacles?.[i]?.top;
      if (!top) return null;
      const q = top.findIndex((o) => o.criterion === condition.indicator);
      if (q < 0 || (condition.within !== undefined && q >= condition.within)) return null;
      const names = ctx.criterionName(condition.indicator);
      const degree = top[q]!.degree;
      return [
        {
          type: 'obstacle',
          indicator: condition.indicator,
          position: q + 1,
          degree,
          ...both('rules.evidence.obstacle', (locale) => ({
            indicator: names[locale],
            position: q + 1,
            degree: cite.percent(degree, locale),
          })),
        },
      ];
    }
    case 'weak-consensus': {
      const below = condition.below ?? DEFAULT_WEAK_W;
      const W = result.panel?.agreement.find((a) => a.criterion === condition.indicator)?.W;
      if (W === undefined || W === null || !(W < below)) return null;
      const names = ctx.criterionName(condition.indicator);
      return [
        {
          type: 'weak-consensus',
          indicator: condition.indicator,
          W,
          below,
          ...both('rules.evidence.weakConsensus', (locale) => ({
            indicator: names[locale],
            value: cite.index(W),
            // The threshold as the rule states it: a setting, not a computed number.
            threshold: String(below),
          })),
        },
      ];
    }
  }
}

/** The same fact cited twice (two parts naming one obstacle) is said once. */
const distinct = (evidence: readonly Evidence[]): Evidence[] => {
  const seen = new Set<string>();
  return evidence.filter((e) => {
    if (seen.has(e.en)) return false;
    seen.add(e.en);
    return true;
  });
};

/**
 * For each alternative, in problem order, the rules that fire with the numbers that made them fire; and for each rule
 * whether it can fire at all in this Result (a condition naming an id the Result does not have, or needing an
 * analysis it lacks, never does).
 */
export function recommend(result: Result, labels: ReportLabels, rules: readonly RuleRecord[]): Recommendations {
  const missing: Analysis[] = [];
  if (!result.coordination) missing.push('coordination');
  if (!result.obstacles) missing.push('obstacles');
  if (!result.panel) missing.push('panel');
  const frame: ConditionFrame = {
    dimensions: result.coordination?.dimensions ?? labels.dimensions.map((d) => d.code),
    indicators: result.criteria,
    missing,
  };
  const ctx: Context = {
    result,
    labels,
    dimensionName: named(labels.dimensions),
    criterionName: named(labels.criteria),
  };
  const parsed = rules.map((rule) => parseCondition(rule.condition));
  const alternativeName = named(labels.alternatives);
  return {
    alternatives: result.alternatives.map((alternative, i) => ({
      alternative,
      name: alternativeName(alternative),
      recommendations: rules.flatMap((rule, r) => {
        const p = parsed[r]!;
        const evidence = p.ok ? holds(ctx, p.condition, i) : null;
        if (evidence === null) return [];
        return [
          {
            code: rule.code,
            dimensionCode: rule.dimensionCode,
            text: { en: rule.textEn, zh: rule.textZh },
            source: rule.source,
            evidence: distinct(evidence),
          },
        ];
      }),
    })),
    rules: rules.map((rule) => ({ code: rule.code, ...checkCondition(rule.condition, frame) })),
  };
}
