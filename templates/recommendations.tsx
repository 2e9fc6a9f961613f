import type { Locale, PlainMessageKey, Translate } from '../src/i18n/messages.ts';
import { Notices } from './components/notices.tsx';
import { AssessmentPageHeader } from './components/page-header.tsx';

/** The form's fields by name (src/app/rule-form.ts): `code`, `dimension`, …, `condition.type`, `condition.indicator`, …. */
export type RuleFormFields = Readonly<Record<string, string>>;

/** A condition as a line of the list: its type and what it names, names already in the page's language. */
export type ConditionSummary =
  | { readonly type: 'lagging-dimension'; readonly dimension: string }
  | { readonly type: 'level'; readonly min: number; readonly max: number }
  | { readonly type: 'obstacle'; readonly indicator: string; readonly within?: number }
  | { readonly type: 'weak-consensus'; readonly indicator: string; readonly below: number }
  | { readonly type: 'all' | 'any'; readonly count: number }
  | { readonly type: 'invalid' };

export interface RuleItemView {
  readonly id: string;
  readonly origin: 'library' | 'own' | 'override';
  readonly code: string;
  /** The rule's advice in the page's language. */
  readonly text: string;
  readonly dimension: string;
  readonly summary: ConditionSummary;
  readonly fields: RuleFormFields;
  /** Whether the ids it names are in this assessment; the problems already in the page's language. */
  readonly status: { readonly canFire: boolean; readonly problems: readonly string[] };
  /** Its dimension's code when that is not one of this assessment's. */
  readonly unknownDimension?: string;
  /** For an override: the library's advice, in the page's language. */
  readonly libraryText?: string;
}

export interface Option {
  readonly code: string;
  readonly name: string;
}

export interface RecommendationsProps {
  readonly t: Translate;
  readonly locale: Locale;
  readonly code: string;
  readonly name: string;
  readonly rules: readonly RuleItemView[];
  readonly dimensions: readonly Option[];
  readonly indicators: readonly Option[];
  readonly conditionTypes: readonly string[];
  readonly newFields: RuleFormFields;
  readonly archived: boolean;
  readonly done?: string;
  readonly problem?: string;
  /** The form that was refused (`rule:<id>` or `rule:+`), with what was typed and each field's problem. */
  readonly refused?: {
    readonly item: string;
    readonly fields: RuleFormFields;
    readonly errors: Readonly<Record<string, string>>;
    readonly messages: readonly string[];
  };
}

const COMBINATION_EXAMPLE = `[
  { "type": "lagging-dimension", "dimension": "social" },
  { "type": "any", "conditions": [
    { "type": "obstacle", "indicator": "semi_urbanization", "within": 3 },
    { "type": "weak-consensus", "indicator": "hukou_social_security", "below": 0.4 }
  ] }
]`;

const hx = (action: string) => ({
  method: 'post' as const,
  action,
  'hx-post': action,
  'hx-target': '#rules',
  'hx-swap': 'outerMorph',
});

interface FormContext {
  readonly p: RecommendationsProps;
  readonly item: string;
  readonly fields: RuleFormFields;
  readonly errors: Readonly<Record<string, string>>;
}

const idOf = (item: string, name: string) => `${item.replace(/[^a-z0-9_-]/gi, '_')}-${name.replace(/\./g, '_')}`;

const invalid = (f: FormContext, name: string) =>
  f.errors[name] ? { 'aria-invalid': 'true', 'aria-describedby': `${idOf(f.item, name)}-error` } : {};

const ErrorOf = ({ f, name }: { f: FormContext; name: string }) =>
  f.errors[name] ? (
    <p class="field__error" id={`${idOf(f.item, name)}-error`}>
      {f.errors[name]}
    </p>
  ) : null;

const Text = (props: {
  readonly f: FormContext;
  readonly name: string;
  readonly label: string;
  readonly hint?: string;
  readonly multiline?: boolean;
  readonly readonly?: boolean;
  readonly inputmode?: 'decimal' | 'numeric';
}) => {
  const { f, name } = props;
  const id = idOf(f.item, name);
  const common = { id, name, ...invalid(f, name) };
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      {props.multiline ? (
        <textarea {...common} rows={Math.max(3, (f.fields[name] ?? '').split('\n').length + 1)}>
          {f.fields[name] ?? ''}
        </textarea>
      ) : (
        <input
          {...common}
          type="text"
          value={f.fields[name] ?? ''}
          readonly={props.readonly}
          inputmode={props.inputmode}
          spellcheck={false}
        />
      )}
      {props.hint && <p class="setup__hint">{props.hint}</p>}
      <ErrorOf f={f} name={name} />
    </div>
  );
};

