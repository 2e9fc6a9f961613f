import { describe, expect, it } from 'vitest';
import { fromRows } from '../../../src/engine/matrix.ts';
import { prepareMethod } from '../../../src/engine/methods/index.ts';
import type { MethodSpec } from '../../../src/engine/problem.ts';
import { ranks } from '../../../src/engine/rank.ts';
import type { CompareDetails } from '../../../src/engine/result.ts';
import { issuesOf } from '../fixtures/issues.ts';
import { OPRICOVIC_TZENG_2004, TZENG_HUANG_2011 } from '../fixtures/published.ts';
import { prepare, run } from './run.ts';

describe('compare', () => {
  it('reports each method and the Borda consensus (sum of ranks, lower is better)', () => {
    // Opricovic & Tzeng (2004) contrast the two methods on this example: TOPSIS (linear normalization) and
    // VIKOR both put A2 first, A1 and A3 tie behind it (closeness .5, .617, .5; Q = 1, 0, 1).
    const { rows, types, weights } = OPRICOVIC_TZENG_2004;
    const { scoreList, details } = run(
      {
        name: 'compare',
        methods: [
          { name: 'topsis', normalization: 'minmax' },
          { name: 'vikor', v: 0.5 },
        ],
      },
      rows,
      types,
      weights,
    );
    const { results, spearman } = details as unknown as CompareDetails;
    expect(results.map((r) => [r.name, r.better, r.ranks])).toEqual([
      ['topsis', 'higher', [2, 1, 2]],
      ['vikor', 'lower', [2, 1, 2]],
    ]);
    expect(results[1]!.details).toMatchObject({ Q: [1, 0, 1], compromise: [1] });
    expect(scoreList).toEqual([4, 2, 4]);
    expect(spearman).toEqual({
      methods: ['topsis', 'vikor'],
      matrix: [
        [1, 1],
        [1, 1],
      ],
    });
  });

  it('ranks the Borda consensus lower-is-better', () => {
    // The rank sums 4, 2, 4 of the first example: A2 first, A1 and A3 tied behind it.
    const { rows, types, weights } = OPRICOVIC_TZENG_2004;
    const { method } = prepare(
      {
        name: 'compare',
        methods: [
          { name: 'topsis', normalization: 'minmax' },
          { name: 'vikor', v: 0.5 },
        ],
      },
      rows,
      types,
    );
    // The result reports `better` as "higher" or "lower" (docs/engine.md §5).
    expect(method.better).toBe('lower');
    expect(ranks(method.score(Float64Array.from(weights)).scores, method.better)).toEqual([2, 1, 2]);
  });

  it('gives ρ = 1 on the diagonal even for a ranking that ties every alternative', () => {
    // Identical alternatives: WSM ties them and TOPSIS gives every one closeness 0.5. A ranking is perfectly
    // correlated with itself; between two constant rankings ρ is 0 (stats.ts: a constant series correlates 0
    // with every other, 1 with itself).
    const { details } = run(
      {
        name: 'compare',
        methods: [
          { name: 'wsm', normalization: 'minmax' },
          { name: 'topsis', normalization: 'vector' },
        ],
      },
      [
        [3, 4],
        [3, 4],
        [3, 4],
      ],
      ['benefit', 'cost'],
      [0.5, 0.5],
    );
    const { results, spearman } = details as unknown as CompareDetails;
    expect(results.map((r) => r.ranks)).toEqual([
      [1, 1, 1],
      [1, 1, 1],
    ]);
    expect(spearman.matrix).toEqual([
      [1, 0],
      [0, 1],
    ]);
  });

  it('gives Spearman’s ρ between rankings that disagree', () => {
    // Tzeng & Huang (2011): TOPSIS ranks A3, A2, A1, A4.
    const { rows, weights } = TZENG_HUANG_2011;
    const { details } = run(
      {
        name: 'compare',
        methods: [
          { name: 'topsis', normalization: 'vector' },
          { name: 'wsm', normalization: 'none' },
        ],
      },
      rows,
      ['benefit', 'benefit', 'benefit'],
      weights,
    );
    const { results, spearman } = details as unknown as CompareDetails;
    const [a, b] = [results[0]!.ranks, results[1]!.ranks];
    expect(a).toEqual([3, 2, 1, 4]);
    // WSM raw: 5.6, 6.9, 7.6, 5.5 → the same order, so ρ = 1.
    expect(b).toEqual([3, 2, 1, 4]);
    expect(spearman.matrix[0]![1]).toBe(1);

    // With the first criterion as cost, min-max WSM by hand: .3(1) + .4(1) = .7, .3(1/3) + .4(.5) + .3(1) = .6,
    // .4(1) + .3(.5) = .55, .3(1/3) + .3(.5) = .25 → ranks 1, 2, 3, 4, while TOPSIS keeps 3, 2, 1, 4.
    // ρ = 1 − 6Σd²/(m(m² − 1)) = 1 − 6·8/60 = 0.2 (no ties).
    const reversed = run(
      {
        name: 'compare',
        methods: [
          { name: 'topsis', normalization: 'vector' },
          { name: 'wsm', normalization: 'minmax' },
        ],
      },
      rows,
      ['cost', 'benefit', 'benefit'],
      weights,
    );
    const disagreeing = reversed.details as unknown as CompareDetails;
    expect(disagreeing.results.map((x) => x.ranks)).toEqual([
      [3, 2, 1, 4],
      [1, 2, 3, 4],
    ]);
    expect(disagreeing.spearman.matrix).toEqual([
      [1, expect.closeTo(0.2, 12)],
      [expect.closeTo(0.2, 12), 1],
    ]);
  });

  it('sums the ranks of every method into the consensus', () => {
    const { rows, types, weights } = TZENG_HUANG_2011;
    const spec: MethodSpec = {
      name: 'compare',
      methods: [
        { name: 'wsm', normalization: 'minmax' },
        { name: 'topsis', normalization: 'vector' },
        { name: 'vikor', v: 0.5 },
        { name: 'promethee2', preference: { function: 'usual' } },
      ],
    };
    const { scoreList, details } = run(spec, rows, types, weights);
    const { results } = details as unknown as CompareDetails;
    for (const result of results)
      expect(result.ranks).toEqual(ranks(result.scores, result.better as 'higher' | 'lower'));
    expect(scoreList).toEqual(rows.map((_, i) => results.reduce((s, result) => s + result.ranks[i]!, 0)));
  });

  it('points errors into the method that has them, and needs two alternatives', () => {
    const bad: MethodSpec = {
      name: 'compare',
      methods: [
        { name: 'wsm', normalization: 'minmax' },
        { name: 'promethee2', preference: { function: 'linear' } },
      ],
    };
    expect(issuesOf(() => prepare(bad, [[1], [2]], ['benefit'])).map((i) => i.path)).toEqual([
      'method.methods[1].preference.q',
      'method.methods[1].preference.p',
    ]);
    const fine: MethodSpec = {
      name: 'compare',
      methods: [
        { name: 'wsm', normalization: 'minmax' },
        { name: 'wpm', normalization: 'max' },
      ],
    };
    expect(issuesOf(() => prepare(fine, [[1]], ['benefit']))).toEqual([
      { path: 'alternatives', message: '"compare" needs at least 2 alternatives, got 1' },
    ]);
  });

  it('passes a warning met by several methods on once', () => {
    const warnings: string[] = [];
    prepareMethod(
      {
        name: 'compare',
        methods: [
          { name: 'wsm', normalization: 'minmax' },
          { name: 'topsis', normalization: 'minmax' },
        ],
      },
      {
        matrix: fromRows([
          [1, 5],
          [2, 5],
        ]),
        criteria: [
          { id: 'a', type: 'benefit' },
          { id: 'b', type: 'benefit' },
        ],
        warn: (w) => warnings.push(w),
        path: 'method',
      },
    );
    expect(warnings).toEqual(['criterion b: constant column, normalized to 1']);
  });
});
