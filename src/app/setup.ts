/**
 * Setting up an assessment: its description, and its cities, dimensions and indicators, edited in place by
 * administrators. Every change is one batch with its audit entry. A change that would take data with it (scores,
 * statistics, pairwise comparisons that no longer fit their level) is carried out only once confirmed, and says
 * what goes; while a round is open the structure is fixed (names and descriptions may still be corrected), and an
 * archived assessment is read-only until it is restored.
 */
import type { Db } from '../db/client.ts';
import type { AssessmentId } from '../db/ids.ts';
import { findOpenRound } from '../db/queries/scores.ts';
import {
  type CityRow,
  type DimensionRow,
  dataOn,
  deleteCity,
  deleteDimension,
  deleteIndicator,
  deleteScoresOf,
  deleteStatisticsOf,
  dropJudgments,
  type IndicatorRow,
  insertCity,
  insertDimension,
  insertIndicator,
  judgmentsAt,
  nextPosition,
  renameJudgmentLevel,
  type Statement,
  scoresOutside,
  structureOf,
  updateAssessment,
  updateCity,
  updateDimension,
  updateIndicator,
  writeWithAudit,
} from '../db/queries/setup.ts';
import {
  alternatives,
  type Direction,
  dimensions,
  directions,
  indicatorSources,
  indicators,
  type ScaleAnchor,
} from '../db/schema.ts';
import type { AccessibleAssessment, Actor } from './access.ts';
import { DIMENSIONS_LEVEL } from './judgments.ts';
import { type Refused, refused } from './refused.ts';

export const MAX_NAME = 200;
export const MAX_DESCRIPTION = 2000;
const MAX_UNIT = 60;
const MAX_ANCHORS = 21;
/** Codes are the engine's ids and appear in exports and URLs. */
const CODE = /^[a-z0-9][a-z0-9_-]{0,62}$/;
const CODE_RULE = '1–63 lower-case letters, digits, "_" or "-", starting with a letter or digit';

export interface Setup {
  readonly cities: readonly CityRow[];
  readonly dimensions: readonly DimensionRow[];
  readonly indicators: readonly IndicatorRow[];
  /** The open round's number: the structure is fixed while it runs. */
  readonly openRound: number | null;
  readonly archived: boolean;
}

/** What a change takes with it; asked before it is done. */
export interface Consequences {
  readonly scores: number;
  readonly statistics: number;
  /** Indicators that go with a dimension. */
  readonly indicators: number;
  /** Levels whose pairwise comparisons no longer fit, with how many members gave them. */
  readonly judgments: readonly { readonly level: string; readonly members: number }[];
}

export type SetupOutcome =
  | { readonly kind: 'done'; readonly code: string }
  | { readonly kind: 'confirm'; readonly code: string; readonly consequences: Consequences }
  | Refused;

export interface DetailsInput {
  readonly nameEn: string;
  readonly nameZh: string;
  readonly regionEn: string;
  readonly regionZh: string;
  readonly period: string;
  readonly descriptionEn: string;
  readonly descriptionZh: string;
}

export interface CityInput {
  readonly code: string;
  readonly nameEn: string;
  readonly nameZh: string;
}

export type DimensionInput = CityInput;

export interface IndicatorInput extends CityInput {
  readonly dimension: string;
  readonly descriptionEn: string;
  readonly descriptionZh: string;
  readonly direction: string;
  readonly source: string;
  readonly scaleMin: string;
  readonly scaleMax: string;
  /** One anchor word per line: `value | English | 中文`. */
  readonly anchors: string;
  readonly unit: string;
  readonly boundMin: string;
  readonly boundMax: string;
}

const onlyAdmins = (seat: AccessibleAssessment) =>
  seat.access.role === 'administrator' ? undefined : refused(403, 'only administrators set up an assessment');

export async function setupOf(db: Db, seat: AccessibleAssessment): Promise<Setup> {
  const [{ cities, dims, inds }, open] = await Promise.all([
    structureOf(db, seat.assessment.id),
    findOpenRound(db, seat.assessment.id),
  ]);
  return {
    cities,
    dimensions: dims,
    indicators: inds,
    openRound: open?.number ?? null,
    archived: seat.assessment.archivedAt !== null,
  };
}

