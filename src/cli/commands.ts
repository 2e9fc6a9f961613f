import type { Command } from './command.ts';

/** Every sub-command, in the order `corridor --help` lists them. Each lives in its own module under src/cli/. */
export const commands: readonly Command[] = [];
