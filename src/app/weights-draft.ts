/**
 * The weights editor's form as data: what an administrator can set in the browser, turned into a weight spec of
 * docs/engine.md §4 and back. Pure: no database, no engine run. The engine judges the spec it produces.
 *
 * The editor builds one shape: `hierarchical` (a scheme over the dimensions, one over the indicators inside each
 * dimension), optionally blended with an objective scheme (`combined` of that and entropy or CRITIC). A stored
 * spec of another shape (saved as JSON) is shown as JSON only.
 */
import type { Issue } from '../engine/index.ts';

export const DIMENSION_SCHEMES = ['equal', 'direct', 'ahp', 'group'] as const;
export type DimensionScheme = (typeof DIMENSION_SCHEMES)[number];
export const WITHIN_SCHEMES = ['equal', 'direct', 'ahp', 'group', 'entropy', 'critic'] as const;
export type WithinScheme = (typeof WITHIN_SCHEMES)[number];
export const OBJECTIVE_SCHEMES = ['none', 'entropy', 'critic'] as const;
export type ObjectiveScheme = (typeof OBJECTIVE_SCHEMES)[number];
export const MIXES = ['linear', 'multiplicative'] as const;
export type Mix = (typeof MIXES)[number];

/** Saaty's scale as the editor offers it, strongest for the row first: 9 … 2, 1, 1/2 … 1/9. */
export const SAATY_CHOICES = [
  '9',
  '8',
  '7',
  '6',
  '5',
  '4',
  '3',
  '2',
  '1',
  '1/2',
  '1/3',
  '1/4',
  '1/5',
  '1/6',
  '1/7',
  '1/8',
  '1/9',
] as const;

/** What the editor weighs: the assessment's dimensions and indicators in their order. */
export interface WeightsFrame {
  readonly dimensions: readonly string[];
  readonly indicators: readonly { readonly code: string; readonly dimension: string }[];
}

/** Entries of an upper triangle, keyed `i.j` with i < j; a missing entry is 1 (equal importance). */
export type Triangle = Readonly<Record<string, number>>;

export interface WeightsDraft {
  readonly dimensions: {
    readonly scheme: DimensionScheme;
    /** Direct importance per dimension code. */
    readonly values: Readonly<Record<string, number>>;
    readonly pairwise: Triangle;
    /** For group AHP: the members left out (by username); everyone else who has given comparisons counts. */
    readonly excluded: readonly string[];
  };
  readonly within: {
    readonly scheme: WithinScheme;
    /** Direct importance per indicator code (normalized inside each dimension). */
    readonly values: Readonly<Record<string, number>>;
    /** One triangle per dimension code, over that dimension's indicators in order. */
    readonly pairwise: Readonly<Record<string, Triangle>>;
    readonly excluded: readonly string[];
  };
  readonly blend: {
    readonly objective: ObjectiveScheme;
    /** The subjective part's share, 0 … 1; the objective part gets the rest. */
    readonly alpha: number;
    readonly mix: Mix;
  };
}

/** The panel's own pairwise matrices, for group AHP: by member, each level (`dimensions` or a dimension's code). */
export type PanelMatrices = readonly {
  readonly username: string;
  readonly influence: number;
  readonly levels: Readonly<Record<string, readonly (readonly number[])[]>>;
}[];

export const emptyDraft = (): WeightsDraft => ({
  dimensions: { scheme: 'equal', values: {}, pairwise: {}, excluded: [] },
  within: { scheme: 'equal', values: {}, pairwise: {}, excluded: [] },
  blend: { objective: 'none', alpha: 0.5, mix: 'linear' },
});

/** The indicators of each dimension, in order. */
export const membersOf = (frame: WeightsFrame, dimension: string): string[] =>
  frame.indicators.filter((i) => i.dimension === dimension).map((i) => i.code);

/** A judgment as the editor shows it: "3", "1/3", or the number itself when it is off Saaty's scale. */
export function saatyText(value: number): string {
  for (const choice of SAATY_CHOICES) if (Math.abs(saatyValue(choice)! - value) <= 1e-9 * value) return choice;
  return String(value);
}

