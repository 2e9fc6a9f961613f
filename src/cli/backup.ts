import { backupDatabase } from '../app/backup.ts';
import { databaseConfigFromEnv } from '../db/config.ts';
import { parseCommandArgs } from './args.ts';
import type { Run } from './command.ts';
import { cliTranslator } from './locale.ts';

/** `corridor backup FILE [--force]`: exit 1 when refused, with the reason on standard error. */
export const run: Run = async (args, io) => {
  const { values, positionals } = parseCommandArgs(args, { force: { type: 'boolean' } }, ['file']);
  const tr = cliTranslator(io.env);
  const outcome = backupDatabase(databaseConfigFromEnv(io.env), positionals[0]!, values.force === true);
  if (outcome.kind === 'refused') {
    io.stderr.write(`corridor backup: ${outcome.say(tr)}\n`);
    return 1;
  }
  const size =
    outcome.bytes >= 1024 * 1024
      ? `${(outcome.bytes / 1024 / 1024).toFixed(1)} MiB (${outcome.bytes} bytes)`
      : `${outcome.bytes} bytes`;
  io.stdout.write(`${tr('backup.written', { file: outcome.file, size, schema: outcome.schema(tr) })}\n`);
  if (outcome.audit)
    io.stdout.write(`${tr('backup.auditHead', { count: String(outcome.audit.count), head: outcome.audit.head })}\n`);
  return 0;
};
