import type { CliIo, Command } from './cli/command.ts';
import { UsageError, wantsHelp } from './cli/command.ts';
import { commands } from './cli/commands.ts';

const usage = (): string =>
  ['Usage: corridor <command> [options]', '', 'Commands:', ...commands.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`), '', 'Run `corridor <command> --help` for the options of one command.', ''].join('\n');

export async function main(argv: string[], io: CliIo = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env }): Promise<number> {
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
  if (wantsHelp(rest)) {
    io.stdout.write(`${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`corridor ${command.name}: ${err.message}\n\n${command.usage}\n`);
      return 2;
    }
    throw err;
  }
}
