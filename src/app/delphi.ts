import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { scoringFrame } from '../db/queries/scores.ts';
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
}

export const consensusThreshold = (settings: Record<string, unknown>): number => {
  const delphi = settings.delphi as { consensusIqr?: unknown } | undefined;
  const value = delphi?.consensusIqr;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : DEFAULT_CONSENSUS_IQR;
};

/**
 * The feedback of round `number` for the next one (docs/engine.md §9): each cell's median and IQR, Kendall's W
 * per indicator, all computed by the engine's panel statistics on the expert-scored indicators only (a statistic
 * column would read as perfect agreement). An indicator with a cell no one scored is left out of the engine's
 * problem, as the engine needs a score in every cell; its cells show their count of 0.
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
  const [frame, rows] = await Promise.all([
    scoringFrame(db, seat.assessment.id),
    db.select().from(scores).where(eq(scores.roundId, round.id)),
  ]);
  const expertInds = frame.indicators.filter((i) => i.source === 'expert');
  const experts = [...new Set(rows.map((r) => r.expertId))].sort((a, b) => a - b);
  const at = new Map(rows.map((r) => [`${r.expertId}:${r.alternativeId}:${r.indicatorId}`, r]));
  const scored = (cityId: number, indId: number) =>
    experts.some((e) => {
      const r = at.get(`${e}:${cityId}:${indId}`);
      return r !== undefined && r.value !== null;
    });
  const usable = expertInds.filter((ind) => frame.cities.every((city) => scored(city.id, ind.id)));
  const threshold = consensusThreshold(seat.assessment.methodSettings ?? {});

  let stats:
    | { cells: { count: number; median: number; iqr: number }[][]; agreement: { W: number | null; experts: number }[] }
    | undefined;
  if (usable.length > 0 && experts.length > 0) {
    const problem = {
      alternatives: frame.cities.map((c) => c.code),
      criteria: usable.map((ind) => ({
        id: ind.code,
        type: ind.direction,
        bounds: [ind.scaleMin, ind.scaleMax],
      })),
      panel: {
        experts: experts.map((_, k) => `expert-${k + 1}`),
        scores: experts.map((e) =>
          frame.cities.map((city) => usable.map((ind) => at.get(`${e}:${city.id}:${ind.id}`)?.value ?? null)),
        ),
        aggregate: 'median',
      },
    };
    const outcome = await evaluateText(JSON.stringify(problem), pool);
    if (!outcome.ok) return { failed: outcome.issues };
    stats = (JSON.parse(outcome.json) as { panel: NonNullable<typeof stats> }).panel;
  }

  const cells = new Map<string, CellFeedback>();
  let withScores = 0;
  let agreed = 0;
  frame.cities.forEach((city, i) => {
    for (const ind of expertInds) {
      const j = usable.indexOf(ind);
      const cell = j >= 0 ? stats?.cells[i]?.[j] : undefined;
      const own = at.get(`${actor.id}:${city.id}:${ind.id}`);
      const rationales = experts
        .map((e) => at.get(`${e}:${city.id}:${ind.id}`)?.rationale ?? '')
        .filter((text) => text !== '')
        .sort();
      const consensus = cell !== undefined && cell.iqr <= threshold;
      if (cell) {
        withScores++;
        if (consensus) agreed++;
      }
      cells.set(cellKey(city.code, ind.code), {
        count: cell?.count ?? 0,
        median: cell?.median ?? null,
        iqr: cell?.iqr ?? null,
        consensus,
        own: own?.value ?? null,
        rationales,
      });
    }
  });
  return {
    round: number,
    threshold,
    cells,
    agreement: expertInds.map((ind) => {
      const j = usable.indexOf(ind);
      const a = j >= 0 ? stats?.agreement[j] : undefined;
      return { indicator: ind.code, W: a?.W ?? null, experts: a?.experts ?? 0 };
    }),
    consensusShare: withScores === 0 ? 0 : agreed / withScores,
  };
}
