import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, type Db } from '../../src/db/client.ts';
import { memoryDb } from './fixtures.ts';

/**
 * The schema's constraints, exercised with raw SQL so that nothing in the application code stands between
 * the bad row and the database: each statement must be refused by SQLite itself.
 */
let db: Db;
const run = (statement: string) => db.$client.execute(statement);
const count = async (table: string) => Number((await run(`select count(*) as n from ${table}`)).rows[0].n);

// One small assessment: user 1 (evaluator), assessment 1 with dimension 1, indicator 1 (expert, 1–9), city 1, round 1.
const BASE = [
  "insert into users (id, username, display_name, password_hash, created_at) values (1, 'ann', 'Ann', 'x', 0)",
  "insert into assessments (id, code, name_en, name_zh, region_en, region_zh, period, method_settings, created_by, created_at) values (1, 'a-1', 'A', '甲', 'R', '区', '2017', '{}', 1, 0)",
  "insert into assessments (id, code, name_en, name_zh, region_en, region_zh, period, method_settings, created_by, created_at) values (2, 'a-2', 'B', '乙', 'R', '区', '2017', '{}', 1, 0)",
  "insert into dimensions (id, assessment_id, code, name_en, name_zh, position) values (1, 1, 'planning', 'Planning', '规划', 0)",
  "insert into dimensions (id, assessment_id, code, name_en, name_zh, position) values (2, 2, 'policy', 'Policy', '政策', 0)",
  "insert into indicators (id, assessment_id, dimension_id, code, name_en, name_zh, direction, source, scale_min, scale_max, position) values (1, 1, 1, 'plan', 'Plan', '规', 'benefit', 'expert', 1, 9, 0)",
  "insert into alternatives (id, assessment_id, code, name_en, name_zh, position) values (1, 1, 'wuwei', 'Wuwei', '武威', 0)",
  "insert into rounds (id, assessment_id, number, status, opens_at) values (1, 1, 1, 'open', 0)",
  "insert into panel_members (assessment_id, user_id, role) values (1, 1, 'evaluator')",
];

const indicator = (values: string) =>
  `insert into indicators (assessment_id, dimension_id, code, name_en, name_zh, direction, source, scale_min, scale_max, position) values (${values})`;
const score = (values: string) =>
  `insert into scores (round_id, expert_id, alternative_id, indicator_id, value, abstained, rationale, updated_at) values (${values})`;

beforeEach(async () => {
  db = await memoryDb();
  for (const statement of BASE) await run(statement);
});
afterEach(() => closeDatabase(db));