/** "3" → 3, "1/3" → 1/3; anything else is not on the scale. */
export function saatyValue(text: string): number | undefined {
  const m = /^\s*(?:([1-9])|1\s*\/\s*([1-9]))\s*$/.exec(text);
  if (!m) return undefined;
  return m[1] !== undefined ? Number(m[1]) : 1 / Number(m[2]);
}

/** The full reciprocal matrix of an upper triangle over `n` items. */
export function fullMatrix(triangle: Triangle, n: number): number[][] {
  return Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => {
      if (i === j) return 1;
      const upper = triangle[i < j ? `${i}.${j}` : `${j}.${i}`] ?? 1;
      return i < j ? upper : 1 / upper;
    }),
  );
}

/** The upper triangle of a matrix (entries i < j). */
export function upperTriangle(matrix: readonly (readonly number[])[]): Triangle {
  const out: Record<string, number> = {};
  for (let i = 0; i < matrix.length; i++) for (let j = i + 1; j < matrix.length; j++) out[`${i}.${j}`] = matrix[i]![j]!;
  return out;
}

/** The upper triangle of a matrix, or undefined when a judgment is off Saaty's scale (the editor offers only it). */
const triangleOf = (matrix: readonly (readonly number[])[]): Triangle | undefined => {
  const out = upperTriangle(matrix);
  return Object.values(out).every((v) => (SAATY_CHOICES as readonly string[]).includes(saatyText(v))) ? out : undefined;
};

type Spec = Record<string, unknown>;

/** The levels of `within` that take comparisons: dimensions of two or more indicators. */
const comparedDimensions = (frame: WeightsFrame) =>
  frame.dimensions.filter((code) => membersOf(frame, code).length >= 2);

/** The members whose matrices a group AHP level uses: not left out, and with a matrix for every level needed. */
export function groupMembers(
  panel: PanelMatrices,
  levels: readonly string[],
  excluded: readonly string[],
): PanelMatrices {
  return panel.filter((m) => !excluded.includes(m.username) && levels.every((l) => m.levels[l] !== undefined));
}

/** The weight spec the draft stands for (docs/engine.md §4); `panel` holds the matrices group AHP combines (AIJ). */
export function specOf(draft: WeightsDraft, frame: WeightsFrame, panel: PanelMatrices = []): Spec {
  const d = draft.dimensions;
  const dimGroup = groupMembers(panel, ['dimensions'], d.excluded);
  const dimensions: Spec =
    d.scheme === 'equal'
      ? { method: 'equal' }
      : d.scheme === 'direct'
        ? { method: 'direct', values: frame.dimensions.map((code) => d.values[code] ?? 1) }
        : d.scheme === 'group'
          ? {
              method: 'ahp',
              pairwise: dimGroup.map((m) => m.levels.dimensions!),
              expertInfluence: dimGroup.map((m) => m.influence),
            }
          : { method: 'ahp', pairwise: fullMatrix(d.pairwise, frame.dimensions.length) };
  const w = draft.within;
  const compared = comparedDimensions(frame);
  const withinGroup = groupMembers(panel, compared, w.excluded);
  const within: Spec =
    w.scheme === 'group'
      ? {
          method: 'ahp',
          pairwise: Object.fromEntries(compared.map((code) => [code, withinGroup.map((m) => m.levels[code]!)])),
          expertInfluence: withinGroup.map((m) => m.influence),
        }
      : w.scheme === 'direct'
        ? { method: 'direct', values: frame.indicators.map((i) => w.values[i.code] ?? 1) }
        : w.scheme === 'ahp'
          ? {
              method: 'ahp',
              pairwise: Object.fromEntries(
                frame.dimensions.flatMap((code) => {
                  const n = membersOf(frame, code).length;
                  // A dimension of one indicator has nothing to compare; the engine gives it local weight 1.
                  return n < 2 ? [] : [[code, fullMatrix(w.pairwise[code] ?? {}, n)]];
                }),
              ),
            }
          : w.scheme === 'entropy'
            ? objectiveSpec('entropy')
            : w.scheme === 'critic'
              ? objectiveSpec('critic')
              : { method: 'equal' };
  const subjective: Spec = { method: 'hierarchical', dimensions, within };
  const { objective, alpha, mix } = draft.blend;
  if (objective === 'none') return subjective;
  return { method: 'combined', parts: [subjective, objectiveSpec(objective)], alpha: [alpha, 1 - alpha], mix };
}

