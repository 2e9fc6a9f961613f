import { and, eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildProblem, findAssessment, ProblemBuildError } from '../../src/app/problem.ts';
import type { Db } from '../../src/db/client.ts';
import { closeDatabase } from '../../src/db/client.ts';
import { DEMO_ASSESSMENT, demoCities, demoIndicators, demoStatistics } from '../../src/db/demo/hexi-demo.ts';
import type { AssessmentId } from '../../src/db/ids.ts';
import {
  alternatives,
  assessments,
  indicators,
  indicatorValues,
  panelMembers,
  rounds,
  scores,
  users,
  weightSets,
} from '../../src/db/schema.ts';
import { seedIfEmpty } from '../../src/db/seed.ts';
import { evaluate } from '../../src/engine/index.ts';
import { memoryDb } from '../db/fixtures.ts';

let db: Db;
let demoId: AssessmentId;
const at = new Date('2026-03-02T09:00:00Z');

beforeEach(async () => {
  db = await memoryDb();
  await seedIfEmpty(db, { adminPassword: 'demo-admin-password-1', demo: true, log: () => {}, clock: () => at });
  demoId = (await findAssessment(db, DEMO_ASSESSMENT.code))!.id;
});
afterEach(() => closeDatabase(db));

interface PanelJson {
  experts: string[];
  influence: number[];
  scores: (number | null)[][][];
  aggregate?: string;
}
const panelOf = (problem: Record<string, unknown>) => problem.panel as PanelJson;
const column = (problem: Record<string, unknown>, code: string) =>
  (problem.criteria as { id: string }[]).findIndex((c) => c.id === code);
const indicatorIdOf = async (code: string) =>
  (
    await db
      .select({ id: indicators.id })
      .from(indicators)
      .where(and(eq(indicators.assessmentId, demoId), eq(indicators.code, code)))
  )[0]!.id;
const cityIdOf = async (code: string) =>
  (
    await db
      .select({ id: alternatives.id })
      .from(alternatives)
      .where(and(eq(alternatives.assessmentId, demoId), eq(alternatives.code, code)))
  )[0]!.id;

