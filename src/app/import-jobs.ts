/**
 * Imports in progress, kept in the database (table `import_jobs`) so that behind a load balancer the upload, its
 * progress polls and its confirmation may each reach a different server process. Checking a large file takes
 * seconds, so the upload starts a job and the page polls it for its progress; the process that took the upload
 * checks the file and writes its progress to the row, and the preview then waits there for the administrator to
 * confirm. A job belongs to the user and assessment that started it and is forgotten after `TTL_MS`.
 */
import { randomBytes } from 'node:crypto';
import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { AssessmentId, UserId } from '../db/ids.ts';
import { importJobs } from '../db/schema.ts';
import type { AccessibleAssessment } from './access.ts';
import { type Committable, commitImport, type ImportOutcome, type ImportPreview, type ImportRow } from './import.ts';

export const TTL_MS = 30 * 60 * 1000;
/** Jobs kept at once, across all processes and users. Each waiting preview holds its file's rows. */
export const MAX_JOBS = 20;
/** A check whose row has not been refreshed for this long belonged to a process that died. */
export const STALE_AFTER_MS = 30_000;
const HEARTBEAT_MS = 10_000;
/** Progress is written at most this often, so a long check costs a handful of writes, not one per slice of rows. */
const PROGRESS_EVERY_MS = 250;
/** Rows with problems kept for the preview page (all of them are counted), and the first rows shown as a sample. */
export const PROBLEM_ROWS = 300;
export const SAMPLE_ROWS = 20;

/** What a checked job keeps: the rows the page shows, not every row of the file, and what confirming writes. */
export interface StoredPreview extends Committable {
  readonly valid: number;
  readonly problemRows: readonly ImportRow[];
  readonly moreProblems: number;
  readonly sample: readonly ImportRow[];
}

export type JobState =
  | { readonly kind: 'checking'; readonly done: number; readonly total: number }
  | { readonly kind: 'ready'; readonly preview: StoredPreview }
  /** Being written: a second confirmation (a double click, another tab, another process) finds the job taken. */
  | { readonly kind: 'committing' }
  | { readonly kind: 'unreadable'; readonly message: string }
  /** The process checking the file stopped (it was restarted or died) before the check was done. */
  | { readonly kind: 'interrupted' }
  | { readonly kind: 'imported'; readonly count: number; readonly replaced: number };

export interface ImportJob {
  readonly id: string;
  readonly fileName: string;
  readonly state: JobState;
}

interface Owner {
  readonly userId: UserId;
  readonly assessmentId: AssessmentId;
}

export function storedPreview(p: ImportPreview): StoredPreview {
  const problems = p.rows.filter((r) => r.problems.length > 0);
  return {
    valid: p.valid,
    invalid: p.invalid,
    replacing: p.replacing,
    format: p.format,
    sha256: p.sha256,
    writes: p.writes,
    replaced: p.replaced,
    problemRows: problems.slice(0, PROBLEM_ROWS),
    moreProblems: Math.max(0, problems.length - PROBLEM_ROWS),
    sample: p.rows.slice(0, SAMPLE_ROWS),
  };
}

/** A refused or failed write goes back to waiting; swallowed, since the caller reports the first failure. */
const ignore = () => {};

export class ImportJobs {
  constructor(
    private readonly db: Db,
    private readonly clock: () => Date,
  ) {}

  /**
   * Records the job, then checks in the background on this process, writing the check's progress to the row.
   * Expired jobs are deleted first; with `MAX_JOBS` kept, finished jobs make room first, then waiting previews,
   * and a check under way only last.
   */
  async start(
    owner: Owner,
    fileName: string,
    check: (
      progress: (done: number, total: number) => void,
    ) => Promise<{ kind: 'preview'; preview: ImportPreview } | { kind: 'unreadable'; message: string }>,
  ): Promise<{ readonly id: string }> {
    const now = this.clock();
    const id = randomBytes(16).toString('base64url');
    const j = importJobs;
    // One batch, so two processes starting at once cannot both count the same free place.
    await this.db.batch([
      this.db.delete(j).where(lt(j.startedAt, new Date(now.getTime() - TTL_MS))),
      this.db.delete(j).where(
        sql`${j.id} in (select ${j.id} from ${j} order by case ${j.state} when 'imported' then 0 when 'unreadable' then 0
          when 'ready' then 1 else 2 end, ${j.startedAt} limit max(0, (select count(*) from ${j}) - ${MAX_JOBS - 1}))`,
      ),
      this.db.insert(j).values({ id, ...owner, fileName, startedAt: now, heartbeatAt: now, state: 'checking' }),
    ]);
    this.#check(id, check);
    return { id };
  }

