import { z } from 'zod';
import { fail, type Issue, ProblemError } from '../errors.ts';
import type { Criterion } from '../spec.ts';
import { NUMBER_JSON, plus } from '../work.ts';
import { defineComposite, type Part, type Weighed, weighed } from './scheme.ts';
import { join, type Target } from './target.ts';

export interface HierarchicalWeights<S = unknown> {
  method: 'hierarchical';
  dimensions: S;
  within: S;
}

/** The result's `weighting` for two levels: the dimensions' weights and each dimension's own. */
export interface HierarchicalInfo<I = unknown> {
  readonly method: 'hierarchical';
  readonly dimensions: Weighed<I>;
  readonly within: Record<string, Weighed<I>>;
}

/**
 * Two-level weights (docs/engine.md §4 `hierarchical`): W over the dimensions, w|dim within each dimension, and
 * the global w_j = W_dim(j) · w_j|dim. Each dimension's criteria are weighed as their own target, so
 * entropy and CRITIC see only that dimension's columns.
 */
export function hierarchicalWeights<S, I>(
  spec: HierarchicalWeights<S>,
  target: Target,
  weigh: (spec: S, target: Target) => Part<I>,
): { weights: Float64Array; dimensions: Part<I>; within: Record<string, Part<I>> } {
  const data = target.data;
  if (!data || target.dimension !== undefined)
    fail(join(target.path, 'method'), 'hierarchical weights can only be used at the top level');
  const { criteria } = data!;
  const dimensions = data!.dimensions;
  const issues: Issue[] = [];
  if (dimensions.length === 0)
    issues.push({ path: 'dimensions', message: 'hierarchical weights need the problem\'s "dimensions"' });
  criteria.forEach((c, k) => {
    if (c.dimension === undefined)
      issues.push({
        path: `criteria[${k}].dimension`,
        message: `hierarchical weights need a dimension on every criterion; ${c.id} has none`,
      });
    else if (dimensions.length > 0 && !dimensions.includes(c.dimension)) {
      issues.push({
        path: `criteria[${k}].dimension`,
        message: `dimension "${c.dimension}" is not listed in dimensions`,
      });
    }
  });
  const members = dimensions.map((d) => data!.columns.filter((col) => criteria[col]!.dimension === d));
  members.forEach((cols, k) => {
    if (cols.length === 0)
      issues.push({ path: `dimensions[${k}]`, message: `dimension "${dimensions[k]}" has no criteria` });
  });
  if (issues.length > 0) throw new ProblemError(issues);

  const top = weigh(spec.dimensions, {
    names: dimensions,
    noun: 'dimension',
    warn: target.warn,
    path: join(target.path, 'dimensions'),
  });
  const out = new Float64Array(target.names.length);
  const within: Record<string, Part<I>> = {};
  dimensions.forEach((d, k) => {
    const cols = members[k]!;
    const local = weigh(spec.within, {
      names: cols.map((col) => criteria[col]!.id),
      noun: 'criterion',
      data: { ...data!, columns: cols },
      dimension: d,
      warn: target.warn,
      path: join(target.path, 'within'),
    });
    within[d] = local;
    cols.forEach((col, q) => {
      out[data!.columns.indexOf(col)] = top.weights[k]! * local.weights[q]!;
    });
  });
  return { weights: out, dimensions: top, within };
}

export const hierarchical = defineComposite({
  method: 'hierarchical',
  label: 'hierarchical weights',
  schema: (nested) => z.strictObject({ method: z.literal('hierarchical'), dimensions: nested, within: nested }),
  minAlternatives: 1,
  weigh(spec, target, nested): Part<HierarchicalInfo> {
    const { weights, dimensions, within } = hierarchicalWeights(spec, target, nested);
    const local = Object.fromEntries(Object.entries(within).map(([d, part]) => [d, weighed(part)]));
    return { weights, info: { method: 'hierarchical', dimensions: weighed(dimensions), within: local } };
  },
  // The dimensions weighed as their own target, then each dimension's criteria on their own.
  cost(spec, size, nested) {
    const { dimensions, criteria } = size;
    const members = new Map(dimensions.map((d) => [d, [] as Criterion[]]));
    for (const c of criteria) if (c.dimension !== undefined) members.get(c.dimension)?.push(c);
    const within = [...members.values()].map((own) =>
      nested(spec.within, { ...size, n: own.length, criteria: own, rows: undefined }),
    );
    const top = nested(spec.dimensions, { ...size, n: dimensions.length, rows: undefined });
    return plus(top, ...within, {
      ns: 50 * size.n,
      bytes: 8 * size.n,
      json: 80 + (dimensions.length + size.n) * NUMBER_JSON,
    });
  },
});
