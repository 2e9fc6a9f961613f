import type { Context } from 'hono';
import { Hono } from 'hono';
import {
  type ConditionSummary,
  RecommendationsBody,
  RecommendationsPage,
  type RecommendationsProps,
  type RuleItemView,
} from '../../../templates/recommendations.tsx';
import {
  createRule,
  RULE_CODE,
  type RuleAction,
  type RuleOutcome,
  type RulesOverview,
  type RuleView,
  removeRule,
  rulesOverview,
  updateRule,
} from '../../app/recommendations.ts';
import type { Refused } from '../../app/refused.ts';
import {
  CONDITION_TYPES,
  emptyRuleFields,
  RULE_FIELDS,
  type RuleField,
  readRuleForm,
  ruleFields,
} from '../../app/rule-form.ts';
import type { Issue } from '../../engine/index.ts';
import { byLocale, type Locale, type PlainMessageKey } from '../../i18n/messages.ts';
import type { AppDeps, AssessmentEnv } from '../context.ts';
import { readFields } from '../forms.ts';
import { render } from '../render.tsx';

type C = Context<AssessmentEnv>;

const LABELS: Record<RuleField, PlainMessageKey> = {
  code: 'rules.code',
  dimension: 'rules.dimension',
  source: 'rules.source',
  textEn: 'rules.textEn',
  textZh: 'rules.textZh',
  'condition.type': 'rules.condition.type',
  'condition.dimension': 'rules.condition.dimension',
  'condition.indicator': 'rules.condition.indicator',
  'condition.min': 'rules.condition.min',
  'condition.max': 'rules.condition.max',
  'condition.within': 'rules.condition.within',
  'condition.below': 'rules.condition.below',
  'condition.conditions': 'rules.condition.conditions',
};

const DONE = {
  created: 'rules.done.created',
  updated: 'rules.done.updated',
  overridden: 'rules.done.overridden',
  deleted: 'rules.done.deleted',
  reverted: 'rules.done.reverted',
} as const satisfies Record<RuleAction, string>;

/** The form field a problem belongs to: a part of a combination is in its JSON, anything else in the condition at its type. */
function fieldOf(path: string): RuleField | undefined {
  if ((RULE_FIELDS as readonly string[]).includes(path)) return path as RuleField;
  if (path.startsWith('condition.conditions')) return 'condition.conditions';
  if (path === 'condition' || path.startsWith('condition.') || path.startsWith('condition[')) return 'condition.type';
  return undefined;
}

const isRuleAction = (v: string | undefined): v is RuleAction => v !== undefined && v in DONE;

