/** What a sub-command does, given its arguments; returns the process exit status (2 for usage errors). */
export type Run = (args: string[], io: CliIo) => Promise<number>;

/**
 * One `corridor` sub-command as the dispatcher knows it. `load` imports the implementation only when the command
 * runs, so `corridor evaluate` never loads the web app or the database, and `--help` loads nothing.
 */
export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  load(): Promise<Run>;
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

export const processIo = (): CliIo => ({
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});

/**
 * Runs one command as the dispatcher does: `--help` prints its usage, a UsageError prints the message and the usage
 * (exit 2).
 */
export async function runCommand(command: Command, args: string[], io: CliIo): Promise<number> {
  if (wantsHelp(args)) {
    io.stdout.write(`${command.usage}\n`);
    return 0;
  }
  try {
    const run = await command.load();
    return await run(args, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`corridor ${command.name}: ${err.message}\n\n${command.usage}\n`);
      return 2;
    }
    throw err;
  }
}
