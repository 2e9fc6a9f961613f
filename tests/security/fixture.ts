/**
 * The seeded world the authorization matrix and the fuzzers share: the Hexi demo (published snapshot, a chair
 * who is not an administrator) and a second assessment with its own evaluator, a snapshot and a city of its own,
 * so that every path parameter can be filled with a real id of either. `fork` copies the database (VACUUM INTO)
 * under a fresh app, so a request that changes data cannot change what the next one sees.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { createAssessment } from '../../src/app/assessments.ts';
import { EnginePool } from '../../src/app/engine-pool/pool.ts';
import { ReportPool } from '../../src/app/report-pool/pool.ts';
import { publishAs } from '../../src/app/snapshots.ts';
import { closeDatabase, type Db, migrateDatabase, openDatabase } from '../../src/db/client.ts';
import { DEMO_ASSESSMENT } from '../../src/db/demo/hexi-demo.ts';
import { findUserByUsername } from '../../src/db/queries/users.ts';
import {
  alternatives,
  assessments,
  dimensions,
  indicators,
  panelMembers,
  recommendationRules,
  resultSnapshots,
} from '../../src/db/schema.ts';
import { seedIfEmpty } from '../../src/db/seed.ts';
import { createApp } from '../../src/web/app.ts';
import { addUser, sessionCookie, type TestApp } from '../web/harness.ts';

export const ROLES = ['anonymous', 'noPanel', 'viewer', 'otherEvaluator', 'evaluator', 'chair', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The user each role signs in as (anonymous has no cookie). */
const USERNAMES: Record<Exclude<Role, 'anonymous'>, string> = {
  noPanel: 'outsider',
  viewer: 'reader1',
  otherEvaluator: 'other.expert',
  evaluator: 'expert1',
  chair: 'chair1',
  admin: 'admin',
};

/** Values for every path parameter of the route table, from this assessment and from the other one. */
export interface PathIds {
  readonly code: string;
  readonly id: string;
  readonly ruleId: string;
  readonly item: string;
  readonly city: string;
  readonly username: string;
  readonly file: string;
  /** Codes for the scoring grid's query strings. */
  readonly dimension: string;
  readonly indicator: string;
}

