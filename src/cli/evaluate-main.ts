import { processIo, runCommand } from './command.ts';
import { commands } from './commands.ts';

/**
 * Entry point of the prebuilt `corridor evaluate` bundle (bin/evaluate-bundle.js): the same command as the
 * dispatcher runs, without importing the other commands and their web and database dependencies.
 */
export const evaluateMain = (args: string[]): Promise<number> =>
  runCommand(commands.find((c) => c.name === 'evaluate')!, args, processIo());
