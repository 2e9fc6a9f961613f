/** One `corridor` sub-command. `run` returns the process exit status (2 for usage errors). */
export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  run(args: string[], io: CliIo): Promise<number>;
}

/** Streams are injected so tests can drive commands in-process. */
export interface CliIo {
  readonly stdin: NodeJS.ReadableStream;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly env: NodeJS.ProcessEnv;
}

export class UsageError extends Error {}

export const wantsHelp = (args: string[]): boolean => args.includes('--help') || args.includes('-h');
