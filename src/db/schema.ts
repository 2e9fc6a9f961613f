/**
 * The whole domain model (docs/architecture.md) as one drizzle schema. Constraints live in the database, not only in
 * the code, so a bug in a route or an import script cannot store a score twice or a cost/benefit typo.
 * Timestamps are integer milliseconds; JSON columns hold specs the engine understands (docs/engine.md).
 */
import { type SQL, sql } from 'drizzle-orm';
import {
  type AnySQLiteColumn,
  blob,
  check,
  foreignKey,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import { type Locale, locales } from '../i18n/locales.ts';
import type {
  AhpJudgmentId,
  AlternativeId,
  ApiTokenId,
  AssessmentId,
  AuditId,
  DimensionId,
  IndicatorId,
  IndicatorValueId,
  RecommendationRuleId,
  RoundId,
  ScoreId,
  SessionId,
  SnapshotId,
  UserId,
  WeightSetId,
} from './ids.ts';

export { type Locale, locales };

export const assessmentStatuses = ['draft', 'open', 'closed', 'published'] as const;
export type AssessmentStatus = (typeof assessmentStatuses)[number];
export const directions = ['benefit', 'cost'] as const;
export type Direction = (typeof directions)[number];
export const indicatorSources = ['expert', 'statistic'] as const;
export type IndicatorSource = (typeof indicatorSources)[number];
export const panelRoles = ['evaluator', 'viewer', 'chair'] as const;
export type PanelRole = (typeof panelRoles)[number];
export const roundStatuses = ['open', 'closed'] as const;
export type RoundStatus = (typeof roundStatuses)[number];

/** `column IN ('a','b')` for a check constraint; the values are our own constants, never user input. */
const oneOf = (column: AnySQLiteColumn, values: readonly string[]): SQL =>
  sql`${column} in (${sql.raw(values.map((v) => `'${v}'`).join(', '))})`;

const createdAt = () => integer('created_at', { mode: 'timestamp_ms' }).notNull();

export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }).$type<UserId>(),
    /** Stored lower-cased so that look-ups are case-insensitive and `Admin` cannot shadow `admin`. */
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    isAdmin: integer('is_admin', { mode: 'boolean' }).notNull().default(false),
    /** The language the user chose last; null means "follow Accept-Language". */
    locale: text('locale', { enum: locales }),
    disabledAt: integer('disabled_at', { mode: 'timestamp_ms' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('users_username_unique').on(t.username),
    check(
      'users_username_lowercase',
      sql`${t.username} = lower(${t.username}) and length(${t.username}) between 1 and 64`,
    ),
    check('users_locale', sql`${t.locale} is null or ${oneOf(t.locale, locales)}`),
  ],
);

export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey().$type<SessionId>(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' })
      .$type<UserId>(),
    createdAt: createdAt(),
    lastSeenAt: integer('last_seen_at', { mode: 'timestamp_ms' }).notNull(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
);

/**
 * Personal API tokens: only the SHA-256 of the token is stored (the token is shown once, at creation). A token
 * carries its user's own rights and nothing more; revoked tokens are kept for the record.
 */
export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: integer('id').primaryKey({ autoIncrement: true }).$type<ApiTokenId>(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' })
      .$type<UserId>(),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
    lastUsedAt: integer('last_used_at', { mode: 'timestamp_ms' }),
    revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    uniqueIndex('api_tokens_hash_unique').on(t.tokenHash),
    index('api_tokens_user_idx').on(t.userId),
    check('api_tokens_name', sql`length(${t.name}) between 1 and 100`),
  ],
);

export const loginAttempts = sqliteTable(
  'login_attempts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** `user:<name>` or `ip:<addr>`: one table rate-limits both per account and per address. */
    key: text('key').notNull(),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('login_attempts_key_at_idx').on(t.key, t.at)],
);

