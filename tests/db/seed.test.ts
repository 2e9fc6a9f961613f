import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/auth/password.ts';
import { closeDatabase, type Db, migrateDatabase } from '../../src/db/client.ts';
import { ConfigError } from '../../src/db/config.ts';
import demo from '../../src/db/demo/hexi-corridor.json' with { type: 'json' };
import * as t from '../../src/db/schema.ts';
import { seedIfEmpty, seedSettingsFromEnv } from '../../src/db/seed.ts';
import { memoryDb, printedPassword, rowCounts, tempDir } from './fixtures.ts';

const AT = new Date('2024-03-01T08:00:00Z');

async function seed(db: Db, options: { demo?: boolean; adminPassword?: string } = {}) {
  const lines: string[] = [];
  const outcome = await seedIfEmpty(db, {
    demo: options.demo ?? true,
    adminPassword: options.adminPassword,
    log: (l) => lines.push(l),
    clock: () => AT,
  });
  return { outcome, lines, output: lines.join('\n') };
}

const EXPERT_INDICATORS = demo.suggestedIndicators.filter((i) => i.source === 'expert');
const STATISTICS = demo.suggestedIndicators.filter((i) => i.source === 'statistic');

// Seeded once for the whole group (hashing six passwords is slow on purpose); the tests only read.
describe('seeding an empty database with the demo', () => {
  let db: Db;
  let output: string;
  beforeAll(async () => {
    db = await memoryDb();
    ({ output } = await seed(db));
  });
  afterAll(() => closeDatabase(db));

  it('creates the administrator with a generated password printed once, which logs in', async () => {
    const admin = await db.query.users.findFirst({ where: eq(t.users.username, 'admin') });
    expect(admin?.isAdmin).toBe(true);
    const password = printedPassword(output, 'admin');
    expect(output.split(password)).toHaveLength(2);
    expect(await verifyPassword(password, admin!.passwordHash)).toBe(true);
  });

  it('creates five evaluators whose printed passwords verify, on the demo panel with the administrator as chair', async () => {
    const assessment = await db.query.assessments.findFirst();
    const members = await db
      .select({
        username: t.users.username,
        role: t.panelMembers.role,
        hash: t.users.passwordHash,
        isAdmin: t.users.isAdmin,
      })
      .from(t.panelMembers)
      .innerJoin(t.users, eq(t.users.id, t.panelMembers.userId))
      .where(eq(t.panelMembers.assessmentId, assessment!.id));
    const evaluators = members.filter((m) => m.role === 'evaluator');
    expect(evaluators.map((m) => m.username).sort()).toEqual(['expert1', 'expert2', 'expert3', 'expert4', 'expert5']);
    expect(members.filter((m) => m.role === 'chair').map((m) => m.username)).toEqual(['admin']);
    expect(members.filter((m) => m.role === 'viewer').map((m) => m.username)).toEqual(['reader1']);
    const verified = await Promise.all(
      evaluators.map((e) => {
        const password = printedPassword(output, e.username);
        expect(output.split(password)).toHaveLength(2);
        return verifyPassword(password, e.hash);
      }),
    );
    expect(verified).toEqual([true, true, true, true, true]);
    expect(evaluators.some((e) => e.isAdmin)).toBe(false);
  });

  it('loads the five cities with English and Chinese names, the four dimensions and all suggested indicators', async () => {
    const assessment = await db.query.assessments.findFirst();
    expect(assessment).toMatchObject({
      code: 'hexi-corridor-2017',
      status: 'open',
      illustrative: true,
      regionEn: demo.region.en,
      regionZh: demo.region.zh,
    });
    // TOPSIS, and the analyses the study is about: coordination, obstacles, and how stable the ranking is.
    expect(assessment!.methodSettings).toEqual({
      method: { name: 'topsis' },
      coordination: {},
      obstacles: { top: 5 },
      sensitivity: { samples: 2000, seed: 1 },
    });
    const cities = await db.query.alternatives.findMany({ orderBy: t.alternatives.position });
    expect(cities.map((c) => [c.code, c.nameEn, c.nameZh])).toEqual(demo.cities.map((c) => [c.id, c.en, c.zh]));
    expect(cities.map((c) => c.nameZh)).toEqual(['武威', '金昌', '张掖', '嘉峪关', '酒泉']);
    const dimensions = await db.query.dimensions.findMany({ orderBy: t.dimensions.position });
    expect(dimensions.map((d) => [d.code, d.nameEn, d.nameZh])).toEqual(demo.dimensions.map((d) => [d.id, d.en, d.zh]));
    const indicators = await db.query.indicators.findMany();
    expect(indicators).toHaveLength(14);
    for (const d of dimensions)
      expect(indicators.filter((i) => i.dimensionId === d.id).length).toBeGreaterThanOrEqual(3);
    const primary = indicators.find((i) => i.code === 'primary_share_change');
    expect(primary).toMatchObject({
      source: 'statistic',
      direction: 'cost',
      scaleMin: null,
      unit: 'percentage points',
    });
    const semi = indicators.find((i) => i.code === 'semi_urbanization');
    expect(semi).toMatchObject({ source: 'expert', direction: 'cost', scaleMin: 1, scaleMax: 9 });
  });

  it('stores the 2016–2017 industrial-structure changes as statistics for 2017 with their source', async () => {
    const rows = await db
      .select({
        indicator: t.indicators.code,
        city: t.alternatives.code,
        value: t.indicatorValues.value,
        year: t.indicatorValues.year,
        source: t.indicatorValues.source,
      })
      .from(t.indicatorValues)
      .innerJoin(t.indicators, eq(t.indicators.id, t.indicatorValues.indicatorId))
      .innerJoin(t.alternatives, eq(t.alternatives.id, t.indicatorValues.alternativeId));
    expect(rows).toHaveLength(STATISTICS.length * demo.cities.length);
    // Spot checks against Table 1 of the study as copied in hexi-corridor.json.
    const value = (indicator: string, city: string) =>
      rows.find((r) => r.indicator === indicator && r.city === city)?.value;
    expect(value('secondary_share_change', 'jiayuguan')).toBe(12.5);
    expect(value('tertiary_share_change', 'jiayuguan')).toBe(-11.8);
    expect(value('primary_share_change', 'wuwei')).toBe(2.3);
    expect(value('tertiary_share_change', 'zhangye')).toBe(3.96);
    for (const r of rows) {
      expect(r.year).toBe(2017);
      expect(r.source).toMatch(/Development Bulletin/);
    }
  });

  it('scores every evaluator × city × expert indicator once in the open round 1, on the 1–9 scale with a rationale', async () => {
    const [round] = await db.query.rounds.findMany();
    expect(round).toMatchObject({ number: 1, status: 'open' });
    const scores = await db.query.scores.findMany();
    expect(scores).toHaveLength(5 * demo.cities.length * EXPERT_INDICATORS.length);
    const cells = new Set(scores.map((s) => `${s.expertId}/${s.alternativeId}/${s.indicatorId}`));
    expect(cells.size).toBe(scores.length);
    for (const s of scores) {
      expect(s.roundId).toBe(round.id);
      expect(Number.isInteger(s.value) && s.value! >= 1 && s.value! <= 9).toBe(true);
      expect(s.abstained).toBe(false);
      expect(s.rationale).toMatch(/Illustrative/);
    }
    const statisticIds = (await db.query.indicators.findMany({ where: eq(t.indicators.source, 'statistic') })).map(
      (i) => i.id,
    );
    expect(scores.some((s) => statisticIds.includes(s.indicatorId))).toBe(false);
    // A panel that always agrees would make the Delphi views pointless: the experts must differ somewhere.
    expect(new Set(scores.map((s) => s.value)).size).toBeGreaterThan(3);
  });

  it('adds an equal-weights version 1 and bilingual recommendation rules for every dimension', async () => {
    const [weights] = await db.query.weightSets.findMany();
    expect(weights).toMatchObject({ version: 1, spec: { method: 'equal' } });
    const rules = await db.query.recommendationRules.findMany();
    expect(rules.length).toBeGreaterThanOrEqual(4);
    expect(new Set(rules.map((r) => r.dimensionCode))).toEqual(new Set(demo.dimensions.map((d) => d.id)));
    for (const r of rules) {
      expect(r.textEn.length).toBeGreaterThan(20);
      expect(r.textZh).toMatch(/[\u4e00-\u9fff]/);
      expect(r.source).toMatch(/study/);
    }
    // Paraphrased, never the study's own sentences.
    for (const p of demo.proposals) expect(rules.map((r) => r.textEn)).not.toContain(p.en);
  });

  it('seeds nothing the second time, prints no password, and leaves every row count unchanged', async () => {
    const before = await rowCounts(db);
    const second = await seed(db);
    expect(second.outcome).toEqual({ seeded: false });
    expect(second.output).not.toMatch(/password/i);
    expect(await rowCounts(db)).toEqual(before);
  });
});