/** A choice of codes; a stored value that is not among them stays selected, marked as not in this assessment. */
const Pick = (props: {
  readonly f: FormContext;
  readonly name: string;
  readonly label: string;
  readonly options: readonly { readonly value: string; readonly label: string }[];
}) => {
  const { f, name } = props;
  const id = idOf(f.item, name);
  const value = f.fields[name] ?? '';
  const stray = value !== '' && !props.options.some((o) => o.value === value);
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <select id={id} name={name} {...invalid(f, name)}>
        {stray && (
          <option value={value} selected>
            {f.p.t('rules.notHere', { code: value })}
          </option>
        )}
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === value}>
            {o.label}
          </option>
        ))}
      </select>
      <ErrorOf f={f} name={name} />
    </div>
  );
};

const LEVELS = Array.from({ length: 10 }, (_, k) => String(k + 1));

const ConditionFields = ({ f }: { f: FormContext }) => {
  const { t } = f.p;
  const codes = (list: readonly Option[]) => list.map((o) => ({ value: o.code, label: `${o.name} (${o.code})` }));
  const levels = [
    { value: '', label: t('rules.condition.noLimit') },
    ...LEVELS.map((n) => ({ value: n, label: t(`rules.level.${n}` as PlainMessageKey) })),
  ];
  return (
    <fieldset class="rule__condition">
      <legend>{t('rules.condition')}</legend>
      <Pick
        f={f}
        name="condition.type"
        label={t('rules.condition.type')}
        options={f.p.conditionTypes.map((type) => ({ value: type, label: t(`rules.type.${type}` as PlainMessageKey) }))}
      />
      <div class="setup__grid">
        <div class="rule__for rule__for--lagging-dimension">
          <Pick
            f={f}
            name="condition.dimension"
            label={t('rules.condition.dimension')}
            options={codes(f.p.dimensions)}
          />
        </div>
        <div class="rule__for rule__for--level">
          <Pick f={f} name="condition.min" label={t('rules.condition.min')} options={levels} />
        </div>
        <div class="rule__for rule__for--level">
          <Pick f={f} name="condition.max" label={t('rules.condition.max')} options={levels} />
        </div>
        <div class="rule__for rule__for--obstacle rule__for--weak-consensus">
          <Pick
            f={f}
            name="condition.indicator"
            label={t('rules.condition.indicator')}
            options={codes(f.p.indicators)}
          />
        </div>
        <div class="rule__for rule__for--obstacle">
          <Text
            f={f}
            name="condition.within"
            label={t('rules.condition.within')}
            hint={t('rules.condition.withinHint')}
            inputmode="numeric"
          />
        </div>
        <div class="rule__for rule__for--weak-consensus">
          <Text
            f={f}
            name="condition.below"
            label={t('rules.condition.below')}
            hint={t('rules.condition.belowHint')}
            inputmode="decimal"
          />
        </div>
      </div>
      <div class="rule__for rule__for--all rule__for--any">
        <Text f={f} name="condition.conditions" label={t('rules.condition.conditions')} multiline />
      </div>
    </fieldset>
  );
};

/** The fields of one rule; the code of a library rule (and of an override) is fixed. */
const RuleForm = (props: {
  readonly p: RecommendationsProps;
  readonly item: string;
  readonly action: string;
  readonly fields: RuleFormFields;
  readonly fixedCode: boolean;
  readonly submit: string;
  readonly hint?: string;
}) => {
  const { p } = props;
  const { t } = p;
  const refusedHere = p.refused?.item === props.item ? p.refused : undefined;
  const f: FormContext = {
    p,
    item: props.item,
    fields: refusedHere?.fields ?? props.fields,
    errors: refusedHere?.errors ?? {},
  };
  return (
    <form {...hx(props.action)} class="rule__form">
      {refusedHere && refusedHere.messages.length > 0 && (
        <div class="notice notice--error" role="alert">
          <p>{t('rules.problems')}</p>
          <ul>
            {refusedHere.messages.map((m) => (
              <li>{m}</li>
            ))}
          </ul>
        </div>
      )}
      <div class="setup__grid">
        <Text f={f} name="code" label={t('rules.code')} readonly={props.fixedCode} />
        <Pick
          f={f}
          name="dimension"
          label={t('rules.dimension')}
          options={p.dimensions.map((d) => ({ value: d.code, label: d.name }))}
        />
      </div>
      <Text f={f} name="textEn" label={t('rules.textEn')} multiline />
      <Text f={f} name="textZh" label={t('rules.textZh')} multiline />
      <Text f={f} name="source" label={t('rules.source')} />
      <ConditionFields f={f} />
      {props.hint && <p class="setup__hint">{props.hint}</p>}
      <button type="submit" class="button button--small" disabled={p.archived}>
        {props.submit}
      </button>
    </form>
  );
};

const describe = (t: Translate, s: ConditionSummary): string => {
  switch (s.type) {
    case 'lagging-dimension':
      return t('rules.describe.lagging-dimension', { dimension: s.dimension });
    case 'level':
      return t('rules.describe.level', { min: s.min, max: s.max });
    case 'obstacle':
      return s.within === undefined
        ? t('rules.describe.obstacle', { indicator: s.indicator })
        : t('rules.describe.obstacleWithin', { indicator: s.indicator, within: s.within });
    case 'weak-consensus':
      return t('rules.describe.weak-consensus', { indicator: s.indicator, below: s.below });
    case 'all':
    case 'any':
      return t(`rules.describe.${s.type}`, { count: s.count });
    case 'invalid':
      return t('rules.describe.invalid');
  }
};

