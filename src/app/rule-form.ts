/**
 * The recommendation rule form as data: a condition is edited as a type and that type's fields (`condition.type`,
 * `condition.dimension`, …), a combination as its list of parts in JSON. Pure: reading turns text into numbers and
 * JSON and says where it could not; whether the condition is valid is `ruleConditionSchema`'s to judge.
 */
import type { Issue } from '../engine/index.ts';
import { CONDITION_TYPES } from '../report/recommendations.ts';

export { CONDITION_TYPES };

export type RuleField =
  | 'code'
  | 'dimension'
  | 'source'
  | 'textEn'
  | 'textZh'
  | 'condition.type'
  | 'condition.dimension'
  | 'condition.indicator'
  | 'condition.min'
  | 'condition.max'
  | 'condition.within'
  | 'condition.below'
  | 'condition.conditions';

export const RULE_FIELDS: readonly RuleField[] = [
  'code',
  'dimension',
  'source',
  'textEn',
  'textZh',
  'condition.type',
  'condition.dimension',
  'condition.indicator',
  'condition.min',
  'condition.max',
  'condition.within',
  'condition.below',
  'condition.conditions',
];

export type RuleFields = Readonly<Record<RuleField, string>>;

/** What the use cases take: the condition as the form made it, to be checked against the schema there. */
export interface RuleInput {
  readonly code: string;
  readonly dimension: string;
  readonly source: string;
  readonly textEn: string;
  readonly textZh: string;
  readonly condition: unknown;
}

const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export const emptyRuleFields = (dimension = ''): RuleFields => ({
  ...(Object.fromEntries(RULE_FIELDS.map((f) => [f, ''])) as Record<RuleField, string>),
  'condition.type': 'lagging-dimension',
  'condition.dimension': dimension,
  dimension,
});

/** A stored rule as the form's fields; a condition of a shape the fields cannot hold is shown as a combination's JSON. */
export function ruleFields(rule: {
  readonly code: string;
  readonly dimensionCode: string;
  readonly source: string;
  readonly textEn: string;
  readonly textZh: string;
  readonly condition: unknown;
}): RuleFields {
  const stored = isRecord(rule.condition) ? rule.condition : {};
  // Stored data of no known type is put inside a combination, where the editor's JSON shows it and its problem.
  const known = (CONDITION_TYPES as readonly unknown[]).includes(stored.type);
  const c = known ? stored : { type: 'all', conditions: [rule.condition] };
  const type = str(c.type);
  const combination = type === 'all' || type === 'any';
  return {
    ...emptyRuleFields(),
    code: rule.code,
    dimension: rule.dimensionCode,
    source: rule.source,
    textEn: rule.textEn,
    textZh: rule.textZh,
    'condition.type': type,
    'condition.dimension': str(c.dimension),
    'condition.indicator': str(c.indicator),
    'condition.min': str(c.min),
    'condition.max': str(c.max),
    'condition.within': str(c.within),
    'condition.below': str(c.below),
    'condition.conditions': combination ? JSON.stringify(c.conditions ?? [], null, 2) : '',
  };
}

export type RuleReading =
  | { readonly ok: true; readonly input: RuleInput }
  | { readonly ok: false; readonly issues: Issue[] };

/** The rule a posted form stands for; only the fields of the chosen condition type are read. */
export function readRuleForm(form: Readonly<Record<string, string>>): RuleReading {
  const issues: Issue[] = [];
  const text = (field: RuleField) => (form[field] ?? '').trim();
  const num = (field: RuleField): number | undefined => {
    const raw = text(field).replace(',', '.');
    if (raw === '') return undefined;
    const v = Number(raw);
    if (!Number.isFinite(v)) issues.push({ path: field, message: 'not a number' });
    return Number.isFinite(v) ? v : undefined;
  };
  const optional = <T>(key: string, value: T | undefined) => (value === undefined ? {} : { [key]: value });
  const type = text('condition.type');
  let condition: Record<string, unknown> = { type };
  if (type === 'lagging-dimension') condition = { type, dimension: text('condition.dimension') };
  else if (type === 'level')
    condition = { type, ...optional('min', num('condition.min')), ...optional('max', num('condition.max')) };
  else if (type === 'obstacle')
    condition = { type, indicator: text('condition.indicator'), ...optional('within', num('condition.within')) };
  else if (type === 'weak-consensus')
    condition = { type, indicator: text('condition.indicator'), ...optional('below', num('condition.below')) };
  else if (type === 'all' || type === 'any') {
    const raw = text('condition.conditions');
    try {
      condition = { type, conditions: raw === '' ? [] : JSON.parse(raw) };
    } catch {
      issues.push({ path: 'condition.conditions', message: 'this is not valid JSON' });
    }
  }
  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    input: {
      code: text('code'),
      dimension: text('dimension'),
      source: text('source'),
      textEn: text('textEn'),
      textZh: text('textZh'),
      condition,
    },
  };
}