/**
 * Entropy on min-max normalized data: statistics such as growth rates can be negative, which raw entropy refuses,
 * and min-max by type is how the urbanization literature applies the entropy weight method.
 */
const objectiveSpec = (scheme: 'entropy' | 'critic'): Spec =>
  scheme === 'entropy' ? { method: 'entropy', normalization: 'minmax' } : { method: 'critic' };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isMatrix = (v: unknown, n: number): v is number[][] =>
  Array.isArray(v) &&
  v.length === n &&
  v.every((row) => Array.isArray(row) && row.length === n && row.every(Number.isFinite));
const isNumbers = (v: unknown, n: number): v is number[] =>
  Array.isArray(v) && v.length === n && v.every((x) => typeof x === 'number' && Number.isFinite(x));
const sameKeys = (spec: Record<string, unknown>, keys: readonly string[]) =>
  Object.keys(spec).every((k) => keys.includes(k));
/** A group AHP spec as the editor builds it: the members' matrices and their influence. */
const isGroup = (spec: Record<string, unknown>, pairwiseOk: (p: unknown) => boolean) =>
  spec.method === 'ahp' &&
  sameKeys(spec, ['method', 'pairwise', 'expertInfluence']) &&
  Array.isArray(spec.expertInfluence) &&
  pairwiseOk(spec.pairwise);

/**
 * The draft a stored spec came from, or undefined when the spec has a shape the editor does not build (then the
 * page offers it as JSON).
 */
export function draftOf(spec: unknown, frame: WeightsFrame): WeightsDraft | undefined {
  if (!isRecord(spec)) return undefined;
  if (spec.method === 'equal' && sameKeys(spec, ['method'])) return emptyDraft();
  let subjective: unknown = spec;
  let blend: WeightsDraft['blend'] = emptyDraft().blend;
  if (spec.method === 'combined') {
    const { parts, alpha, mix } = spec;
    if (!sameKeys(spec, ['method', 'parts', 'alpha', 'mix']) || !Array.isArray(parts) || parts.length !== 2)
      return undefined;
    const objective = objectiveOf(parts[1]);
    if (!objective || !isNumbers(alpha, 2) || Math.abs(alpha[0]! + alpha[1]! - 1) > 1e-9) return undefined;
    if (mix !== 'linear' && mix !== 'multiplicative') return undefined;
    blend = { objective, alpha: alpha[0]!, mix };
    subjective = parts[0];
  }
  if (
    !isRecord(subjective) ||
    subjective.method !== 'hierarchical' ||
    !sameKeys(subjective, ['method', 'dimensions', 'within'])
  )
    return undefined;
  const dimensions = dimensionsOf(subjective.dimensions, frame);
  const within = withinOf(subjective.within, frame);
  return dimensions && within ? { dimensions, within, blend } : undefined;
}

function objectiveOf(part: unknown): 'entropy' | 'critic' | undefined {
  if (!isRecord(part)) return undefined;
  for (const scheme of ['entropy', 'critic'] as const) {
    if (JSON.stringify(part) === JSON.stringify(objectiveSpec(scheme))) return scheme;
  }
  return undefined;
}

