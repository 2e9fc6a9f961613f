/**
 * First start: on a database without users, create the first administrator and (unless switched off) the
 * Hexi Corridor demo. All of it is written in one transaction, so a failure leaves nothing half-seeded, and
 * the emptiness check runs inside that transaction, so two processes starting together cannot both seed.
 */
import { count } from 'drizzle-orm';
import { generatePassword, hashPassword, passwordProblem } from '../auth/password.ts';
import { auditInsert } from './audit.ts';
import type { Db } from './client.ts';
import { ConfigError, switchFromEnv } from './config.ts';
import {
  DEMO_ASSESSMENT,
  DEMO_METHOD_SETTINGS,
  DEMO_WEIGHT_SPEC,
  demoCities,
  demoDimensions,
  demoEvaluators,
  demoIndicators,
  demoStatistics,
  demoViewer,
  illustrativeScores,
} from './demo/hexi-demo.ts';
import { HEXI_RULES_SOURCE, hexiRules } from './demo/recommendations.ts';
import type { AssessmentId, UserId } from './ids.ts';
import {
  alternatives,
  assessments,
  dimensions,
  indicators,
  indicatorValues,
  panelMembers,
  recommendationRules,
  rounds,
  scores,
  users,
  weightSets,
} from './schema.ts';

export const ADMIN_USERNAME = 'admin';

export interface SeedOptions {
  /** The first administrator's password; generated (and printed once) when absent. */
  readonly adminPassword?: string | undefined;
  readonly demo: boolean;
  readonly log: (line: string) => void;
  readonly clock?: () => Date;
}

export type SeedOutcome =
  | { readonly seeded: false }
  | {
      readonly seeded: true;
      readonly admin: string;
      readonly demoAssessment: string | null;
      readonly evaluators: readonly string[];
      readonly viewers: readonly string[];
    };

/** CORRIDOR_ADMIN_PASSWORD and CORRIDOR_DEMO, checked: a bad value is a ConfigError naming the variable. */
export function seedSettingsFromEnv(env: NodeJS.ProcessEnv): Pick<SeedOptions, 'adminPassword' | 'demo'> {
  const adminPassword = env.CORRIDOR_ADMIN_PASSWORD === '' ? undefined : env.CORRIDOR_ADMIN_PASSWORD;
  const problem = adminPassword === undefined ? undefined : passwordProblem(adminPassword);
  if (problem) throw new ConfigError(`CORRIDOR_ADMIN_PASSWORD ${problem}`);
  return { adminPassword, demo: switchFromEnv(env, 'CORRIDOR_DEMO', true) };
}

interface Account {
  readonly username: string;
  readonly displayName: string;
  readonly password: string;
  readonly generated: boolean;
  readonly passwordHash: string;
}

async function account(username: string, displayName: string, given: string | undefined): Promise<Account> {
  const password = given ?? generatePassword();
  return {
    username,
    displayName,
    password,
    generated: given === undefined,
    passwordHash: await hashPassword(password),
  };
}

async function hasUsers(db: Pick<Db, 'select'>): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(users);
  return (row?.n ?? 0) > 0;
}