describe('seeding', () => {
  let db: Db;
  beforeEach(async () => {
    db = await memoryDb();
  });
  afterEach(() => closeDatabase(db));

  it('with the demo off creates only the administrator', async () => {
    const { outcome, output } = await seed(db, { demo: false });
    expect(outcome).toMatchObject({ seeded: true, demoAssessment: null, evaluators: [] });
    const counts = await rowCounts(db);
    expect(counts.users).toBe(1);
    expect(counts.assessments + counts.scores + counts.recommendation_rules).toBe(0);
    expect(output).not.toMatch(/expert1/);
  });

  it('uses CORRIDOR_ADMIN_PASSWORD when given and does not print it', async () => {
    const { output } = await seed(db, { demo: false, adminPassword: 'a-chosen-admin-password' });
    expect(output).not.toContain('a-chosen-admin-password');
    const admin = await db.query.users.findFirst();
    expect(await verifyPassword('a-chosen-admin-password', admin!.passwordHash)).toBe(true);
  });

  it('writes an audit entry for every account it creates, without password hashes', async () => {
    await seed(db);
    const entries = await db.query.auditLog.findMany({ where: eq(t.auditLog.action, 'user.create') });
    expect(entries.map((e) => e.entityId).sort()).toEqual([
      'admin',
      'expert1',
      'expert2',
      'expert3',
      'expert4',
      'expert5',
      'reader1',
    ]);
    expect(JSON.stringify(entries)).not.toMatch(/scrypt\$/);
  });

  it('gives the same illustrative scores on every machine', async () => {
    await seed(db);
    const other = await memoryDb();
    await seed(other);
    const values = async (d: Db) =>
      (await d.query.scores.findMany({ orderBy: t.scores.id })).map((s) => [
        s.expertId,
        s.alternativeId,
        s.indicatorId,
        s.value,
      ]);
    expect(await values(other)).toEqual(await values(db));
    closeDatabase(other);
  });

  it('leaves nothing behind when a write fails half-way', async () => {
    await db.$client.execute(
      "create trigger fail_scores before insert on scores begin select raise(abort, 'disk full'); end",
    );
    const error: unknown = await seed(db).catch((e: unknown) => e);
    expect(String((error as Error).cause)).toMatch(/disk full/);
    const counts = await rowCounts(db);
    expect(Object.entries(counts).filter(([, n]) => n > 0)).toEqual([]);
  });
});