  #check(id: string, check: Parameters<ImportJobs['start']>[2]) {
    const where = and(eq(importJobs.id, id), eq(importJobs.state, 'checking'));
    const heartbeat = setInterval(() => {
      this.db.update(importJobs).set({ heartbeatAt: this.clock() }).where(where).then(ignore, ignore);
    }, HEARTBEAT_MS).unref();
    let last = 0;
    // Progress writes one after the other, and the outcome after the last of them, so none overwrites the outcome.
    let writing: Promise<void> = Promise.resolve();
    const progress = (done: number, total: number) => {
      const at = Date.now();
      if (at - last < PROGRESS_EVERY_MS) return;
      last = at;
      writing = writing
        .then(() => this.db.update(importJobs).set({ done, total, heartbeatAt: this.clock() }).where(where))
        .then(ignore, ignore);
    };
    check(progress)
      .then(
        (outcome) =>
          outcome.kind === 'preview'
            ? { state: 'ready' as const, preview: storedPreview(outcome.preview) }
            : { state: 'unreadable' as const, message: outcome.message },
        (err: unknown) => ({ state: 'unreadable' as const, message: err instanceof Error ? err.message : String(err) }),
      )
      .then(async (outcome) => {
        await writing;
        await this.db
          .update(importJobs)
          .set({ ...outcome, heartbeatAt: this.clock() })
          .where(where);
      })
      .then(ignore, ignore)
      .finally(() => clearInterval(heartbeat));
  }

  /**
   * The job, only for the user and assessment it belongs to and before it expires. `withPreview: false` leaves the
   * preview's rows unread (a progress poll needs only the counts); a ready job's preview is then empty.
   */
  async get(id: string, owner: Owner, withPreview = true): Promise<ImportJob | undefined> {
    const now = this.clock().getTime();
    const j = importJobs;
    const [row] = await this.db
      .select({
        id: j.id,
        fileName: j.fileName,
        heartbeatAt: j.heartbeatAt,
        state: j.state,
        done: j.done,
        total: j.total,
        message: j.message,
        count: j.count,
        replaced: j.replaced,
        ...(withPreview ? { preview: j.preview } : {}),
      })
      .from(j)
      .where(
        and(
          eq(j.id, id),
          eq(j.userId, owner.userId),
          eq(j.assessmentId, owner.assessmentId),
          gt(j.startedAt, new Date(now - TTL_MS)),
        ),
      )
      .limit(1);
    if (!row) return undefined;
    const state = ((): JobState => {
      switch (row.state) {
        case 'checking':
          return now - row.heartbeatAt.getTime() > STALE_AFTER_MS
            ? { kind: 'interrupted' }
            : { kind: 'checking', done: row.done, total: row.total };
        case 'ready':
          return { kind: 'ready', preview: ('preview' in row ? row.preview : {}) as StoredPreview };
        case 'committing':
          return { kind: 'committing' };
        case 'unreadable':
          return { kind: 'unreadable', message: row.message ?? '' };
        case 'imported':
          return { kind: 'imported', count: row.count ?? 0, replaced: row.replaced ?? 0 };
      }
    })();
    return { id: row.id, fileName: row.fileName, state };
  }

  /**
   * Writes a ready job's preview. The job is claimed first with one conditional update, so of two confirmations at
   * once (on one process or two) exactly one writes; the other, like any job not ready, gets `undefined`. The values,
   * the audit entry and the job marked imported are one transaction; a refused or failed write makes the job ready
   * again.
   */
  async confirm(
    id: string,
    actor: { readonly id: UserId },
    seat: AccessibleAssessment,
  ): Promise<ImportOutcome | undefined> {
    const j = importJobs;
    const now = this.clock();
    const mine = and(
      eq(j.id, id),
      eq(j.userId, actor.id),
      eq(j.assessmentId, seat.assessment.id),
      gt(j.startedAt, new Date(now.getTime() - TTL_MS)),
    );
    const [claimed] = await this.db
      .update(j)
      .set({ state: 'committing', heartbeatAt: now })
      .where(and(mine, eq(j.state, 'ready')))
      .returning({ fileName: j.fileName, preview: j.preview });
    if (!claimed) return undefined;
    const preview = claimed.preview as StoredPreview;
    const release = () => this.db.update(j).set({ state: 'ready' }).where(eq(j.id, id));
    const done = this.db
      .update(j)
      .set({ state: 'imported', preview: null, count: preview.writes.length, replaced: preview.replacing })
      .where(eq(j.id, id));
    const outcome = await commitImport(this.db, now, actor, seat, preview, claimed.fileName, [done]).catch(
      async (err: unknown) => {
        await release().catch(ignore);
        throw err;
      },
    );
    if (outcome.kind === 'refused') await release();
    return outcome;
  }
}
