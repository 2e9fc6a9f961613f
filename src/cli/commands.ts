import type { Command } from './command.ts';
import { evaluateCommand } from './evaluate.ts';
import { migrateCommand } from './migrate.ts';
import { problemCommand } from './problem.ts';
import { seedCommand } from './seed.ts';
import { serveCommand } from './serve.ts';
import { userCommand } from './user.ts';

/** Every sub-command, in the order `corridor --help` lists them. Each lives in its own module under src/cli/. */
export const commands: readonly Command[] = [
  serveCommand,
  migrateCommand,
  seedCommand,
  userCommand,
  evaluateCommand,
  problemCommand,
];