describe('unique constraints', () => {
  it('allow one score per round × expert × city × indicator', async () => {
    await run(score("1, 1, 1, 1, 5, 0, '', 0"));
    await expect(run(score("1, 1, 1, 1, 6, 0, '', 0"))).rejects.toThrow(/UNIQUE constraint failed: scores\./);
    expect(await count('scores')).toBe(1);
  });

  it.each([
    [
      'usernames',
      "insert into users (username, display_name, password_hash, created_at) values ('ann', 'Other Ann', 'x', 0)",
      /users\.username/,
    ],
    [
      'assessment codes',
      "insert into assessments (code, name_en, name_zh, region_en, region_zh, period, method_settings, created_by, created_at) values ('a-1', 'A', '甲', 'R', '区', '2017', '{}', 1, 0)",
      /assessments\.code/,
    ],
    [
      'city codes within an assessment',
      "insert into alternatives (assessment_id, code, name_en, name_zh, position) values (1, 'wuwei', 'W', '武', 1)",
      /alternatives\.assessment_id, alternatives\.code/,
    ],
    [
      'dimension codes within an assessment',
      "insert into dimensions (assessment_id, code, name_en, name_zh, position) values (1, 'planning', 'P', '规', 1)",
      /dimensions\.assessment_id, dimensions\.code/,
    ],
    [
      'indicator codes within an assessment',
      indicator("1, 1, 'plan', 'P', '规', 'benefit', 'expert', 1, 9, 1"),
      /indicators\.assessment_id, indicators\.code/,
    ],
    [
      'round numbers within an assessment',
      "insert into rounds (assessment_id, number, status, opens_at) values (1, 1, 'closed', 0)",
      /rounds\.assessment_id, rounds\.number/,
    ],
    [
      'open rounds within an assessment (one at a time)',
      "insert into rounds (assessment_id, number, status, opens_at) values (1, 2, 'open', 0)",
      /rounds\.assessment_id$/,
    ],
    [
      'panel memberships',
      "insert into panel_members (assessment_id, user_id, role) values (1, 1, 'viewer')",
      /panel_members\.assessment_id, panel_members\.user_id/,
    ],
  ])('reject duplicate %s', async (_what, statement, column) => {
    await expect(run(statement)).rejects.toThrow(column);
  });

  it('allow the same city code in two assessments', async () => {
    await run(
      "insert into alternatives (assessment_id, code, name_en, name_zh, position) values (2, 'wuwei', 'Wuwei', '武威', 0)",
    );
    expect(await count('alternatives')).toBe(2);
  });

  it('number weight sets once per assessment and keep one AHP matrix per expert and level', async () => {
    await run(
      "insert into weight_sets (assessment_id, version, spec, created_by, created_at) values (1, 1, '{}', 1, 0)",
    );
    await expect(
      run("insert into weight_sets (assessment_id, version, spec, created_by, created_at) values (1, 1, '{}', 1, 0)"),
    ).rejects.toThrow(/UNIQUE/);
    await run(
      "insert into ahp_judgments (assessment_id, user_id, level, matrix, updated_at) values (1, 1, 'dimensions', '[[1]]', 0)",
    );
    await expect(
      run(
        "insert into ahp_judgments (assessment_id, user_id, level, matrix, updated_at) values (1, 1, 'dimensions', '[[1]]', 0)",
      ),
    ).rejects.toThrow(/UNIQUE/);
  });

  it('keep statistics to one value per indicator, city and year', async () => {
    await run(indicator("1, 1, 'gdp', 'GDP', '生产总值', 'benefit', 'statistic', null, null, 1"));
    await run(
      "insert into indicator_values (indicator_id, alternative_id, value, year, source) values (2, 1, 3.5, 2017, 'bulletin')",
    );
    await run(
      "insert into indicator_values (indicator_id, alternative_id, value, year, source) values (2, 1, 3.9, 2018, 'bulletin')",
    );
    await expect(
      run(
        "insert into indicator_values (indicator_id, alternative_id, value, year, source) values (2, 1, 4, 2017, 'yearbook')",
      ),
    ).rejects.toThrow(/UNIQUE/);
  });

  it('keep library-wide recommendation codes unique although their assessment is null', async () => {
    const rule = (assessment: string) =>
      `insert into recommendation_rules (assessment_id, code, dimension_code, condition, text_en, text_zh, source) values (${assessment}, 'r', 'social', '{}', 'e', '中', 's')`;
    await run(rule('null'));
    await run(rule('1'));
    await expect(run(rule('null'))).rejects.toThrow(/UNIQUE constraint failed: recommendation_rules\.code/);
    await expect(run(rule('1'))).rejects.toThrow(/UNIQUE/);
  });
});

describe('check constraints', () => {
  it.each([
    [
      'a username that is not lower-case',
      "insert into users (username, display_name, password_hash, created_at) values ('Bob', 'Bob', 'x', 0)",
      'users_username_lowercase',
    ],
    [
      'an empty username',
      "insert into users (username, display_name, password_hash, created_at) values ('', 'Bob', 'x', 0)",
      'users_username_lowercase',
    ],
    [
      'an unknown locale',
      "insert into users (username, display_name, password_hash, locale, created_at) values ('bob', 'Bob', 'x', 'fr', 0)",
      'users_locale',
    ],
    [
      'an assessment code that is not a slug',
      "insert into assessments (code, name_en, name_zh, region_en, region_zh, period, method_settings, created_by, created_at) values ('Hexi 2017', 'A', '甲', 'R', '区', '2017', '{}', 1, 0)",
      'assessments_code_slug',
    ],
    [
      'an unknown assessment status',
      "insert into assessments (code, name_en, name_zh, region_en, region_zh, period, status, method_settings, created_by, created_at) values ('b', 'A', '甲', 'R', '区', '2017', 'archived', '{}', 1, 0)",
      'assessments_status',
    ],
    [
      'a direction other than benefit or cost',
      indicator("1, 1, 'x', 'X', '某', 'neutral', 'expert', 1, 9, 1"),
      'indicators_direction',
    ],
    [
      'a source other than expert or statistic',
      indicator("1, 1, 'x', 'X', '某', 'benefit', 'survey', 1, 9, 1"),
      'indicators_source',
    ],
    [
      'a scale whose minimum is not below its maximum',
      indicator("1, 1, 'x', 'X', '某', 'benefit', 'expert', 9, 9, 1"),
      'indicators_scale_order',
    ],
    ['half a scale', indicator("1, 1, 'x', 'X', '某', 'benefit', 'statistic', 0, null, 1"), 'indicators_scale_pair'],
    [
      'an expert indicator without a scale',
      indicator("1, 1, 'x', 'X', '某', 'benefit', 'expert', null, null, 1"),
      'indicators_expert_scale',
    ],
    [
      'an unknown panel role',
      "insert into panel_members (assessment_id, user_id, role) values (2, 1, 'owner')",
      'panel_members_role',
    ],
    [
      'a zero influence',
      "insert into panel_members (assessment_id, user_id, role, influence) values (2, 1, 'evaluator', 0)",
      'panel_members_influence',
    ],
    [
      'a negative influence',
      "insert into panel_members (assessment_id, user_id, role, influence) values (2, 1, 'evaluator', -1)",
      'panel_members_influence',
    ],
    [
      'round number zero',
      "insert into rounds (assessment_id, number, status, opens_at) values (1, 0, 'open', 0)",
      'rounds_number',
    ],
    [
      'an unknown round status',
      "insert into rounds (assessment_id, number, status, opens_at) values (1, 2, 'paused', 0)",
      'rounds_status',
    ],
    [
      'a round that closes before it opens',
      "insert into rounds (assessment_id, number, status, opens_at, closes_at) values (1, 2, 'closed', 100, 50)",
      'rounds_window',
    ],
    ['a score with a value and an abstention', score("1, 1, 1, 1, 5, 1, '', 0"), 'scores_value_or_abstain'],
    ['a score with neither a value nor an abstention', score("1, 1, 1, 1, null, 0, '', 0"), 'scores_value_or_abstain'],
    [
      'a weight set version zero',
      "insert into weight_sets (assessment_id, version, spec, created_by, created_at) values (1, 0, '{}', 1, 0)",
      'weight_sets_version',
    ],
  ])('reject %s', async (_what, statement, constraint) => {
    await expect(run(statement)).rejects.toThrow(new RegExp(`CHECK constraint failed: ${constraint}`));
  });

  it('accept an abstention without a value and a statistic without a scale', async () => {
    await run(score("1, 1, 1, 1, null, 1, 'no local knowledge', 0"));
    await run(indicator("1, 1, 'gdp', 'GDP', '生产总值', 'cost', 'statistic', null, null, 1"));
    expect(await count('scores')).toBe(1);
    expect(await count('indicators')).toBe(2);
  });
});

