import type { Translate } from '../src/i18n/messages.ts';
import { Notices } from './components/notices.tsx';
import { AssessmentPageHeader } from './components/page-header.tsx';

export interface SettingsPageProps {
  readonly t: Translate;
  readonly code: string;
  readonly name: string;
  /** Field values by the setting's path in the Problem (src/app/settings-form.ts). */
  readonly fields: Readonly<Record<string, string>>;
  /** The engine's (or the form's) problems, by the same paths. */
  readonly fieldErrors: Readonly<Record<string, string>>;
  /** Problems whose path is no field of the form. */
  readonly otherErrors: readonly string[];
  readonly dimensions: readonly { readonly code: string; readonly name: string }[];
  readonly criteria: readonly { readonly code: string; readonly name: string }[];
  readonly done?: string;
  /** Set when the settings could only be checked against the schema (the assessment cannot be evaluated yet). */
  readonly schemaOnly?: boolean;
  readonly choices: {
    readonly methods: readonly string[];
    readonly normalizations: readonly string[];
    readonly functions: readonly string[];
    readonly variants: readonly string[];
    readonly boundaries: readonly string[];
    readonly aggregates: readonly string[];
  };
}

type FieldProps = { readonly p: SettingsPageProps; readonly name: string; readonly label: string };

const ErrorOf = ({ p, name }: Omit<FieldProps, 'label'>) =>
  p.fieldErrors[name] ? (
    <p class="field__error" id={`${name}-error`}>
      {p.fieldErrors[name]}
    </p>
  ) : null;

const invalid = (p: SettingsPageProps, name: string) =>
  p.fieldErrors[name] ? { 'aria-invalid': 'true', 'aria-describedby': `${name}-error` } : {};

const Choice = ({
  p,
  name,
  label,
  options,
  labels,
  live,
}: FieldProps & { options: readonly string[]; labels?: (o: string) => string; live?: Record<string, string> }) => (
  <div class="field">
    <label for={name}>{label}</label>
    <select id={name} name={name} {...invalid(p, name)} {...(live ?? {})}>
      {options.map((o) => (
        <option value={o} selected={p.fields[name] === o}>
          {labels ? labels(o) : o}
        </option>
      ))}
    </select>
    <ErrorOf p={p} name={name} />
  </div>
);

const NumberField = ({ p, name, label, hint }: FieldProps & { hint?: string }) => (
  <div class="field">
    <label for={name}>{label}</label>
    <input id={name} name={name} type="text" inputmode="decimal" value={p.fields[name] ?? ''} {...invalid(p, name)} />
    {hint && <p class="field__hint">{hint}</p>}
    <ErrorOf p={p} name={name} />
  </div>
);

const TextField = ({ p, name, label, hint }: FieldProps & { hint: string }) => (
  <div class="field">
    <label for={name}>{label}</label>
    <textarea
      id={name}
      name={name}
      rows={Math.max(4, (p.fields[name] ?? '').split('\n').length + 1)}
      spellcheck={false}
      aria-describedby={p.fieldErrors[name] ? `${name}-hint ${name}-error` : `${name}-hint`}
      {...(p.fieldErrors[name] ? { 'aria-invalid': 'true' } : {})}
    >
      {p.fields[name] ?? ''}
    </textarea>
    <p class="field__hint" id={`${name}-hint`}>
      {hint}
    </p>
    <ErrorOf p={p} name={name} />
  </div>
);

const Toggle = ({ p, name, label }: FieldProps) => (
  <p class="users__check">
    <input type="checkbox" id={name} name={name} value="on" checked={p.fields[name] === 'on'} />
    <label for={name}>{label}</label>
  </p>
);

/**
 * Method settings: each field is named by its path in the Problem, so the engine's error for it is shown under it.
 * Changing the method re-renders the form (htmx) to show that method's options; without scripts every option shows.
 */