function text(value: string, field: string, max: number, required: boolean): string | Refused {
  const v = value.trim();
  if (required && v === '') return refused(422, 'this field is required', field);
  if (v.length > max) return refused(422, `at most ${max} characters`, field);
  return v;
}

const isRefused = (x: unknown): x is Refused =>
  typeof x === 'object' && x !== null && (x as { kind?: unknown }).kind === 'refused';

/** The fields' trimmed values, or the first field that is wrong. */
function texts<K extends string>(
  input: Record<K, string>,
  rules: readonly (readonly [K, number, boolean])[],
): Record<K, string> | Refused {
  const out = {} as Record<K, string>;
  for (const [field, max, required] of rules) {
    const v = text(input[field], field, max, required);
    if (isRefused(v)) return v;
    out[field] = v;
  }
  return out;
}

function code(value: string): string | Refused {
  const v = value.trim();
  if (!CODE.test(v)) return refused(422, CODE_RULE, 'code');
  return v;
}

/** A number as typed: a decimal comma is accepted; '' is null. */
function number(value: string, field: string): number | null | Refused {
  const raw = value.trim().replace(',', '.');
  if (raw === '') return null;
  const n = Number(raw);
  if (!Number.isFinite(n) || !/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(raw))
    return refused(422, `"${value.trim()}" is not a number`, field);
  return n;
}

/** Why the assessment cannot be changed now, or undefined. */
async function frozen(db: Db, seat: AccessibleAssessment, structural: boolean): Promise<Refused | undefined> {
  if (seat.assessment.archivedAt !== null)
    return refused(409, 'this assessment is archived: restore it before changing it');
  if (!structural) return undefined;
  const open = await findOpenRound(db, seat.assessment.id);
  return open
    ? refused(
        409,
        `round ${open.number} is open: the cities, dimensions and indicators are fixed while the panel scores; close the round first (names and descriptions can still be corrected)`,
      )
    : undefined;
}

const uniqueViolation = (err: unknown, table: string) =>
  err instanceof Error && new RegExp(`UNIQUE constraint failed: ${table}`).test(`${err.message} ${String(err.cause)}`);

const nothingGoes = (c: Consequences) =>
  c.scores === 0 && c.statistics === 0 && c.indicators === 0 && c.judgments.length === 0;

async function consequences(
  db: Db,
  id: AssessmentId,
  on: Parameters<typeof dataOn>[2],
  levels: readonly string[],
  indicatorCount = 0,
): Promise<Consequences> {
  const [data, judgments] = await Promise.all([dataOn(db, id, on), judgmentsAt(db, id, levels)]);
  return { ...data, indicators: indicatorCount, judgments };
}

/** Carries out a change once nothing goes with it or it is confirmed. */
async function carryOut(
  code: string,
  goes: Consequences,
  confirmed: boolean,
  write: () => Promise<void>,
): Promise<SetupOutcome> {
  if (!nothingGoes(goes) && !confirmed) return { kind: 'confirm', code, consequences: goes };
  await write();
  return { kind: 'done', code };
}

const audit = (
  actor: Actor,
  now: Date,
  seat: AccessibleAssessment,
  action: string,
  before?: unknown,
  after?: unknown,
) => ({
  at: now,
  userId: actor.id,
  action,
  entity: 'assessment',
  entityId: seat.assessment.id,
  ...(before === undefined ? {} : { before }),
  ...(after === undefined ? {} : { after }),
});

export async function updateDetails(
  db: Db,
  now: Date,
  actor: Actor,
  seat: AccessibleAssessment,
  input: DetailsInput,
): Promise<SetupOutcome> {
  const denied = onlyAdmins(seat) ?? (await frozen(db, seat, false));
  if (denied) return denied;
  const next = texts(input, [
    ['nameEn', MAX_NAME, true],
    ['nameZh', MAX_NAME, true],
    ['regionEn', MAX_NAME, true],
    ['regionZh', MAX_NAME, true],
    ['period', MAX_NAME, true],
    ['descriptionEn', MAX_DESCRIPTION, false],
    ['descriptionZh', MAX_DESCRIPTION, false],
  ]);
  if (isRefused(next)) return next;
  const a = seat.assessment;
  const before = {
    nameEn: a.nameEn,
    nameZh: a.nameZh,
    regionEn: a.regionEn,
    regionZh: a.regionZh,
    period: a.period,
    descriptionEn: a.descriptionEn,
    descriptionZh: a.descriptionZh,
  };
  if (JSON.stringify(before) !== JSON.stringify(next))
    await writeWithAudit(
      db,
      [updateAssessment(db, a.id, next)],
      audit(actor, now, seat, 'assessment.update', before, next),
    );
  return { kind: 'done', code: a.code };
}

