import type { Result } from '../engine/index.ts';

/**
 * What the results page, the exports and the PDF reports are made from: a stored Problem, the engine's Result
 * of it, the names that go with its ids, and the rule library. Everything here is plain JSON, so a published
 * snapshot stores it as it is and a report can be rebuilt from the snapshot alone.
 */

export interface Bilingual {
  readonly en: string;
  readonly zh: string;
}

/** Names of the Problem's ids, index for index with `problem.alternatives`, `dimensions` and `criteria`. */
export interface ReportLabels {
  readonly assessment: {
    readonly code: string;
    readonly name: Bilingual;
    readonly region: Bilingual;
    readonly period: string;
    readonly description: Bilingual;
    /** Demo or made-up data: every page and report showing it says so. */
    readonly illustrative: boolean;
  };
  readonly alternatives: readonly (Bilingual & { readonly code: string })[];
  readonly dimensions: readonly (Bilingual & { readonly code: string })[];
  readonly criteria: readonly (Bilingual & {
    readonly code: string;
    readonly unit: string | null;
    readonly source: 'expert' | 'statistic';
  })[];
}

/** A recommendation rule as stored (`recommendation_rules`); `condition` is checked by `ruleConditionSchema`. */
export interface RuleRecord {
  readonly code: string;
  readonly dimensionCode: string;
  readonly condition: unknown;
  readonly textEn: string;
  readonly textZh: string;
  readonly source: string;
}

/**
 * One evaluation of an assessment: the Problem under its configured method and its Result, and the same data
 * under `compare` of WSM, TOPSIS, VIKOR and PROMETHEE II (null when that could not run).
 */
export interface ResultSet {
  readonly problem: Record<string, unknown>;
  readonly result: Result;
  readonly comparisonProblem: Record<string, unknown> | null;
  readonly comparison: Result | null;
  readonly labels: ReportLabels;
  readonly rules: readonly RuleRecord[];
}

/** Who published what, when: shown on the snapshot's page and in the report's appendix. */
export interface SnapshotMeta {
  readonly id: number;
  /** SHA-256 (hex) of the Problem's stored text. */
  readonly hash: string;
  /** ISO 8601, UTC. */
  readonly publishedAt: string;
  readonly author: string;
  readonly engineVersion: string;
  readonly weightSetVersion: number | null;
  readonly weightSetNote: string | null;
}
