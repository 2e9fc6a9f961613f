import { z } from 'zod';
import { type MethodSpec, methodSchema, type SingleMethodSpec, singleMethodSchema } from './methods/index.ts';
import { normalizationSchema } from './normalize.ts';
import {
  coordinationSchema,
  criterionSchema,
  numberArrays,
  obstaclesSchema,
  panelSchema,
  sensitivitySchema,
} from './spec.ts';
import { weightSpecSchema } from './weights/index.ts';

/**
 * The engine's input (docs/engine.md §1). This schema is the single source of the `Problem` type; cross-field rules
 * (matrix shape, dimensions named by criteria, bounds) are checked after parsing by `validate.ts`, with paths
 * into the submitted JSON.
 */

export { type Preference, preferenceFunctionSchema, preferenceSchema } from './methods/promethee2.ts';
export {
  type CoordinationSpec,
  type Criterion,
  coordinationSchema,
  criterionSchema,
  criterionTypeSchema,
  type ObstaclesSpec,
  obstaclesSchema,
  type PanelSpec,
  panelSchema,
  type SensitivitySpec,
  sensitivitySchema,
} from './spec.ts';
export { pairwiseSchema, randomIndexSchema } from './weights/ahp.ts';

export type {
  AhpWeights,
  CombinedWeights,
  CriticWeights,
  DirectWeights,
  EntropyWeights,
  EqualWeights,
  HierarchicalWeights,
  WeightSpec,
} from './weights/index.ts';
export {
  type MethodSpec,
  methodSchema,
  normalizationSchema,
  type SingleMethodSpec,
  singleMethodSchema,
  weightSpecSchema,
};
export type MethodName = MethodSpec['name'];

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
