import { PassThrough, Readable, Writable } from 'node:stream';
import type { CliIo } from '../../src/cli/command.ts';
import { main } from '../../src/cli.ts';

/** A writable that keeps what was written, for asserting on a command's output. */
class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void) {
    this.text += String(chunk);
    done();
  }
}

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `corridor <argv>` in-process with `stdin` piped in (not a terminal) and only `env` as the environment. */
export async function corridor(
  argv: string[],
  env: NodeJS.ProcessEnv,
  stdin: string | NodeJS.ReadableStream = '',
): Promise<Run> {
  const stdout = new Capture();
  const stderr = new Capture();
  const io: CliIo = { stdin: typeof stdin === 'string' ? Readable.from([stdin]) : stdin, stdout, stderr, env };
  const code = await main(argv, io);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/**
 * A stand-in terminal: reports itself as a TTY and "types" the next scripted answer each time a prompt switches to raw
 * mode.
 */
export class FakeTerminal extends PassThrough {
  readonly isTTY = true;
  readonly rawModes: boolean[] = [];
  constructor(private readonly answers: string[]) {
    super();
  }
  setRawMode(raw: boolean) {
    this.rawModes.push(raw);
    const answer = raw ? this.answers.shift() : undefined;
    if (answer !== undefined) setImmediate(() => this.write(answer));
    return this;
  }
}