describe('foreign keys', () => {
  it.each([
    ['a score in a round that does not exist', score("99, 1, 1, 1, 5, 0, '', 0")],
    ['a score by a user that does not exist', score("1, 99, 1, 1, 5, 0, '', 0")],
    [
      'a session of a user that does not exist',
      "insert into sessions (id, user_id, created_at, last_seen_at, expires_at) values ('h', 99, 0, 0, 1)",
    ],
    [
      'an assessment created by nobody',
      "insert into assessments (code, name_en, name_zh, region_en, region_zh, period, method_settings, created_by, created_at) values ('c', 'A', '甲', 'R', '区', '2017', '{}', 99, 0)",
    ],
    // The composite key (dimension_id, assessment_id) keeps an indicator inside its own assessment.
    [
      'an indicator under another assessment’s dimension',
      indicator("1, 2, 'x', 'X', '某', 'benefit', 'expert', 1, 9, 1"),
    ],
  ])('reject %s', async (_what, statement) => {
    await expect(run(statement)).rejects.toThrow(/FOREIGN KEY constraint failed/);
  });

  it('remove an assessment’s cities, indicators, rounds and scores with it', async () => {
    await run(score("1, 1, 1, 1, 5, 0, '', 0"));
    await run('delete from assessments where id = 1');
    for (const table of ['alternatives', 'dimensions', 'indicators', 'rounds', 'scores', 'panel_members']) {
      expect(await count(table), table).toBe(table === 'dimensions' ? 1 : 0);
    }
    expect(await count('users')).toBe(1);
  });

  it('refuse to delete a user who has scored (users are disabled, not deleted)', async () => {
    await run(score("1, 1, 1, 1, 5, 0, '', 0"));
    await expect(run('delete from users where id = 1')).rejects.toThrow(/FOREIGN KEY constraint failed/);
  });
});

describe('audit log', () => {
  beforeEach(async () => {
    await run(
      "insert into audit_log (at, user_id, action, entity, entity_id, before, after) values (1, 1, 'score.update', 'score', '1', '{\"value\":4}', '{\"value\":5}')",
    );
  });

  it('accepts new entries', async () => {
    await run(
      "insert into audit_log (at, user_id, action, entity, entity_id) values (2, null, 'user.create', 'user', 'bob')",
    );
    expect(await count('audit_log')).toBe(2);
  });

  it('rejects UPDATE', async () => {
    await expect(run('update audit_log set after = \'{"value":9}\'')).rejects.toThrow(
      /audit_log is append-only: UPDATE is not allowed/,
    );
    const [row] = (await run('select after from audit_log')).rows;
    expect(row.after).toBe('{"value":5}');
  });

  it('rejects DELETE', async () => {
    await expect(run('delete from audit_log')).rejects.toThrow(/audit_log is append-only: DELETE is not allowed/);
    expect(await count('audit_log')).toBe(1);
  });
});
