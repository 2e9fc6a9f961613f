import type { CoordinationResult } from './coordination.ts';
import type { METHODS, SINGLE_METHODS } from './methods/index.ts';
import type { PreparedMethod } from './methods/method.ts';
import type { NormalizationName } from './normalize.ts';
import type { AlternativeObstacles } from './obstacles.ts';
import type { PanelResult } from './panel.ts';
import type { Better } from './rank.ts';
import type { SensitivityResult } from './sensitivity.ts';
import type { WeightingInfo } from './weights/index.ts';

/** What `evaluate` returns (docs/engine.md §2): plain JSON values only, so the CLI and the API print it as it is. */

export interface TopsisDetails {
  dPlus: number[];
  dMinus: number[];
}

export interface VikorDetails {
  S: number[];
  R: number[];
  Q: number[];
  /** Q(a″) − Q(a′) ≥ 1/(m − 1). */
  advantage: boolean;
  /** a′ is also first by S or by R. */
  stability: boolean;
  /** Alternative indices (0-based), a′ first. */
  compromise: number[];
}

export interface PrometheeDetails {
  phiPlus: number[];
  phiMinus: number[];
}

/** Nothing beyond the scores. */
export type NoDetails = Record<string, never>;

/** Each method's name with the shape of the details its descriptor's `prepare` builds. */
type Outcomes<T> = T extends { readonly name: infer N; prepare(...args: never[]): PreparedMethod<infer D> }
  ? { name: N; details: D }
  : never;

export type SingleMethodDetails = Outcomes<(typeof SINGLE_METHODS)[number]>;

/** One method's own ranking inside `compare`. */
export type ComparedMethod = SingleMethodDetails & { better: Better; scores: number[]; ranks: number[] };

export interface CompareDetails {
  results: ComparedMethod[];
  /** Spearman's ρ between the methods' rankings, rows and columns in the order of `results`. */
  spearman: { methods: SingleMethodDetails['name'][]; matrix: number[][] };
}

/** `method` decides the shape of `details` (for `compare`, `scores` are Borda rank sums, lower is better). */
export type MethodOutcome =
  Outcomes<(typeof METHODS)[number]> extends infer O
    ? O extends { name: infer N; details: infer D }
      ? { method: N; details: D }
      : never
    : never;

/** Intermediate values, only with `"explain": true`. */
export interface Explanation {
  /** The decision matrix the methods ran on: `matrix` as given, or the panel's aggregated scores. */
  matrix: number[][];
  /** The ranking method's normalization and its r_ij, where the method normalizes (not VIKOR, PROMETHEE II, compare). */
  normalization?: NormalizationName;
  normalized?: number[][];
  /** w_j · r_ij (WSM sums them, TOPSIS measures distances on them); for WPM r_ij^w_j, whose product is the score. */
  weighted?: number[][];
  /** r_ij of coordination's normalization (min-max by type honouring bounds unless set otherwise). */
  coordinationNormalized?: number[][];
  /** r_ij of the obstacle model: min-max by type, honouring bounds. */
  obstaclesNormalized?: number[][];
}

export interface ResultBase {
  alternatives: string[];
  criteria: string[];
  /** Global criterion weights, sum 1. */
  weights: number[];
  weighting: WeightingInfo;
  scores: number[];
  better: Better;
  /** 1 = best; ties share the smallest rank. */
  ranks: number[];
  /** Alternatives best first. */
  order: string[];
  coordination?: CoordinationResult;
  obstacles?: AlternativeObstacles[];
  sensitivity?: SensitivityResult;
  panel?: PanelResult;
  explain?: Explanation;
  /** Conventions chosen and degenerate data met on the way, each once. */
  warnings: string[];
}

export type Result = ResultBase & MethodOutcome;