/** Archiving keeps everything and makes it read-only; a round must be closed first. */
export async function setArchived(
  db: Db,
  now: Date,
  actor: Actor,
  seat: AccessibleAssessment,
  archive: boolean,
): Promise<SetupOutcome> {
  const denied = onlyAdmins(seat);
  if (denied) return denied;
  const a = seat.assessment;
  if (archive === (a.archivedAt !== null)) return { kind: 'done', code: a.code };
  if (archive) {
    const open = await findOpenRound(db, a.id);
    if (open) return refused(409, `round ${open.number} is open: close it before archiving the assessment`);
  }
  await writeWithAudit(
    db,
    [updateAssessment(db, a.id, { archivedAt: archive ? now : null })],
    audit(actor, now, seat, archive ? 'assessment.archive' : 'assessment.restore'),
  );
  return { kind: 'done', code: a.code };
}

function readCity(input: CityInput): CityInput | Refused {
  const c = code(input.code);
  if (isRefused(c)) return c;
  const names = texts(input, [
    ['nameEn', MAX_NAME, true],
    ['nameZh', MAX_NAME, true],
  ]);
  if (isRefused(names)) return names;
  return { code: c, ...names };
}

const cityView = (c: Pick<CityRow, 'code' | 'nameEn' | 'nameZh'>) => ({
  code: c.code,
  nameEn: c.nameEn,
  nameZh: c.nameZh,
});

/** Adds a city (`target` null) or changes one; a new code is a structure change, new names are not. */
export async function saveCity(
  db: Db,
  now: Date,
  actor: Actor,
  seat: AccessibleAssessment,
  target: string | null,
  input: CityInput,
): Promise<SetupOutcome> {
  const admin = onlyAdmins(seat);
  if (admin) return admin;
  const next = readCity(input);
  if (isRefused(next)) return next;
  const id = seat.assessment.id;
  const { cities } = await structureOf(db, id);
  const before = target === null ? undefined : cities.find((c) => c.code === target);
  if (target !== null && !before) return refused(404, `there is no city "${target}" in this assessment`, 'code');
  const denied = await frozen(db, seat, !before || before.code !== next.code);
  if (denied) return denied;
  if (cities.some((c) => c.code === next.code && c !== before))
    return refused(409, `the code "${next.code}" is taken by another city`, 'code');
  try {
    if (before) {
      if (JSON.stringify(cityView(before)) !== JSON.stringify(next))
        await writeWithAudit(
          db,
          [updateCity(db, before.id, next)],
          audit(actor, now, seat, 'city.update', cityView(before), next),
        );
    } else {
      const position = await nextPosition(db, alternatives, id);
      await writeWithAudit(
        db,
        [insertCity(db, { ...next, assessmentId: id, position })],
        audit(actor, now, seat, 'city.add', undefined, next),
      );
    }
  } catch (err) {
    if (uniqueViolation(err, 'alternatives'))
      return refused(409, `the code "${next.code}" is taken by another city`, 'code');
    throw err;
  }
  return { kind: 'done', code: next.code };
}

export async function removeCity(
  db: Db,
  now: Date,
  actor: Actor,
  seat: AccessibleAssessment,
  target: string,
  confirmed: boolean,
): Promise<SetupOutcome> {
  const denied = onlyAdmins(seat) ?? (await frozen(db, seat, true));
  if (denied) return denied;
  const id = seat.assessment.id;
  const city = (await structureOf(db, id)).cities.find((c) => c.code === target);
  if (!city) return refused(404, `there is no city "${target}" in this assessment`, 'code');
  const goes = await consequences(db, id, { cities: [city.id] }, []);
  return carryOut(city.code, goes, confirmed, () =>
    writeWithAudit(
      db,
      [deleteCity(db, city.id)],
      audit(actor, now, seat, 'city.remove', { ...cityView(city), scores: goes.scores, statistics: goes.statistics }),
    ),
  );
}

