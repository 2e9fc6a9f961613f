/**
 * A save whose round was submitted or closed between the use case's checks and its write (a race between two
 * tabs, or a chair closing the round): the write itself refuses it, and nothing is written or audited.
 */
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCell } from '../../src/db/queries/scores.ts';
import { findUserByUsername } from '../../src/db/queries/users.ts';
import { alternatives, auditLog, indicators, roundSubmissions, rounds, scores } from '../../src/db/schema.ts';
import { addUser, startDemoApp, type TestApp } from '../web/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startDemoApp();
});
afterAll(() => t.close());

async function keyFor(username: string) {
  const user = (await findUserByUsername(t.db, username))!;
  const [round] = await t.db.select().from(rounds);
  const [city] = await t.db.select().from(alternatives).where(eq(alternatives.code, 'wuwei'));
  const [ind] = await t.db.select().from(indicators).where(eq(indicators.code, 'plan_alignment'));
  return { roundId: round!.id, expertId: user.id, alternativeId: city!.id, indicatorId: ind!.id };
}
const audits = async () => (await t.db.select({ n: count() }).from(auditLog))[0]!.n;
const change = { value: 3, abstained: false, rationale: '' };
const audit = { at: new Date('2026-03-02T10:00:00Z'), before: null, after: { value: 3 } };

describe('writeCell', () => {
  it('refuses an update once the evaluator has submitted, writing nothing', async () => {
    const key = await keyFor('expert1');
    await t.db.insert(roundSubmissions).values({ roundId: key.roundId, userId: key.expertId, submittedAt: audit.at });
    const before = await audits();
    expect(await writeCell(t.db, key, change, 1, audit)).toBeUndefined();
    const [stored] = await t.db
      .select()
      .from(scores)
      .where(
        and(
          eq(scores.expertId, key.expertId),
          eq(scores.alternativeId, key.alternativeId),
          eq(scores.indicatorId, key.indicatorId),
        ),
      );
    expect(stored!.version).toBe(1);
    expect(await audits()).toBe(before);
  });

  it('refuses a first save once the round is closed, writing nothing', async () => {
    const fresh = await addUser(t.db, 'late', 'river-oasis-gansu-42');
    const key = { ...(await keyFor('expert2')), expertId: fresh.id };
    await t.db.update(rounds).set({ status: 'closed', closesAt: audit.at }).where(eq(rounds.id, key.roundId));
    const before = await audits();
    expect(await writeCell(t.db, key, change, 0, audit)).toBeUndefined();
    expect(await t.db.select().from(scores).where(eq(scores.expertId, fresh.id))).toEqual([]);
    expect(await audits()).toBe(before);
    await t.db.update(rounds).set({ status: 'open', closesAt: null }).where(eq(rounds.id, key.roundId));
    expect(await writeCell(t.db, key, change, 0, audit)).toEqual({ ...change, version: 1 });
    expect(await audits()).toBe(before + 1);
  });
});
