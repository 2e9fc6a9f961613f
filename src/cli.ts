import type { CliIo, Command } from './cli/command.ts';
import { processIo, runCommand } from './cli/command.ts';
import { commands } from './cli/commands.ts';

const usage = (): string =>
  [
    'Usage: corridor <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`),
    '',
    'Run `corridor <command> --help` for the options of one command.',
    '',
  ].join('\n');

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout).write(usage());
    return name === undefined ? 2 : 0;
  }
  const command: Command | undefined = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`corridor: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  return runCommand(command, rest, io);
}
