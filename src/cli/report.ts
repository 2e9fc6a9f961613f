import { writeFileSync } from 'node:fs';
import { recordExport } from '../app/exports.ts';
import { findAssessment } from '../app/problem.ts';
import { metaOf } from '../app/reports.ts';
import { snapshotSet } from '../app/results.ts';
import type { SnapshotId } from '../db/ids.ts';
import { findSnapshot, listSnapshots } from '../db/queries/snapshots.ts';
import { pdfOf } from '../report/pdf/document.ts';
import { parseCommandArgs } from './args.ts';
import { type Run, UsageError } from './command.ts';
import { CommandError, withDatabase } from './database.ts';

/**
 * A snapshot's report or brief as a PDF file, from the same documents the web app serves. The command line is a
 * batch job, so the PDF is made in this process, with its progress on standard error.
 */
export const run: Run = async (args, io) => {
  const { values, positionals } = parseCommandArgs(
    args,
    { snapshot: { type: 'string' }, city: { type: 'string' }, lang: { type: 'string' }, out: { type: 'string' } },
    ['ASSESSMENT'],
  );
  const lang = values.lang;
  if (lang !== 'en' && lang !== 'zh') throw new UsageError('--lang must be en or zh');
  if (!values.out) throw new UsageError('missing --out FILE.pdf');
  if (values.snapshot !== undefined && !/^[1-9]\d{0,15}$/.test(values.snapshot))
    throw new UsageError(`--snapshot must be a snapshot id, got "${values.snapshot}"`);
  const key = positionals[0]!;
  return withDatabase(io, 'report', async (db) => {
    const assessment = await findAssessment(db, key);
    if (!assessment) throw new CommandError(`no assessment with id or code "${key}"`);
    const id = values.snapshot
      ? (Number(values.snapshot) as SnapshotId)
      : (await listSnapshots(db, assessment.id))[0]?.id;
    if (id === undefined)
      throw new CommandError(`"${assessment.code}" has no published snapshot: run \`corridor publish\` first`);
    const stored = await findSnapshot(db, assessment.id, id);
    if (!stored) throw new CommandError(`"${assessment.code}" has no published snapshot ${id}`);
    const set = snapshotSet(stored);
    if (values.city !== undefined && !set.labels.alternatives.some((a) => a.code === values.city))
      throw new CommandError(`snapshot ${id} has no city "${values.city}"`);
    let shown = -1;
    const pdf = await pdfOf(
      values.city ? 'brief' : 'report',
      { set, meta: metaOf(stored) },
      lang,
      values.city,
      (done, total) => {
        const percent = Math.floor((100 * done) / Math.max(1, total));
        if (percent >= shown + 10 || done === total) {
          shown = percent;
          io.stderr.write(`${percent} %\n`);
        }
      },
    );
    writeFileSync(values.out!, pdf);
    // Only once the file is written: a run that failed gave nobody the report.
    await recordExport(
      db,
      new Date(),
      null,
      { entity: 'snapshot', id: stored.id, assessment: assessment.code },
      { kind: values.city ? 'brief' : 'report', format: 'pdf', lang, city: values.city, via: 'cli' },
    );
    io.stdout.write(`Wrote ${values.out} (${pdf.length} bytes, snapshot ${id}, ${lang}).\n`);
    return 0;
  });
};
