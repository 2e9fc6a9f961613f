import { processIo, runCommand } from './command.ts';
import { evaluateCommand } from './evaluate.ts';

/**
 * Entry point of the prebuilt `corridor evaluate` bundle (bin/evaluate-bundle.js): the same command as the
 * dispatcher runs, without importing the other commands and their web and database dependencies.
 */
export const evaluateMain = (args: string[]): Promise<number> => runCommand(evaluateCommand, args, processIo());