describe('buildProblem on the seeded demo', () => {
  it('evaluates end to end: every city ranked once, the panel aggregated by the engine', async () => {
    const problem = await buildProblem(db, demoId);
    const result = evaluate(problem);
    expect(result.alternatives).toEqual(demoCities.map((c) => c.code));
    expect([...result.ranks].sort()).toEqual([1, 2, 3, 4, 5]);
    expect(result.method).toBe('topsis');
    expect(result.weighting).toEqual({ method: 'equal' });
    expect(result.panel!.experts).toEqual(['expert-1', 'expert-2', 'expert-3', 'expert-4', 'expert-5']);
  });

  it('finds an assessment by id or by code', async () => {
    expect((await findAssessment(db, String(demoId)))?.code).toBe(DEMO_ASSESSMENT.code);
    expect(await findAssessment(db, 'atlantis')).toBeUndefined();
  });

  it('carries indicators as criteria with their dimension, direction and scale, and each statistic for every expert', async () => {
    const problem = await buildProblem(db, demoId);
    expect(problem.dimensions).toEqual(['planning', 'policy', 'industry', 'social']);
    const criteria = problem.criteria as {
      id: string;
      dimension: string;
      type: string;
      bounds?: number[];
      name: string;
    }[];
    expect(criteria.map((c) => c.id)).toEqual(demoIndicators.map((i) => i.code));
    expect(criteria.find((c) => c.id === 'semi_urbanization')).toMatchObject({
      dimension: 'social',
      type: 'cost',
      bounds: [1, 9],
    });
    const secondary = criteria.find((c) => c.id === 'secondary_share_change')!;
    expect(secondary).not.toHaveProperty('bounds');
    expect(secondary.name).toMatch(/\(statistic, 2017: the same value for every expert\)$/);

    const j = column(problem, 'secondary_share_change');
    const expected = demoCities.map(
      (c) => demoStatistics.find((s) => s.cityCode === c.code && s.indicatorCode === 'secondary_share_change')!.value,
    );
    for (const table of panelOf(problem).scores) expect(table.map((row) => row[j])).toEqual(expected);
    // The engine's aggregate of identical values is that value, up to the rounding of Σ w x / Σ w.
    evaluate({ ...problem, explain: true }).explain!.matrix.forEach((row, i) =>
      expect(row[j]).toBeCloseTo(expected[i]!, 12),
    );
  });

  it('uses the latest year of each statistic', async () => {
    const indicatorId = await indicatorIdOf('tertiary_share_change');
    const cityId = await cityIdOf('wuwei');
    await db
      .insert(indicatorValues)
      .values({ indicatorId, alternativeId: cityId, value: 1.25, year: 2018, source: 'test' });
    const problem = await buildProblem(db, demoId);
    const j = column(problem, 'tertiary_share_change');
    expect(panelOf(problem).scores[0]![0]![j]).toBe(1.25);
    expect(panelOf(problem).scores[0]![1]![j]).toBe(0.6);
    expect((problem.criteria as { name: string }[])[j]!.name).toMatch(/\(statistic, 2017–2018:/);
  });

  it('takes the latest closed round over a newer open one, abstentions as null, influence from the panel', async () => {
    const [round1] = await db.select().from(rounds).where(eq(rounds.assessmentId, demoId));
    await db.update(rounds).set({ status: 'closed', closesAt: at }).where(eq(rounds.id, round1!.id));
    const [round2] = await db
      .insert(rounds)
      .values({ assessmentId: demoId, number: 2, status: 'open', opensAt: at })
      .returning();
    const expert1 = (await db.select().from(users).where(eq(users.username, 'expert1')))[0]!;
    const indicatorId = await indicatorIdOf('plan_alignment');
    const cityId = await cityIdOf('jinchang');
    await db.insert(scores).values({
      roundId: round2!.id,
      expertId: expert1.id,
      alternativeId: cityId,
      indicatorId,
      value: 9,
      updatedAt: at,
    });
    await db
      .update(scores)
      .set({ value: null, abstained: true })
      .where(
        and(
          eq(scores.roundId, round1!.id),
          eq(scores.expertId, expert1.id),
          eq(scores.alternativeId, cityId),
          eq(scores.indicatorId, indicatorId),
        ),
      );
    await db
      .update(panelMembers)
      .set({ influence: 2 })
      .where(and(eq(panelMembers.assessmentId, demoId), eq(panelMembers.userId, expert1.id)));

    const problem = await buildProblem(db, demoId);
    const panel = panelOf(problem);
    const j = column(problem, 'plan_alignment');
    // Round 1 (closed): expert1 abstained on Jinchang; round 2's 9 is not used while it is open.
    expect(panel.scores[0]![1]![j]).toBeNull();
    expect(panel.influence).toEqual([2, 1, 1, 1, 1]);

    await db.update(rounds).set({ status: 'closed', closesAt: at }).where(eq(rounds.id, round2!.id));
    const later = panelOf(await buildProblem(db, demoId));
    // Round 2 has only expert1's single score: one expert, null wherever nobody scored in that round.
    expect(later.experts).toEqual(['expert-1']);
    expect(later.scores[0]![1]![j]).toBe(9);
  });

  it('carries every stored score into the panel bit for bit, as reading the rows one by one gives it', async () => {
    const [round] = await db.select().from(rounds).where(eq(rounds.assessmentId, demoId));
    const cells = await db.select({ id: scores.id }).from(scores).where(eq(scores.roundId, round!.id));
    const value = fc.oneof(
      // The client refuses infinities; another tool's write can store them (below).
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.double({ min: 1, max: 9, noNaN: true }),
      fc.integer({ min: -1e9, max: 1e9 }),
      fc.constant(null),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(value, { minLength: cells.length, maxLength: cells.length }), async (values) => {
        for (const [k, cell] of cells.entries())
          await db
            .update(scores)
            .set({ value: values[k]!, abstained: values[k] === null })
            .where(eq(scores.id, cell.id));
        const rows = await db
          .select({
            expert: users.username,
            city: alternatives.code,
            indicator: indicators.code,
            value: scores.value,
          })
          .from(scores)
          .innerJoin(users, eq(users.id, scores.expertId))
          .innerJoin(alternatives, eq(alternatives.id, scores.alternativeId))
          .innerJoin(indicators, eq(indicators.id, scores.indicatorId))
          .where(eq(scores.roundId, round!.id))
          .orderBy(scores.expertId);
        const problem = await buildProblem(db, demoId);
        const panel = panelOf(problem);
        const experts = [...new Set(rows.map((r) => r.expert))];
        // Every member with a row is an expert of the panel, also one who abstained on every cell.
        expect(panel.experts).toHaveLength(experts.length);
        for (const r of rows) {
          const held =
            panel.scores[experts.indexOf(r.expert)]![demoCities.findIndex((c) => c.code === r.city)]![
              column(problem, r.indicator)
            ];
          expect(Object.is(held, r.value), `${r.expert} ${r.city} ${r.indicator}: ${held} for ${r.value}`).toBe(true);
        }
      }),
      { numRuns: 15 },
    );
    await db.run(sql`update scores set value = 9e999, abstained = 0 where id = ${cells[0]!.id}`);
    await db.run(sql`update scores set value = -9e999, abstained = 0 where id = ${cells[1]!.id}`);
    const held = panelOf(await buildProblem(db, demoId)).scores.flat(2);
    expect(held).toContain(Number.POSITIVE_INFINITY);
    expect(held).toContain(Number.NEGATIVE_INFINITY);
  });

  it('uses the newest weight set and the method settings, panel options included', async () => {
    const admin = (await db.select().from(users).where(eq(users.username, 'admin')))[0]!;
    const values = demoIndicators.map((_, k) => k + 1);
    await db.insert(weightSets).values({
      assessmentId: demoId,
      version: 2,
      spec: { method: 'direct', values },
      createdBy: admin.id,
      createdAt: at,
    });
    await db
      .update(assessments)
      .set({ methodSettings: { method: { name: 'vikor', v: 0.4 }, panel: { aggregate: 'median' }, coordination: {} } })
      .where(eq(assessments.id, demoId));
    const problem = await buildProblem(db, demoId);
    expect(problem.weights).toEqual({ method: 'direct', values });
    expect(problem.method).toEqual({ name: 'vikor', v: 0.4 });
    expect(panelOf(problem).aggregate).toBe('median');
    const result = evaluate(problem);
    expect(result.method).toBe('vikor');
    expect(result.coordination!.dimensions).toEqual(['planning', 'policy', 'industry', 'social']);
  });

  it('says what is missing instead of building a problem the engine would reject', async () => {
    const indicatorId = await indicatorIdOf('primary_share_change');
    const cityId = await cityIdOf('zhangye');
    await db
      .delete(indicatorValues)
      .where(and(eq(indicatorValues.indicatorId, indicatorId), eq(indicatorValues.alternativeId, cityId)));
    await expect(buildProblem(db, demoId)).rejects.toThrow(
      new ProblemBuildError('statistics missing: primary_share_change for zhangye; import them before evaluating'),
    );

    await db.delete(rounds).where(eq(rounds.assessmentId, demoId));
    await db
      .insert(indicatorValues)
      .values({ indicatorId, alternativeId: cityId, value: -0.57, year: 2017, source: 'test' });
    await expect(buildProblem(db, demoId)).rejects.toThrow(/has expert indicators but no Delphi round yet/);
  });
});