function dimensionsOf(spec: unknown, frame: WeightsFrame): WeightsDraft['dimensions'] | undefined {
  if (!isRecord(spec)) return undefined;
  const n = frame.dimensions.length;
  if (spec.method === 'equal' && sameKeys(spec, ['method']))
    return { scheme: 'equal', values: {}, pairwise: {}, excluded: [] };
  if (spec.method === 'direct' && sameKeys(spec, ['method', 'values']) && isNumbers(spec.values, n)) {
    const values = spec.values;
    return {
      scheme: 'direct',
      values: Object.fromEntries(frame.dimensions.map((c, k) => [c, values[k]!])),
      pairwise: {},
      excluded: [],
    };
  }
  if (spec.method === 'ahp' && sameKeys(spec, ['method', 'pairwise']) && isMatrix(spec.pairwise, n)) {
    const pairwise = triangleOf(spec.pairwise);
    return pairwise && { scheme: 'ahp', values: {}, pairwise, excluded: [] };
  }
  if (isGroup(spec, (p) => Array.isArray(p) && p.every((m) => isMatrix(m, n))))
    return { scheme: 'group', values: {}, pairwise: {}, excluded: [] };
  return undefined;
}

function withinOf(spec: unknown, frame: WeightsFrame): WeightsDraft['within'] | undefined {
  if (!isRecord(spec)) return undefined;
  const empty = { values: {}, pairwise: {}, excluded: [] };
  if (spec.method === 'equal' && sameKeys(spec, ['method'])) return { scheme: 'equal', ...empty };
  const objective = objectiveOf(spec);
  if (objective) return { scheme: objective, ...empty };
  if (
    spec.method === 'direct' &&
    sameKeys(spec, ['method', 'values']) &&
    isNumbers(spec.values, frame.indicators.length)
  ) {
    const values = spec.values;
    return {
      scheme: 'direct',
      values: Object.fromEntries(frame.indicators.map((i, k) => [i.code, values[k]!])),
      pairwise: {},
      excluded: [],
    };
  }
  if (spec.method === 'ahp' && sameKeys(spec, ['method', 'pairwise']) && isRecord(spec.pairwise)) {
    const given = spec.pairwise;
    const pairwise: Record<string, Triangle> = {};
    for (const code of frame.dimensions) {
      const n = membersOf(frame, code).length;
      if (n < 2) continue;
      const triangle = isMatrix(given[code], n) ? triangleOf(given[code]) : undefined;
      if (!triangle) return undefined;
      pairwise[code] = triangle;
    }
    if (Object.keys(given).some((k) => !(k in pairwise))) return undefined;
    return { scheme: 'ahp', values: {}, pairwise, excluded: [] };
  }
  const matricesOf = (p: unknown, code: string) =>
    Array.isArray(p) && p.every((m) => isMatrix(m, membersOf(frame, code).length));
  if (
    isGroup(
      spec,
      (p) =>
        isRecord(p) &&
        Object.entries(p).every(([code, list]) => frame.dimensions.includes(code) && matricesOf(list, code)),
    )
  )
    return { scheme: 'group', ...empty };
  return undefined;
}

/** A form as the browser sent it: each field once (the reader refuses repeats). */
export type RawForm = Readonly<Record<string, string>>;

export type DraftReading =
  | { readonly ok: true; readonly draft: WeightsDraft }
  | { readonly ok: false; readonly issues: Issue[] };

const MAX_DIRECT = 1e6;

/**
 * Reads the editor's fields: `dimensions.scheme`, `dimensions.value.<dim>`, `dimensions.ahp.<i>.<j>`,
 * `within.scheme`, `within.value.<indicator>`, `within.ahp.<dim>.<i>.<j>`, `blend.objective`, `blend.alpha`
 * (a percentage), `blend.mix`. Every problem is reported with its field as the path; fields of schemes not chosen
 * are still read, so that switching back keeps what was typed. A decimal comma is accepted.
 */
