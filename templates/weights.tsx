import type { Translate } from '../src/i18n/messages.ts';
import { InlineAction } from './components/inline-action.tsx';
import { AssessmentPageHeader } from './components/page-header.tsx';

export interface WeightsIndicator {
  readonly code: string;
  readonly name: string;
}

export interface WeightsDimension {
  readonly code: string;
  readonly name: string;
  readonly indicators: readonly WeightsIndicator[];
}

/** One AHP matrix's consistency, from the engine, already formatted. */
export interface ConsistencyView {
  readonly lambdaMax: string;
  readonly ci: string;
  readonly cr: string;
  readonly acceptable: boolean;
  /** The most inconsistent judgment, when the matrix is not acceptable. */
  readonly worst?: {
    /** The form field of the judgment (the upper triangle's entry). */
    readonly field: string;
    readonly row: string;
    readonly col: string;
    readonly current: string;
    readonly suggested: string;
  };
}

/** The engine's intermediate values of an objective scheme, per indicator (entropy E and d, or CRITIC σ and C). */
export interface ObjectiveView {
  readonly scheme: 'entropy' | 'critic';
  readonly rows: readonly { readonly name: string; readonly first: string; readonly second: string }[];
  /** CRITIC's correlation matrix ρ over the same indicators, formatted. */
  readonly correlations?: readonly (readonly string[])[];
}

export type PreviewView =
  | {
      readonly kind: 'weighed';
      /** Indicator code → global weight, formatted. */
      readonly global: Readonly<Record<string, string>>;
      /** Dimension code → the dimension's weight (the subjective part's, before a blend). */
      readonly dimensions: Readonly<Record<string, string>>;
      /** Indicator code → its weight inside its dimension. */
      readonly local: Readonly<Record<string, string>>;
      /** `dimensions`, or a dimension code for the matrix of its indicators. */
      readonly consistency: Readonly<Record<string, ConsistencyView>>;
      readonly objective: readonly ObjectiveView[];
      readonly warnings: readonly string[];
    }
  | { readonly kind: 'problem'; readonly messages: readonly string[] };

/** Group AHP at one level of the editor: each member's own consistency, and whether they are left out. */
export interface GroupView {
  /** The matrices compared: `dimensions`, or the dimensions whose indicators are compared. */
  readonly levels: readonly { readonly level: string; readonly name: string }[];
  readonly members: readonly {
    readonly username: string;
    readonly name: string;
    readonly excluded: boolean;
    /** By level; null where the member has given no comparisons there. */
    readonly cr: Readonly<Record<string, { readonly cr: string; readonly acceptable: boolean } | null>>;
  }[];
}

export interface EditorProps {
  readonly t: Translate;
  readonly code: string;
  readonly dimensions: readonly WeightsDimension[];
  /** The form's values, as `readDraft` reads them (src/app/weights-draft.ts). */
  readonly fields: Readonly<Record<string, string>>;
  /** Problems with what was typed, by field; shown at the field. */
  readonly fieldErrors: Readonly<Record<string, string>>;
  readonly preview: PreviewView;
  readonly note: string;
  readonly choices: readonly string[];
  readonly group: { readonly dimensions: GroupView; readonly within: GroupView };
}

const SCHEMES_DIM = ['equal', 'direct', 'ahp', 'group'] as const;
const SCHEMES_WITHIN = ['equal', 'direct', 'ahp', 'group', 'entropy', 'critic'] as const;
const OBJECTIVES = ['none', 'entropy', 'critic'] as const;

const Select = (p: {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly options: readonly { readonly value: string; readonly label: string }[];
  readonly error?: string | undefined;
  readonly class?: string;
}) => (
  <span class={p.class}>
    <select
      id={p.id}
      name={p.id}
      aria-label={p.label}
      aria-invalid={p.error ? 'true' : undefined}
      title={p.error ?? undefined}
    >
      {p.options.map((o) => (
        <option value={o.value} selected={o.value === p.value}>
          {o.label}
        </option>
      ))}
    </select>
  </span>
);

