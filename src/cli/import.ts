import { readFile } from 'node:fs/promises';
import { commitImport, previewImport } from '../app/import.ts';
import { findAssessment } from '../app/problem.ts';
import { parseCommandArgs } from './args.ts';
import type { Run } from './command.ts';
import { CommandError, withDatabase } from './database.ts';

/** Rows with problems printed; all are counted. */
const SHOWN = 50;

/** `corridor import ASSESSMENT FILE [--dry-run]`: the page's checks and its all-or-nothing write, from a shell. */
export const run: Run = async (args, io) => {
  const { values, positionals } = parseCommandArgs(args, { 'dry-run': { type: 'boolean' } }, ['ASSESSMENT', 'FILE']);
  const [key, file] = positionals as [string, string];
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch (err) {
    throw new CommandError(`cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  return withDatabase(io, 'import', async (db) => {
    const assessment = await findAssessment(db, key);
    if (!assessment) throw new CommandError(`no assessment with id or code "${key}"`);
    const outcome = await previewImport(db, assessment.id, bytes);
    if (outcome.kind === 'unreadable') throw new CommandError(`${file}: ${outcome.message}`);
    const p = outcome.preview;
    io.stdout.write(
      `${file}: ${p.valid} rows ready, ${p.invalid} with problems, ${p.replacing} replace a stored value.\n`,
    );
    const bad = p.rows.filter((r) => r.problems.length > 0);
    for (const r of bad.slice(0, SHOWN)) io.stderr.write(`line ${r.line}: ${r.problems.join('; ')}\n`);
    if (bad.length > SHOWN) io.stderr.write(`… and ${bad.length - SHOWN} more rows with problems\n`);
    if (p.invalid > 0) {
      io.stderr.write('Nothing was imported: correct the file and run again.\n');
      return 1;
    }
    if (values['dry-run']) {
      io.stdout.write('Dry run: nothing was written.\n');
      return 0;
    }
    // The CLI runs as the system (no signed-in user), with an administrator's rights.
    const done = await commitImport(
      db,
      new Date(),
      null,
      { assessment, access: { role: 'administrator', panelRole: null } },
      p,
      file,
    );
    if (done.kind === 'refused') throw new CommandError(done.issues.map((i) => i.message).join(' '));
    io.stdout.write(
      `Imported ${done.count} values into "${assessment.code}" (${done.replaced} replaced a stored value).\n`,
    );
    return 0;
  });
};
