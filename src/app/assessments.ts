/**
 * Creating an assessment: blank, or from the Hexi Corridor template (the study's cities, four dimensions and
 * fourteen indicators, with their descriptions and anchor words; no scores, statistics or weights). Written in one
 * batch with its audit entry, so a half-made assessment never exists.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { DEMO_METHOD_SETTINGS, demoCities, demoDimensions, demoIndicators } from '../db/demo/hexi-demo.ts';
import { alternatives, assessments, auditLog, dimensions, indicators } from '../db/schema.ts';
import type { Actor } from './access.ts';
import { type Refused, refused } from './refused.ts';

export const TEMPLATES = ['blank', 'hexi'] as const;
export type Template = (typeof TEMPLATES)[number];

export interface NewAssessment {
  readonly code: string;
  readonly nameEn: string;
  readonly nameZh: string;
  readonly regionEn: string;
  readonly regionZh: string;
  readonly period: string;
  readonly template: string;
}

const CODE = /^[a-z0-9][a-z0-9-]{0,62}$/;
const MAX_TEXT = 200;

/** The field that is wrong, with why; undefined when the input can be used. */
function problemOf(input: NewAssessment): Refused | undefined {
  if (!CODE.test(input.code))
    return refused(422, '1–63 lower-case letters, digits or "-", starting with a letter or digit', 'code');
  // `/assessments/new` is the page that creates one.
  if (input.code === 'new') return refused(422, '"new" is reserved', 'code');
  for (const field of ['nameEn', 'nameZh', 'regionEn', 'regionZh', 'period'] as const) {
    const v = input[field].trim();
    if (v === '') return refused(422, 'this field is required', field);
    if (v.length > MAX_TEXT) return refused(422, `at most ${MAX_TEXT} characters`, field);
  }
  if (!(TEMPLATES as readonly string[]).includes(input.template))
    return refused(422, `must be one of ${TEMPLATES.join(', ')}`, 'template');
  return undefined;
}

export async function createAssessment(
  db: Db,
  now: Date,
  actor: Actor,
  input: NewAssessment,
): Promise<{ readonly kind: 'created'; readonly code: string } | Refused> {
  if (!actor.isAdmin) return refused(403, 'only administrators create assessments');
  const problem = problemOf(input);
  if (problem) return problem;
  const code = input.code;
  const idOf = sql`(select id from ${assessments} where ${assessments.code} = ${code})`;
  const template = input.template as Template;
  const structure =
    template === 'hexi'
      ? [
          db
            .insert(dimensions)
            .values(demoDimensions.map((d, position) => ({ ...d, assessmentId: idOf as never, position }))),
          db
            .insert(alternatives)
            .values(demoCities.map((c, position) => ({ ...c, assessmentId: idOf as never, position }))),
          db.insert(indicators).values(
            demoIndicators.map(({ dimensionCode, ...i }, position) => ({
              ...i,
              assessmentId: idOf as never,
              dimensionId:
                sql`(select id from ${dimensions} where ${dimensions.assessmentId} = ${idOf} and ${dimensions.code} = ${dimensionCode})` as never,
              position,
            })),
          ),
        ]
      : [];
  try {
    await db.batch([
      db.insert(assessments).values({
        code,
        nameEn: input.nameEn.trim(),
        nameZh: input.nameZh.trim(),
        regionEn: input.regionEn.trim(),
        regionZh: input.regionZh.trim(),
        period: input.period.trim(),
        status: 'draft',
        methodSettings: template === 'hexi' ? DEMO_METHOD_SETTINGS : {},
        createdBy: actor.id,
        createdAt: now,
      }),
      ...structure,
      db.insert(auditLog).values({
        at: now,
        userId: actor.id,
        action: 'assessment.create',
        entity: 'assessment',
        entityId: sql`(select cast(id as text) from ${assessments} where ${assessments.code} = ${code})` as never,
        after: { code, template },
      }),
    ]);
  } catch (err) {
    if (
      err instanceof Error &&
      /UNIQUE constraint failed: assessments/.test(`${err.message} ${String(err.cause ?? '')}`)
    )
      return refused(409, `the code "${code}" is taken`, 'code');
    throw err;
  }
  return { kind: 'created', code };
}
