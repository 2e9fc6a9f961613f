import type { Translate } from '../src/i18n/messages.ts';
import { Notices } from './components/notices.tsx';
import { AssessmentPageHeader } from './components/page-header.tsx';

export interface CityView {
  readonly code: string;
  readonly nameEn: string;
  readonly nameZh: string;
}

export interface IndicatorView extends CityView {
  readonly dimension: string;
  readonly descriptionEn: string;
  readonly descriptionZh: string;
  readonly direction: string;
  readonly source: string;
  readonly scaleMin: string;
  readonly scaleMax: string;
  /** `value | English | 中文` per line, as the form takes them. */
  readonly anchors: string;
  readonly unit: string;
  readonly boundMin: string;
  readonly boundMax: string;
}

export interface DetailsView {
  readonly nameEn: string;
  readonly nameZh: string;
  readonly regionEn: string;
  readonly regionZh: string;
  readonly period: string;
  readonly descriptionEn: string;
  readonly descriptionZh: string;
}

/** Which form a message or a draft belongs to: `city:wuwei`, `city:+` for the new one, `details`. */
export type ItemKey = string;

export interface SetupProps {
  readonly t: Translate;
  readonly locale: 'en' | 'zh';
  readonly code: string;
  readonly name: string;
  readonly details: DetailsView;
  readonly cities: readonly CityView[];
  readonly dimensions: readonly CityView[];
  readonly indicators: readonly IndicatorView[];
  readonly openRound: number | null;
  readonly archived: boolean;
  readonly done?: string;
  readonly problem?: string;
  /** The form that was refused, with what was typed, and the field at fault. */
  readonly refusedForm?: {
    readonly item: ItemKey;
    readonly values: Readonly<Record<string, string>>;
    readonly field?: string;
    readonly message: string;
  };
  /** A change that takes data with it, waiting for confirmation: it is sent again with `confirm=yes`. */
  readonly confirm?: {
    readonly item: ItemKey;
    readonly action: string;
    readonly lines: readonly string[];
    readonly fields: Readonly<Record<string, string>>;
    readonly yes: string;
  };
}

const hx = (action: string) => ({
  method: 'post' as const,
  action,
  'hx-post': action,
  'hx-target': '#setup',
  'hx-swap': 'outerMorph',
});

interface InputProps {
  readonly item: ItemKey;
  readonly name: string;
  readonly label: string;
  readonly value: string;
  readonly p: SetupProps;
  readonly form?: string;
  readonly size?: number;
  readonly inputmode?: 'decimal';
  /**
   * In a table row: the label is for screen readers only, and this column name stands in for the table header
   * where a phone stacks the table and hides it.
   */
  readonly column?: string;
  readonly multiline?: boolean;
  readonly rows?: number;
}

const idOf = (item: ItemKey, name: string) => `${item.replace(/[^a-z0-9_-]/gi, '_')}-${name}`;