/** Users are disabled, never deleted, so references to them need no ON DELETE action. */
const userRef = (column: string) =>
  integer(column)
    .notNull()
    .references(() => users.id)
    .$type<UserId>();

export const assessments = sqliteTable(
  'assessments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }).$type<AssessmentId>(),
    code: text('code').notNull(),
    nameEn: text('name_en').notNull(),
    nameZh: text('name_zh').notNull(),
    regionEn: text('region_en').notNull(),
    regionZh: text('region_zh').notNull(),
    period: text('period').notNull(),
    /** What the assessment is for, in each language; shown on its page and in reports. */
    descriptionEn: text('description_en').notNull().default(''),
    descriptionZh: text('description_zh').notNull().default(''),
    status: text('status', { enum: assessmentStatuses }).notNull().default('draft'),
    /** Demo or made-up data: every page and report showing it must say so. */
    illustrative: integer('illustrative', { mode: 'boolean' }).notNull().default(false),
    /** Engine options other than weights, e.g. `{"method":{"name":"topsis"}}`. */
    methodSettings: text('method_settings', { mode: 'json' }).notNull().$type<Record<string, unknown>>(),
    createdBy: userRef('created_by'),
    createdAt: createdAt(),
    /** Set when an administrator archives it: kept with all its data, read-only, listed apart. */
    archivedAt: integer('archived_at', { mode: 'timestamp_ms' }),
    /**
     * Raised by triggers on every change to what its Problem is built from, so that cached results are keyed by
     * it and stay right when several server processes write.
     */
    dataVersion: integer('data_version').notNull().default(0),
  },
  (t) => [
    uniqueIndex('assessments_code_unique').on(t.code),
    check('assessments_code_slug', sql`${t.code} <> '' and ${t.code} not glob '*[^a-z0-9-]*'`),
    check('assessments_status', oneOf(t.status, assessmentStatuses)),
  ],
);

const assessmentId = () =>
  integer('assessment_id')
    .notNull()
    .references(() => assessments.id, { onDelete: 'cascade' })
    .$type<AssessmentId>();

