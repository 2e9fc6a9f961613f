/**
 * The what-if panel: the displayed Problem again with other dimension weights, nothing saved. The criteria keep
 * their weights within their dimension: the engine's hierarchical scheme (docs/engine.md §4) with `direct` values
 * over the dimensions and the Result's global weights as `direct` values within them, which it normalizes inside
 * each dimension.
 */
import type { Issue, Result } from '../engine/index.ts';
import type { EnginePool } from './engine-pool/pool.ts';
import { type Busy, evaluateText, notEvaluated } from './evaluation.ts';
import type { ProblemJson } from './problem.ts';
import { type Refused, refused } from './refused.ts';

export const WHAT_IF_MAX = 100;

/** Each dimension's share of the weight, in percent, where the sliders start. */
export function dimensionShares(problem: ProblemJson, result: Result): { code: string; percent: number }[] {
  const dims = Array.isArray(problem.dimensions) ? (problem.dimensions as string[]) : [];
  const criteria = (Array.isArray(problem.criteria) ? problem.criteria : []) as { dimension?: string }[];
  return dims.map((code) => ({
    code,
    percent: Math.round(
      100 * criteria.reduce((s, c, j) => (c.dimension === code ? s + (result.weights[j] ?? 0) : s), 0),
    ),
  }));
}

/** The form's `w.<dimension>` fields as numbers in [0, 100], not all zero; otherwise the fields at fault. */
export function readWhatIf(
  problem: ProblemJson,
  fields: Readonly<Record<string, string>>,
): { readonly ok: true; readonly values: number[] } | { readonly ok: false; readonly issues: Issue[] } {
  const dims = Array.isArray(problem.dimensions) ? (problem.dimensions as string[]) : [];
  if (dims.length < 2)
    return { ok: false, issues: [{ path: '', message: 'the what-if panel needs at least two dimensions' }] };
  const issues: Issue[] = [];
  const values = dims.map((code) => {
    const raw = fields[`w.${code}`]?.trim() ?? '';
    const value = Number(raw);
    if (raw === '' || !Number.isFinite(value) || value < 0 || value > WHAT_IF_MAX)
      issues.push({ path: `w.${code}`, message: `a number from 0 to ${WHAT_IF_MAX}, got "${raw.slice(0, 40)}"` });
    return value;
  });
  if (issues.length === 0 && values.every((v) => v === 0))
    issues.push({ path: `w.${dims[0]}`, message: 'at least one dimension must weigh more than 0' });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, values };
}

export type WhatIfOutcome = { readonly kind: 'ok'; readonly result: Result } | Refused | Busy;

export async function whatIf(
  pool: EnginePool,
  problem: ProblemJson,
  current: Result,
  values: readonly number[],
): Promise<WhatIfOutcome> {
  const { sensitivity: _s, obstacles: _o, explain: _e, ...rest } = problem;
  const variant = {
    ...rest,
    weights: {
      method: 'hierarchical',
      dimensions: { method: 'direct', values },
      within: { method: 'direct', values: current.weights },
    },
  };
  const evaluation = await evaluateText(JSON.stringify(variant), pool);
  if (!evaluation.ok) {
    const failed = notEvaluated(evaluation);
    return failed.kind === 'busy' ? failed : refused(422, failed.issues.map((i) => i.message).join('; '));
  }
  return { kind: 'ok', result: JSON.parse(evaluation.json) as Result };
}
