import type { MethodSpec, SingleMethodSpec } from '../problem.ts';
import { ranks } from '../rank.ts';
import { spearman } from '../stats.ts';
import { type MethodData, type PreparedMethod, requireTwoAlternatives } from './method.ts';

type CompareSpec = Extract<MethodSpec, { name: 'compare' }>;

/**
 * Runs several methods on the same weights (docs/engine.md §5). The consensus is Borda's: the sum of each
 * alternative's ranks, smaller is better. `details.spearman` is the matrix of Spearman's ρ between the
 * methods' rankings, rows and columns in the order of `details.results` (ties as average ranks).
 */
export function prepareCompare(
  spec: CompareSpec,
  data: MethodData,
  prepare: (spec: SingleMethodSpec, data: MethodData) => PreparedMethod,
): PreparedMethod {
  requireTwoAlternatives(data, 'compare');
  const parts = spec.methods.map((method, k) => prepare(method, { ...data, path: `${data.path}.methods[${k}]` }));
  const names = spec.methods.map((method) => method.name);
  const m = data.matrix.rows;
  return {
    better: 'lower',
    score(w) {
      const borda = new Float64Array(m);
      const runs = parts.map((part) => {
        const run = part.score(w);
        const rankOf = ranks(run.scores, part.better);
        for (let i = 0; i < m; i++) borda[i] += rankOf[i]!;
        return { run, rankOf };
      });
      const details = () => {
        const results = runs.map(({ run, rankOf }, k) => ({
          name: names[k]!,
          better: parts[k]!.better,
          scores: Array.from(run.scores),
          ranks: rankOf,
          details: run.details(),
        }));
        const matrix = results.map((a, k) => results.map((b, l) => (k === l ? 1 : spearman(a.ranks, b.ranks))));
        return { results, spearman: { methods: names, matrix } };
      };
      return { scores: borda, details };
    },
  };
}
