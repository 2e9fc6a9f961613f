import { z } from 'zod';
import type { Db } from '../db/client.ts';
import type { RoundId } from '../db/ids.ts';
import type { CellContext, CellKey } from '../db/queries/scores.ts';
import {
  assessmentDimensions,
  cellContext,
  evaluatorProgress,
  expertScores,
  findOpenRound,
  findSubmission,
  insertSubmission,
  lastRoundNumber,
  progressByDimension,
  scoringFrame,
  writeCell,
} from '../db/queries/scores.ts';
import type { Indicator, ScaleAnchor, Score } from '../db/schema.ts';
import type { AccessibleAssessment, Actor } from './access.ts';
import { type Refused, refused } from './refused.ts';

const SUBMITTED = 'you have submitted this round; the chair or an administrator can reopen it for you';

/** Longer rationales are refused with a message rather than cut. */
export const MAX_RATIONALE = 4_000;

/** One cell of an evaluator's grid as the API and the pages show it. */
export interface Cell {
  readonly city: string;
  readonly indicator: string;
  readonly value: number | null;
  readonly abstain: boolean;
  readonly rationale: string;
  /** 0 for a cell never saved; a save names the version it was based on. */
  readonly version: number;
}

/**
 * What a client may send for one cell. Strict: a field that tries to set the evaluator, the round or the lock
 * is refused by name rather than ignored, so a script learns at once that it cannot.
 */
export const cellInputSchema = z
  .strictObject({
    city: z.string().min(1).max(64),
    indicator: z.string().min(1).max(64),
    value: z.number().finite().optional(),
    abstain: z.literal(true).optional(),
    // Browsers send a textarea's line breaks as CRLF while its maxlength counts them as one character.
    rationale: z
      .string()
      .transform((text) => text.replace(/\r\n?/g, '\n'))
      .pipe(z.string().max(MAX_RATIONALE, `at most ${MAX_RATIONALE} characters`))
      .optional(),
    version: z.number().int().min(0),
  })
  .refine((c) => (c.value === undefined) !== (c.abstain === undefined), {
    message: 'give either a value or "abstain": true',
    path: ['value'],
  });
export type CellInput = z.output<typeof cellInputSchema>;

export type SaveOutcome =
  | { readonly kind: 'saved'; readonly round: RoundId; readonly cell: Cell }
  /** The stored cell moved on since the version the client had: it gets the stored cell to offer the user. */
  | { readonly kind: 'conflict'; readonly stored: Cell }
  | Refused;

const toCell = (
  city: string,
  indicator: string,
  score: Pick<Score, 'value' | 'abstained' | 'rationale' | 'version'> | undefined,
): Cell => ({
  city,
  indicator,
  value: score?.value ?? null,
  abstain: score?.abstained ?? false,
  rationale: score?.rationale ?? '',
  version: score?.version ?? 0,
});

/** The seat, the open round and the lock: what every score request checks first. */
async function scoringContext(db: Db, actor: Actor, seat: AccessibleAssessment) {
  if (seat.access.panelRole !== 'evaluator') {
    return refused(403, 'only the panel’s evaluators score this assessment');
  }
  const round = await findOpenRound(db, seat.assessment.id);
  if (!round) return refused(409, 'no round is open for scoring now');
  const submitted = await findSubmission(db, round.id, actor.id);
  return { round, submitted: submitted !== undefined };
}

const expertIndicator = (ind: Indicator) => ind.source === 'expert' && ind.scaleMin !== null && ind.scaleMax !== null;

/** The caller's own cells of the open round, one per city × expert-scored indicator (unsaved ones at version 0). */
export async function ownCells(
  db: Db,
  actor: Actor,
  seat: AccessibleAssessment,
): Promise<{ kind: 'cells'; round: number; roundId: RoundId; submitted: boolean; cells: Cell[] } | Refused> {
  const context = await scoringContext(db, actor, seat);
  if ('kind' in context) return context;
  const [frame, saved] = await Promise.all([
    scoringFrame(db, seat.assessment.id),
    expertScores(db, context.round.id, actor.id),
  ]);
  const byCell = new Map(saved.map((s) => [`${s.alternativeId}:${s.indicatorId}`, s]));
  const cells = frame.cities.flatMap((city) =>
    frame.indicators
      .filter(expertIndicator)
      .map((ind) => toCell(city.code, ind.code, byCell.get(`${city.id}:${ind.id}`))),
  );
  return { kind: 'cells', round: context.round.number, roundId: context.round.id, submitted: context.submitted, cells };
}

