import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { RoundId } from '../db/ids.ts';
import { expertScores, scoringFrame } from '../db/queries/scores.ts';
import { rounds, scores } from '../db/schema.ts';
import type { Issue } from '../engine/index.ts';
import type { AccessibleAssessment, Actor } from './access.ts';
import type { EnginePool } from './engine-pool/pool.ts';
import { evaluateText } from './evaluation.ts';
import { cellKey } from './scoring.ts';

/** IQR at or under which a cell counts as agreed, unless the assessment sets `delphi.consensusIqr`. */
export const DEFAULT_CONSENSUS_IQR = 1;

/** What the panel said about one cell in the previous round, and what the caller said. */
export interface CellFeedback {
  /** Scores given (abstentions left out). */
  readonly count: number;
  readonly median: number | null;
  readonly iqr: number | null;
  readonly consensus: boolean;
  /** The caller's own score then; null when they abstained or gave none. */
  readonly own: number | null;
  /** The panel's reasons, without names, in alphabetical order so that their order tells nothing. */
  readonly rationales: readonly string[];
}

export interface RoundFeedback {
  /** The round the feedback is about. */
  readonly round: number;
  readonly threshold: number;
  /** `city:indicator` → the cell's feedback. */
  readonly cells: ReadonlyMap<string, CellFeedback>;
  /** Kendall's W per expert-scored indicator (null where it cannot be computed). */
  readonly agreement: readonly { readonly indicator: string; readonly W: number | null; readonly experts: number }[];
  /** Share of cells (with scores) at or under the threshold. */
  readonly consensusShare: number;
  /**
   * Kendall's W of the whole panel (docs/engine.md §9, `panel.overall`): over the cells every expert scored,
   * among the cities someone scored on every indicator that was scored at all; null where it cannot be computed.
   */
  readonly overall: { readonly W: number | null; readonly experts: number; readonly cells: number };
}

export const consensusThreshold = (settings: Record<string, unknown>): number => {
  const delphi = settings.delphi as { consensusIqr?: unknown } | undefined;
  const value = delphi?.consensusIqr;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : DEFAULT_CONSENSUS_IQR;
};

/** What a round's feedback says whoever asks: each cell's spread and reasons, and the panel's agreement. */
interface RoundStatistics {
  /** `city:indicator` → the cell's statistics and reasons; absent for a cell nobody scored. */
  readonly cells: ReadonlyMap<string, { readonly count: number; readonly median: number; readonly iqr: number }>;
  readonly rationales: ReadonlyMap<string, readonly string[]>;
  readonly agreement: RoundFeedback['agreement'];
  readonly overall: RoundFeedback['overall'];
}

type Frame = Awaited<ReturnType<typeof scoringFrame>>;

/**
 * A closed round's scores can no longer change, so its statistics are computed once per database, round and
 * frame (the cities and indicators they were computed over) and then served from here: every grid page of the
 * next round, and each batch of its rows, shows them, and computing them reads every score of the round.
 */
const closedRounds = new WeakMap<Db, Map<string, Promise<RoundStatistics | { readonly failed: readonly Issue[] }>>>();
const CLOSED_ROUNDS_KEPT = 8;

const frameKey = (frame: Frame) =>
  JSON.stringify([
    frame.cities.map((c) => [c.id, c.code]),
    frame.indicators.map((i) => [i.id, i.code, i.source, i.direction, i.scaleMin, i.scaleMax]),
  ]);

/**
 * The feedback of round `number` for the next one (docs/engine.md §9): each cell's median and IQR, Kendall's W
 * per indicator, all computed by the engine's panel statistics on the expert-scored indicators only (a statistic
 * column would read as perfect agreement). A cell no one scored shows a count of 0; its indicator's W is over
 * the cities that were scored.
 */
export async function roundFeedback(
  db: Db,
  pool: EnginePool,
  actor: Actor,
  seat: AccessibleAssessment,
  number: number,
): Promise<RoundFeedback | { readonly failed: readonly Issue[] } | null> {
  const round = await db.query.rounds.findFirst({
    where: and(eq(rounds.assessmentId, seat.assessment.id), eq(rounds.number, number)),
  });
  if (!round) return null;
  const [frame, own] = await Promise.all([scoringFrame(db, seat.assessment.id), expertScores(db, round.id, actor.id)]);
  let statistics: RoundStatistics | { readonly failed: readonly Issue[] };
  if (round.status === 'closed') {
    const cache = closedRounds.get(db) ?? new Map();
    closedRounds.set(db, cache);
    const key = `${round.id}:${frameKey(frame)}`;
    let pending = cache.get(key);
    if (!pending) {
      pending = roundStatistics(db, pool, round.id, frame);
      cache.set(key, pending);
      if (cache.size > CLOSED_ROUNDS_KEPT) cache.delete(cache.keys().next().value!);
    }
    statistics = await pending;
    // A failure (the pool busy, say) is not kept: the next request tries again.
    if ('failed' in statistics) cache.delete(key);
  } else {
    statistics = await roundStatistics(db, pool, round.id, frame);
  }
  if ('failed' in statistics) return statistics;

  const threshold = consensusThreshold(seat.assessment.methodSettings ?? {});
  const ownValue = new Map(own.map((r) => [`${r.alternativeId}:${r.indicatorId}`, r.value]));
  const cells = new Map<string, CellFeedback>();
  let withScores = 0;
  let agreed = 0;
  for (const city of frame.cities) {
    for (const ind of frame.indicators) {
      if (ind.source !== 'expert') continue;
      const key = cellKey(city.code, ind.code);
      const cell = statistics.cells.get(key);
      const consensus = cell !== undefined && cell.iqr <= threshold;
      if (cell) {
        withScores++;
        if (consensus) agreed++;
      }
      cells.set(key, {
        count: cell?.count ?? 0,
        median: cell?.median ?? null,
        iqr: cell?.iqr ?? null,
        consensus,
        own: ownValue.get(`${city.id}:${ind.id}`) ?? null,
        rationales: statistics.rationales.get(key) ?? [],
      });
    }
  }
  return {
    round: number,
    threshold,
    cells,
    agreement: statistics.agreement,
    consensusShare: withScores === 0 ? 0 : agreed / withScores,
    overall: statistics.overall,
  };
}