export function readDraft(form: RawForm, frame: WeightsFrame): DraftReading {
  const issues: Issue[] = [];
  const choice = <T extends string>(field: string, allowed: readonly T[], fallback: T): T => {
    const v = form[field];
    if (v === undefined || v === '') return fallback;
    if ((allowed as readonly string[]).includes(v)) return v as T;
    issues.push({ path: field, message: `must be one of ${allowed.join(', ')}` });
    return fallback;
  };
  const number = (field: string, min: number, max: number): number | undefined => {
    const raw = form[field];
    if (raw === undefined || raw.trim() === '') return undefined;
    const v = Number(raw.trim().replace(',', '.'));
    if (!Number.isFinite(v)) issues.push({ path: field, message: 'not a number' });
    else if (v < min || v > max) issues.push({ path: field, message: `must be between ${min} and ${max}` });
    else return v;
    return undefined;
  };
  const judgment = (field: string): number | undefined => {
    const raw = form[field];
    if (raw === undefined || raw === '') return undefined;
    const v = saatyValue(raw);
    if (v === undefined) issues.push({ path: field, message: 'must be on Saaty’s scale: 1/9 … 1/2, 1, 2 … 9' });
    return v;
  };
  const triangle = (prefix: string, n: number): Triangle => {
    const out: Record<string, number> = {};
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++) {
        const v = judgment(`${prefix}.${i}.${j}`);
        if (v !== undefined) out[`${i}.${j}`] = v;
      }
    return out;
  };
  const values = (prefix: string, codes: readonly string[]) => {
    const out: Record<string, number> = {};
    for (const code of codes) {
      const v = number(`${prefix}.${code}`, 0, MAX_DIRECT);
      if (v !== undefined) out[code] = v;
    }
    return out;
  };

  const excluded = (prefix: string) =>
    Object.keys(form)
      .filter((k) => k.startsWith(prefix) && form[k] === 'on')
      .map((k) => k.slice(prefix.length));
  const dimensions = {
    scheme: choice('dimensions.scheme', DIMENSION_SCHEMES, 'equal'),
    values: values('dimensions.value', frame.dimensions),
    pairwise: triangle('dimensions.ahp', frame.dimensions.length),
    excluded: excluded('dimensions.exclude.'),
  };
  const within = {
    scheme: choice('within.scheme', WITHIN_SCHEMES, 'equal'),
    values: values(
      'within.value',
      frame.indicators.map((i) => i.code),
    ),
    pairwise: Object.fromEntries(
      frame.dimensions.map((code) => [code, triangle(`within.ahp.${code}`, membersOf(frame, code).length)]),
    ),
    excluded: excluded('within.exclude.'),
  };
  const percent = number('blend.alpha', 0, 100);
  const blend = {
    objective: choice('blend.objective', OBJECTIVE_SCHEMES, 'none'),
    alpha: percent === undefined ? 0.5 : percent / 100,
    mix: choice('blend.mix', MIXES, 'linear'),
  };
  return issues.length > 0 ? { ok: false, issues } : { ok: true, draft: { dimensions, within, blend } };
}

/** The draft's fields as a form would send them: what the editor puts in its inputs. */
export function draftFields(draft: WeightsDraft, frame: WeightsFrame): Record<string, string> {
  const out: Record<string, string> = {
    'dimensions.scheme': draft.dimensions.scheme,
    'within.scheme': draft.within.scheme,
    'blend.objective': draft.blend.objective,
    'blend.alpha': String(Math.round(draft.blend.alpha * 10_000) / 100),
    'blend.mix': draft.blend.mix,
  };
  for (const code of frame.dimensions) out[`dimensions.value.${code}`] = String(draft.dimensions.values[code] ?? 1);
  for (const i of frame.indicators) out[`within.value.${i.code}`] = String(draft.within.values[i.code] ?? 1);
  const triangle = (prefix: string, t: Triangle, n: number) => {
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++) out[`${prefix}.${i}.${j}`] = saatyText(t[`${i}.${j}`] ?? 1);
  };
  triangle('dimensions.ahp', draft.dimensions.pairwise, frame.dimensions.length);
  for (const u of draft.dimensions.excluded) out[`dimensions.exclude.${u}`] = 'on';
  for (const u of draft.within.excluded) out[`within.exclude.${u}`] = 'on';
  for (const code of frame.dimensions)
    triangle(`within.ahp.${code}`, draft.within.pairwise[code] ?? {}, membersOf(frame, code).length);
  return out;
}