/** A labelled input whose value and error come from the refused form when it is this one. */
const Input = ({ item, name, label, value, p, form, size, inputmode, column, multiline, rows }: InputProps) => {
  const refusedHere = p.refusedForm?.item === item ? p.refusedForm : undefined;
  const shown = refusedHere?.values[name] ?? value;
  const error = refusedHere?.field === name ? refusedHere.message : undefined;
  const id = idOf(item, name);
  const common = {
    id,
    name,
    form,
    'aria-invalid': error ? 'true' : undefined,
    'aria-describedby': error ? `${id}-error` : undefined,
  };
  return (
    <div class={column ? 'field field--bare' : 'field'}>
      <label for={id} class={column ? 'visually-hidden' : undefined}>
        {label}
      </label>
      {column && (
        <span class="setup__column" aria-hidden="true">
          {column}
        </span>
      )}
      {multiline ? (
        <textarea {...common} rows={rows ?? 3}>
          {shown}
        </textarea>
      ) : (
        <input {...common} type="text" value={shown} size={size} inputmode={inputmode} spellcheck={false} />
      )}
      {error && (
        <p class="field__error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
};

const Choice = (p: {
  readonly props: SetupProps;
  readonly item: ItemKey;
  readonly name: string;
  readonly label: string;
  readonly value: string;
  readonly options: readonly { readonly value: string; readonly label: string }[];
}) => {
  const refusedHere = p.props.refusedForm?.item === p.item ? p.props.refusedForm : undefined;
  const shown = refusedHere?.values[p.name] ?? p.value;
  const error = refusedHere?.field === p.name ? refusedHere.message : undefined;
  const id = idOf(p.item, p.name);
  return (
    <div class="field">
      <label for={id}>{p.label}</label>
      <select id={id} name={p.name} aria-invalid={error ? 'true' : undefined}>
        {p.options.map((o) => (
          <option value={o.value} selected={o.value === shown}>
            {o.label}
          </option>
        ))}
      </select>
      {error && <p class="field__error">{error}</p>}
    </div>
  );
};

/** The confirmation of a change that takes data with it, beside the form it came from. */
const Confirm = ({ p, item }: { p: SetupProps; item: ItemKey }) => {
  const c = p.confirm;
  if (c?.item !== item) return null;
  return (
    <div class="notice notice--warn setup__confirm" role="alert">
      <p>{c.lines[0]}</p>
      <ul>
        {c.lines.slice(1).map((line) => (
          <li>{line}</li>
        ))}
      </ul>
      <form {...hx(c.action)} class="inline-form">
        {Object.entries(c.fields).map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        <input type="hidden" name="confirm" value="yes" />
        <button type="submit" class="button">
          {c.yes}
        </button>
      </form>{' '}
      <a href={`/assessments/${p.code}/setup`}>{p.t('setup.confirm.no')}</a>
    </div>
  );
};

/** Cities and dimensions: a code and two names, one row each, saved in place. */
const NamedRows = (p: {
  readonly props: SetupProps;
  readonly kind: 'city' | 'dimension';
  readonly rows: readonly CityView[];
  readonly locked: boolean;
}) => {
  const { t } = p.props;
  const base = `/assessments/${p.props.code}/setup/${p.kind === 'city' ? 'cities' : 'dimensions'}`;
  const row = (r: CityView | undefined) => {
    const item = `${p.kind}:${r?.code ?? '+'}`;
    const formId = idOf(item, 'form');
    const action = r ? `${base}/${encodeURIComponent(r.code)}` : base;
    const label = (field: string) =>
      r ? t('setup.fieldOf', { field, item: `${r.nameEn} ${r.nameZh}` }) : `${t('setup.new')} ${field}`;
    return (
      <tr data-item={item}>
        <td>
          <form id={formId} {...hx(action)} />
          <Input
            p={p.props}
            item={item}
            form={formId}
            name="code"
            label={label(t('setup.code'))}
            value={r?.code ?? ''}
            size={14}
            column={t('setup.code')}
          />
        </td>
        <td>
          <Input
            p={p.props}
            item={item}
            form={formId}
            name="nameEn"
            label={label(t('setup.nameEn'))}
            value={r?.nameEn ?? ''}
            column={t('setup.nameEn')}
          />
        </td>
        <td>
          <Input
            p={p.props}
            item={item}
            form={formId}
            name="nameZh"
            label={label(t('setup.nameZh'))}
            value={r?.nameZh ?? ''}
            column={t('setup.nameZh')}
          />
        </td>
        <td class="setup__actions">
          <button type="submit" form={formId} class="button button--small" disabled={p.locked && !r}>
            {r ? t('setup.save') : t('setup.add')}
          </button>
          {r && (
            <form {...hx(`${action}/remove`)} class="inline-form">
              <button type="submit" class="button button--small button--ghost-dark" disabled={p.locked}>
                {t('setup.remove')}
              </button>
            </form>
          )}
          <Confirm p={p.props} item={item} />
        </td>
      </tr>
    );
  };
  return (
    <div class="table-scroll">
      <table class="table table--stack setup__table">
        <thead>
          <tr>
            <th scope="col">{t('setup.code')}</th>
            <th scope="col">{t('setup.nameEn')}</th>
            <th scope="col">{t('setup.nameZh')}</th>
            <td />
          </tr>
        </thead>
        <tbody>
          {p.rows.map((r) => row(r))}
          {!p.props.archived && row(undefined)}
        </tbody>
      </table>
    </div>
  );
};

const IndicatorForm = ({ p, ind }: { p: SetupProps; ind: IndicatorView | undefined }) => {
  const { t } = p;
  const item = `indicator:${ind?.code ?? '+'}`;
  const base = `/assessments/${p.code}/setup/indicators`;
  const action = ind ? `${base}/${encodeURIComponent(ind.code)}` : base;
  const v = (name: keyof IndicatorView) => ind?.[name] ?? '';
  const field = (name: keyof IndicatorView, label: string, extra: Partial<InputProps> = {}) => (
    <Input p={p} item={item} name={name} label={label} value={v(name)} {...extra} />
  );
  return (
    <>
      <form {...hx(action)} class="setup__indicator">
        <div class="setup__grid">
          {field('code', t('setup.code'))}
          <Choice
            props={p}
            item={item}
            name="dimension"
            label={t('setup.dimension')}
            value={v('dimension')}
            options={p.dimensions.map((d) => ({ value: d.code, label: p.locale === 'zh' ? d.nameZh : d.nameEn }))}
          />
          {field('nameEn', t('setup.nameEn'))}
          {field('nameZh', t('setup.nameZh'))}
          <Choice
            props={p}
            item={item}
            name="direction"
            label={t('setup.direction')}
            value={v('direction') || 'benefit'}
            options={[
              { value: 'benefit', label: t('setup.direction.benefit') },
              { value: 'cost', label: t('setup.direction.cost') },
            ]}
          />
          <Choice
            props={p}
            item={item}
            name="source"
            label={t('setup.source')}
            value={v('source') || 'expert'}
            options={[
              { value: 'expert', label: t('setup.source.expert') },
              { value: 'statistic', label: t('setup.source.statistic') },
            ]}
          />
          <div class="setup__contents setup__for-expert">
            {field('scaleMin', t('setup.scaleMin'), { inputmode: 'decimal', size: 6 })}
            {field('scaleMax', t('setup.scaleMax'), { inputmode: 'decimal', size: 6 })}
          </div>
          <div class="setup__contents setup__for-statistic">
            {field('unit', t('setup.unit'))}
            {field('boundMin', t('setup.boundMin'), { inputmode: 'decimal', size: 6 })}
            {field('boundMax', t('setup.boundMax'), { inputmode: 'decimal', size: 6 })}
          </div>
        </div>
        <p class="setup__hint">{t('setup.sourceHint')}</p>
        {field('descriptionEn', t('setup.descriptionEn'), { multiline: true })}
        {field('descriptionZh', t('setup.descriptionZh'), { multiline: true })}
        <div class="setup__for-expert">
          {field('anchors', t('setup.anchors'), {
            multiline: true,
            rows: Math.max(3, v('anchors').split('\n').length + 1),
          })}
          <p class="setup__hint">{t('setup.anchorsHint')}</p>
        </div>
        <button type="submit" class="button button--small" disabled={p.archived}>
          {ind ? t('setup.save') : t('setup.add')}
        </button>
      </form>
      {ind && (
        <form {...hx(`${action}/remove`)} class="inline-form setup__remove">
          <button type="submit" class="button button--small button--ghost-dark" disabled={p.archived}>
            {t('setup.remove')}
          </button>
        </form>
      )}
      <Confirm p={p} item={item} />
    </>
  );
};

/** The body that htmx swaps: everything below the page header. */
export const SetupBody = (p: SetupProps) => {
  const { t } = p;
  const base = `/assessments/${p.code}/setup`;
  const name = (x: CityView) => (p.locale === 'zh' ? x.nameZh : x.nameEn);
  const open = (item: ItemKey) => p.refusedForm?.item === item || p.confirm?.item === item;
  return (
    <div id="setup">
      <Notices done={p.done} problem={p.problem} />
      {p.archived && (
        <div class="notice" role="status">
          <p>{t('setup.archived')}</p>
        </div>
      )}
      {p.openRound !== null && (
        <div class="notice" role="status">
          <p>{t('setup.roundOpen', { round: String(p.openRound) })}</p>
        </div>
      )}
      <section class="panel-card" aria-labelledby="setup-details">
        <h2 id="setup-details">{t('setup.details')}</h2>
        <form {...hx(`${base}/details`)} class="setup__details">
          <div class="setup__grid">
            {(['nameEn', 'nameZh', 'regionEn', 'regionZh', 'period'] as const).map((f) => (
              <Input p={p} item="details" name={f} label={t(`setup.${f}`)} value={p.details[f]} />
            ))}
          </div>
          <Input
            p={p}
            item="details"
            name="descriptionEn"
            label={t('setup.descriptionEn')}
            value={p.details.descriptionEn}
            multiline
          />
          <Input
            p={p}
            item="details"
            name="descriptionZh"
            label={t('setup.descriptionZh')}
            value={p.details.descriptionZh}
            multiline
          />
          <button type="submit" class="button button--small" disabled={p.archived}>
            {t('setup.save')}
          </button>
        </form>
        <form {...hx(`${base}/${p.archived ? 'restore' : 'archive'}`)} class="inline-form setup__archive">
          <p class="setup__hint">{t(p.archived ? 'setup.restoreHint' : 'setup.archiveHint')}</p>
          <button type="submit" class="button button--small button--ghost-dark">
            {t(p.archived ? 'setup.restore' : 'setup.archive')}
          </button>
        </form>
      </section>
      <section class="panel-card" aria-labelledby="setup-cities">
        <h2 id="setup-cities">{t('setup.cities')}</h2>
        <NamedRows props={p} kind="city" rows={p.cities} locked={p.archived} />
      </section>
      <section class="panel-card" aria-labelledby="setup-dimensions">
        <h2 id="setup-dimensions">{t('setup.dimensions')}</h2>
        <NamedRows props={p} kind="dimension" rows={p.dimensions} locked={p.archived} />
      </section>
      <section class="panel-card" aria-labelledby="setup-indicators">
        <h2 id="setup-indicators">{t('setup.indicators')}</h2>
        {p.indicators.length === 0 && <p>{t('setup.noIndicators')}</p>}
        {p.indicators.map((ind) => (
          <details class="setup__item" data-item={`indicator:${ind.code}`} open={open(`indicator:${ind.code}`)}>
            <summary>
              <span class="setup__code">{ind.code}</span> {name(ind)}{' '}
              <span class="setup__meta">
                {[
                  name(p.dimensions.find((d) => d.code === ind.dimension) ?? { code: '', nameEn: '', nameZh: '' }),
                  t(`setup.direction.${ind.direction === 'cost' ? 'cost' : 'benefit'}`),
                  ind.source === 'expert'
                    ? `${t('setup.source.expert')} ${ind.scaleMin}–${ind.scaleMax}`
                    : `${t('setup.source.statistic')}${ind.unit ? ` (${ind.unit})` : ''}`,
                ].join(' · ')}
              </span>
            </summary>
            <IndicatorForm p={p} ind={ind} />
          </details>
        ))}
        {!p.archived && p.dimensions.length > 0 && (
          <details class="setup__item" data-item="indicator:+" open={open('indicator:+')}>
            <summary>{t('setup.addIndicator')}</summary>
            <IndicatorForm p={p} ind={undefined} />
          </details>
        )}
        {p.dimensions.length === 0 && <p>{t('setup.dimensionFirst')}</p>}
      </section>
    </div>
  );
};

/** Administrators: the assessment's description, cities, dimensions and indicators, each edited in place. */
export const SetupPage = (p: SetupProps) => (
  <>
    <AssessmentPageHeader t={p.t} code={p.code} title={p.t('setup.title')} name={p.name} intro={p.t('setup.intro')} />
    <SetupBody {...p} />
  </>
);
