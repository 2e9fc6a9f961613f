/**
 * Results of an assessment: the live draft computed from its current data, and the sets of published snapshots.
 * Every number shown comes from the engine's Result of a Problem built by `buildProblem`; this module only
 * chooses which Problems to evaluate and keeps what they gave.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { AssessmentId } from '../db/ids.ts';
import { structureOf } from '../db/queries/setup.ts';
import { applicableRules, currentWeightSet, dataVersionOf, type StoredSnapshot } from '../db/queries/snapshots.ts';
import { type Assessment, assessments } from '../db/schema.ts';
import type { Result } from '../engine/index.ts';
import type { ReportLabels, ResultSet, RuleRecord } from '../report/input.ts';
import type { EnginePool } from './engine-pool/pool.ts';
import { type Busy, CHECK_IN_PLACE_BYTES, evaluateText, notEvaluated } from './evaluation.ts';
import { buildProblem, ProblemBuildError, type ProblemJson } from './problem.ts';
import type { Refused } from './refused.ts';

/** The four methods of the side-by-side (docs/engine.md §5), each with the assessment's own options where it has them. */
const COMPARED = ['wsm', 'topsis', 'vikor', 'promethee2'] as const;

/**
 * The same data under `compare` of the four methods. The analyses that do not depend on the method (coordination,
 * obstacles, the panel's statistics) are in the main Result already, and sensitivity would multiply the cost.
 */
export function comparisonProblemOf(problem: ProblemJson): ProblemJson {
  const { sensitivity: _s, coordination: _c, obstacles: _o, explain: _e, method, ...rest } = problem;
  const own = method as { name?: string } | undefined;
  const methods = COMPARED.map((name) => (own?.name === name ? own : { name }));
  return { ...rest, method: { name: 'compare', methods } };
}

/** Names in both languages, index for index with the Problem's ids. */
export async function labelsOf(db: Db, assessment: Assessment, problem: ProblemJson): Promise<ReportLabels> {
  const { cities, dims, inds } = await structureOf(db, assessment.id);
  const byCode = <T extends { code: string }>(rows: readonly T[]) => new Map(rows.map((r) => [r.code, r]));
  const city = byCode(cities);
  const dim = byCode(dims);
  const ind = byCode(inds);
  const ids = (key: string): string[] => (Array.isArray(problem[key]) ? (problem[key] as string[]) : []);
  const criteria = (Array.isArray(problem.criteria) ? problem.criteria : []) as { id: string }[];
  return {
    assessment: {
      code: assessment.code,
      name: { en: assessment.nameEn, zh: assessment.nameZh },
      region: { en: assessment.regionEn, zh: assessment.regionZh },
      period: assessment.period,
      description: { en: assessment.descriptionEn, zh: assessment.descriptionZh },
      illustrative: assessment.illustrative,
    },
    alternatives: ids('alternatives').map((code) => {
      const row = city.get(code);
      return { code, en: row?.nameEn ?? code, zh: row?.nameZh ?? code };
    }),
    dimensions: ids('dimensions').map((code) => {
      const row = dim.get(code);
      return { code, en: row?.nameEn ?? code, zh: row?.nameZh ?? code };
    }),
    criteria: criteria.map(({ id }) => {
      const row = ind.get(id);
      return {
        code: id,
        en: row?.nameEn ?? id,
        zh: row?.nameZh ?? id,
        unit: row?.unit ?? null,
        source: row?.source ?? 'statistic',
      };
    }),
  };
}

export async function rulesOf(db: Db, assessmentId: AssessmentId): Promise<RuleRecord[]> {
  return (await applicableRules(db, assessmentId)).map((r) => ({
    code: r.code,
    dimensionCode: r.dimensionCode,
    condition: r.condition,
    textEn: r.textEn,
    textZh: r.textZh,
    source: r.source,
  }));
}

/** A live result set with the texts it was made of, which a snapshot stores byte for byte. */
export interface LiveSet {
  /**
   * False for a first look at a large assessment: the Problem without its sensitivity run, and no side-by-side of
   * methods. Such a set is shown while the whole one is evaluated, and is never cached, exported or published.
   */
  readonly complete: boolean;
  readonly set: ResultSet;
  readonly dataVersion: number;
  readonly problemText: string;
  readonly resultText: string;
  readonly comparisonProblemText: string;
  readonly comparisonResultText: string | null;
  readonly weightSet: { readonly version: number; readonly note: string } | null;
  readonly methodSettings: Record<string, unknown>;
}