const Consistency = ({ t, code, c }: { t: Translate; code: string; c: ConsistencyView | undefined }) =>
  c ? (
    <div
      class={`ahp__consistency ${c.acceptable ? 'ahp__consistency--ok' : 'ahp__consistency--bad'}`}
      aria-live="polite"
    >
      <p>
        <span>λmax {c.lambdaMax}</span> <span>CI {c.ci}</span> <span data-cr={c.cr}>CR {c.cr}</span>{' '}
        <strong>{t(c.acceptable ? 'weights.ahp.acceptable' : 'weights.ahp.notAcceptable')}</strong>
      </p>
      {c.worst && (
        <p class="ahp__worst">
          {t('weights.ahp.worst', {
            row: c.worst.row,
            col: c.worst.col,
            current: c.worst.current,
            suggested: c.worst.suggested,
          })}{' '}
          <button
            type="submit"
            class="button button--small"
            name="apply"
            value={`${c.worst.field}=${c.worst.suggested}`}
            formaction={`/assessments/${code}/weights/preview`}
            hx-post={`/assessments/${code}/weights/preview`}
            hx-target="#weights-editor"
            hx-swap="outerHTML"
          >
            {t('weights.ahp.useSuggestion')}
          </button>
        </p>
      )}
    </div>
  ) : null;