export const SettingsPage = (p: SettingsPageProps) => {
  const { t } = p;
  const method = p.fields['method.name'] ?? 'wsm';
  return (
    <>
      <AssessmentPageHeader t={t} code={p.code} title={t('settings.title')} name={p.name} intro={t('settings.intro')} />
      <Notices done={p.done} />
      {p.schemaOnly && <p class="notice notice--warn">{t('settings.schemaOnly')}</p>}
      {(Object.keys(p.fieldErrors).length > 0 || p.otherErrors.length > 0) && (
        <div class="notice notice--error" role="alert">
          <p>{t('settings.problems')}</p>
          <ul>
            {[...Object.entries(p.fieldErrors).map(([k, m]) => `${k}: ${m}`), ...p.otherErrors].map((m) => (
              <li>{m}</li>
            ))}
          </ul>
        </div>
      )}
      <form id="settings-form" method="post" action={`/assessments/${p.code}/settings`} class="settings">
        <fieldset class="panel-card">
          <legend>{t('settings.method')}</legend>
          <div class="settings__grid">
            <Choice
              p={p}
              name="method.name"
              label={t('settings.method.name')}
              options={p.choices.methods}
              labels={(o) => t(`method.${o}` as 'method.wsm')}
              live={{
                'hx-post': `/assessments/${p.code}/settings/form`,
                'hx-trigger': 'change',
                'hx-target': '#settings-form',
                'hx-select': '#settings-form',
                'hx-swap': 'outerMorph',
              }}
            />
            <div hidden={!['wsm', 'wpm', 'topsis'].includes(method)}>
              <Choice
                p={p}
                name="method.normalization"
                label={t('settings.normalization')}
                options={p.choices.normalizations}
              />
            </div>
            <div hidden={method !== 'vikor'}>
              <NumberField p={p} name="method.v" label={t('settings.vikor.v')} hint={t('settings.vikor.hint')} />
            </div>
          </div>
          <div hidden={method !== 'promethee2'}>
            <h3>{t('settings.promethee')}</h3>
            <p class="weights__hint">{t('settings.promethee.hint')}</p>
            <div class="table-scroll">
              <table class="table">
                <thead>
                  <tr>
                    <th scope="col">{t('weights.indicator')}</th>
                    <th scope="col">{t('settings.promethee.function')}</th>
                    <th scope="col">q</th>
                    <th scope="col">p</th>
                    <th scope="col">s</th>
                  </tr>
                </thead>
                <tbody>
                  {p.criteria.map((c, j) => {
                    const base = `method.preference[${j}]`;
                    return (
                      <tr>
                        <th scope="row">{c.name}</th>
                        <td>
                          <select
                            name={`${base}.function`}
                            aria-label={t('settings.promethee.functionOf', { name: c.name })}
                            {...invalid(p, `${base}.function`)}
                          >
                            {p.choices.functions.map((f) => (
                              <option value={f} selected={p.fields[`${base}.function`] === f}>
                                {f}
                              </option>
                            ))}
                          </select>
                        </td>
                        {(['q', 'p', 's'] as const).map((key) => (
                          <td>
                            <input
                              name={`${base}.${key}`}
                              type="text"
                              inputmode="decimal"
                              size={5}
                              value={p.fields[`${base}.${key}`] ?? ''}
                              aria-label={`${key}: ${c.name}`}
                              title={p.fieldErrors[`${base}.${key}`] ?? p.fieldErrors[base]}
                              {...invalid(p, `${base}.${key}`)}
                            />
                          </td>
                        ))}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </div>
        </fieldset>

        <fieldset class="panel-card">
          <legend>{t('settings.coordination')}</legend>
          <Toggle p={p} name="coordination.enabled" label={t('settings.coordination.enabled')} />
          <div class="settings__grid">
            <Choice
              p={p}
              name="coordination.variant"
              label={t('settings.coordination.variant')}
              options={p.choices.variants}
              labels={(o) => t(`settings.coordination.variant.${o}` as 'settings.coordination.variant.standard')}
            />
            <Choice
              p={p}
              name="coordination.boundaries"
              label={t('settings.coordination.boundaries')}
              options={p.choices.boundaries}
            />
            <NumberField
              p={p}
              name="coordination.laggingRatio"
              label={t('settings.coordination.lagging')}
              hint={t('settings.coordination.laggingHint')}
            />
          </div>
          <p class="weights__hint">{t('settings.coordination.contribution')}</p>
          <div class="settings__grid">
            {p.dimensions.map((d, k) => (
              <NumberField p={p} name={`coordination.contribution[${k}]`} label={d.name} />
            ))}
          </div>
          <TextField
            p={p}
            name="coordination.levels"
            label={t('settings.coordination.levels')}
            hint={t('settings.coordination.levelsHint')}
          />
        </fieldset>

        <fieldset class="panel-card">
          <legend>{t('settings.obstacles')}</legend>
          <Toggle p={p} name="obstacles.enabled" label={t('settings.obstacles.enabled')} />
          <div class="settings__grid">
            <NumberField p={p} name="obstacles.top" label={t('settings.obstacles.top')} />
          </div>
        </fieldset>

        <fieldset class="panel-card">
          <legend>{t('settings.sensitivity')}</legend>
          <Toggle p={p} name="sensitivity.enabled" label={t('settings.sensitivity.enabled')} />
          <div class="settings__grid">
            <NumberField p={p} name="sensitivity.samples" label={t('settings.sensitivity.samples')} />
            <NumberField p={p} name="sensitivity.seed" label={t('settings.sensitivity.seed')} />
            <NumberField p={p} name="sensitivity.concentration" label={t('settings.sensitivity.concentration')} />
          </div>
          <Toggle p={p} name="sensitivity.oneWay" label={t('settings.sensitivity.oneWay')} />
        </fieldset>

        <fieldset class="panel-card">
          <legend>{t('settings.panel')}</legend>
          <div class="settings__grid">
            <Choice
              p={p}
              name="panel.aggregate"
              label={t('settings.panel.aggregate')}
              options={p.choices.aggregates}
              labels={(o) => t(`aggregate.${o}` as 'aggregate.mean')}
            />
            <NumberField p={p} name="panel.trim" label={t('settings.panel.trim')} />
            <NumberField
              p={p}
              name="delphi.consensusIqr"
              label={t('settings.delphi.iqr')}
              hint={t('settings.delphi.hint')}
            />
          </div>
        </fieldset>
        <p>
          <button type="submit" class="button">
            {t('settings.save')}
          </button>
        </p>
      </form>
    </>
  );
};