/** The cell a save may write, from its context, or why it may not. */
function checkSave(context: CellContext, actor: Actor, input: CellInput): CellKey | Refused {
  const { round, cityId, indicator } = context;
  if (!round) return refused(409, 'no round is open for scoring now');
  if (context.submitted) return refused(409, SUBMITTED);
  if (cityId === null) return refused(404, `no city "${input.city}" in this assessment`, 'city');
  if (!indicator) return refused(404, `no indicator "${input.indicator}" in this assessment`, 'indicator');
  if (indicator.source !== 'expert' || indicator.scaleMin === null || indicator.scaleMax === null) {
    return refused(409, `"${input.indicator}" is a statistic: its values are imported, not scored`, 'indicator');
  }
  if (input.value !== undefined && (input.value < indicator.scaleMin || input.value > indicator.scaleMax)) {
    return refused(422, `out of range: the scale runs from ${indicator.scaleMin} to ${indicator.scaleMax}`, 'value');
  }
  return { roundId: round.id, expertId: actor.id, alternativeId: cityId, indicatorId: indicator.id };
}

/**
 * Saves one cell for the caller in the open round: checked against the indicator's scale, written together
 * with its audit entry (before and after) in one transaction, and only if the stored version is still the one
 * the client based its change on. One query reads all it checks; the write goes through the group commit.
 */
export async function saveCell(
  db: Db,
  now: Date,
  actor: Actor,
  seat: AccessibleAssessment,
  input: CellInput,
): Promise<SaveOutcome> {
  if (seat.access.panelRole !== 'evaluator') {
    return refused(403, 'only the panel’s evaluators score this assessment');
  }
  const where = { assessmentId: seat.assessment.id, userId: actor.id, city: input.city, indicator: input.indicator };
  const context = await cellContext(db, where);
  const key = checkSave(context, actor, input);
  if ('kind' in key) return key;
  const current = toCell(input.city, input.indicator, context.stored ?? undefined);
  if (current.version !== input.version) return { kind: 'conflict', stored: current };
  // A save that leaves the rationale out keeps the stored one: a script changing values must not erase reasons.
  const change = {
    value: input.value ?? null,
    abstained: input.abstain === true,
    rationale: input.rationale ?? current.rationale,
  };
  const after = { value: change.value, abstain: change.abstained, rationale: change.rationale };
  const before = context.stored
    ? { value: current.value, abstain: current.abstain, rationale: current.rationale }
    : null;
  const written = await writeCell(db, key, change, input.version, { at: now, before, after });
  if (!written) {
    // The round closed or was submitted since the read above, or another save of the cell landed first.
    const later = await cellContext(db, where);
    if (later.round?.id !== key.roundId) return refused(409, 'no round is open for scoring now');
    if (later.submitted) return refused(409, SUBMITTED);
    return { kind: 'conflict', stored: toCell(input.city, input.indicator, later.stored ?? undefined) };
  }
  return { kind: 'saved', round: key.roundId, cell: toCell(input.city, input.indicator, written) };
}

export type SubmitOutcome =
  | { readonly kind: 'submitted'; readonly round: number }
  | { readonly kind: 'incomplete'; readonly missing: readonly Pick<Cell, 'city' | 'indicator'>[] }
  | Refused;

/** Submits the caller's round once every cell is scored or abstained; the round is then locked for them. */
export async function submitRound(db: Db, now: Date, actor: Actor, seat: AccessibleAssessment): Promise<SubmitOutcome> {
  const own = await ownCells(db, actor, seat);
  if (own.kind === 'refused') return own;
  if (own.submitted) return refused(409, `you have already submitted round ${own.round}`);
  const missing = own.cells.filter((c) => c.version === 0).map(({ city, indicator }) => ({ city, indicator }));
  if (missing.length > 0) return { kind: 'incomplete', missing };
  const inserted = await insertSubmission(db, own.roundId, actor.id, now, {
    round: own.round,
    cells: own.cells.length,
  });
  if (!inserted) return refused(409, `you have already submitted round ${own.round}`);
  return { kind: 'submitted', round: own.round };
}

/** One indicator column of the grid, with what an evaluator needs to score it. */
export interface GridIndicator {
  readonly code: string;
  readonly nameEn: string;
  readonly nameZh: string;
  readonly direction: 'benefit' | 'cost';
  readonly scaleMin: number;
  readonly scaleMax: number;
  readonly unit: string | null;
  readonly descriptionEn: string;
  readonly descriptionZh: string;
  readonly anchors: readonly ScaleAnchor[];
}

