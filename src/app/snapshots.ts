/**
 * Publishing: the live result becomes an immutable snapshot (the Problem as stored, its Result, the comparison,
 * the names and rules it was read with, the weight-set version, the method settings, the engine version, who
 * and when, and the SHA-256 of the Problem's text). The database refuses to change a snapshot afterwards
 * (migration 0007's triggers), so `corridor evaluate` on its Problem gives its Result for as long as it exists.
 */
import { createHash } from 'node:crypto';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { auditInsert } from '../db/audit.ts';
import type { Db } from '../db/client.ts';
import type { SnapshotId } from '../db/ids.ts';
import {
  findSnapshot,
  findSnapshotHead,
  listSnapshots,
  type SnapshotHead,
  type SnapshotSummary,
  type StoredSnapshot,
} from '../db/queries/snapshots.ts';
import { findUserByUsername } from '../db/queries/users.ts';
import { resultSnapshots, users } from '../db/schema.ts';
import { ENGINE_VERSION } from '../engine/index.ts';
import type { ReportLabels } from '../report/input.ts';
import type { AccessibleAssessment, Actor } from './access.ts';
import type { EnginePool } from './engine-pool/pool.ts';
import type { Busy } from './evaluation.ts';
import { findAssessment } from './problem.ts';
import { type Refused, refused } from './refused.ts';
import { liveResults, ResultCache, setText } from './results.ts';

export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export type PublishOutcome =
  | { readonly kind: 'published'; readonly id: SnapshotId; readonly hash: string }
  | Refused
  | Busy;

/** Chairs and administrators publish; the result must evaluate without errors. */
export async function publishSnapshot(
  db: Db,
  pool: EnginePool,
  cache: ResultCache,
  now: Date,
  actor: Actor,
  seat: AccessibleAssessment,
): Promise<PublishOutcome> {
  if (seat.access.role !== 'administrator' && seat.access.role !== 'chair')
    return refused(403, 'only the chair or an administrator publishes results');
  if (seat.assessment.archivedAt !== null) return refused(409, `assessment "${seat.assessment.code}" is archived`);
  // A change that lands while the data is read would mix two versions: evaluate again, a few times at most.
  let outcome = await liveResults(db, pool, cache, seat.assessment);
  for (let attempt = 0; attempt < 3 && outcome.kind === 'ok' && !outcome.consistent; attempt++)
    outcome = await liveResults(db, pool, cache, seat.assessment);
  if (outcome.kind === 'unavailable') return refused(409, outcome.message);
  if (outcome.kind !== 'ok') return outcome;
  if (!outcome.consistent) return refused(409, 'the data kept changing while it was read: publish again in a moment');
  const { live } = outcome;
  const hash = sha256(live.problemText);
  const [[row]] = await db.batch([
    db
      .insert(resultSnapshots)
      .values({
        assessmentId: seat.assessment.id,
        createdAt: now,
        createdBy: actor.id,
        problem: live.problemText,
        result: live.resultText,
        engineVersion: ENGINE_VERSION,
        hash,
        published: true,
        comparisonProblem: live.comparisonResultText === null ? null : live.comparisonProblemText,
        comparisonResult: live.comparisonResultText,
        labels: JSON.stringify(live.set.labels),
        rules: JSON.stringify(live.set.rules),
        weightSetVersion: live.weightSet?.version ?? null,
        weightSetNote: live.weightSet?.note ?? null,
        methodSettings: JSON.stringify(live.methodSettings),
      })
      .returning({ id: resultSnapshots.id }),
    auditInsert(db, {
      at: now,
      userId: actor.id,
      action: 'snapshot.publish',
      entity: 'assessment',
      entityId: seat.assessment.id,
      after: {
        hash,
        engineVersion: ENGINE_VERSION,
        weightSetVersion: live.weightSet?.version ?? null,
        dataVersion: live.dataVersion,
      },
    }),
  ]);
  return { kind: 'published', id: row!.id, hash };
}

export const snapshotsOf = (db: Db, seat: AccessibleAssessment): Promise<SnapshotSummary[]> =>
  listSnapshots(db, seat.assessment.id);

/** A snapshot of this assessment, or a 404 for any other id: ids of other assessments are not even confirmed. */
export async function snapshotOf(db: Db, seat: AccessibleAssessment, id: string): Promise<StoredSnapshot | Refused> {
  const wanted = snapshotIdOf(id);
  return (wanted && (await findSnapshot(db, seat.assessment.id, wanted))) || notFound(seat, id);
}

const snapshotIdOf = (id: string): SnapshotId | undefined =>
  /^[1-9]\d{0,15}$/.test(id) ? (Number(id) as SnapshotId) : undefined;

const notFound = (seat: AccessibleAssessment, id: string) =>
  refused(404, `assessment "${seat.assessment.code}" has no published snapshot "${id}"`, 'id');

/** A snapshot's head, and its documents read only when they are needed (a PDF to make, a page not cached yet). */
export interface LazySnapshot {
  readonly snapshot: SnapshotHead;
  documents(): Promise<StoredSnapshot>;
}

