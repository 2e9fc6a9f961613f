import { restoreDatabase } from '../app/backup.ts';
import { databaseConfigFromEnv } from '../db/config.ts';
import { parseCommandArgs } from './args.ts';
import type { Run } from './command.ts';
import { cliTranslator } from './locale.ts';

/** `corridor restore FILE`: exit 1 when refused (nothing changed), with the reason on standard error. */
export const run: Run = async (args, io) => {
  const { positionals } = parseCommandArgs(args, {}, ['file']);
  const tr = cliTranslator(io.env);
  const outcome = await restoreDatabase(databaseConfigFromEnv(io.env), positionals[0]!, new Date());
  if (outcome.kind === 'refused') {
    io.stderr.write(`corridor restore: ${outcome.say(tr)}\n`);
    return 1;
  }
  const lines = [tr('restore.checked', { file: outcome.file, schema: outcome.before(tr) })];
  if (outcome.migrated > 0)
    lines.push(tr('restore.migrated', { applied: outcome.migrated, schema: outcome.schema(tr) }));
  if (outcome.kept) lines.push(tr('restore.kept', { old: outcome.kept }));
  lines.push(tr('restore.done', { file: outcome.file, database: outcome.database }));
  io.stdout.write(`${lines.join('\n')}\n`);
  return 0;
};
