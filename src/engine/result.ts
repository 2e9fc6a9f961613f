import type { CoordinationResult } from './coordination.ts';
import type { CompareDetails, ComparedMethod, SingleMethodDetails } from './methods/compare.ts';
import type { METHODS } from './methods/index.ts';
import type { MethodOutcomes, NoDetails } from './methods/method.ts';
import type { PrometheeDetails } from './methods/promethee2.ts';
import type { TopsisDetails } from './methods/topsis.ts';
import type { VikorDetails } from './methods/vikor.ts';
import type { NormalizationName } from './normalize.ts';
import type { AlternativeObstacles } from './obstacles.ts';
import type { PanelResult } from './panel.ts';
import type { Better } from './rank.ts';
import type { SensitivityResult } from './sensitivity.ts';
import type { WeightingInfo } from './weights/index.ts';

export type {
  CompareDetails,
  ComparedMethod,
  NoDetails,
  PrometheeDetails,
  SingleMethodDetails,
  TopsisDetails,
  VikorDetails,
};

/** What `evaluate` returns (docs/engine.md §2): plain JSON values only, so the CLI and the API print it as it is. */

/** `method` decides the shape of `details` (for `compare`, `scores` are Borda rank sums, lower is better). */
export type MethodOutcome =
  MethodOutcomes<(typeof METHODS)[number]> extends infer O
    ? O extends { name: infer N; details: infer D }
      ? { method: N; details: D }
      : never
    : never;

/** Intermediate values, only with `"explain": true`. */
export interface Explanation {
  /** The decision matrix the methods ran on: `matrix` as given, or the panel's aggregated scores. */
  matrix: number[][];
  /**
   * The ranking method's normalization and its r_ij, where the method normalizes (not VIKOR, PROMETHEE II, compare).
   */
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
