import { z } from 'zod';
import { MAX_ISSUES, MIN_CONCENTRATION } from './limits.ts';

/**
 * The parts of the engine's input (docs/engine.md §1) that the modules computing them need as types: a leaf that
 * imports no engine module, so that problem.ts, which assembles them with the methods' and weighting schemes'
 * schemas, sits above everything it describes.
 */

const finite = z.number();
const positive = z.number().positive();

/**
 * Nested arrays of numbers (a matrix, or the panel's experts × alternatives × criteria), checked by one loop in
 * place: they are by far the largest part of a problem, and z.array(z.array(z.number())) copies every row and runs
 * a schema per cell (about 60 ms of a 2,851 × 40 `corridor evaluate`, an eighth of the process, and 40 ms for
 * 600,000 panel scores). Each bad entry is reported as zod reports one, with its path.
 */
export const numberArrays = <T>(depth: number, nullable: boolean) =>
  z
    .custom<T>(() => true)
    .superRefine((value, ctx) => {
      // Past MAX_ISSUES bad entries the rest are only counted: the answer lists no more than that anyway.
      let bad = 0;
      const report = (expected: 'number' | 'array', input: unknown, path: number[]) => {
        if (++bad <= MAX_ISSUES) ctx.addIssue({ code: 'invalid_type', expected, input, path });
      };
      const walk = (v: unknown, level: number, path: number[]): void => {
        if (level === 0) {
          if ((typeof v !== 'number' || !Number.isFinite(v)) && !(nullable && v === null)) report('number', v, path);
        } else if (!Array.isArray(v)) {
          report('array', v, path);
        } else if (level === 1) {
          for (let k = 0; k < v.length; k++) {
            const x: unknown = v[k];
            if (typeof x !== 'number' || !Number.isFinite(x)) walk(x, 0, [...path, k]);
          }
        } else {
          for (let k = 0; k < v.length; k++) walk(v[k], level - 1, [...path, k]);
        }
      };
      walk(value, depth, []);
      if (bad > MAX_ISSUES) {
        ctx.addIssue({
          code: 'custom',
          message: 'more entries that are not numbers',
          path: [],
          params: { unlisted: bad - MAX_ISSUES },
        });
      }
    });

export const criterionTypeSchema = z.enum(['benefit', 'cost']);
export const criterionSchema = z.strictObject({
  id: z.string().min(1),
  name: z.string().optional(),
  dimension: z.string().min(1).optional(),
  type: criterionTypeSchema,
  bounds: z.tuple([finite, finite]).optional(),
});

export const panelSchema = z.strictObject({
  experts: z.array(z.string().min(1)).min(1),
  influence: z.array(positive).optional(),
  scores: numberArrays<(number | null)[][][]>(3, true),
  aggregate: z.enum(['mean', 'median', 'geometric', 'trimmed']).default('mean'),
  trim: z.number().min(0).max(0.5).lt(0.5).default(0.1),
});

export const coordinationSchema = z.strictObject({
  variant: z.enum(['standard', 'wang2021']).default('standard'),
  contribution: z.array(z.number().nonnegative()).optional(),
  normalization: z.enum(['minmax', 'vector', 'max', 'sum']).default('minmax'),
  boundaries: z.enum(['lower-closed', 'upper-closed']).default('lower-closed'),
  laggingRatio: z.number().gt(0).max(1).default(0.8),
});
export type CoordinationSpec = z.output<typeof coordinationSchema>;

export const obstaclesSchema = z.strictObject({ top: z.number().int().min(1).default(5) });
export type ObstaclesSpec = z.output<typeof obstaclesSchema>;

export const sensitivitySchema = z.strictObject({
  samples: z.number().int().min(1).max(1_000_000).default(2000),
  seed: z.number().int().default(1),
  concentration: z.number().min(MIN_CONCENTRATION).default(200),
  oneWay: z.boolean().default(true),
});
export type SensitivitySpec = z.output<typeof sensitivitySchema>;

export type Criterion = z.output<typeof criterionSchema>;
export type PanelSpec = z.output<typeof panelSchema>;