export async function seedIfEmpty(db: Db, options: SeedOptions): Promise<SeedOutcome> {
  const { log } = options;
  if (await hasUsers(db)) {
    log('The database already has users: nothing seeded.');
    return { seeded: false };
  }
  const now = (options.clock ?? (() => new Date()))();
  // Hashing is slow on purpose; do it before the transaction so the write lock is held only briefly.
  const [admin, ...others] = await Promise.all([
    // Named by its username, which reads the same in every language; the menu's badge says the role in each.
    account(ADMIN_USERNAME, ADMIN_USERNAME, options.adminPassword),
    ...(options.demo ? [...demoEvaluators, demoViewer].map((e) => account(e.username, e.displayName, undefined)) : []),
  ]);
  const evaluators = others.slice(0, demoEvaluators.length);
  const viewers = others.slice(demoEvaluators.length);

  const written = await db.transaction(async (tx) => {
    if (await hasUsers(tx)) return false;
    const adminId = await insertAccount(tx, admin, true, now);
    if (options.demo) {
      const evaluatorIds: UserId[] = [];
      for (const e of evaluators) evaluatorIds.push(await insertAccount(tx, e, false, now));
      const viewerIds: UserId[] = [];
      for (const v of viewers) viewerIds.push(await insertAccount(tx, v, false, now));
      await insertDemo(tx, adminId, evaluatorIds, viewerIds, now);
    }
    return true;
  });
  if (!written) {
    log('Another process seeded the database first: nothing seeded.');
    return { seeded: false };
  }

  log(
    admin.generated
      ? `Created administrator "${admin.username}" with password: ${admin.password}  (shown only now; change it with \`corridor user passwd ${admin.username}\`)`
      : `Created administrator "${admin.username}" with the password from CORRIDOR_ADMIN_PASSWORD.`,
  );
  if (options.demo) {
    log(
      `Loaded the demo assessment "${DEMO_ASSESSMENT.code}" (illustrative scores): ${demoCities.length} cities, ${demoDimensions.length} dimensions, ` +
        `${demoIndicators.length} indicators, ${evaluators.length} evaluators, round 1 open.`,
    );
    log('Demo evaluator accounts (passwords shown only now):');
    for (const e of evaluators) log(`  ${e.username.padEnd(10)} ${e.password}  ${e.displayName}`);
    log('Demo reader account (reads published results; password shown only now):');
    for (const v of viewers) log(`  ${v.username.padEnd(10)} ${v.password}  ${v.displayName}`);
  } else {
    log('Demo data switched off (CORRIDOR_DEMO=off): only the administrator was created.');
  }
  return {
    seeded: true,
    admin: admin.username,
    demoAssessment: options.demo ? DEMO_ASSESSMENT.code : null,
    evaluators: evaluators.map((e) => e.username),
    viewers: viewers.map((v) => v.username),
  };
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

async function insertAccount(tx: Tx, a: Account, isAdmin: boolean, at: Date): Promise<UserId> {
  const [row] = await tx
    .insert(users)
    .values({ username: a.username, displayName: a.displayName, passwordHash: a.passwordHash, isAdmin, createdAt: at })
    .returning({ id: users.id });
  await auditInsert(tx, {
    at,
    userId: null,
    action: 'user.create',
    entity: 'user',
    entityId: a.username,
    after: { username: a.username, displayName: a.displayName, isAdmin, source: 'seed' },
  });
  return row.id;
}

/** Maps a demo code to the id its row got, failing loudly if the demo data refers to something missing. */
function byCode<Id>(rows: readonly { code: string; id: Id }[]): (code: string) => Id {
  const ids = new Map(rows.map((r) => [r.code, r.id]));
  return (code) => {
    const id = ids.get(code);
    if (id === undefined) throw new Error(`demo data refers to unknown code "${code}"`);
    return id;
  };
}

async function insertDemo(
  tx: Tx,
  adminId: UserId,
  evaluatorIds: readonly UserId[],
  viewerIds: readonly UserId[],
  at: Date,
): Promise<AssessmentId> {
  const [{ id: assessmentId }] = await tx
    .insert(assessments)
    .values({
      ...DEMO_ASSESSMENT,
      status: 'open',
      illustrative: true,
      methodSettings: DEMO_METHOD_SETTINGS,
      createdBy: adminId,
      createdAt: at,
    })
    .returning({ id: assessments.id });

  const cityId = byCode(
    await tx
      .insert(alternatives)
      .values(demoCities.map((c, position) => ({ ...c, assessmentId, position })))
      .returning({ id: alternatives.id, code: alternatives.code }),
  );
  const dimensionId = byCode(
    await tx
      .insert(dimensions)
      .values(demoDimensions.map((d, position) => ({ ...d, assessmentId, position })))
      .returning({ id: dimensions.id, code: dimensions.code }),
  );
  const indicatorId = byCode(
    await tx
      .insert(indicators)
      .values(
        demoIndicators.map(({ dimensionCode, ...i }, position) => ({
          ...i,
          assessmentId,
          dimensionId: dimensionId(dimensionCode),
          position,
        })),
      )
      .returning({ id: indicators.id, code: indicators.code }),
  );

  await tx.insert(indicatorValues).values(
    demoStatistics.map((s) => ({
      indicatorId: indicatorId(s.indicatorCode),
      alternativeId: cityId(s.cityCode),
      value: s.value,
      year: s.year,
      source: s.source,
    })),
  );
  await tx
    .insert(panelMembers)
    .values([
      { assessmentId, userId: adminId, role: 'chair' as const },
      ...evaluatorIds.map((userId) => ({ assessmentId, userId, role: 'evaluator' as const })),
      ...viewerIds.map((userId) => ({ assessmentId, userId, role: 'viewer' as const })),
    ]);
  const [{ id: roundId }] = await tx
    .insert(rounds)
    .values({ assessmentId, number: 1, status: 'open', opensAt: at })
    .returning({ id: rounds.id });
  await tx.insert(scores).values(
    illustrativeScores().map((s) => ({
      roundId,
      expertId: evaluatorIds[s.evaluator],
      alternativeId: cityId(s.cityCode),
      indicatorId: indicatorId(s.indicatorCode),
      value: s.value,
      rationale: s.rationale,
      updatedAt: at,
    })),
  );
  await tx.insert(weightSets).values({
    assessmentId,
    version: 1,
    spec: DEMO_WEIGHT_SPEC,
    note: 'Equal weights: the starting point of the demo',
    createdBy: adminId,
    createdAt: at,
  });
  await tx.insert(recommendationRules).values(
    hexiRules.map((r) => ({
      assessmentId: null,
      code: r.code,
      dimensionCode: r.dimensionCode,
      condition: r.condition,
      textEn: r.textEn,
      textZh: r.textZh,
      source: HEXI_RULES_SOURCE,
    })),
  );
  await auditInsert(tx, {
    at,
    userId: null,
    action: 'assessment.create',
    entity: 'assessment',
    entityId: assessmentId,
    after: { code: DEMO_ASSESSMENT.code, source: 'seed', illustrative: true },
  });
  return assessmentId;
}
