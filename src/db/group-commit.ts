import type { InStatement } from '@libsql/client';
import { type Db, writerOf } from './client.ts';
import { databaseFault } from './faults.ts';
import type { WriteBatch } from './reader.ts';

type Rows = { rows: Record<string, unknown>[] }[];

interface Job {
  readonly statements: readonly InStatement[];
  readonly resolve: (results: Rows) => void;
  readonly reject: (err: unknown) => void;
}

/** A group is cut at this many statements, so one commit never holds a burst of saves back for long. */
const MAX_GROUP_STATEMENTS = 1_000;

/**
 * Group commit: the writes that arrive while the previous group is being written go together in the next
 * transaction, so a panel saving at once pays one commit (one fsync, with SQLite's durable default
 * `synchronous = FULL`) per group rather than per save. Each write's statements stay adjacent and in order, so
 * a write behaves as if it ran alone after the ones before it (its `changes()` and guards see their rows), and
 * each caller hears back only after the commit that holds its write. If a group fails, its writes are retried
 * one by one, so one bad write fails alone.
 */
export class GroupCommit {
  readonly #write: WriteBatch;
  #waiting: Job[] = [];
  #draining = false;

  constructor(write: WriteBatch) {
    this.#write = write;
  }

  /** Runs the statements as one transaction, together with the writes waiting beside them. */
  run(statements: readonly InStatement[]): Promise<Rows> {
    return new Promise((resolve, reject) => {
      this.#waiting.push({ statements, resolve, reject });
      if (!this.#draining) {
        this.#draining = true;
        // Let the requests already read in this turn of the event loop add their writes first.
        setImmediate(() => void this.#drain());
      }
    });
  }

  async #drain(): Promise<void> {
    while (this.#waiting.length > 0) {
      let size = 0;
      let cut = 0;
      while (
        cut < this.#waiting.length &&
        (cut === 0 || size + this.#waiting[cut]!.statements.length <= MAX_GROUP_STATEMENTS)
      ) {
        size += this.#waiting[cut]!.statements.length;
        cut++;
      }
      const group = this.#waiting.splice(0, cut);
      await this.#commit(group);
    }
    this.#draining = false;
  }

  async #commit(group: readonly Job[]): Promise<void> {
    if (group.length > 1) {
      try {
        const results = await this.#write(group.flatMap((job) => job.statements));
        let at = 0;
        for (const job of group) {
          job.resolve(results.slice(at, at + job.statements.length));
          at += job.statements.length;
        }
        return;
      } catch (err) {
        // The database is busy (another process holds the write lock): each write alone would wait as long
        // again, with the event loop blocked, so the whole group fails. Otherwise it was one write's fault,
        // and the group, rolled back as a whole, is retried one write at a time.
        if (isBusy(err)) {
          for (const job of group) job.reject(err);
          return;
        }
      }
    }
    for (const job of group) {
      try {
        job.resolve(await this.#write(job.statements));
      } catch (err) {
        job.reject(err);
      }
    }
  }
}

const isBusy = (err: unknown) => databaseFault(err) === 'locked';

const groups = new WeakMap<Db, GroupCommit>();

/** The one group commit of a database: every hot write to it goes through the same queue. */
export function groupCommit(db: Db): GroupCommit {
  let group = groups.get(db);
  if (!group) {
    group = new GroupCommit(writerOf(db));
    groups.set(db, group);
  }
  return group;
}