export async function saveDimension(
  db: Db,
  now: Date,
  actor: Actor,
  seat: AccessibleAssessment,
  target: string | null,
  input: DimensionInput,
  confirmed: boolean,
): Promise<SetupOutcome> {
  const admin = onlyAdmins(seat);
  if (admin) return admin;
  const next = readCity(input);
  if (isRefused(next)) return next;
  if (next.code === DIMENSIONS_LEVEL)
    return refused(422, `"${DIMENSIONS_LEVEL}" is reserved for the comparison of the dimensions`, 'code');
  const id = seat.assessment.id;
  const { dims } = await structureOf(db, id);
  const before = target === null ? undefined : dims.find((d) => d.code === target);
  if (target !== null && !before) return refused(404, `there is no dimension "${target}" in this assessment`, 'code');
  const denied = await frozen(db, seat, !before || before.code !== next.code);
  if (denied) return denied;
  if (dims.some((d) => d.code === next.code && d !== before))
    return refused(409, `the code "${next.code}" is taken by another dimension`, 'code');
  if (before) {
    if (JSON.stringify(cityView(before)) === JSON.stringify(next)) return { kind: 'done', code: next.code };
    const statements: Statement[] = [updateDimension(db, before.id, next)];
    if (before.code !== next.code) statements.push(renameJudgmentLevel(db, id, before.code, next.code));
    await writeWithAudit(db, statements, audit(actor, now, seat, 'dimension.update', cityView(before), next));
    return { kind: 'done', code: next.code };
  }
  // A new dimension changes the size of the dimensions' comparison matrix.
  const goes = await consequences(db, id, {}, [DIMENSIONS_LEVEL]);
  return carryOut(next.code, goes, confirmed, async () => {
    const position = await nextPosition(db, dimensions, id);
    await writeWithAudit(
      db,
      [insertDimension(db, { ...next, assessmentId: id, position }), ...dropJudgments(db, id, [DIMENSIONS_LEVEL])],
      audit(actor, now, seat, 'dimension.add', undefined, next),
    );
  });
}

export async function removeDimension(
  db: Db,
  now: Date,
  actor: Actor,
  seat: AccessibleAssessment,
  target: string,
  confirmed: boolean,
): Promise<SetupOutcome> {
  const denied = onlyAdmins(seat) ?? (await frozen(db, seat, true));
  if (denied) return denied;
  const id = seat.assessment.id;
  const { dims, inds } = await structureOf(db, id);
  const dim = dims.find((d) => d.code === target);
  if (!dim) return refused(404, `there is no dimension "${target}" in this assessment`, 'code');
  const own = inds.filter((i) => i.dimensionId === dim.id);
  const levels = [DIMENSIONS_LEVEL, dim.code];
  const goes = await consequences(db, id, { indicators: own.map((i) => i.id) }, levels, own.length);
  return carryOut(dim.code, goes, confirmed, () =>
    writeWithAudit(
      db,
      // The indicators go with it (ON DELETE CASCADE), and their scores and statistics with them.
      [deleteDimension(db, dim.id), ...dropJudgments(db, id, levels)],
      audit(actor, now, seat, 'dimension.remove', {
        ...cityView(dim),
        indicators: own.map((i) => i.code),
        scores: goes.scores,
        statistics: goes.statistics,
      }),
    ),
  );
}

/** `value | English | 中文` per line. */
function readAnchors(raw: string, lo: number | null, hi: number | null): ScaleAnchor[] | Refused {
  const lines = raw
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  if (lines.length > MAX_ANCHORS) return refused(422, `at most ${MAX_ANCHORS} anchor words`, 'anchors');
  const out: ScaleAnchor[] = [];
  for (const [k, line] of lines.entries()) {
    const parts = line.split('|').map((p) => p.trim());
    const where = `line ${k + 1} ("${line}")`;
    if (parts.length !== 3 || parts.some((p) => p === ''))
      return refused(422, `${where}: write "value | English | 中文"`, 'anchors');
    const value = number(parts[0]!, 'anchors');
    if (value === null || isRefused(value)) return refused(422, `${where}: "${parts[0]}" is not a number`, 'anchors');
    if (lo === null || hi === null || value < lo || value > hi)
      return refused(422, `${where}: ${value} is not on the scale ${lo ?? '?'}–${hi ?? '?'}`, 'anchors');
    if (out.some((a) => a.value === value)) return refused(422, `${where}: ${value} has a word already`, 'anchors');
    if (parts[1]!.length > MAX_NAME || parts[2]!.length > MAX_NAME)
      return refused(422, `${where}: at most ${MAX_NAME} characters a word`, 'anchors');
    out.push({ value, en: parts[1]!, zh: parts[2]! });
  }
  return out.sort((a, b) => a.value - b.value);
}

