import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { EngineReply, EngineTask } from './engine-worker.ts';

export interface EnginePoolSettings {
  /** Worker threads; engine runs beyond these wait in the queue. */
  readonly threads: number;
  /** Each worker's JavaScript heap (V8's old generation), in MB. A worker that needs more is ended and replaced. */
  readonly heapMb: number;
  /** Wall-clock limit of one run, waiting in the queue included; the worker running it is ended and replaced. */
  readonly timeoutMs: number;
  /** Runs that may wait for a free worker; one more is refused at once (503) rather than queued for minutes. */
  readonly maxQueue: number;
  /** Start every thread at once (a server) rather than on first use (tests, which mostly never need one). */
  readonly eager: boolean;
}

/**
 * Defaults for a small server: one core is left to the event loop, so pages and saves stay quick while the rest
 * compute.
 */
export const defaultPoolSettings = (): EnginePoolSettings => ({
  threads: Math.max(1, Math.min(4, availableParallelism() - 1)),
  heapMb: 512,
  timeoutMs: 30_000,
  maxQueue: 16,
  eager: false,
});

/** Set by the build (bin/build.js): the app runs from dist/, where the worker's entry is compiled too. */
declare const __CORRIDOR_DIST__: boolean | undefined;

/**
 * The file each worker thread loads. From the sources (tests, tsx) a small module registers tsx first; from dist/
 * it is the compiled entry beside the app. In dist/, `import.meta.url` names this source file (bin/build.js), so
 * both paths are written from here.
 */
const WORKER =
  typeof __CORRIDOR_DIST__ !== 'undefined'
    ? new URL('../../../dist/engine-worker.js', import.meta.url)
    : new URL('./worker.mjs', import.meta.url);

/** Why a pooled run did not produce an answer; the message is meant for the user. */
export class EngineUnavailable extends Error {
  constructor(
    readonly reason: 'timeout' | 'memory' | 'busy' | 'crashed',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Engine work off the event loop, in worker threads (piscina: a maintained pool that ends a worker whose task
 * is aborted or that reaches its heap limit, and starts a replacement). Threads start on first use, so an app
 * that never needs them (most tests, the CLI) starts none.
 */
export class EnginePool {
  #pool: Piscina | undefined;
  readonly settings: EnginePoolSettings;

  constructor(settings: Partial<EnginePoolSettings> = {}) {
    this.settings = { ...defaultPoolSettings(), ...settings };
  }

  #piscina(): Piscina {
    this.#pool ??= new Piscina({
      filename: WORKER.href,
      minThreads: this.settings.eager ? this.settings.threads : 0,
      maxThreads: this.settings.threads,
      idleTimeout: 60_000,
      maxQueue: this.settings.maxQueue,
      resourceLimits: { maxOldGenerationSizeMb: this.settings.heapMb },
    });
    return this.#pool;
  }

  /** Starts the threads now, so that the first request does not wait for them. */
  warm(): void {
    this.#piscina();
  }

  async run(task: EngineTask): Promise<EngineReply> {
    const pool = this.#piscina();
    if (pool.queueSize >= this.settings.maxQueue) {
      throw new EngineUnavailable('busy', 'the server is busy with other calculations: try again in a minute');
    }
    const signal = AbortSignal.timeout(this.settings.timeoutMs);
    try {
      return (await pool.run(task, { signal })) as EngineReply;
    } catch (err) {
      throw this.#explain(err);
    }
  }

  #explain(err: unknown): EngineUnavailable {
    const message = err instanceof Error ? err.message : String(err);
    const seconds = Math.round(this.settings.timeoutMs / 100) / 10;
    if (err instanceof Error && err.name === 'AbortError') {
      return new EngineUnavailable(
        'timeout',
        `the calculation took longer than ${seconds} s and was stopped: make the problem smaller, or run it with \`corridor evaluate\``,
      );
    }
    if (/memory limit|out of memory/i.test(message)) {
      return new EngineUnavailable(
        'memory',
        `the calculation needed more than the ${this.settings.heapMb} MB a web request may use and was stopped: make the problem smaller, or run it with \`corridor evaluate\``,
      );
    }
    if (/queue is at limit/i.test(message)) {
      return new EngineUnavailable('busy', 'the server is busy with other calculations: try again in a minute');
    }
    return new EngineUnavailable('crashed', `the calculation failed unexpectedly (${message})`);
  }

  /** Ends every worker; runs still waiting are rejected. */
  async close(): Promise<void> {
    const pool = this.#pool;
    this.#pool = undefined;
    await pool?.destroy();
  }
}
