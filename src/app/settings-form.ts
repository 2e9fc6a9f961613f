/**
 * The method-settings form as data: each field is named by the path its value has in the Problem (docs/engine.md
 * §5–§9), so the engine's error for a setting lands at that setting's field. Pure: reading, writing, no checks
 * beyond "is this a number"; the engine judges the rest.
 */
import type { Issue } from '../engine/index.ts';

export const METHOD_NAMES = ['wsm', 'wpm', 'topsis', 'vikor', 'promethee2'] as const;
export const NORMALIZATIONS = ['minmax', 'vector', 'max', 'sum', 'none'] as const;
export const PREFERENCE_FUNCTIONS = ['usual', 'ushape', 'vshape', 'level', 'linear', 'gaussian'] as const;
export const VARIANTS = ['standard', 'wang2021', 'fan'] as const;
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

/** The level table's field: one class per line, `from | English | 中文` (docs/engine.md §6). */
export const LEVELS_FIELD = 'coordination.levels';

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
  out[LEVELS_FIELD] = levelsText(coordination?.levels);
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
    const levels = readLevels(form[LEVELS_FIELD] ?? '', issues);
    settings.coordination = {
      variant: form['coordination.variant'] || 'standard',
      boundaries: form['coordination.boundaries'] || 'lower-closed',
      laggingRatio: num('coordination.laggingRatio'),
      // All blank is the engine's default, equal shares; some blank is a mistake the engine names.
      ...(contribution.every((v) => v === undefined) ? {} : { contribution: contribution.map((v) => v ?? null) }),
      // No lines is the engine's default table.
      ...(levels ? { levels } : {}),
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

const isBlank = (line: string) => line.trim() === '';

/** A stored level table as the field's text, one class per line. */
function levelsText(levels: unknown): string {
  if (!Array.isArray(levels)) return '';
  return levels
    .map((level) => (isRecord(level) ? `${str(level.from)} | ${str(level.en)} | ${str(level.zh)}` : ''))
    .join('\n');
}

/**
 * The classes of the level table's text, blank lines skipped; undefined when there are none. A line that is not
 * three parts, or whose first part is not a number, is reported here with its line number; the rest (bounds
 * ascending from 0, names not empty) is the engine's to judge.
 */
function readLevels(text: string, issues: Issue[]): Settings[] | undefined {
  const levels: Settings[] = [];
  text.split(/\r?\n/).forEach((line, k) => {
    if (isBlank(line)) return;
    const parts = line.split('|').map((part) => part.trim());
    const at = `line ${k + 1}`;
    if (parts.length !== 3) {
      issues.push({
        path: LEVELS_FIELD,
        message: `${at}: expected three parts separated by |, lower bound | English name | Chinese name`,
      });
      return;
    }
    const [rawFrom, en, zh] = parts as [string, string, string];
    const from = rawFrom === '' ? Number.NaN : Number(rawFrom.replace(',', '.'));
    if (!Number.isFinite(from)) issues.push({ path: LEVELS_FIELD, message: `${at}: the lower bound is not a number` });
    levels.push({ from, en, zh });
  });
  return levels.length > 0 ? levels : undefined;
}

const LEVEL_PARTS = ['from', 'en', 'zh'] as const;
const PART_NAMES: Readonly<Record<string, string>> = { from: 'lower bound', en: 'English name', zh: 'Chinese name' };
const LEVEL_PATH = /^coordination\.levels\[(\d+)\](?:\.(\w+))?$/;

/**
 * The issues, those about one class of the level table (`coordination.levels[2].from`) moved to the table's field,
 * each naming the line of the text it came from, and put in the order of the lines.
 */
export function atLevelsField(issues: readonly Issue[], text: string): Issue[] {
  const lines = text.split(/\r?\n/).flatMap((line, k) => (isBlank(line) ? [] : [k + 1]));
  const others: Issue[] = [];
  const classes: { readonly order: number; readonly issue: Issue }[] = [];
  for (const issue of issues) {
    const match = LEVEL_PATH.exec(issue.path);
    if (!match) {
      others.push(issue);
      continue;
    }
    const k = Number(match[1]);
    const line = lines[k];
    const part = match[2];
    const where = [line === undefined ? `class ${k + 1}` : `line ${line}`, part && (PART_NAMES[part] ?? part)];
    classes.push({
      order: k * 4 + (part ? LEVEL_PARTS.indexOf(part as 'from') + 1 : 0),
      issue: { path: LEVELS_FIELD, message: `${where.filter(Boolean).join(', ')}: ${issue.message}` },
    });
  }
  // sort is stable: two issues of one part keep the engine's order.
  return [...others, ...classes.sort((a, b) => a.order - b.order).map((c) => c.issue)];
}
