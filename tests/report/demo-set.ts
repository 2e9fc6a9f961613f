/**
 * The Hexi Corridor demo as a result set, made the way the app makes one: the first-start seed into a migrated
 * in-memory libSQL database, the Problem from `buildProblem`, the names and rules from the results use case, and the
 * real engine's `evaluate` on the Problem and on its four-method comparison.
 */
import { buildProblem, findAssessment } from '../../src/app/problem.ts';
import { comparisonProblemOf, labelsOf, rulesOf } from '../../src/app/results.ts';
import { closeDatabase } from '../../src/db/client.ts';
import { seedIfEmpty } from '../../src/db/seed.ts';
import { ENGINE_VERSION, evaluate } from '../../src/engine/index.ts';
import type { ResultSet, SnapshotMeta } from '../../src/report/input.ts';
import { memoryDb } from '../db/fixtures.ts';

export const DEMO_CODE = 'hexi-corridor-2017';

export async function demoSet(): Promise<ResultSet> {
  const db = await memoryDb();
  try {
    await seedIfEmpty(db, { demo: true, log: () => {}, adminPassword: 'report-tests-admin' });
    const assessment = await findAssessment(db, DEMO_CODE);
    if (!assessment) throw new Error('the seed made no demo assessment');
    const problem = await buildProblem(db, assessment.id);
    const comparisonProblem = comparisonProblemOf(problem);
    return {
      problem,
      result: evaluate(problem),
      comparisonProblem,
      comparison: evaluate(comparisonProblem),
      labels: await labelsOf(db, assessment, problem),
      rules: await rulesOf(db, assessment.id),
    };
  } finally {
    closeDatabase(db);
  }
}

/** Who published the set when: what a snapshot's row would say. */
export const demoMeta: SnapshotMeta = {
  id: 7,
  hash: 'a3f1c09e5b7d2468ace0135792468ace0135792468ace0135792468ace01357',
  publishedAt: '2026-03-02T09:00:00.000Z',
  author: 'admin',
  engineVersion: ENGINE_VERSION,
  weightSetVersion: null,
  weightSetNote: null,
};

/** The same set with the first city renamed to markup and an ampersand, in both languages. */
export const HOSTILE = '<script>alert("x")</script> & Co';
export const withHostileCity = (set: ResultSet): ResultSet => ({
  ...set,
  labels: {
    ...set.labels,
    alternatives: set.labels.alternatives.map((a, i) =>
      i === 0 ? { ...a, en: HOSTILE, zh: `${HOSTILE}（武威）` } : a,
    ),
  },
});