export interface GridDimension {
  readonly code: string;
  readonly nameEn: string;
  readonly nameZh: string;
  readonly indicators: readonly GridIndicator[];
  /** Cells scored or abstained in this dimension, of `total`. */
  readonly done: number;
  readonly total: number;
}

export interface Grid {
  readonly kind: 'grid';
  readonly round: number;
  readonly closesAt: Date | null;
  readonly submitted: boolean;
  readonly cities: readonly { readonly code: string; readonly nameEn: string; readonly nameZh: string }[];
  readonly dimensions: readonly GridDimension[];
  /** `city:indicator` → cell. */
  readonly cells: ReadonlyMap<string, Cell>;
  readonly done: number;
  readonly total: number;
}

export const cellKey = (city: string, indicator: string) => `${city}:${indicator}`;

/** Everything the scoring page shows: the frame by dimension, the caller's cells and their progress. */
export async function scoringGrid(db: Db, actor: Actor, seat: AccessibleAssessment): Promise<Grid | Refused> {
  const own = await ownCells(db, actor, seat);
  if (own.kind === 'refused') return own;
  const [frame, dims, round] = await Promise.all([
    scoringFrame(db, seat.assessment.id),
    assessmentDimensions(db, seat.assessment.id),
    findOpenRound(db, seat.assessment.id),
  ]);
  const cells = new Map(own.cells.map((c) => [cellKey(c.city, c.indicator), c]));
  const scored = frame.indicators.filter(expertIndicator);
  const dimensions = dims.flatMap((d): GridDimension[] => {
    const indicators = scored
      .filter((i) => i.dimensionId === d.id)
      .map((i) => ({
        code: i.code,
        nameEn: i.nameEn,
        nameZh: i.nameZh,
        direction: i.direction,
        scaleMin: i.scaleMin!,
        scaleMax: i.scaleMax!,
        unit: i.unit,
        descriptionEn: i.descriptionEn,
        descriptionZh: i.descriptionZh,
        anchors: i.anchors ?? [],
      }));
    if (indicators.length === 0) return [];
    const mine = own.cells.filter((c) => indicators.some((i) => i.code === c.indicator));
    return [
      {
        code: d.code,
        nameEn: d.nameEn,
        nameZh: d.nameZh,
        indicators,
        done: mine.filter((c) => c.version > 0).length,
        total: mine.length,
      },
    ];
  });
  return {
    kind: 'grid',
    round: own.round,
    closesAt: round?.closesAt ?? null,
    submitted: own.submitted,
    cities: frame.cities.map(({ code, nameEn, nameZh }) => ({ code, nameEn, nameZh })),
    dimensions,
    cells,
    done: own.cells.filter((c) => c.version > 0).length,
    total: own.cells.length,
  };
}

export interface ScoringProgress {
  readonly done: number;
  readonly total: number;
  readonly dimensions: readonly Pick<GridDimension, 'code' | 'nameEn' | 'nameZh' | 'done' | 'total'>[];
}

/** The caller's progress in a round, as the grid's progress bars show it, without building the grid. */
export async function scoringProgress(
  db: Db,
  actor: Actor,
  seat: AccessibleAssessment,
  round: RoundId,
): Promise<ScoringProgress> {
  const dimensions = await progressByDimension(db, {
    assessmentId: seat.assessment.id,
    roundId: round,
    userId: actor.id,
  });
  return {
    done: dimensions.reduce((n, d) => n + d.done, 0),
    total: dimensions.reduce((n, d) => n + d.total, 0),
    dimensions,
  };
}

export interface PanelProgress {
  readonly kind: 'open';
  readonly round: number;
  readonly members: readonly {
    readonly username: string;
    readonly name: string;
    readonly done: number;
    readonly total: number;
    readonly submitted: boolean;
  }[];
}

/** For the chair and administrators: each evaluator's progress in the open round, or the round to open next. */
export async function panelProgress(
  db: Db,
  seat: AccessibleAssessment,
): Promise<PanelProgress | { readonly kind: 'closed'; readonly next: number }> {
  const round = await findOpenRound(db, seat.assessment.id);
  if (!round) return { kind: 'closed', next: (await lastRoundNumber(db, seat.assessment.id)) + 1 };
  const [frame, rows] = await Promise.all([
    scoringFrame(db, seat.assessment.id),
    evaluatorProgress(db, seat.assessment.id, round.id),
  ]);
  const total = frame.cities.length * frame.indicators.filter(expertIndicator).length;
  return {
    kind: 'open',
    round: round.number,
    members: rows.map((r) => ({
      username: r.username,
      name: r.displayName,
      done: Number(r.done),
      total,
      submitted: Boolean(r.submitted),
    })),
  };
}