/** The engine's panel statistics of one round over the frame, and every cell's reasons without names. */
async function roundStatistics(
  db: Db,
  pool: EnginePool,
  roundId: RoundId,
  frame: Frame,
): Promise<RoundStatistics | { readonly failed: readonly Issue[] }> {
  const rows = await db.select().from(scores).where(eq(scores.roundId, roundId));
  const expertInds = frame.indicators.filter((i) => i.source === 'expert');
  const experts = [...new Set(rows.map((r) => r.expertId))].sort((a, b) => a - b);
  const at = new Map(rows.map((r) => [`${r.expertId}:${r.alternativeId}:${r.indicatorId}`, r]));
  const scored = (cityId: number, indId: number) =>
    experts.some((e) => {
      const r = at.get(`${e}:${cityId}:${indId}`);
      return r !== undefined && r.value !== null;
    });
  // The engine needs a score in every cell, so indicators go to it grouped by the cities someone scored: nearly
  // always one group of all cities; a city nobody scored on an indicator leaves that cell out, not the column.
  const groups = new Map<string, { cities: typeof frame.cities; inds: typeof expertInds }>();
  for (const ind of expertInds) {
    const cities = frame.cities.filter((city) => scored(city.id, ind.id));
    if (cities.length === 0) continue;
    const key = cities.map((c) => c.id).join(',');
    const group = groups.get(key) ?? { cities, inds: [] };
    group.inds.push(ind);
    groups.set(key, group);
  }
  type Stats = { count: number; median: number; iqr: number };
  type Overall = RoundFeedback['overall'];
  type Panel = { cells: Stats[][]; agreement: { W: number | null; experts: number }[]; overall: Overall };
  const panelOf = async (cities: typeof frame.cities, inds: typeof expertInds) => {
    const problem = {
      alternatives: cities.map((c) => c.code),
      criteria: inds.map((ind) => ({ id: ind.code, type: ind.direction, bounds: [ind.scaleMin, ind.scaleMax] })),
      panel: {
        experts: experts.map((_, k) => `expert-${k + 1}`),
        scores: experts.map((e) =>
          cities.map((city) => inds.map((ind) => at.get(`${e}:${city.id}:${ind.id}`)?.value ?? null)),
        ),
        aggregate: 'median',
      },
    };
    const outcome = await evaluateText(JSON.stringify(problem), pool);
    if (!outcome.ok) return { ok: false as const, failed: outcome.issues };
    return { ok: true as const, panel: (JSON.parse(outcome.json) as { panel: Panel }).panel };
  };
  const cellStats = new Map<string, Stats>();
  const agreementOf = new Map<string, { W: number | null; experts: number }>();
  // The whole panel's W needs the indicators in one problem: those someone scored, over the cities someone
  // scored on all of them.
  const scoredInds = [...groups.values()].flatMap((g) => g.inds);
  const everywhere = frame.cities.filter((city) => scoredInds.every((ind) => scored(city.id, ind.id)));
  let overall: Overall = { W: null, experts: experts.length, cells: 0 };
  for (const { cities, inds } of groups.values()) {
    const outcome = await panelOf(cities, inds);
    if (!outcome.ok) return { failed: outcome.failed };
    const { panel } = outcome;
    for (const [i, city] of cities.entries()) {
      for (const [j, ind] of inds.entries()) cellStats.set(cellKey(city.code, ind.code), panel.cells[i]![j]!);
    }
    for (const [j, ind] of inds.entries()) agreementOf.set(ind.code, panel.agreement[j]!);
    if (inds.length === scoredInds.length && cities.length === everywhere.length) overall = panel.overall;
  }
  if (overall.cells === 0 && everywhere.length > 0 && groups.size > 1) {
    const outcome = await panelOf(everywhere, scoredInds);
    if (!outcome.ok) return { failed: outcome.failed };
    overall = outcome.panel.overall;
  }

  const rationales = new Map<string, string[]>();
  for (const city of frame.cities) {
    for (const ind of expertInds) {
      const texts = experts
        .map((e) => at.get(`${e}:${city.id}:${ind.id}`)?.rationale ?? '')
        .filter((text) => text !== '')
        .sort();
      if (texts.length > 0) rationales.set(cellKey(city.code, ind.code), texts);
    }
  }
  return {
    cells: cellStats,
    rationales,
    agreement: expertInds.map((ind) => {
      const a = agreementOf.get(ind.code);
      return { indicator: ind.code, W: a?.W ?? null, experts: a?.experts ?? 0 };
    }),
    overall: { W: overall.W, experts: overall.experts, cells: overall.cells },
  };
}