/** `/assessments/:code/recommendations`: the rules of the reports' advice, for administrators (the guard at the mount). */
export function recommendationsArea(deps: AppDeps): Hono<AssessmentEnv> {
  const app = new Hono<AssessmentEnv>();
  const seatOf = (c: C) => ({ assessment: c.var.assessment, access: c.var.access });
  const base = (c: C) => `/assessments/${c.var.assessment.code}/recommendations`;

  const summaryOf = (
    s: RuleView['parsed'],
    name: { dim: (c: string) => string; ind: (c: string) => string },
  ): ConditionSummary => {
    if (s === null) return { type: 'invalid' };
    switch (s.type) {
      case 'lagging-dimension':
        return { type: s.type, dimension: name.dim(s.dimension) };
      case 'level':
        return { type: s.type, min: s.min ?? 1, max: s.max ?? 10 };
      case 'obstacle':
        return {
          type: s.type,
          indicator: name.ind(s.indicator),
          ...(s.within === undefined ? {} : { within: s.within }),
        };
      case 'weak-consensus':
        return { type: s.type, indicator: name.ind(s.indicator), below: s.below ?? 0.5 };
      default:
        return { type: s.type, count: s.conditions.length };
    }
  };

  const itemOf = (overview: RulesOverview, locale: Locale, rule: RuleView): RuleItemView => {
    const names = (list: RulesOverview['dimensions']) => {
      const byCode = new Map(list.map((x) => [x.code, byLocale(locale, x.nameEn, x.nameZh)]));
      return (code: string) => byCode.get(code) ?? code;
    };
    const dim = names(overview.dimensions);
    return {
      id: String(rule.id),
      origin: rule.origin,
      code: rule.code,
      text: byLocale(locale, rule.textEn, rule.textZh),
      dimension: dim(rule.dimensionCode),
      summary: summaryOf(rule.parsed, { dim, ind: names(overview.indicators) }),
      fields: ruleFields(rule),
      status: { canFire: rule.check.canFire, problems: rule.check.problems.map((x) => x[locale]) },
      ...(rule.dimensionKnown ? {} : { unknownDimension: rule.dimensionCode }),
      ...(rule.library ? { libraryText: byLocale(locale, rule.library.textEn, rule.library.textZh) } : {}),
    };
  };

  const props = async (c: C, extra: Partial<RecommendationsProps>): Promise<RecommendationsProps> => {
    const { t, locale } = c.var;
    const a = c.var.assessment;
    const overview = await rulesOverview(deps.db, seatOf(c));
    const options = (list: RulesOverview['dimensions']) =>
      list.map((x) => ({ code: x.code, name: byLocale(locale, x.nameEn, x.nameZh) }));
    return {
      t,
      locale,
      code: a.code,
      name: byLocale(locale, a.nameEn, a.nameZh),
      rules: overview.rules.map((r) => itemOf(overview, locale, r)),
      dimensions: options(overview.dimensions),
      indicators: options(overview.indicators),
      conditionTypes: CONDITION_TYPES,
      newFields: emptyRuleFields(overview.dimensions[0]?.code ?? ''),
      archived: overview.archived,
      ...extra,
    };
  };

  /** The fragment for htmx, the whole page otherwise. */
  const answer = async (c: C, extra: Partial<RecommendationsProps>, status: 200 | 403 | 404 | 409 | 422 = 200) => {
    const p = await props(c, extra);
    if (c.req.header('HX-Request') === 'true') return c.html(<RecommendationsBody {...p} />, status);
    return render(c, {
      title: c.var.t('rules.title'),
      activeNav: 'assessments',
      status,
      body: <RecommendationsPage {...p} />,
    });
  };

  /** The refused form again with what was typed, each problem under its field and all of them above the form. */
  const refusal = (c: C, item: string, fields: Record<string, string>, status: Refused['status'], issues: Issue[]) => {
    const { t } = c.var;
    const errors: Record<string, string> = {};
    const messages: string[] = [];
    for (const issue of issues) {
      const field = fieldOf(issue.path);
      const where = field && issue.path !== field ? `${issue.path.replace(/^condition\.?/, '')}: ` : '';
      const message = `${where}${issue.message}`;
      if (field) errors[field] ??= message;
      messages.push(field ? `${t(LABELS[field])}: ${message}` : message);
    }
    if (status === 404 || status === 403) return answer(c, { problem: messages.join(' ') }, status);
    return answer(c, { refused: { item, fields, errors, messages } }, status);
  };

  const settle = (c: C, item: string, fields: Record<string, string>, outcome: RuleOutcome) => {
    if (outcome.kind === 'refused') return refusal(c, item, fields, outcome.status, outcome.issues);
    const done = c.var.t(DONE[outcome.action], { code: outcome.code });
    if (c.req.header('HX-Request') === 'true') return answer(c, { done });
    return c.redirect(`${base(c)}?done=${outcome.action}&rule=${encodeURIComponent(outcome.code)}`, 303);
  };

  /** A rule id from the path; anything but digits is no rule at all. */
  const idOf = (c: C) => {
    const raw = c.req.param('id') ?? '';
    return /^\d{1,12}$/.test(raw) ? Number(raw) : -1;
  };

  app.get('/recommendations', (c) => {
    const action = c.req.query('done');
    // Only a rule code is shown back, so a crafted link cannot put other words in the page's mouth.
    const rule = c.req.query('rule') ?? '';
    const done = isRuleAction(action) && RULE_CODE.test(rule) ? c.var.t(DONE[action], { code: rule }) : undefined;
    return answer(c, done ? { done } : {});
  });

  app.post('/recommendations', async (c) => {
    const { fields } = await readFields(c);
    const reading = readRuleForm(fields);
    if (!reading.ok) return refusal(c, 'rule:+', fields, 422, reading.issues);
    return settle(c, 'rule:+', fields, await createRule(deps.db, deps.clock(), c.var.user, seatOf(c), reading.input));
  });

  app.post('/recommendations/:id', async (c) => {
    const id = idOf(c);
    const item = `rule:${id}`;
    const { fields } = await readFields(c);
    const reading = readRuleForm(fields);
    if (!reading.ok) return refusal(c, item, fields, 422, reading.issues);
    return settle(c, item, fields, await updateRule(deps.db, deps.clock(), c.var.user, seatOf(c), id, reading.input));
  });

  for (const intent of ['delete', 'revert'] as const)
    app.post(`/recommendations/:id/${intent}`, async (c) => {
      const id = idOf(c);
      return settle(c, `rule:${id}`, {}, await removeRule(deps.db, deps.clock(), c.var.user, seatOf(c), id, intent));
    });

  return app;
}