/** A pair of numbers that are both given, in order, or both left empty. */
function pair(loRaw: string, hiRaw: string, loField: string, hiField: string): [number, number] | null | Refused {
  const lo = number(loRaw, loField);
  if (isRefused(lo)) return lo;
  const hi = number(hiRaw, hiField);
  if (isRefused(hi)) return hi;
  if (lo === null && hi === null) return null;
  if (lo === null) return refused(422, 'give both ends, or neither', loField);
  if (hi === null) return refused(422, 'give both ends, or neither', hiField);
  if (!(lo < hi)) return refused(422, `must be above ${lo}`, hiField);
  return [lo, hi];
}

type IndicatorFields = Omit<typeof indicators.$inferInsert, 'id' | 'assessmentId' | 'position'>;

function readIndicator(input: IndicatorInput, dims: readonly DimensionRow[]): IndicatorFields | Refused {
  const base = readCity(input);
  if (isRefused(base)) return base;
  const dim = dims.find((d) => d.code === input.dimension);
  if (!dim) return refused(422, `choose one of the dimensions (${dims.map((d) => d.code).join(', ')})`, 'dimension');
  if (!(directions as readonly string[]).includes(input.direction))
    return refused(422, `must be one of ${directions.join(', ')}`, 'direction');
  if (!(indicatorSources as readonly string[]).includes(input.source))
    return refused(422, `must be one of ${indicatorSources.join(', ')}`, 'source');
  const more = texts(input, [
    ['descriptionEn', MAX_DESCRIPTION, false],
    ['descriptionZh', MAX_DESCRIPTION, false],
    ['unit', MAX_UNIT, false],
  ]);
  if (isRefused(more)) return more;
  const common = {
    code: base.code,
    nameEn: base.nameEn,
    nameZh: base.nameZh,
    dimensionId: dim.id,
    direction: input.direction as Direction,
    descriptionEn: more.descriptionEn,
    descriptionZh: more.descriptionZh,
  };
  // Only the chosen source's fields are read: the page hides the other source's, which may hold anything.
  if (input.source === 'expert') {
    const scale = pair(input.scaleMin, input.scaleMax, 'scaleMin', 'scaleMax');
    if (isRefused(scale)) return scale;
    if (!scale) return refused(422, 'an expert-scored indicator needs its scale, e.g. 1 to 9', 'scaleMin');
    const anchors = readAnchors(input.anchors, scale[0], scale[1]);
    if (isRefused(anchors)) return anchors;
    return {
      ...common,
      source: 'expert',
      scaleMin: scale[0],
      scaleMax: scale[1],
      anchors: anchors.length > 0 ? anchors : null,
      unit: null,
      boundMin: null,
      boundMax: null,
    };
  }
  const bounds = pair(input.boundMin, input.boundMax, 'boundMin', 'boundMax');
  if (isRefused(bounds)) return bounds;
  return {
    ...common,
    source: 'statistic',
    scaleMin: null,
    scaleMax: null,
    anchors: null,
    unit: more.unit === '' ? null : more.unit,
    boundMin: bounds ? bounds[0] : null,
    boundMax: bounds ? bounds[1] : null,
  };
}

const STRUCTURAL = [
  'code',
  'dimensionId',
  'direction',
  'source',
  'scaleMin',
  'scaleMax',
  'boundMin',
  'boundMax',
] as const;

const indicatorView = (i: IndicatorFields, dims: readonly DimensionRow[]) => ({
  code: i.code,
  dimension: dims.find((d) => d.id === i.dimensionId)?.code,
  nameEn: i.nameEn,
  nameZh: i.nameZh,
  direction: i.direction,
  source: i.source,
  descriptionEn: i.descriptionEn,
  descriptionZh: i.descriptionZh,
  scale: i.scaleMin === null || i.scaleMin === undefined ? null : [i.scaleMin, i.scaleMax],
  anchors: i.anchors ?? null,
  unit: i.unit ?? null,
  bounds: i.boundMin === null || i.boundMin === undefined ? null : [i.boundMin, i.boundMax],
});

