/**
 * The method-settings form as data: each field is named by the path its value has in the Problem (docs/engine.md
 * §5–§9), so the engine's error for a setting lands at that setting's field. Pure: reading, writing, no checks
 * beyond "is this a number"; the engine judges the rest.
 */
import type { Issue } from '../engine/index.ts';

export const METHOD_NAMES = ['wsm', 'wpm', 'topsis', 'vikor', 'promethee2'] as const;
export const NORMALIZATIONS = ['minmax', 'vector', 'max', 'sum', 'none'] as const;
export const PREFERENCE_FUNCTIONS = ['usual', 'ushape', 'vshape', 'level', 'linear', 'gaussian'] as const;
export const VARIANTS = ['standard', 'wang2021'] as const;
export const BOUNDARIES = ['lower-closed', 'upper-closed'] as const;
export const AGGREGATES = ['mean', 'median', 'geometric', 'trimmed'] as const;

/** The methods whose spec takes a normalization, and the engine's default for each. */
export const DEFAULT_NORMALIZATION: Readonly<Record<string, (typeof NORMALIZATIONS)[number]>> = {
  wsm: 'minmax',
  wpm: 'max',
  topsis: 'vector',
};

export interface SettingsFrame {
  readonly dimensions: readonly string[];
  readonly criteria: readonly string[];
}

type Settings = Record<string, unknown>;
export type RawForm = Readonly<Record<string, string>>;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));

/** The stored settings as the form's fields. */
export function settingsFields(settings: Settings, frame: SettingsFrame): Record<string, string> {
  const method = isRecord(settings.method) ? settings.method : { name: 'wsm' };
  const name = str(method.name) || 'wsm';
  const out: Record<string, string> = {
    'method.name': name,
    'method.normalization': str(method.normalization) || (DEFAULT_NORMALIZATION[name] ?? 'minmax'),
    'method.v': str(method.v ?? 0.5),
  };
  const preference = method.preference;
  frame.criteria.forEach((_, j) => {
    const p = Array.isArray(preference) ? preference[j] : preference;
    const pref = isRecord(p) ? p : { function: 'usual' };
    out[`method.preference[${j}].function`] = str(pref.function) || 'usual';
    for (const key of ['q', 'p', 's']) out[`method.preference[${j}].${key}`] = str(pref[key]);
  });
  const coordination = isRecord(settings.coordination) ? settings.coordination : undefined;
  out['coordination.enabled'] = coordination ? 'on' : '';
  out['coordination.variant'] = str(coordination?.variant) || 'standard';
  out['coordination.boundaries'] = str(coordination?.boundaries) || 'lower-closed';
  out['coordination.laggingRatio'] = str(coordination?.laggingRatio ?? 0.8);
  const contribution = coordination?.contribution;
  frame.dimensions.forEach((_, k) => {
    out[`coordination.contribution[${k}]`] = Array.isArray(contribution) ? str(contribution[k]) : '';
  });
  const obstacles = isRecord(settings.obstacles) ? settings.obstacles : undefined;
  out['obstacles.enabled'] = obstacles ? 'on' : '';
  out['obstacles.top'] = str(obstacles?.top ?? 5);
  const sensitivity = isRecord(settings.sensitivity) ? settings.sensitivity : undefined;
  out['sensitivity.enabled'] = sensitivity ? 'on' : '';
  out['sensitivity.samples'] = str(sensitivity?.samples ?? 2000);
  out['sensitivity.seed'] = str(sensitivity?.seed ?? 1);
  out['sensitivity.concentration'] = str(sensitivity?.concentration ?? 200);
  out['sensitivity.oneWay'] = sensitivity === undefined || sensitivity.oneWay !== false ? 'on' : '';
  const panel = isRecord(settings.panel) ? settings.panel : {};
  out['panel.aggregate'] = str(panel.aggregate) || 'mean';
  out['panel.trim'] = str(panel.trim ?? 0.1);
  const delphi = isRecord(settings.delphi) ? settings.delphi : {};
  out['delphi.consensusIqr'] = str(delphi.consensusIqr ?? 1);
  return out;
}

export type SettingsReading =
  | { readonly ok: true; readonly settings: Settings }
  | { readonly ok: false; readonly issues: Issue[] };

/**
 * The settings a form stands for. Options of a method not chosen, and of a part switched off, are left out, so the
 * stored settings say only what is in force. Text where a number belongs is reported here, with its field.
 */
export function readSettings(form: RawForm, frame: SettingsFrame): SettingsReading {
  const issues: Issue[] = [];
  const num = (field: string, optional = false): number | undefined => {
    const raw = (form[field] ?? '').trim().replace(',', '.');
    if (raw === '') {
      if (!optional) issues.push({ path: field, message: 'a number is needed here' });
      return undefined;
    }
    const v = Number(raw);
    if (!Number.isFinite(v)) issues.push({ path: field, message: 'not a number' });
    return Number.isFinite(v) ? v : undefined;
  };
  const on = (field: string) => form[field] === 'on';
  const name = form['method.name'] || 'wsm';
  const method: Settings = { name };
  if (name in DEFAULT_NORMALIZATION) method.normalization = form['method.normalization'] || DEFAULT_NORMALIZATION[name];
  if (name === 'vikor') method.v = num('method.v');
  if (name === 'promethee2') {
    method.preference = frame.criteria.map((_, j) => {
      const base = `method.preference[${j}]`;
      const pref: Settings = { function: form[`${base}.function`] || 'usual' };
      for (const key of ['q', 'p', 's']) {
        const v = num(`${base}.${key}`, true);
        if (v !== undefined) pref[key] = v;
      }
      return pref;
    });
  }
  const settings: Settings = { method };
  if (on('coordination.enabled')) {
    const contribution = frame.dimensions.map((_, k) => num(`coordination.contribution[${k}]`, true));
    settings.coordination = {
      variant: form['coordination.variant'] || 'standard',
      boundaries: form['coordination.boundaries'] || 'lower-closed',
      laggingRatio: num('coordination.laggingRatio'),
      // All blank is the engine's default, equal shares; some blank is a mistake the engine names.
      ...(contribution.every((v) => v === undefined) ? {} : { contribution: contribution.map((v) => v ?? null) }),
    };
  }
  if (on('obstacles.enabled')) settings.obstacles = { top: num('obstacles.top') };
  if (on('sensitivity.enabled'))
    settings.sensitivity = {
      samples: num('sensitivity.samples'),
      seed: num('sensitivity.seed'),
      concentration: num('sensitivity.concentration'),
      oneWay: on('sensitivity.oneWay'),
    };
  const aggregate = form['panel.aggregate'] || 'mean';
  settings.panel = aggregate === 'trimmed' ? { aggregate, trim: num('panel.trim') } : { aggregate };
  const iqr = num('delphi.consensusIqr');
  if (iqr !== undefined && iqr < 0) issues.push({ path: 'delphi.consensusIqr', message: 'must be 0 or more' });
  settings.delphi = { consensusIqr: iqr };
  return issues.length > 0 ? { ok: false, issues } : { ok: true, settings };
}
