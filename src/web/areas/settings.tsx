import type { Context } from 'hono';
import { Hono } from 'hono';
import { SettingsPage, type SettingsPageProps } from '../../../templates/settings.tsx';
import { saveSettings } from '../../app/settings.ts';
import {
  AGGREGATES,
  atLevelsField,
  BOUNDARIES,
  LEVELS_FIELD,
  METHOD_NAMES,
  NORMALIZATIONS,
  PREFERENCE_FUNCTIONS,
  type RawForm,
  readSettings,
  settingsFields,
  VARIANTS,
} from '../../app/settings-form.ts';
import { weightsStructure } from '../../app/weights.ts';
import type { Issue } from '../../engine/index.ts';
import { byLocale } from '../../i18n/messages.ts';
import type { AppDeps, AssessmentEnv } from '../context.ts';
import { readFields } from '../forms.ts';
import { render } from '../render.tsx';

type C = Context<AssessmentEnv>;

const CHOICES: SettingsPageProps['choices'] = {
  methods: METHOD_NAMES,
  normalizations: NORMALIZATIONS,
  functions: PREFERENCE_FUNCTIONS,
  variants: VARIANTS,
  boundaries: BOUNDARIES,
  aggregates: AGGREGATES,
};

const CHECKBOXES = ['coordination.enabled', 'obstacles.enabled', 'sensitivity.enabled', 'sensitivity.oneWay'];

async function formOf(c: C): Promise<RawForm> {
  return (await readFields(c)).fields;
}

/** `/assessments/:code/settings`: the method settings, for administrators (the guard at the mount). */
export function settingsArea(deps: AppDeps): Hono<AssessmentEnv> {
  const app = new Hono<AssessmentEnv>();
  const seatOf = (c: C) => ({ assessment: c.var.assessment, access: c.var.access });

  const page = async (
    c: C,
    fields: Record<string, string> | undefined,
    issues: readonly Issue[] = [],
    extra: Partial<SettingsPageProps> = {},
    status: 200 | 422 | 503 = 200,
  ) => {
    const { t, locale } = c.var;
    const structure = await weightsStructure(deps.db, c.var.assessment.id);
    const frame = { dimensions: structure.dimensions, criteria: structure.indicators.map((i) => i.code) };
    // A posted form lacks unchecked boxes and the options of methods not shown: those come from the defaults.
    const shown = fields
      ? { ...settingsFields({}, frame), ...Object.fromEntries(CHECKBOXES.map((k) => [k, ''])), ...fields }
      : settingsFields(c.var.assessment.methodSettings ?? {}, frame);
    const fieldErrors: Record<string, string> = {};
    const otherErrors: string[] = [];
    // A class of the level table ("coordination.levels[2].from") is a line of its one field.
    for (const issue of atLevelsField(issues, shown[LEVELS_FIELD] ?? '')) {
      // A PROMETHEE threshold's error names the preference ("method.preference[2]"): its first field shows it.
      const field =
        issue.path in shown ? issue.path : `${issue.path}.function` in shown ? `${issue.path}.function` : undefined;
      // The table's field gathers every line's problem; any other field shows its first.
      if (field === LEVELS_FIELD && fieldErrors[field]) fieldErrors[field] += `; ${issue.message}`;
      else if (field) fieldErrors[field] ??= issue.message;
      else otherErrors.push(issue.path ? `${issue.path}: ${issue.message}` : issue.message);
    }
    const name = (names: Record<string, { en: string; zh: string }>, code: string) =>
      names[code] ? byLocale(locale, names[code].en, names[code].zh) : code;
    return render(c, {
      title: t('settings.title'),
      activeNav: 'assessments',
      status,
      body: (
        <SettingsPage
          t={t}
          code={c.var.assessment.code}
          name={byLocale(locale, c.var.assessment.nameEn, c.var.assessment.nameZh)}
          fields={shown}
          fieldErrors={fieldErrors}
          otherErrors={otherErrors}
          dimensions={structure.dimensions.map((code) => ({ code, name: name(structure.dimensionNames, code) }))}
          criteria={frame.criteria.map((code) => ({ code, name: name(structure.indicatorNames, code) }))}
          choices={CHOICES}
          {...extra}
        />
      ),
    });
  };

  app.get('/settings', (c) =>
    page(c, undefined, [], {
      ...(c.req.query('saved') === '1' ? { done: c.var.t('settings.saved') } : {}),
      ...(c.req.query('schema') === '1' ? { schemaOnly: true } : {}),
    }),
  );

  // The form again with another method's options shown, for htmx; nothing is checked or saved.
  app.post('/settings/form', async (c) => page(c, await formOf(c)));

  app.post('/settings', async (c) => {
    const form = await formOf(c);
    const structure = await weightsStructure(deps.db, c.var.assessment.id);
    const frame = { dimensions: structure.dimensions, criteria: structure.indicators.map((i) => i.code) };
    const reading = readSettings(form, frame);
    if (!reading.ok) return page(c, { ...form }, reading.issues, {}, 422);
    const outcome = await saveSettings(deps.db, deps.engine, deps.clock(), c.var.user, seatOf(c), reading.settings);
    if (outcome.kind === 'saved')
      return c.redirect(
        `/assessments/${c.var.assessment.code}/settings?saved=1${outcome.evaluated ? '' : '&schema=1'}`,
        303,
      );
    if (outcome.kind === 'busy') {
      if (outcome.retryAfterSeconds) c.header('Retry-After', String(outcome.retryAfterSeconds));
      return page(c, { ...form }, outcome.issues, {}, 503);
    }
    return page(c, { ...form }, outcome.issues, {}, 422);
  });
  return app;
}
