/**
 * Imports in progress, held in this process's memory: checking a large file takes seconds, so the upload starts a
 * job and the page polls it for its progress; the preview then waits here for the administrator to confirm. A job
 * belongs to the user and assessment that started it and is forgotten after `TTL_MS`.
 */
import { randomBytes } from 'node:crypto';
import type { AssessmentId, UserId } from '../db/ids.ts';
import type { ImportPreview, PreviewOutcome } from './import.ts';

export const TTL_MS = 30 * 60 * 1000;
/** Jobs kept at once. Each holds its file's rows. */
const MAX_JOBS = 20;

export type JobState =
  | { readonly kind: 'checking'; readonly done: number; readonly total: number }
  | { readonly kind: 'ready'; readonly preview: ImportPreview }
  /** Being written: a second confirmation (a double click, another tab) finds the job taken. */
  | { readonly kind: 'committing'; readonly preview: ImportPreview }
  | { readonly kind: 'unreadable'; readonly message: string }
  | { readonly kind: 'imported'; readonly count: number; readonly replaced: number };

export interface ImportJob {
  readonly id: string;
  readonly userId: UserId;
  readonly assessmentId: AssessmentId;
  readonly fileName: string;
  readonly startedAt: number;
  state: JobState;
}

export class ImportJobs {
  readonly #jobs = new Map<string, ImportJob>();
  constructor(private readonly now: () => number = Date.now) {}

  /** Starts checking in the background; the job's state follows the check's progress. */
  start(
    owner: { userId: UserId; assessmentId: AssessmentId },
    fileName: string,
    check: (progress: (done: number, total: number) => void) => Promise<PreviewOutcome>,
  ): ImportJob {
    this.#expire();
    // Room for the new job; looking jobs up must not evict (with the store full, it would drop the one looked up).
    while (this.#jobs.size >= MAX_JOBS) this.#jobs.delete(this.#evictable());
    const job: ImportJob = {
      id: randomBytes(16).toString('base64url'),
      ...owner,
      fileName,
      startedAt: this.now(),
      state: { kind: 'checking', done: 0, total: 0 },
    };
    this.#jobs.set(job.id, job);
    check((done, total) => {
      job.state = { kind: 'checking', done, total };
    }).then(
      (outcome) => {
        job.state = outcome.kind === 'preview' ? { kind: 'ready', preview: outcome.preview } : outcome;
      },
      (err: unknown) => {
        job.state = { kind: 'unreadable', message: err instanceof Error ? err.message : String(err) };
      },
    );
    return job;
  }

  /** The job, only for the user and assessment it belongs to. */
  get(id: string, owner: { userId: UserId; assessmentId: AssessmentId }): ImportJob | undefined {
    this.#expire();
    const job = this.#jobs.get(id);
    return job && job.userId === owner.userId && job.assessmentId === owner.assessmentId ? job : undefined;
  }

  #expire() {
    const now = this.now();
    for (const [id, job] of this.#jobs) if (now - job.startedAt > TTL_MS) this.#jobs.delete(id);
  }

  /** Finished jobs go first, then previews waiting for confirmation; a check or a write under way only last. */
  #evictable(): string {
    const jobs = [...this.#jobs.values()];
    const first = (kinds: readonly JobState['kind'][]) => jobs.find((j) => kinds.includes(j.state.kind));
    return (first(['imported', 'unreadable']) ?? first(['ready']) ?? jobs[0]!).id;
  }
}