export interface World {
  readonly t: TestApp;
  readonly cookies: Record<Role, string | undefined>;
  readonly own: PathIds;
  readonly other: PathIds;
  /** A copy of the database under a new app of its own; close it when done. */
  fork(): Promise<TestApp>;
  /** `fn` on a fork, closed afterwards whatever happens. */
  onFork<T>(fn: (fork: TestApp) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export const OTHER_CODE = 'other-2020';

/** Tables that change on requests nothing else writes for: a session's last-seen time and the login throttle. */
const VOLATILE_TABLES = new Set(['sessions', 'login_attempts']);

/** SHA-256 over every row of every table but the volatile two, in rowid order: equal digests mean nothing was written. */
export async function digest(db: Db): Promise<string> {
  const tables = await db.$client.execute(
    "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%' order by name",
  );
  const hash = createHash('sha256');
  for (const { name } of tables.rows) {
    if (VOLATILE_TABLES.has(String(name))) continue;
    // Sign-in events (`auth.*`) are audited by design even when refused (a failed or throttled sign-in); the rest of
    // the audit log must stay as it was.
    const only = name === 'audit_log' ? " where action not like 'auth.%'" : '';
    const rows = await db.$client.execute(`select * from "${String(name)}"${only} order by rowid`);
    hash.update(`${String(name)}\n${JSON.stringify(rows.rows, (_k, v) => (typeof v === 'bigint' ? String(v) : v))}\n`);
  }
  return hash.digest('hex');
}

async function appOn(url: string, engine: EnginePool, reports: ReportPool, now: () => Date, cleanup: () => void) {
  const db = await openDatabase({ url });
  const logs: string[] = [];
  const app = createApp({ db, clock: now, log: (line) => logs.push(line), engine, reports: reports.render });
  const t: TestApp = {
    app,
    db,
    logs,
    engine,
    now,
    advance: () => {
      throw new Error('the security fixture keeps its clock still');
    },
    close: async () => {
      closeDatabase(db);
      cleanup();
    },
  };
  return t;
}

/** `beforePublish` changes the demo's data before its snapshot is taken (hostile names, for the escaping tests). */
export async function startWorld(beforePublish?: (db: Db) => Promise<void>): Promise<World> {
  const dir = mkdtempSync(join(tmpdir(), 'corridor-security-'));
  const engine = new EnginePool();
  const reports = new ReportPool();
  const at = new Date('2026-03-02T09:00:00Z');
  const now = () => at;
  const t = await appOn(`file:${join(dir, 'world.db')}`, engine, reports, now, () => {});
  await migrateDatabase(t.db);
  await seedIfEmpty(t.db, { adminPassword: 'admin-password-for-tests', demo: true, log: () => {}, clock: now });
  const db = t.db;
  const admin = (await findUserByUsername(db, 'admin'))!;
  await addUser(db, 'outsider', 'not-on-any-panel-42');
  const chair = await addUser(db, 'chair1', 'chairs-the-demo-panel-42');
  const otherExpert = await addUser(db, 'other.expert', 'sits-on-another-panel-42');
  await addUser(db, 'victim', 'an-account-to-change-42');
  const [demo] = await db.select().from(assessments).where(eq(assessments.code, DEMO_ASSESSMENT.code));
  await db.insert(panelMembers).values({ assessmentId: demo!.id, userId: chair.id, role: 'chair' });
  const created = await createAssessment(
    db,
    now(),
    { id: admin.id, isAdmin: true },
    {
      code: OTHER_CODE,
      nameEn: 'Other',
      nameZh: '其他',
      regionEn: 'Elsewhere',
      regionZh: '别处',
      period: '2020',
      template: 'hexi',
    },
  );
  if (created.kind !== 'created') throw new Error('could not create the second assessment');
  const [other] = await db.select().from(assessments).where(eq(assessments.code, OTHER_CODE));
  await db.insert(panelMembers).values({ assessmentId: other!.id, userId: otherExpert.id, role: 'evaluator' });
  await db
    .insert(alternatives)
    .values({ assessmentId: other!.id, code: 'elsewhere', nameEn: 'Elsewhere', nameZh: '别处', position: 99 });
  await beforePublish?.(db);
  const published = await publishAs(db, engine, now(), DEMO_ASSESSMENT.code, 'admin');
  if (published.kind !== 'published') throw new Error('could not publish the demo snapshot');
  // The other assessment has no scores to publish from: its snapshot is the demo's, filed under it.
  await db.run(sql`insert into result_snapshots (assessment_id, created_at, created_by, problem, result, engine_version,
    hash, published, labels, rules, method_settings) select ${other!.id}, created_at, created_by, problem, result,
    engine_version, hash, published, labels, rules, method_settings from result_snapshots where id = ${published.id}`);
  const [otherSnapshot] = await db
    .select({ id: resultSnapshots.id })
    .from(resultSnapshots)
    .where(eq(resultSnapshots.assessmentId, other!.id));
  const ruleOf = async (assessmentId: typeof demo.id) => {
    const [rule] = await db
      .select({ id: recommendationRules.id })
      .from(recommendationRules)
      .where(eq(recommendationRules.assessmentId, assessmentId));
    if (rule) return String(rule.id);
    const [inserted] = await db
      .insert(recommendationRules)
      .values({
        assessmentId,
        code: `fixture-${assessmentId}`,
        dimensionCode: 'planning',
        condition: { kind: 'lagging' },
        textEn: 'Fixture rule',
        textZh: '测试规则',
        source: 'test fixture',
      })
      .returning({ id: recommendationRules.id });
    return String(inserted!.id);
  };
  const [demoCity] = await db
    .select({ code: alternatives.code })
    .from(alternatives)
    .where(eq(alternatives.assessmentId, demo!.id))
    .orderBy(alternatives.position);
  const firstIndicator = async (assessmentId: typeof demo.id) => {
    const [row] = await db
      .select({ dimension: dimensions.code, indicator: indicators.code })
      .from(indicators)
      .innerJoin(dimensions, eq(indicators.dimensionId, dimensions.id))
      .where(eq(dimensions.assessmentId, assessmentId))
      .orderBy(dimensions.position, indicators.position);
    return row!;
  };
  const cookies = { anonymous: undefined } as Record<Role, string | undefined>;
  for (const [role, username] of Object.entries(USERNAMES)) cookies[role as Role] = await sessionCookie(t, username);
  const own: PathIds = {
    code: DEMO_ASSESSMENT.code,
    id: String(published.id),
    ruleId: await ruleOf(demo!.id),
    item: demoCity!.code,
    city: demoCity!.code,
    username: 'expert5',
    file: 'ranking.csv',
    ...(await firstIndicator(demo!.id)),
  };
  const otherIds: PathIds = {
    code: OTHER_CODE,
    id: String(otherSnapshot!.id),
    ruleId: await ruleOf(other!.id),
    item: 'elsewhere',
    city: 'elsewhere',
    username: 'other.expert',
    file: 'ranking.csv',
    ...(await firstIndicator(other!.id)),
  };
  let forks = 0;
  const fork = async () => {
    const copy = join(dir, `fork-${++forks}.db`);
    await db.$client.execute({ sql: 'vacuum into ?', args: [copy] });
    return appOn(`file:${copy}`, engine, reports, now, () => rmSync(copy, { force: true }));
  };
  return {
    t,
    cookies,
    own,
    other: otherIds,
    fork,
    onFork: async (fn) => {
      const copy = await fork();
      try {
        return await fn(copy);
      } finally {
        await copy.close();
      }
    },
    close: async () => {
      await t.close();
      await engine.close();
      await reports.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
