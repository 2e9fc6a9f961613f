/** The decision engine's public face: the web app, the API and the CLI import from here only. */

export { type CostEstimate, type CostLimits, type CostPart, costIssues, estimateCost } from './cost.ts';
export { type Issue, ProblemError } from './errors.ts';
export { evaluate } from './evaluate.ts';
export {
  MAX_COMPARED_METHODS,
  MAX_JSON_DEPTH,
  MAX_WEIGHT_DEPTH,
  MIN_CONCENTRATION,
  structureIssues,
} from './limits.ts';
export { METHODS, type MethodDescriptor, SINGLE_METHODS } from './methods/index.ts';
export {
  type Criterion,
  type MethodSpec,
  type Problem,
  type ProblemInput,
  problemSchema,
  type WeightSpec,
} from './problem.ts';
export type * from './result.ts';
export { MAX_LEVELS } from './spec.ts';
export { readJson } from './validate.ts';
export {
  type AhpOptions,
  type AhpResult,
  ahp,
  type Consistency,
  WEIGHTINGS,
  type WeightingDescriptor,
  type WeightingInfo,
} from './weights/index.ts';

/**
 * Stored with every result snapshot. Bump it whenever the same Problem could produce a different Result
 * (a formula, a default, a tie rule), so that a snapshot says which rules made its numbers.
 */
export const ENGINE_VERSION = '1.5.0';