/**
 * A snapshot of this assessment as a head (404 for any other id, as `snapshotOf`): a snapshot of 60 experts'
 * scores is megabytes of text, which a PDF already made or a page already rendered does not need.
 */
export async function lazySnapshotOf(db: Db, seat: AccessibleAssessment, id: string): Promise<LazySnapshot | Refused> {
  const wanted = snapshotIdOf(id);
  const head = wanted && (await findSnapshotHead(db, seat.assessment.id, wanted));
  if (!head) return notFound(seat, id);
  return {
    snapshot: head,
    documents: async () => {
      const stored = await findSnapshot(db, seat.assessment.id, head.id);
      if (!stored) throw new Error(`snapshot ${head.id} is gone`);
      return stored;
    },
  };
}

/**
 * Publishing without a web session (`corridor publish`, the demo seed): as the named user, who must be an active
 * administrator, or as the first active administrator when none is named.
 */
export async function publishAs(
  db: Db,
  pool: EnginePool,
  now: Date,
  assessmentKey: string,
  username: string | undefined,
): Promise<PublishOutcome> {
  const assessment = await findAssessment(db, assessmentKey);
  if (!assessment) return refused(404, `no assessment with id or code "${assessmentKey}"`, 'assessment');
  const user =
    username === undefined
      ? await db.query.users.findFirst({
          where: and(eq(users.isAdmin, true), isNull(users.disabledAt)),
          orderBy: asc(users.id),
        })
      : await findUserByUsername(db, username);
  if (!user?.isAdmin || user.disabledAt !== null)
    return refused(
      403,
      username === undefined
        ? 'there is no active administrator to publish as'
        : `"${username}" is not an active administrator`,
      'as',
    );
  return publishSnapshot(
    db,
    pool,
    new ResultCache(1),
    now,
    { id: user.id, isAdmin: true },
    {
      assessment,
      access: { role: 'administrator', panelRole: null },
    },
  );
}

/** The demo's first snapshot, published by the seed so that a reader can download a report on a fresh installation. */
export async function publishDemoSnapshot(
  db: Db,
  pool: EnginePool,
  now: Date,
  code: string,
  log: (line: string) => void,
): Promise<void> {
  const outcome = await publishAs(db, pool, now, code, undefined);
  if (outcome.kind === 'published') log(`Published snapshot ${outcome.id} of the demo's illustrative results.`);
  else log(`The demo's results were not published: ${outcome.issues.map((i) => i.message).join('; ')}`);
}

/**
 * The panel's own scores (one table per anonymous expert) are for the chair and administrators: the Delphi method
 * keeps each expert's answers from the others, and readers need the aggregated results only. For everyone else a
 * snapshot's Problems come without `panel.scores`, and say so in `redacted`. The Problems come as JSON text: the
 * stored text itself when nothing is taken out, so that a snapshot of megabytes is not parsed to be sent.
 */
export function problemsFor(
  role: AccessibleAssessment['access']['role'],
  problems: { readonly problem: string; readonly comparisonProblem: string | null },
): { problem: string; comparisonProblem: string; redacted: string[] } {
  const full = role === 'administrator' || role === 'chair';
  if (full) return { problem: problems.problem, comparisonProblem: problems.comparisonProblem ?? 'null', redacted: [] };
  const withoutScores = (text: string | null) => {
    const p = text === null ? null : (JSON.parse(text) as Record<string, unknown>);
    if (p === null || typeof p.panel !== 'object' || p.panel === null) return { text: JSON.stringify(p), had: false };
    const { scores: _scores, ...panel } = p.panel as Record<string, unknown>;
    return { text: JSON.stringify({ ...p, panel }), had: true };
  };
  const problem = withoutScores(problems.problem);
  return {
    problem: problem.text,
    comparisonProblem: withoutScores(problems.comparisonProblem).text,
    redacted: problem.had ? ['problem.panel.scores', 'comparisonProblem.panel.scores'] : [],
  };
}

/** A snapshot's metadata as the API and the JSON download give it. */
export const snapshotSummaryJson = (s: SnapshotSummary) => ({
  id: s.id,
  hash: s.hash,
  publishedAt: s.createdAt.toISOString(),
  author: s.author,
  engineVersion: s.engineVersion,
  weightSetVersion: s.weightSetVersion,
  weightSetNote: s.weightSetNote,
});

/**
 * A snapshot as one JSON object's text for `role`: its metadata, `texts` (members already JSON text), the
 * Problems as `problemsFor` gives them and the stored Result, comparison, names and rules as stored.
 */
export function snapshotText(
  role: AccessibleAssessment['access']['role'],
  stored: StoredSnapshot,
  texts: Record<string, string> = {},
): string {
  const { redacted, ...problems } = problemsFor(role, stored);
  return setText({ ...snapshotSummaryJson(stored), redacted }, texts, {
    ...stored,
    ...problems,
    comparison: stored.comparisonResult,
  });
}

/** A snapshot's cities, read from its names alone: enough to check a brief's city without parsing the Result. */
export const citiesOf = (stored: Pick<StoredSnapshot, 'labels'>): ReportLabels['alternatives'] =>
  (JSON.parse(stored.labels) as ReportLabels).alternatives;