export type LiveOutcome =
  | { readonly kind: 'ok'; readonly live: LiveSet; readonly cached: boolean; readonly consistent: boolean }
  /** The assessment cannot be evaluated yet (no scores, a statistic missing): the message says what to do. */
  | { readonly kind: 'unavailable'; readonly message: string }
  | Refused
  | Busy;

/** What a caller waits for: the whole set, or the first look at it when that comes sooner (`LiveSet.complete`). */
export type LiveStage = 'complete' | 'first';

/** An evaluation under way, the data version it reads once it knows it, and its first look. */
interface Flight {
  readonly version?: number;
  readonly done: Promise<LiveOutcome>;
  /** Settles with the first look, or with `done` when the evaluation has no first look to give. */
  readonly first: Promise<LiveOutcome>;
}

/** What a flight's `run` is handed: `reading(version)` once it knows the version, `early(outcome)` for a first look. */
export interface FlightHooks {
  readonly reading: (version: number) => void;
  readonly early: (outcome: LiveOutcome) => void;
  /** Whether the caller that started the flight takes a first look: if not, making one would be wasted work. */
  readonly firstLook: boolean;
}

/**
 * Live sets by assessment and data version. The version comes from the database on every call, so a cached set
 * is right however many processes write; an entry of an older version is simply never asked for again.
 */
export class ResultCache {
  readonly #entries = new Map<string, LiveSet>();
  readonly #views = new Map<string, Uint8Array<ArrayBuffer>>();
  readonly #running = new Map<AssessmentId, Flight>();
  readonly #next = new Map<AssessmentId, Promise<Flight>>();
  constructor(readonly capacity = 16) {}

  /**
   * One evaluation per assessment at a time, however fast its data changes. A request for a version no newer than
   * the running evaluation's shares it; any other waits for the next one, which starts when the running one ends
   * and reads the version then, so it is never older than what its requests asked for. Under a stream of saves
   * each request used to start its own build of the Problem, and those builds queued the saves (README, Performance).
   * `run` reads the version itself and reports it through `reading` as soon as it knows it.
   */
  flight(
    assessmentId: AssessmentId,
    version: number,
    run: (hooks: FlightHooks) => Promise<LiveOutcome>,
    stage: LiveStage = 'complete',
  ): Promise<LiveOutcome> {
    const running = this.#running.get(assessmentId);
    if (running === undefined) return this.#start(assessmentId, run, stage)[stage === 'first' ? 'first' : 'done'];
    if (running.version !== undefined && running.version >= version)
      return stage === 'first' ? running.first : running.done;
    let next = this.#next.get(assessmentId);
    if (next === undefined) {
      const settled = () => {
        this.#next.delete(assessmentId);
        return this.#start(assessmentId, run, stage);
      };
      next = running.done.then(settled, settled);
      this.#next.set(assessmentId, next);
    }
    return next.then((flight) => (stage === 'first' ? flight.first : flight.done));
  }

  #start(assessmentId: AssessmentId, run: (hooks: FlightHooks) => Promise<LiveOutcome>, stage: LiveStage): Flight {
    let version: number | undefined;
    let early!: (outcome: LiveOutcome | Promise<LiveOutcome>) => void;
    const first = new Promise<LiveOutcome>((resolve) => {
      early = resolve;
    });
    const done: Promise<LiveOutcome> = run({
      reading: (read) => {
        version = read;
      },
      early,
      firstLook: stage === 'first',
    }).finally(() => {
      if (this.#running.get(assessmentId)?.done === done) this.#running.delete(assessmentId);
    });
    // A run that gives no first look (small, cached, unavailable) answers its first-look callers when it is done;
    // `first` may have no caller at all, so its failure is handled here and reaches those callers it has.
    done.then(early, () => early(done));
    first.catch(() => {});
    const flight: Flight = {
      get version() {
        return version;
      },
      done,
      first,
    };
    this.#running.set(assessmentId, flight);
    return flight;
  }

