import { z } from 'zod';
import { fail, type Issue, ProblemError } from '../errors.ts';
import { shares } from '../stats.ts';
import { defineWeighting } from './scheme.ts';
import { join, type Target } from './target.ts';

const schema = z.strictObject({ method: z.literal('direct'), values: z.array(z.number().nonnegative()).min(1) });
type DirectWeights = z.output<typeof schema>;

/**
 * Stated weights, normalized to sum 1. Inside `hierarchical.within` the values are given over all
 * criteria (one list, as an administrator edits them) and only this dimension's share is used.
 */
export function directWeights(spec: DirectWeights, target: Target): Float64Array {
  const path = join(target.path, 'values');
  const { values } = spec;
  const expected = target.data ? target.data.criteria.length : target.names.length;
  const noun = target.data ? 'criterion' : 'dimension';
  if (values.length !== expected) fail(path, `expected ${expected} values (one per ${noun}), got ${values.length}`);
  const issues: Issue[] = [];
  values.forEach((v, k) => {
    if (!Number.isFinite(v) || v < 0)
      issues.push({ path: `${path}[${k}]`, message: `expected a finite number ≥ 0, got ${v}` });
  });
  if (issues.length > 0) throw new ProblemError(issues);
  const picked = Float64Array.from(target.data ? target.data.columns.map((c) => values[c]!) : values);
  if (picked.every((v) => v === 0)) {
    fail(
      path,
      target.dimension === undefined
        ? 'weights must not all be zero'
        : `the values of dimension "${target.dimension}" must not all be zero`,
    );
  }
  return shares(picked);
}

export const direct = defineWeighting({
  method: 'direct',
  label: 'direct weights',
  schema,
  minAlternatives: 1,
  weigh: (spec, target) => ({ weights: directWeights(spec, target), info: { method: 'direct' as const } }),
  cost: (spec, { n }) => ({ ns: 10 * (n + spec.values.length), bytes: 8 * n, json: 20 }),
});