export async function saveIndicator(
  db: Db,
  now: Date,
  actor: Actor,
  seat: AccessibleAssessment,
  target: string | null,
  input: IndicatorInput,
  confirmed: boolean,
): Promise<SetupOutcome> {
  const admin = onlyAdmins(seat);
  if (admin) return admin;
  const id = seat.assessment.id;
  const { dims, inds } = await structureOf(db, id);
  if (dims.length === 0) return refused(409, 'add a dimension first: every indicator belongs to one', 'dimension');
  const next = readIndicator(input, dims);
  if (isRefused(next)) return next;
  const before = target === null ? undefined : inds.find((i) => i.code === target);
  if (target !== null && !before) return refused(404, `there is no indicator "${target}" in this assessment`, 'code');
  const structural = !before || STRUCTURAL.some((k) => before[k] !== next[k]);
  const denied = await frozen(db, seat, structural);
  if (denied) return denied;
  if (inds.some((i) => i.code === next.code && i !== before))
    return refused(409, `the code "${next.code}" is taken by another indicator`, 'code');
  const levelOf = (dimensionId: number) => dims.find((d) => d.id === dimensionId)!.code;
  const after = indicatorView(next, dims);

  if (!before) {
    const level = levelOf(next.dimensionId);
    const goes = await consequences(db, id, {}, [level]);
    return carryOut(next.code, goes, confirmed, async () => {
      const position = await nextPosition(db, indicators, id);
      await writeWithAudit(
        db,
        [insertIndicator(db, { ...next, assessmentId: id, position }), ...dropJudgments(db, id, [level])],
        audit(actor, now, seat, 'indicator.add', undefined, after),
      );
    });
  }

  if (before.source === 'expert' && next.source === 'expert') {
    const outside = await scoresOutside(db, before.id, next.scaleMin!, next.scaleMax!);
    if (outside > 0)
      return refused(
        409,
        `${outside} score${outside === 1 ? '' : 's'} of this indicator lie outside ${next.scaleMin}–${next.scaleMax}: keep a scale that holds them`,
        'scaleMin',
      );
  }
  const moved = before.dimensionId !== next.dimensionId;
  const levels = moved ? [levelOf(before.dimensionId), levelOf(next.dimensionId)] : [];
  // A new source leaves the other source's data behind: scores of a statistic, statistics of an expert score.
  const dropped = before.source === next.source ? {} : { indicators: [before.id] };
  const goes = await consequences(db, id, dropped, levels);
  const data =
    before.source === next.source
      ? []
      : [next.source === 'statistic' ? deleteScoresOf(db, before.id) : deleteStatisticsOf(db, before.id)];
  const kept = {
    ...goes,
    scores: next.source === 'statistic' ? goes.scores : 0,
    statistics: next.source === 'expert' ? goes.statistics : 0,
  };
  const beforeView = indicatorView(before, dims);
  if (JSON.stringify(beforeView) === JSON.stringify(after)) return { kind: 'done', code: next.code };
  return carryOut(next.code, kept, confirmed, () =>
    writeWithAudit(
      db,
      [updateIndicator(db, before.id, next), ...data, ...dropJudgments(db, id, levels)],
      audit(actor, now, seat, 'indicator.update', beforeView, after),
    ),
  );
}

export async function removeIndicator(
  db: Db,
  now: Date,
  actor: Actor,
  seat: AccessibleAssessment,
  target: string,
  confirmed: boolean,
): Promise<SetupOutcome> {
  const denied = onlyAdmins(seat) ?? (await frozen(db, seat, true));
  if (denied) return denied;
  const id = seat.assessment.id;
  const { dims, inds } = await structureOf(db, id);
  const ind = inds.find((i) => i.code === target);
  if (!ind) return refused(404, `there is no indicator "${target}" in this assessment`, 'code');
  const level = dims.find((d) => d.id === ind.dimensionId)!.code;
  const goes = await consequences(db, id, { indicators: [ind.id] }, [level]);
  return carryOut(ind.code, goes, confirmed, () =>
    writeWithAudit(
      db,
      [deleteIndicator(db, ind.id), ...dropJudgments(db, id, [level])],
      audit(actor, now, seat, 'indicator.remove', {
        ...indicatorView(ind, dims),
        scores: goes.scores,
        statistics: goes.statistics,
      }),
    ),
  );
}