  /**
   * A rendered view of a set, by a key that names the set exactly (its data version, or a snapshot's id, and the
   * language): made once and encoded once, then served as it is.
   */
  async view(key: string, make: () => Promise<string> | string): Promise<Uint8Array<ArrayBuffer>> {
    const hit = this.#views.get(key);
    if (hit !== undefined) {
      this.#views.delete(key);
      this.#views.set(key, hit);
      return hit;
    }
    const made = new TextEncoder().encode(await make());
    this.#views.set(key, made);
    while (this.#views.size > this.capacity * 2) this.#views.delete(this.#views.keys().next().value!);
    return made;
  }
  get(assessmentId: AssessmentId, version: number): LiveSet | undefined {
    const key = `${assessmentId}:${version}`;
    const hit = this.#entries.get(key);
    if (hit) {
      this.#entries.delete(key);
      this.#entries.set(key, hit);
    }
    return hit;
  }
  set(assessmentId: AssessmentId, live: LiveSet): void {
    const key = `${assessmentId}:${live.dataVersion}`;
    this.#entries.delete(key);
    this.#entries.set(key, live);
    while (this.#entries.size > this.capacity) this.#entries.delete(this.#entries.keys().next().value!);
  }
}

/**
 * The live draft: evaluated once per data version, through the cost model and the worker pool, one evaluation
 * of an assessment at a time (`ResultCache.flight`). `consistent` is false when the data changed
 * while it was read: such a set is shown once but neither cached nor published. With `stage` 'first', a large
 * assessment's answer may be its first look (`LiveSet.complete` false) while the whole set is still being made.
 */
export async function liveResults(
  db: Db,
  pool: EnginePool,
  cache: ResultCache,
  assessment: Assessment,
  stage: LiveStage = 'complete',
): Promise<LiveOutcome> {
  const unknown: LiveOutcome = { kind: 'unavailable', message: `no assessment "${assessment.code}"` };
  const before = await dataVersionOf(db, assessment.id);
  if (before === undefined) return unknown;
  const hit = cache.get(assessment.id, before);
  if (hit) return { kind: 'ok', live: hit, cached: true, consistent: true };
  return cache.flight(
    assessment.id,
    before,
    async ({ reading, early, firstLook }) => {
      const version = await dataVersionOf(db, assessment.id);
      if (version === undefined) return unknown;
      reading(version);
      const held = cache.get(assessment.id, version);
      if (held) return { kind: 'ok', live: held, cached: true, consistent: true };
      return evaluateLive(db, pool, cache, assessment.id, version, firstLook ? early : undefined);
    },
    stage,
  );
}

/**
 * A Problem whose JSON is larger than this gets a first look without its sensitivity run: the checks of such a
 * Problem already leave the event loop (src/app/evaluation.ts), and its sensitivity run, side-by-side and charts
 * take most of a second (README, Results and reports). A small one is whole in the time a first look would take.
 */
export const FIRST_LOOK_BYTES = CHECK_IN_PLACE_BYTES;

/** The Problem of a first look: the same data and settings without the sensitivity run (docs/engine.md §9). */
export function firstLookProblemOf(problem: ProblemJson): ProblemJson {
  const { sensitivity: _s, ...rest } = problem;
  return rest;
}

async function evaluateLive(
  db: Db,
  pool: EnginePool,
  cache: ResultCache,
  assessmentId: AssessmentId,
  before: number,
  early: ((outcome: LiveOutcome) => void) | undefined,
): Promise<LiveOutcome> {
  // Read after the version, so that its settings and names are no older than the version they are kept under.
  const assessment = await db.query.assessments.findFirst({ where: eq(assessments.id, assessmentId) });
  if (!assessment) return { kind: 'unavailable', message: `no assessment with id ${assessmentId}` };
  let problem: ProblemJson;
  let weightSet: LiveSet['weightSet'];
  let rules: RuleRecord[];
  let labels: ReportLabels;
  try {
    [problem, weightSet, rules] = await Promise.all([
      buildProblem(db, assessment.id),
      currentWeightSet(db, assessment.id).then((w) => w ?? null),
      rulesOf(db, assessment.id),
    ]);
    labels = await labelsOf(db, assessment, problem);
  } catch (err) {
    if (err instanceof ProblemBuildError) return { kind: 'unavailable', message: err.message };
    throw err;
  }
  const comparisonProblem = comparisonProblemOf(problem);
  const problemText = JSON.stringify(problem);
  const comparisonProblemText = JSON.stringify(comparisonProblem);
  const texts = { comparisonProblemText, weightSet, methodSettings: assessment.methodSettings, dataVersion: before };
  // Asked of the pool first, so that a single worker gives it before the whole set's runs.
  const firstLook =
    early && problem.sensitivity !== undefined && problemText.length > FIRST_LOOK_BYTES
      ? firstLookOf(firstLookProblemOf(problem), pool, { ...texts, labels, rules }).then(
          (live) => {
            if (live) early({ kind: 'ok', live, cached: false, consistent: true });
          },
          // The first look is optional: whatever stops it must not stop the whole set.
          () => {},
        )
      : Promise.resolve();
  const [main, comparison] = await Promise.all([
    evaluateText(problemText, pool),
    evaluateText(comparisonProblemText, pool),
    firstLook,
  ]);
  if (!main.ok) return notEvaluated(main);
  // Busy workers are a passing state: the side-by-side is left out only when the engine refuses the comparison.
  if (!comparison.ok && comparison.status === 503) return notEvaluated(comparison);
  const live: LiveSet = {
    complete: true,
    set: {
      problem,
      result: JSON.parse(main.json) as Result,
      comparisonProblem: comparison.ok ? comparisonProblem : null,
      comparison: comparison.ok ? (JSON.parse(comparison.json) as Result) : null,
      labels,
      rules,
    },
    problemText,
    resultText: main.json,
    comparisonResultText: comparison.ok ? comparison.json : null,
    ...texts,
  };
  const consistent = (await dataVersionOf(db, assessment.id)) === before;
  if (consistent) cache.set(assessment.id, live);
  return { kind: 'ok', live, cached: false, consistent };
}

/** The first look's set, or undefined when the engine could not give it (the whole set then answers alone). */
async function firstLookOf(
  problem: ProblemJson,
  pool: EnginePool,
  rest: Omit<LiveSet, 'complete' | 'set' | 'problemText' | 'resultText' | 'comparisonResultText'> &
    Pick<ResultSet, 'labels' | 'rules'>,
): Promise<LiveSet | undefined> {
  const problemText = JSON.stringify(problem);
  const evaluation = await evaluateText(problemText, pool);
  if (!evaluation.ok) return undefined;
  const { labels, rules, ...texts } = rest;
  return {
    complete: false,
    set: {
      problem,
      result: JSON.parse(evaluation.json) as Result,
      comparisonProblem: null,
      comparison: null,
      labels,
      rules,
    },
    problemText,
    resultText: evaluation.json,
    comparisonResultText: null,
    ...texts,
  };
}

/** A published snapshot as the set its pages, exports and reports are made from. */
export function snapshotSet(stored: StoredSnapshot): ResultSet {
  return {
    problem: JSON.parse(stored.problem) as ProblemJson,
    result: JSON.parse(stored.result) as Result,
    comparisonProblem: stored.comparisonProblem === null ? null : (JSON.parse(stored.comparisonProblem) as ProblemJson),
    comparison: stored.comparisonResult === null ? null : (JSON.parse(stored.comparisonResult) as Result),
    labels: JSON.parse(stored.labels) as ReportLabels,
    rules: JSON.parse(stored.rules) as RuleRecord[],
  };
}

export interface SetTexts {
  readonly problem: string;
  readonly result: string;
  readonly comparisonProblem: string | null;
  readonly comparison: string | null;
  readonly labels: string;
  readonly rules: string;
}

/**
 * A ResultSet's members as JSON text, put together from its documents' own JSON texts in ResultSet's key order.
 * Parsing a large Problem only to serialize it again held up every other request (README, Performance).
 */
const setMembers = (t: SetTexts): string =>
  `"problem":${t.problem},"result":${t.result},"comparisonProblem":${t.comparisonProblem ?? 'null'},"comparison":${t.comparison ?? 'null'},"labels":${t.labels},"rules":${t.rules}`;

/**
 * One JSON object's text: `head`'s values, then `texts` (members that are JSON text already), then a set's
 * members from its documents' texts.
 */
export function setText(head: Record<string, unknown>, texts: Record<string, string>, set: SetTexts): string {
  const members = [
    ...Object.entries(head).map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)}`),
    ...Object.entries(texts).map(([key, text]) => `${JSON.stringify(key)}:${text}`),
    setMembers(set),
  ];
  return `{${members.join(',')}}`;
}

/** `snapshotSet` as JSON text, made from the stored documents without parsing them: the same value, key for key. */
export const snapshotSetText = (stored: StoredSnapshot): string =>
  setText({}, {}, { ...stored, comparison: stored.comparisonResult });

/** `head`'s members, then the live set's, as one JSON object's text: what `GET /api/…/results` answers. */
export const liveSetText = (live: LiveSet, head: Record<string, unknown>): string =>
  setText(
    head,
    {},
    {
      problem: live.problemText,
      result: live.resultText,
      comparisonProblem: live.comparisonResultText === null ? null : live.comparisonProblemText,
      comparison: live.comparisonResultText,
      labels: JSON.stringify(live.set.labels),
      rules: JSON.stringify(live.set.rules),
    },
  );
