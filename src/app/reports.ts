/**
 * PDF reports of a published snapshot, rendered off the main thread and kept in the database (`report_renders`):
 * a snapshot never changes, so a finished PDF is served as it is from then on, by whichever server process is
 * asked. A long render's progress lives in the same row, so a poll that reaches another process still sees it.
 */
import { and, eq, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { SnapshotId } from '../db/ids.ts';
import type { SnapshotHead, StoredSnapshot } from '../db/queries/snapshots.ts';
import { reportRenders } from '../db/schema.ts';
import type { Locale } from '../i18n/messages.ts';
import type { SnapshotMeta } from '../report/input.ts';
import { EngineUnavailable } from './engine-pool/pool.ts';
import { snapshotSetText } from './results.ts';
import type { LazySnapshot } from './snapshots.ts';

export type ReportKind = 'report' | 'brief';

export interface ReportJob {
  readonly kind: ReportKind;
  /**
   * The report's input (`{ set, meta }`, src/report/input.ts) as JSON text. A snapshot's documents are stored as
   * JSON, so the text is put together from them as they are: parsing a large snapshot on the main thread only to
   * serialize it again for the worker held up every other request (README, Performance).
   */
  readonly input: string;
  readonly locale: Locale;
  /** The city of a brief, by its code. */
  readonly city?: string;
}

/** Renders one PDF (in a worker); `onProgress` is called now and then with the work done so far. */
export type PdfRenderer = (job: ReportJob, onProgress: (done: number, total: number) => void) => Promise<Uint8Array>;

/**
 * A render whose row has not been refreshed for this long belonged to a process that died: it may be taken over.
 * Rows are refreshed every HEARTBEAT_MS while their render runs, so only a dead process's row goes stale.
 */
export const STALE_AFTER_MS = 60_000;
const HEARTBEAT_MS = 10_000;
/** A failed render is tried again after this long, not on every request. */
export const RETRY_AFTER_MS = 30_000;
/** Progress is written at most this often, so a long render costs a handful of writes, not one per page. */
const PROGRESS_EVERY_MS = 500;

export type ReportOutcome =
  | { readonly kind: 'ready'; readonly pdf: Uint8Array }
  | { readonly kind: 'pending'; readonly done: number; readonly total: number }
  | { readonly kind: 'failed'; readonly message: string };

/** The worker's input (`{ set, meta }`) as JSON text, put together from the stored documents as they are. */
const reportInputText = (stored: StoredSnapshot): string =>
  `{"set":${snapshotSetText(stored)},"meta":${JSON.stringify(metaOf(stored))}}`;

export const metaOf = (s: SnapshotHead): SnapshotMeta => ({
  id: s.id,
  hash: s.hash,
  publishedAt: s.createdAt.toISOString(),
  author: s.author,
  engineVersion: s.engineVersion,
  weightSetVersion: s.weightSetVersion,
  weightSetNote: s.weightSetNote,
});

/**
 * `corridor-<assessment>-<snapshot>[-<city>]-<lang>.pdf`: an assessment's code is a slug (a CHECK constraint) and a
 * city's code is one of the snapshot's, which setup keeps to [a-z0-9_-].
 */
export const reportFileName = (assessment: string, snapshot: number, locale: Locale, city?: string): string =>
  `corridor-${assessment}-${snapshot}${city ? `-${city}` : ''}-${locale}.pdf`;

const key = (snapshotId: SnapshotId, kind: ReportKind, city: string, locale: Locale) =>
  and(
    eq(reportRenders.snapshotId, snapshotId),
    eq(reportRenders.kind, kind),
    eq(reportRenders.city, city),
    eq(reportRenders.locale, locale),
  );

/**
 * The PDF of a snapshot if it is made, otherwise its progress: the first request starts the render (at most one
 * per PDF across every process, by a conditional upsert), and waits up to `waitMs` for it before answering
 * `pending`.
 */
export async function requestReport(
  db: Db,
  render: PdfRenderer,
  clock: () => Date,
  source: LazySnapshot,
  kind: ReportKind,
  locale: Locale,
  city: string | undefined,
  waitMs: number,
): Promise<ReportOutcome> {
  const stored = source.snapshot;
  const where = key(stored.id, kind, city ?? '', locale);
  const read = async () => (await db.select().from(reportRenders).where(where).limit(1))[0];
  const row = await read();
  if (row?.status === 'done' && row.pdf) return { kind: 'ready', pdf: row.pdf };

  const now = clock();
  const claimed = await db
    .insert(reportRenders)
    .values({
      snapshotId: stored.id,
      kind,
      city: city ?? '',
      locale,
      status: 'running',
      startedAt: now,
      heartbeatAt: now,
    })
    .onConflictDoUpdate({
      target: [reportRenders.snapshotId, reportRenders.kind, reportRenders.city, reportRenders.locale],
      set: { status: 'running', done: 0, total: 0, error: null, startedAt: now, heartbeatAt: now, finishedAt: null },
      // A failed render is tried again after a pause; a running one only when its process has stopped refreshing it.
      setWhere: or(
        and(eq(reportRenders.status, 'failed'), lt(reportRenders.finishedAt, new Date(now.getTime() - RETRY_AFTER_MS))),
        and(
          eq(reportRenders.status, 'running'),
          lt(reportRenders.heartbeatAt, new Date(now.getTime() - STALE_AFTER_MS)),
        ),
      ),
    })
    .returning({ id: reportRenders.id });

  const finished =
    claimed.length > 0 ? run(db, render, clock, source, kind, locale, city, now) : waitForOther(read, waitMs);
  const outcome = await Promise.race([finished, delay(waitMs).then(() => null)]);
  if (outcome) return outcome;
  const current = await read();
  if (current?.status === 'failed') return { kind: 'failed', message: current.error ?? 'the report could not be made' };
  return { kind: 'pending', done: current?.done ?? 0, total: current?.total ?? 0 };
}

export type ReportState =
  | { readonly kind: 'done' }
  | { readonly kind: 'running'; readonly done: number; readonly total: number; readonly stale: boolean }
  | { readonly kind: 'failed'; readonly message: string };

/** The current state without starting anything (what a progress poll asks); null when nothing was asked for yet. */
export async function reportStatus(
  db: Db,
  snapshotId: SnapshotId,
  kind: ReportKind,
  locale: Locale,
  city: string | undefined,
): Promise<ReportState | null> {
  const [row] = await db
    .select({
      status: reportRenders.status,
      done: reportRenders.done,
      total: reportRenders.total,
      error: reportRenders.error,
      heartbeatAt: reportRenders.heartbeatAt,
    })
    .from(reportRenders)
    .where(key(snapshotId, kind, city ?? '', locale))
    .limit(1);
  if (!row) return null;
  if (row.status === 'failed') return { kind: 'failed', message: row.error ?? 'the report could not be made' };
  if (row.status === 'done') return { kind: 'done' };
  return {
    kind: 'running',
    done: row.done,
    total: row.total,
    stale: row.heartbeatAt.getTime() < Date.now() - STALE_AFTER_MS,
  };
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

async function run(
  db: Db,
  render: PdfRenderer,
  clock: () => Date,
  source: LazySnapshot,
  kind: ReportKind,
  locale: Locale,
  city: string | undefined,
  claimedAt: Date,
): Promise<ReportOutcome> {
  const stored = source.snapshot;
  // Only this claim's row: a render that outlived its claim (taken over as stale) must not overwrite the next one's.
  const where = and(key(stored.id, kind, city ?? '', locale), eq(reportRenders.startedAt, claimedAt));
  const heartbeat = setInterval(() => {
    db.update(reportRenders)
      .set({ heartbeatAt: clock() })
      .where(where)
      .then(
        () => {},
        () => {},
      );
  }, HEARTBEAT_MS).unref();
  let last = 0;
  let writing = Promise.resolve();
  const onProgress = (done: number, total: number) => {
    const at = Date.now();
    if (at - last < PROGRESS_EVERY_MS) return;
    last = at;
    writing = writing
      .then(() => db.update(reportRenders).set({ done, total, heartbeatAt: clock() }).where(where))
      .then(
        () => {},
        () => {},
      );
  };
  try {
    const pdf = await render(
      { kind, input: reportInputText(await source.documents()), locale, ...(city ? { city } : {}) },
      onProgress,
    );
    await writing;
    await db
      .update(reportRenders)
      .set({
        status: 'done',
        pdf: Buffer.from(pdf),
        done: sql`${reportRenders.total}`,
        finishedAt: clock(),
        heartbeatAt: clock(),
      })
      .where(where);
    return { kind: 'ready', pdf };
  } catch (err) {
    await writing;
    // The pool's own refusals (busy, too long, too large) are meant for the reader; anything else is not.
    const message = err instanceof EngineUnavailable ? err.message : 'the report could not be made';
    await db.update(reportRenders).set({ status: 'failed', error: message, finishedAt: clock() }).where(where);
    return { kind: 'failed', message };
  } finally {
    clearInterval(heartbeat);
  }
}

/** Another process (or an earlier request) is rendering: watch its row for up to `waitMs`. */
async function waitForOther(
  read: () => Promise<{ status: string; pdf: Buffer | null; error: string | null } | undefined>,
  waitMs: number,
): Promise<ReportOutcome | null> {
  const until = Date.now() + waitMs;
  while (Date.now() < until) {
    await delay(Math.min(200, waitMs));
    const row = await read();
    if (row?.status === 'done' && row.pdf) return { kind: 'ready', pdf: row.pdf };
    if (row?.status === 'failed') return { kind: 'failed', message: row.error ?? 'the report could not be made' };
  }
  return null;
}