/** Group AHP: the members whose comparisons are combined (AIJ), each with their CR, and a box to leave one out. */
const Group = ({ t, prefix, view, code }: { t: Translate; prefix: string; view: GroupView; code: string }) =>
  view.members.length === 0 ? (
    <p class="notice notice--warn">
      {t('weights.group.none')} <a href={`/assessments/${code}/judgments`}>{t('judgments.title')}</a>
    </p>
  ) : (
    <div class="table-scroll">
      <table class="table weights__group">
        <caption>{t('weights.group.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('assessment.panel.member')}</th>
            {view.levels.map((l) => (
              <th scope="col">{l.name ? `CR · ${l.name}` : 'CR'}</th>
            ))}
            <th scope="col">{t('weights.group.leaveOut')}</th>
          </tr>
        </thead>
        <tbody>
          {view.members.map((m) => (
            <tr data-member={m.username}>
              <th scope="row">{m.name}</th>
              {view.levels.map((l) => {
                const c = m.cr[l.level];
                return (
                  <td class={c && !c.acceptable ? 'weights__cr--bad' : undefined}>
                    {c ? c.cr : t('weights.group.missing')}
                  </td>
                );
              })}
              <td>
                <input
                  type="checkbox"
                  name={`${prefix}.exclude.${m.username}`}
                  value="on"
                  checked={m.excluded}
                  aria-label={t('weights.group.leaveOutOf', { name: m.name })}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );

/** The upper triangle of a pairwise matrix as selects; the lower one shows the reciprocals. */
export const Matrix = (p: {
  readonly t: Translate;
  readonly prefix: string;
  readonly names: readonly string[];
  readonly fields: EditorProps['fields'];
  readonly fieldErrors: EditorProps['fieldErrors'];
  readonly worst: string | undefined;
  readonly choices: readonly string[];
  readonly caption: string;
}) => (
  <div class="ahp__scroll">
    <table class="table ahp">
      <caption>{p.caption}</caption>
      <thead>
        <tr>
          <td />
          {p.names.map((n) => (
            <th scope="col">{n}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {p.names.map((row, i) => (
          <tr>
            <th scope="row">{row}</th>
            {p.names.map((col, j) => {
              if (i === j) return <td class="ahp__diag">1</td>;
              const field = `${p.prefix}.${Math.min(i, j)}.${Math.max(i, j)}`;
              const value = p.fields[field] ?? '1';
              if (j < i)
                return (
                  <td class="ahp__recip">
                    {value.startsWith('1/') ? value.slice(2) : value === '1' ? '1' : `1/${value}`}
                  </td>
                );
              return (
                <td class={field === p.worst ? 'ahp__cell ahp__cell--worst' : 'ahp__cell'}>
                  <Select
                    id={field}
                    label={p.t('weights.ahp.judgment', { row, col })}
                    value={value}
                    options={p.choices.map((c) => ({ value: c, label: c }))}
                    error={p.fieldErrors[field]}
                  />
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);

const NumberInput = (p: {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly error: string | undefined;
}) => (
  <input
    id={p.id}
    name={p.id}
    type="text"
    inputmode="decimal"
    size={6}
    value={p.value}
    aria-label={p.label}
    aria-invalid={p.error ? 'true' : undefined}
    title={p.error ?? undefined}
  />
);

/**
 * The editor: a scheme for the dimensions, one for the indicators inside each dimension, and an optional blend with
 * entropy or CRITIC. Every change is posted (htmx, `input`, debounced) and the engine's numbers come back into the
 * same form by morphing, so focus and what is being typed stay put. Without scripts, "Update the preview" does the
 * same as a page load.
 */
export const WeightsEditor = (p: EditorProps) => {
  const { t, fields, preview } = p;
  const weighed = preview.kind === 'weighed' ? preview : undefined;
  const dimScheme = fields['dimensions.scheme'] ?? 'equal';
  const withinScheme = fields['within.scheme'] ?? 'equal';
  const objective = fields['blend.objective'] ?? 'none';
  const errorList = Object.entries(p.fieldErrors);
  const dimNames = p.dimensions.map((d) => d.name);
  return (
    <form
      id="weights-editor"
      class="weights"
      method="post"
      action={`/assessments/${p.code}/weights`}
      hx-post={`/assessments/${p.code}/weights/preview`}
      hx-trigger="input delay:400ms"
      hx-swap="outerMorph"
      hx-sync="this:replace"
    >
      {(errorList.length > 0 || preview.kind === 'problem') && (
        <div class="notice notice--error" role="alert">
          <p>{t('weights.problems')}</p>
          <ul>
            {errorList.map(([field, message]) => (
              <li>
                <code>{field}</code>: {message}
              </li>
            ))}
            {preview.kind === 'problem' && preview.messages.map((m) => <li>{m}</li>)}
          </ul>
        </div>
      )}

      <fieldset class="panel-card weights__level">
        <legend>{t('weights.level.dimensions')}</legend>
        <Select
          id="dimensions.scheme"
          label={t('weights.scheme')}
          value={dimScheme}
          options={SCHEMES_DIM.map((s) => ({ value: s, label: t(`weights.scheme.${s}`) }))}
        />
        <table class="table weights__table">
          <thead>
            <tr>
              <th scope="col">{t('weights.dimension')}</th>
              <th scope="col" hidden={dimScheme !== 'direct'}>
                {t('weights.importance')}
              </th>
              <th scope="col">{t('weights.share')}</th>
            </tr>
          </thead>
          <tbody>
            {p.dimensions.map((d) => (
              <tr>
                <th scope="row">{d.name}</th>
                <td hidden={dimScheme !== 'direct'}>
                  <NumberInput
                    id={`dimensions.value.${d.code}`}
                    label={t('weights.importanceOf', { name: d.name })}
                    value={fields[`dimensions.value.${d.code}`] ?? '1'}
                    error={p.fieldErrors[`dimensions.value.${d.code}`]}
                  />
                </td>
                <td>
                  <output data-share={d.code}>{weighed?.dimensions[d.code] ?? '—'}</output>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div hidden={dimScheme !== 'ahp'}>
          <Matrix
            t={t}
            prefix="dimensions.ahp"
            names={dimNames}
            fields={fields}
            fieldErrors={p.fieldErrors}
            worst={weighed?.consistency.dimensions?.worst?.field}
            choices={p.choices}
            caption={t('weights.ahp.caption')}
          />
          <Consistency t={t} code={p.code} c={dimScheme === 'ahp' ? weighed?.consistency.dimensions : undefined} />
        </div>
        <div hidden={dimScheme !== 'group'}>
          <Group t={t} prefix="dimensions" view={p.group.dimensions} code={p.code} />
          <Consistency t={t} code={p.code} c={dimScheme === 'group' ? weighed?.consistency.dimensions : undefined} />
        </div>
      </fieldset>

      <fieldset class="panel-card weights__level">
        <legend>{t('weights.level.within')}</legend>
        <Select
          id="within.scheme"
          label={t('weights.scheme')}
          value={withinScheme}
          options={SCHEMES_WITHIN.map((s) => ({ value: s, label: t(`weights.scheme.${s}`) }))}
        />
        <div hidden={withinScheme !== 'group'}>
          <Group t={t} prefix="within" view={p.group.within} code={p.code} />
        </div>
        {p.dimensions.map((d) => (
          <section class="weights__dimension">
            <h3>{d.name}</h3>
            <table class="table weights__table">
              <thead>
                <tr>
                  <th scope="col">{t('weights.indicator')}</th>
                  <th scope="col" hidden={withinScheme !== 'direct'}>
                    {t('weights.importance')}
                  </th>
                  <th scope="col">{t('weights.local')}</th>
                  <th scope="col">{t('weights.global')}</th>
                </tr>
              </thead>
              <tbody>
                {d.indicators.map((i) => (
                  <tr>
                    <th scope="row">{i.name}</th>
                    <td hidden={withinScheme !== 'direct'}>
                      <NumberInput
                        id={`within.value.${i.code}`}
                        label={t('weights.importanceOf', { name: i.name })}
                        value={fields[`within.value.${i.code}`] ?? '1'}
                        error={p.fieldErrors[`within.value.${i.code}`]}
                      />
                    </td>
                    <td>
                      <output data-local={i.code}>{weighed?.local[i.code] ?? '—'}</output>
                    </td>
                    <td>
                      <output data-global={i.code}>{weighed?.global[i.code] ?? '—'}</output>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {d.indicators.length > 1 && (
              <div hidden={withinScheme !== 'ahp'}>
                <Matrix
                  t={t}
                  prefix={`within.ahp.${d.code}`}
                  names={d.indicators.map((i) => i.name)}
                  fields={fields}
                  fieldErrors={p.fieldErrors}
                  worst={weighed?.consistency[d.code]?.worst?.field}
                  choices={p.choices}
                  caption={t('weights.ahp.captionWithin', { name: d.name })}
                />
                <Consistency
                  t={t}
                  code={p.code}
                  c={withinScheme === 'ahp' ? weighed?.consistency[d.code] : undefined}
                />
              </div>
            )}
            {withinScheme === 'group' && d.indicators.length > 1 && (
              <Consistency t={t} code={p.code} c={weighed?.consistency[d.code]} />
            )}
          </section>
        ))}
      </fieldset>

      <fieldset class="panel-card weights__level">
        <legend>{t('weights.level.blend')}</legend>
        <p class="weights__hint">{t('weights.blend.note')}</p>
        <div class="weights__row">
          <label for="blend.objective">{t('weights.blend.with')}</label>
          <Select
            id="blend.objective"
            label={t('weights.blend.with')}
            value={objective}
            options={OBJECTIVES.map((s) => ({ value: s, label: t(`weights.blend.${s}`) }))}
          />
        </div>
        <div class="weights__row" hidden={objective === 'none'}>
          <label for="blend.alpha">{t('weights.blend.alpha')}</label>
          <NumberInput
            id="blend.alpha"
            label={t('weights.blend.alpha')}
            value={fields['blend.alpha'] ?? '50'}
            error={p.fieldErrors['blend.alpha']}
          />
          <label for="blend.mix">{t('weights.blend.mix')}</label>
          <Select
            id="blend.mix"
            label={t('weights.blend.mix')}
            value={fields['blend.mix'] ?? 'linear'}
            options={(['linear', 'multiplicative'] as const).map((m) => ({ value: m, label: t(`weights.mix.${m}`) }))}
          />
        </div>
      </fieldset>

      {weighed && weighed.objective.length > 0 && (
        <details class="panel-card weights__details">
          <summary>{t('weights.details')}</summary>
          {weighed.objective.map((o) => (
            <table class="table">
              <caption>{t(o.scheme === 'entropy' ? 'weights.scheme.entropy' : 'weights.scheme.critic')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('weights.indicator')}</th>
                  <th scope="col">{t(o.scheme === 'entropy' ? 'weights.entropy.e' : 'weights.critic.sd')}</th>
                  <th scope="col">{t(o.scheme === 'entropy' ? 'weights.entropy.d' : 'weights.critic.c')}</th>
                </tr>
              </thead>
              <tbody>
                {o.rows.map((r) => (
                  <tr>
                    <th scope="row">{r.name}</th>
                    <td>{r.first}</td>
                    <td>{r.second}</td>
                  </tr>
                ))}
              </tbody>
              {o.correlations && (
                <tbody class="weights__correlations">
                  <tr>
                    <th scope="col">{t('weights.critic.rho')}</th>
                    {o.rows.map((r) => (
                      <th scope="col">{r.name}</th>
                    ))}
                  </tr>
                  {o.correlations.map((row, j) => (
                    <tr>
                      <th scope="row">{o.rows[j]?.name}</th>
                      {row.map((v) => (
                        <td>{v}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              )}
            </table>
          ))}
        </details>
      )}
      {weighed && weighed.warnings.length > 0 && (
        <details class="notice notice--info weights__warnings">
          <summary>{t('weights.warnings', { count: String(weighed.warnings.length) })}</summary>
          <ul>
            {weighed.warnings.map((w) => (
              <li>{w}</li>
            ))}
          </ul>
        </details>
      )}

      <div class="panel-card weights__save">
        <label for="note">{t('weights.note')}</label>
        <input id="note" name="note" type="text" maxlength={500} value={p.note} />
        <div class="weights__buttons">
          <button type="submit" class="button" formaction={`/assessments/${p.code}/weights/preview`} formmethod="post">
            {t('weights.update')}
          </button>
          <button type="submit" class="button">
            {t('weights.save')}
          </button>
        </div>
      </div>
    </form>
  );
};

export interface VersionView {
  readonly version: number;
  readonly note: string;
  readonly at: string;
  readonly author: string;
  readonly current: boolean;
}

export interface ComparisonView {
  readonly before: number;
  readonly after: number;
  readonly rows: readonly {
    readonly name: string;
    readonly before: string;
    readonly after: string;
    readonly change: string;
  }[];
}

export interface WeightsPageProps {
  readonly editor: EditorProps;
  readonly name: string;
  /** The version just saved, for the confirmation. */
  readonly saved?: number;
  /** The current spec as JSON, for the advanced editor and for specs the form cannot show. */
  readonly json: string;
  /** True when the current spec has a shape the form does not build: only the JSON editor shows it. */
  readonly custom: boolean;
  readonly jsonError?: readonly string[];
  readonly versions: readonly VersionView[];
  readonly comparison?: ComparisonView | { readonly messages: readonly string[] };
}

export const WeightsPage = (p: WeightsPageProps) => {
  const { t, code } = p.editor;
  return (
    <>
      <AssessmentPageHeader t={t} code={code} title={t('weights.title')} name={p.name} intro={t('weights.intro')} />
      {p.saved !== undefined && (
        <p class="notice notice--info" role="status">
          {t('weights.saved', { version: String(p.saved) })}
        </p>
      )}
      {p.custom && <p class="notice notice--warn">{t('weights.custom')}</p>}
      <WeightsEditor {...p.editor} />

      <details class="panel-card" open={p.custom || p.jsonError !== undefined}>
        <summary>{t('weights.json')}</summary>
        <form method="post" action={`/assessments/${code}/weights/json`} class="weights__json">
          {p.jsonError && (
            <div class="notice notice--error" role="alert">
              <ul>
                {p.jsonError.map((m) => (
                  <li>{m}</li>
                ))}
              </ul>
            </div>
          )}
          <label for="spec">{t('weights.json.label')}</label>
          <textarea id="spec" name="spec" rows={12} spellcheck={false}>
            {p.json}
          </textarea>
          <label for="json-note">{t('weights.note')}</label>
          <input id="json-note" name="note" type="text" maxlength={500} />
          <button type="submit" class="button">
            {t('weights.save')}
          </button>
        </form>
      </details>

      <section class="panel-card" aria-labelledby="versions">
        <h2 id="versions">{t('weights.versions')}</h2>
        {p.versions.length === 0 ? (
          <p>{t('weights.versions.none')}</p>
        ) : (
          <>
            <div class="table-scroll">
              <table class="table">
                <thead>
                  <tr>
                    <th scope="col">{t('weights.version')}</th>
                    <th scope="col">{t('audit.at')}</th>
                    <th scope="col">{t('weights.author')}</th>
                    <th scope="col">{t('weights.note')}</th>
                    <td />
                  </tr>
                </thead>
                <tbody>
                  {p.versions.map((v) => (
                    <tr>
                      <th scope="row">{v.version}</th>
                      <td>{v.at}</td>
                      <td>{v.author}</td>
                      <td>{v.note}</td>
                      <td>
                        {v.current ? (
                          <span class="badge badge--open">{t('weights.current')}</span>
                        ) : (
                          <InlineAction
                            action={`/assessments/${code}/weights/restore`}
                            name="version"
                            value={String(v.version)}
                            label={t('weights.restore')}
                          />
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {p.versions.length > 1 && (
              <form method="get" action={`/assessments/${code}/weights`} class="weights__compare">
                <label for="compare-a">{t('weights.compare.a')}</label>
                <select id="compare-a" name="a">
                  {p.versions.map((v, k) => (
                    <option value={String(v.version)} selected={k === 1}>
                      {v.version}
                    </option>
                  ))}
                </select>
                <label for="compare-b">{t('weights.compare.b')}</label>
                <select id="compare-b" name="b">
                  {p.versions.map((v, k) => (
                    <option value={String(v.version)} selected={k === 0}>
                      {v.version}
                    </option>
                  ))}
                </select>
                <button type="submit" class="button button--small">
                  {t('weights.compare')}
                </button>
              </form>
            )}
          </>
        )}
        {p.comparison && 'messages' in p.comparison && (
          <div class="notice notice--error">
            <ul>
              {p.comparison.messages.map((m) => (
                <li>{m}</li>
              ))}
            </ul>
          </div>
        )}
        {p.comparison && 'rows' in p.comparison && (
          <table class="table" id="comparison">
            <caption>
              {t('weights.compare.caption', { a: String(p.comparison.before), b: String(p.comparison.after) })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('weights.indicator')}</th>
                <th scope="col">{t('weights.version.n', { version: String(p.comparison.before) })}</th>
                <th scope="col">{t('weights.version.n', { version: String(p.comparison.after) })}</th>
                <th scope="col">{t('weights.change')}</th>
              </tr>
            </thead>
            <tbody>
              {p.comparison.rows.map((r) => (
                <tr>
                  <th scope="row">{r.name}</th>
                  <td>{r.before}</td>
                  <td>{r.after}</td>
                  <td>{r.change}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
};
