import { z } from 'zod';
import { MIN_CONCENTRATION } from './limits.ts';
import { methodSchema, singleMethodSchema } from './methods/index.ts';
import { normalizationSchema } from './normalize.ts';
import { type PLAIN_WEIGHTINGS, weightSpecSchema } from './weights/index.ts';

/**
 * The engine's input (docs/engine.md §1). This schema is the single source of the `Problem` type; cross-field rules
 * (matrix shape, dimensions named by criteria, bounds) are checked after parsing by `validate.ts`, with paths
 * into the submitted JSON.
 */

const finite = z.number();
const positive = z.number().positive();

/**
 * Nested arrays of numbers (a matrix, or the panel's experts × alternatives × criteria), checked by one loop in
 * place: they are by far the largest part of a problem, and z.array(z.array(z.number())) copies every row and runs
 * a schema per cell (about 60 ms of a 2,851 × 40 `corridor evaluate`, an eighth of the process, and 40 ms for
 * 600,000 panel scores). Each bad entry is reported as zod reports one, with its path.
 */
const numberArrays = <T>(depth: number, nullable: boolean) =>
  z
    .custom<T>(() => true)
    .superRefine((value, ctx) => {
      const walk = (v: unknown, level: number, path: number[]): void => {
        if (level === 0) {
          if ((typeof v !== 'number' || !Number.isFinite(v)) && !(nullable && v === null)) {
            ctx.addIssue({ code: 'invalid_type', expected: 'number', input: v, path });
          }
        } else if (!Array.isArray(v)) {
          ctx.addIssue({ code: 'invalid_type', expected: 'array', input: v, path });
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
    });

export const criterionTypeSchema = z.enum(['benefit', 'cost']);
export { normalizationSchema };

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

export { pairwiseSchema, randomIndexSchema } from './weights/ahp.ts';

type SpecOf<T> = T extends { readonly schema: infer S extends z.ZodType } ? z.output<S> : never;
type Plain = (typeof PLAIN_WEIGHTINGS)[number];

export type EqualWeights = SpecOf<Extract<Plain, { method: 'equal' }>>;
export type DirectWeights = SpecOf<Extract<Plain, { method: 'direct' }>>;
export type EntropyWeights = SpecOf<Extract<Plain, { method: 'entropy' }>>;
export type CriticWeights = SpecOf<Extract<Plain, { method: 'critic' }>>;
export type AhpWeights = SpecOf<Extract<Plain, { method: 'ahp' }>>;
// Specs made of other specs need their type spelled out once: zod cannot infer a type that refers to itself.
export interface CombinedWeights {
  method: 'combined';
  parts: WeightSpec[];
  alpha?: number[] | undefined;
  mix: 'linear' | 'multiplicative';
}
export interface HierarchicalWeights {
  method: 'hierarchical';
  dimensions: WeightSpec;
  within: WeightSpec;
}
/** Discriminated by `method` (docs/engine.md §4). */
export type WeightSpec = SpecOf<Plain> | CombinedWeights | HierarchicalWeights;

export { type Preference, preferenceFunctionSchema, preferenceSchema } from './methods/promethee2.ts';
export { methodSchema, singleMethodSchema, weightSpecSchema };
/** Discriminated by `name` (docs/engine.md §5). */
export type MethodSpec = z.output<typeof methodSchema>;
export type SingleMethodSpec = z.output<typeof singleMethodSchema>;
export type MethodName = MethodSpec['name'];

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

export const problemSchema = z.strictObject({
  alternatives: z.array(z.string().min(1)).min(1),
  dimensions: z.array(z.string().min(1)).optional(),
  criteria: z.array(criterionSchema).min(1),
  matrix: numberArrays<number[][]>(2, false).optional(),
  panel: panelSchema.optional(),
  weights: weightSpecSchema.default({ method: 'equal' }),
  method: methodSchema.default({ name: 'wsm', normalization: 'minmax' }),
  coordination: coordinationSchema.optional(),
  obstacles: obstaclesSchema.optional(),
  sensitivity: sensitivitySchema.optional(),
  explain: z.boolean().default(false),
});

/** What callers send (defaults optional). */
export type ProblemInput = z.input<typeof problemSchema>;
/** What the engine works on (defaults filled in). */
export type Problem = z.output<typeof problemSchema>;
export type Criterion = z.output<typeof criterionSchema>;
export type PanelSpec = z.output<typeof panelSchema>;
