import { type Better, ranks } from '../rank.ts';
import { spearman } from '../stats.ts';
import type { MethodData, MethodOutcomes, PreparedMethod } from './method.ts';
import type { SINGLE_METHODS } from './single.ts';

export type SingleMethodDetails = MethodOutcomes<(typeof SINGLE_METHODS)[number]>;

/** One method's own ranking inside `compare`. */
export type ComparedMethod = SingleMethodDetails & { better: Better; scores: number[]; ranks: number[] };

export interface CompareDetails {
  results: ComparedMethod[];
  /** Spearman's ρ between the methods' rankings, rows and columns in the order of `results`. */
  spearman: { methods: SingleMethodDetails['name'][]; matrix: number[][] };
}

interface CompareSpec<S extends { readonly name: string }> {
  readonly name: 'compare';
  readonly methods: readonly S[];
}

/**
 * Runs several methods on the same weights (docs/engine.md §5). The consensus is Borda's: the sum of each
 * alternative's ranks, smaller is better. `details.spearman` is the matrix of Spearman's ρ between the
 * methods' rankings, rows and columns in the order of `details.results` (ties as average ranks).
 */
export function prepareCompare<S extends { readonly name: string }>(
  spec: CompareSpec<S>,
  data: MethodData,
  prepare: (spec: S, data: MethodData) => PreparedMethod,
): PreparedMethod<CompareDetails> {
  const parts = spec.methods.map((method, k) => prepare(method, { ...data, path: `${data.path}.methods[${k}]` }));
  const names = spec.methods.map((method) => method.name) as CompareDetails['spearman']['methods'];
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
      const details = (): CompareDetails => {
        // Each method's own descriptor built its details, so the name and the details shape agree.
        const results = runs.map(
          ({ run, rankOf }, k) =>
            ({
              name: names[k]!,
              better: parts[k]!.better,
              scores: Array.from(run.scores),
              ranks: rankOf,
              details: run.details(),
            }) as ComparedMethod,
        );
        const matrix = results.map((a, k) => results.map((b, l) => (k === l ? 1 : spearman(a.ranks, b.ranks))));
        return { results, spearman: { methods: names, matrix } };
      };
      return { scores: borda, details };
    },
  };
}