const Status = ({ t, rule }: { t: Translate; rule: RuleItemView }) => (
  <div class="rule__status">
    {rule.unknownDimension !== undefined && (
      <p class="notice notice--warn">{t('rules.status.dimension', { code: rule.unknownDimension })}</p>
    )}
    {rule.status.problems.length === 0 ? (
      <p class="rule__ok">{t('rules.status.ok')}</p>
    ) : (
      <div class="notice notice--warn">
        <p>{t(rule.status.canFire ? 'rules.status.partly' : 'rules.status.never')}</p>
        <ul>
          {rule.status.problems.map((m) => (
            <li>{m}</li>
          ))}
        </ul>
      </div>
    )}
  </div>
);

const RuleItem = ({ p, rule }: { p: RecommendationsProps; rule: RuleItemView }) => {
  const { t } = p;
  const item = `rule:${rule.id}`;
  const action = `/assessments/${p.code}/recommendations/${rule.id}`;
  const warn = rule.status.problems.length > 0 || rule.unknownDimension !== undefined;
  return (
    <details class="setup__item rule" data-item={item} data-code={rule.code} open={p.refused?.item === item}>
      <summary>
        <span class="setup__code">{rule.code}</span>{' '}
        <span class={`badge rule__origin rule__origin--${rule.origin}`}>{t(`rules.origin.${rule.origin}`)}</span>{' '}
        {warn && (
          <span class="badge rule__warn" aria-hidden="true">
            !
          </span>
        )}
        <span class="rule__when">
          {describe(t, rule.summary)} · {rule.dimension}
        </span>
        <span class="rule__text">{rule.text}</span>
      </summary>
      <Status t={t} rule={rule} />
      {rule.libraryText !== undefined && (
        <div class="rule__library">
          <p class="setup__hint">{t('rules.libraryVersion')}</p>
          <blockquote>{rule.libraryText}</blockquote>
        </div>
      )}
      <RuleForm
        p={p}
        item={item}
        action={action}
        fields={rule.fields}
        fixedCode={rule.origin !== 'own'}
        submit={t(rule.origin === 'library' ? 'rules.saveOverride' : 'rules.save')}
        {...(rule.origin === 'library' ? { hint: t('rules.overrideHint') } : {})}
      />
      {rule.origin !== 'library' && (
        <form {...hx(`${action}/${rule.origin === 'override' ? 'revert' : 'delete'}`)} class="inline-form rule__remove">
          <button type="submit" class="button button--small button--ghost-dark" disabled={p.archived}>
            {t(rule.origin === 'override' ? 'rules.revert' : 'rules.delete')}
          </button>
        </form>
      )}
    </details>
  );
};

/** The part htmx swaps: everything below the page header. */
export const RecommendationsBody = (p: RecommendationsProps) => {
  const { t } = p;
  return (
    <div id="rules">
      <Notices done={p.done} problem={p.problem} />
      {p.archived && (
        <p class="notice" role="status">
          {t('rules.archived')}
        </p>
      )}
      <section class="panel-card" aria-labelledby="rules-list">
        <h2 id="rules-list">{t('rules.list')}</h2>
        {p.rules.length === 0 && <p>{t('rules.none')}</p>}
        {p.rules.map((rule) => (
          <RuleItem p={p} rule={rule} />
        ))}
      </section>
      {!p.archived && (
        <section class="panel-card" aria-labelledby="rules-new">
          <h2 id="rules-new">{t('rules.new')}</h2>
          <RuleForm
            p={p}
            item="rule:+"
            action={`/assessments/${p.code}/recommendations`}
            fields={p.newFields}
            fixedCode={false}
            submit={t('rules.add')}
          />
        </section>
      )}
    </div>
  );
};

/** Administrators: the rules whose advice the reports give, the library's and the assessment's own. */
export const RecommendationsPage = (p: RecommendationsProps) => {
  const { t } = p;
  return (
    <>
      <AssessmentPageHeader t={t} code={p.code} title={t('rules.title')} name={p.name} intro={t('rules.intro')} />
      <details class="panel-card rule__help">
        <summary>{t('rules.help.title')}</summary>
        <p>{t('rules.help.intro')}</p>
        <dl>
          {(['lagging-dimension', 'level', 'obstacle', 'weak-consensus'] as const).map((type) => (
            <>
              <dt>{t(`rules.type.${type}`)}</dt>
              <dd>{t(`rules.help.${type}`)}</dd>
            </>
          ))}
        </dl>
        <p>{t('rules.help.combination')}</p>
        <pre class="rule__example">
          <code>{COMBINATION_EXAMPLE}</code>
        </pre>
      </details>
      <RecommendationsBody {...p} />
    </>
  );
};