describe('two processes starting together on one empty file', () => {
  const temp = tempDir();
  afterEach(() => temp.cleanup());

  it('seed it exactly once', async () => {
    const [a, b] = [await temp.open(), await temp.open()];
    await migrateDatabase(a);
    const outcomes = await Promise.all([seed(a), seed(b)]);
    expect(outcomes.map((o) => o.outcome.seeded).sort()).toEqual([false, true]);
    const counts = await rowCounts(a);
    expect(counts.users).toBe(7);
    expect(counts.assessments).toBe(1);
  });
});

describe('seed settings from the environment', () => {
  it('default to the demo on and a generated admin password', () => {
    expect(seedSettingsFromEnv({})).toEqual({ adminPassword: undefined, demo: true });
    expect(seedSettingsFromEnv({ CORRIDOR_DEMO: 'off' }).demo).toBe(false);
    expect(seedSettingsFromEnv({ CORRIDOR_DEMO: 'ON' }).demo).toBe(true);
  });

  it('name the variable when a value is unusable', () => {
    expect(() => seedSettingsFromEnv({ CORRIDOR_DEMO: 'maybe' })).toThrow(
      new ConfigError('CORRIDOR_DEMO must be "on" or "off", not "maybe"'),
    );
    expect(() => seedSettingsFromEnv({ CORRIDOR_ADMIN_PASSWORD: 'short' })).toThrow(
      /CORRIDOR_ADMIN_PASSWORD must be at least 10 characters/,
    );
  });
});