export const alternatives = sqliteTable(
  'alternatives',
  {
    id: integer('id').primaryKey({ autoIncrement: true }).$type<AlternativeId>(),
    assessmentId: assessmentId(),
    code: text('code').notNull(),
    nameEn: text('name_en').notNull(),
    nameZh: text('name_zh').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [uniqueIndex('alternatives_assessment_code_unique').on(t.assessmentId, t.code)],
);

export const dimensions = sqliteTable(
  'dimensions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }).$type<DimensionId>(),
    assessmentId: assessmentId(),
    code: text('code').notNull(),
    nameEn: text('name_en').notNull(),
    nameZh: text('name_zh').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [
    uniqueIndex('dimensions_assessment_code_unique').on(t.assessmentId, t.code),
    // Target of the indicators' composite foreign key, which keeps an indicator inside its own assessment.
    uniqueIndex('dimensions_id_assessment_unique').on(t.id, t.assessmentId),
  ],
);

/** A word for one point of an expert scale, in both languages. */
export interface ScaleAnchor {
  readonly value: number;
  readonly en: string;
  readonly zh: string;
}

export const indicators = sqliteTable(
  'indicators',
  {
    id: integer('id').primaryKey({ autoIncrement: true }).$type<IndicatorId>(),
    assessmentId: assessmentId(),
    dimensionId: integer('dimension_id').notNull().$type<DimensionId>(),
    code: text('code').notNull(),
    nameEn: text('name_en').notNull(),
    nameZh: text('name_zh').notNull(),
    direction: text('direction', { enum: directions }).notNull(),
    source: text('source', { enum: indicatorSources }).notNull(),
    /** Expert indicators are scored on [scale_min, scale_max]; statistics have no scale. */
    scaleMin: real('scale_min'),
    scaleMax: real('scale_max'),
    unit: text('unit'),
    /**
     * Fixed normalization bounds of a statistic (the criterion's `bounds`, docs/engine.md §3), so that a city's
     * normalized value does not move with the other cities'; null for the column's own min and max.
     */
    boundMin: real('bound_min'),
    boundMax: real('bound_max'),
    /** What evaluators are asked to judge, in each language; shown with the indicator on the scoring grid. */
    descriptionEn: text('description_en').notNull().default(''),
    descriptionZh: text('description_zh').notNull().default(''),
    /** Words for points of an expert scale (`[{ value: 1, en: 'very weak', zh: '很弱' }, …]`), or null. */
    anchors: text('anchors', { mode: 'json' }).$type<readonly ScaleAnchor[]>(),
    position: integer('position').notNull(),
  },
  (t) => [
    uniqueIndex('indicators_assessment_code_unique').on(t.assessmentId, t.code),
    index('indicators_dimension_idx').on(t.dimensionId),
    foreignKey({
      name: 'indicators_dimension_fk',
      columns: [t.dimensionId, t.assessmentId],
      foreignColumns: [dimensions.id, dimensions.assessmentId],
    }).onDelete('cascade'),
    check('indicators_direction', oneOf(t.direction, directions)),
    check('indicators_source', oneOf(t.source, indicatorSources)),
    check('indicators_scale_pair', sql`(${t.scaleMin} is null) = (${t.scaleMax} is null)`),
    check('indicators_scale_order', sql`${t.scaleMin} is null or ${t.scaleMin} < ${t.scaleMax}`),
    check('indicators_expert_scale', sql`${t.source} <> 'expert' or ${t.scaleMin} is not null`),
  ],
);

export const panelMembers = sqliteTable(
  'panel_members',
  {
    assessmentId: assessmentId(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' })
      .$type<UserId>(),
    role: text('role', { enum: panelRoles }).notNull(),
    /** The expert's weight when the panel's scores are aggregated (docs/engine.md §9). */
    influence: real('influence').notNull().default(1),
  },
  (t) => [
    primaryKey({ name: 'panel_members_pk', columns: [t.assessmentId, t.userId] }),
    index('panel_members_user_idx').on(t.userId),
    check('panel_members_role', oneOf(t.role, panelRoles)),
    check('panel_members_influence', sql`${t.influence} > 0`),
  ],
);

export const rounds = sqliteTable(
  'rounds',
  {
    id: integer('id').primaryKey({ autoIncrement: true }).$type<RoundId>(),
    assessmentId: assessmentId(),
    number: integer('number').notNull(),
    status: text('status', { enum: roundStatuses }).notNull().default('open'),
    opensAt: integer('opens_at', { mode: 'timestamp_ms' }).notNull(),
    closesAt: integer('closes_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    uniqueIndex('rounds_assessment_number_unique').on(t.assessmentId, t.number),
    // One open round per assessment, whatever two requests opening rounds at once interleave to.
    uniqueIndex('rounds_one_open').on(t.assessmentId).where(sql`${t.status} = 'open'`),
    check('rounds_number', sql`${t.number} >= 1`),
    check('rounds_status', oneOf(t.status, roundStatuses)),
    check('rounds_window', sql`${t.closesAt} is null or ${t.closesAt} >= ${t.opensAt}`),
  ],
);

export const scores = sqliteTable(
  'scores',
  {
    id: integer('id').primaryKey({ autoIncrement: true }).$type<ScoreId>(),
    roundId: integer('round_id')
      .notNull()
      .references(() => rounds.id, { onDelete: 'cascade' })
      .$type<RoundId>(),
    expertId: userRef('expert_id'),
    alternativeId: integer('alternative_id')
      .notNull()
      .references(() => alternatives.id, { onDelete: 'cascade' })
      .$type<AlternativeId>(),
    indicatorId: integer('indicator_id')
      .notNull()
      .references(() => indicators.id, { onDelete: 'cascade' })
      .$type<IndicatorId>(),
    value: real('value'),
    abstained: integer('abstained', { mode: 'boolean' }).notNull().default(false),
    rationale: text('rationale').notNull().default(''),
    /** Optimistic concurrency: a save names the version it edited, a stale one is a conflict. */
    version: integer('version').notNull().default(1),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    uniqueIndex('scores_cell_unique').on(t.roundId, t.expertId, t.alternativeId, t.indicatorId),
    index('scores_expert_idx').on(t.expertId),
    check(
      'scores_value_or_abstain',
      sql`(${t.abstained} = 1 and ${t.value} is null) or (${t.abstained} = 0 and ${t.value} is not null)`,
    ),
    check('scores_version', sql`${t.version} >= 1`),
  ],
);

/** An evaluator's submission of a round; a row here locks that round for that evaluator. */
export const roundSubmissions = sqliteTable(
  'round_submissions',
  {
    roundId: integer('round_id')
      .notNull()
      .references(() => rounds.id, { onDelete: 'cascade' })
      .$type<RoundId>(),
    userId: userRef('user_id'),
    submittedAt: integer('submitted_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ name: 'round_submissions_pk', columns: [t.roundId, t.userId] })],
);

export const indicatorValues = sqliteTable(
  'indicator_values',
  {
    id: integer('id').primaryKey({ autoIncrement: true }).$type<IndicatorValueId>(),
    indicatorId: integer('indicator_id')
      .notNull()
      .references(() => indicators.id, { onDelete: 'cascade' })
      .$type<IndicatorId>(),
    alternativeId: integer('alternative_id')
      .notNull()
      .references(() => alternatives.id, { onDelete: 'cascade' })
      .$type<AlternativeId>(),
    value: real('value').notNull(),
    year: integer('year').notNull(),
    /** Where the number comes from (bulletin, yearbook, table of a paper): shown beside every statistic. */
    source: text('source').notNull(),
  },
  (t) => [uniqueIndex('indicator_values_unique').on(t.indicatorId, t.alternativeId, t.year)],
);

export interface LeftOut {
  readonly dimensions: readonly string[];
  readonly within: readonly string[];
}

export const weightSets = sqliteTable(
  'weight_sets',
  {
    id: integer('id').primaryKey({ autoIncrement: true }).$type<WeightSetId>(),
    assessmentId: assessmentId(),
    version: integer('version').notNull(),
    /** A weight spec of docs/engine.md §4. */
    spec: text('spec', { mode: 'json' }).notNull().$type<Record<string, unknown>>(),
    note: text('note').notNull().default(''),
    /**
     * The members left out of group AHP when the version was saved (usernames, for the dimensions and for the
     * indicators), so that the editor reopens it as it was; the spec itself holds matrices only, anonymously.
     */
    leftOut: text('left_out', { mode: 'json' }).$type<LeftOut>(),
    createdBy: userRef('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('weight_sets_version_unique').on(t.assessmentId, t.version),
    check('weight_sets_version', sql`${t.version} >= 1`),
  ],
);

export const ahpJudgments = sqliteTable(
  'ahp_judgments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }).$type<AhpJudgmentId>(),
    assessmentId: assessmentId(),
    userId: userRef('user_id'),
    /** `dimensions` for the top level, otherwise the code of the dimension whose indicators are compared. */
    level: text('level').notNull(),
    matrix: text('matrix', { mode: 'json' }).notNull().$type<number[][]>(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('ahp_judgments_unique').on(t.assessmentId, t.userId, t.level)],
);

export const resultSnapshots = sqliteTable(
  'result_snapshots',
  {
    id: integer('id').primaryKey({ autoIncrement: true }).$type<SnapshotId>(),
    assessmentId: assessmentId(),
    createdAt: createdAt(),
    createdBy: userRef('created_by'),
    // Plain text, not drizzle's JSON mode: the stored bytes are what the hash covers and what reports rebuild from.
    problem: text('problem').notNull(),
    result: text('result').notNull(),
    engineVersion: text('engine_version').notNull(),
    hash: text('hash').notNull(),
    published: integer('published', { mode: 'boolean' }).notNull().default(false),
    /** The same data under `compare` of the four methods, for the side-by-side; null when it could not run. */
    comparisonProblem: text('comparison_problem'),
    comparisonResult: text('comparison_result'),
    /** Names of the Problem's ids in both languages (src/report/input.ts `ReportLabels`), as JSON text. */
    labels: text('labels').notNull().default('{}'),
    /** The recommendation rules that applied when it was published, so a report is rebuilt from the snapshot alone. */
    rules: text('rules').notNull().default('[]'),
    weightSetVersion: integer('weight_set_version'),
    weightSetNote: text('weight_set_note'),
    methodSettings: text('method_settings').notNull().default('{}'),
  },
  (t) => [index('result_snapshots_assessment_idx').on(t.assessmentId)],
);

export const reportKinds = ['report', 'brief'] as const;
export const reportStatuses = ['running', 'done', 'failed'] as const;

/**
 * PDFs rendered from a snapshot, kept in the database so that every server process can serve one another has
 * made, and so that a long report's progress can be read by whichever process the next poll reaches. A row is
 * a cache entry: snapshots are immutable, so a finished PDF never goes stale.
 */
export const reportRenders = sqliteTable(
  'report_renders',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    snapshotId: integer('snapshot_id')
      .notNull()
      .references(() => resultSnapshots.id, { onDelete: 'cascade' })
      .$type<SnapshotId>(),
    kind: text('kind', { enum: reportKinds }).notNull(),
    /** The city of a brief; '' for the assessment report. */
    city: text('city').notNull().default(''),
    locale: text('locale', { enum: locales }).notNull(),
    status: text('status', { enum: reportStatuses }).notNull(),
    done: integer('done').notNull().default(0),
    total: integer('total').notNull().default(0),
    pdf: blob('pdf', { mode: 'buffer' }),
    error: text('error'),
    startedAt: integer('started_at', { mode: 'timestamp_ms' }).notNull(),
    /** A running render whose process died stops being refreshed; another may take it over after a while. */
    heartbeatAt: integer('heartbeat_at', { mode: 'timestamp_ms' }).notNull(),
    finishedAt: integer('finished_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    uniqueIndex('report_renders_unique').on(t.snapshotId, t.kind, t.city, t.locale),
    check('report_renders_kind', oneOf(t.kind, reportKinds)),
    check('report_renders_status', oneOf(t.status, reportStatuses)),
    check('report_renders_locale', oneOf(t.locale, locales)),
  ],
);

export const importJobStates = ['checking', 'ready', 'committing', 'unreadable', 'imported'] as const;
export type ImportJobState = (typeof importJobStates)[number];

/**
 * Statistics imports in progress (src/app/import-jobs.ts), in the database so that the upload, its progress polls
 * and its confirmation may reach different server processes. The process that took the upload checks the file and
 * refreshes `heartbeat_at`; a check whose row has stopped being refreshed belonged to a process that died.
 */
export const importJobs = sqliteTable(
  'import_jobs',
  {
    /** Random, unguessable: the job's address. */
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' })
      .$type<UserId>(),
    assessmentId: integer('assessment_id')
      .notNull()
      .references(() => assessments.id, { onDelete: 'cascade' })
      .$type<AssessmentId>(),
    fileName: text('file_name').notNull(),
    startedAt: integer('started_at', { mode: 'timestamp_ms' }).notNull(),
    heartbeatAt: integer('heartbeat_at', { mode: 'timestamp_ms' }).notNull(),
    state: text('state', { enum: importJobStates }).notNull(),
    done: integer('done').notNull().default(0),
    total: integer('total').notNull().default(0),
    /** Once checked: what the preview shows and what confirming writes (the app layer's type). */
    preview: text('preview', { mode: 'json' }).$type<unknown>(),
    /** Why an unreadable file could not be read. */
    message: text('message'),
    /** Once imported: the values written and how many of them replaced a stored one. */
    count: integer('count'),
    replaced: integer('replaced'),
  },
  (t) => [
    index('import_jobs_started_idx').on(t.startedAt),
    check('import_jobs_state', oneOf(t.state, importJobStates)),
  ],
);

export const recommendationRules = sqliteTable(
  'recommendation_rules',
  {
    id: integer('id').primaryKey({ autoIncrement: true }).$type<RecommendationRuleId>(),
    /** Null for the library-wide rules every assessment can use. */
    assessmentId: integer('assessment_id')
      .references(() => assessments.id, { onDelete: 'cascade' })
      .$type<AssessmentId>(),
    code: text('code').notNull(),
    dimensionCode: text('dimension_code').notNull(),
    /** When the rule fires, over the engine's result (e.g. a lagging dimension or an obstacle indicator). */
    condition: text('condition', { mode: 'json' }).notNull().$type<Record<string, unknown>>(),
    textEn: text('text_en').notNull(),
    textZh: text('text_zh').notNull(),
    /** The evidence the advice rests on, cited in reports. */
    source: text('source').notNull(),
  },
  (t) => [
    uniqueIndex('recommendation_rules_assessment_code_unique').on(t.assessmentId, t.code),
    // SQLite treats NULLs as distinct in unique indexes, so library-wide codes need their own index.
    uniqueIndex('recommendation_rules_library_code_unique').on(t.code).where(sql`${t.assessmentId} is null`),
  ],
);

/** Append-only: triggers in the migrations reject UPDATE and DELETE. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }).$type<AuditId>(),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    /** Null for changes made by the system itself (start-up, CLI without a user). */
    userId: integer('user_id')
      .references(() => users.id)
      .$type<UserId>(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    before: text('before', { mode: 'json' }).$type<unknown>(),
    after: text('after', { mode: 'json' }).$type<unknown>(),
  },
  (t) => [index('audit_log_entity_idx').on(t.entity, t.entityId), index('audit_log_at_idx').on(t.at)],
);

/**
 * The hash chain over the audit log (README, Tamper-evident audit log): one row per entry, written by a trigger in
 * the same statement as the entry (drizzle/0009_audit_chain_triggers.sql), never by the code. `hash` is the
 * lowercase hex SHA3-256 of the entry's content and `prev_hash`, the hash of the entry before it (null for the first).
 */
export const auditChain = sqliteTable('audit_chain', {
  entryId: integer('entry_id')
    .primaryKey()
    .references(() => auditLog.id)
    .$type<AuditId>(),
  prevHash: text('prev_hash'),
  hash: text('hash').notNull(),
});

export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type ApiToken = typeof apiTokens.$inferSelect;
export type Assessment = typeof assessments.$inferSelect;
export type Alternative = typeof alternatives.$inferSelect;
export type Dimension = typeof dimensions.$inferSelect;
export type Indicator = typeof indicators.$inferSelect;
export type PanelMember = typeof panelMembers.$inferSelect;
export type Round = typeof rounds.$inferSelect;
export type Score = typeof scores.$inferSelect;
export type RoundSubmission = typeof roundSubmissions.$inferSelect;
export type IndicatorValue = typeof indicatorValues.$inferSelect;
export type WeightSet = typeof weightSets.$inferSelect;
export type AhpJudgment = typeof ahpJudgments.$inferSelect;
export type ResultSnapshot = typeof resultSnapshots.$inferSelect;
export type RecommendationRule = typeof recommendationRules.$inferSelect;
export type ReportRender = typeof reportRenders.$inferSelect;
export type AuditEntry = typeof auditLog.$inferSelect;
