/** The decision engine's public face: the web app, the API and the CLI import from here only. */
export { evaluate } from './evaluate.ts';
export { ProblemError, type Issue } from './errors.ts';
export { problemSchema, type Problem, type ProblemInput, type WeightSpec, type MethodSpec, type Criterion } from './problem.ts';
export type * from './result.ts';
export { readJson } from './validate.ts';
export { ahp, type AhpOptions, type AhpResult, type Consistency, type WeightingInfo } from './weights/index.ts';

/**
 * Stored with every result snapshot. Bump it whenever the same Problem could produce a different Result
 * (a formula, a default, a tie rule), so that a snapshot says which rules made its numbers.
 */
export const ENGINE_VERSION = '1.1.0';
