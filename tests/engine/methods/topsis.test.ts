import { describe, expect, it } from 'vitest';
import { issuesOf } from '../fixtures/issues.ts';
import { OPRICOVIC_TZENG_2004, TZENG_HUANG_2011 } from '../fixtures/published.ts';
import { prepare, rounded, run } from './run.ts';

describe('TOPSIS', () => {
  it('reproduces Tzeng & Huang’s example with vector normalization (the default)', () => {
    // Tzeng & Huang (2011), TOPSIS example: closeness 0.5037, 0.6581, 0.7482, 0.3340.
    const { rows, types, weights } = TZENG_HUANG_2011;
    const { scores, details } = run({ name: 'topsis', normalization: 'vector' }, rows, types, weights);
    expect(rounded(scores, 4)).toEqual([0.5037, 0.6581, 0.7482, 0.334]);
    const { dPlus, dMinus } = details as { dPlus: number[]; dMinus: number[] };
    dPlus.forEach((p, i) => expect(dMinus[i]! / (p + dMinus[i]!)).toBeCloseTo(scores[i]!, 12));
  });

  it('reproduces Opricovic & Tzeng’s comparison example (linear normalization, a cost criterion)', () => {
    // Opricovic & Tzeng (2004), §4: TOPSIS with linear normalization gives 0.500, 0.617, 0.500
    // (also asserted by pymcdm's TestTOPSIS).
    const { rows, types, weights } = OPRICOVIC_TZENG_2004;
    const { scores, details } = run({ name: 'topsis', normalization: 'minmax' }, rows, types, weights);
    expect(rounded(scores, 3)).toEqual([0.5, 0.617, 0.5]);
    // By hand: v = (.5, 0), (.375, .25), (0, .5); A⁺ = (.5, .5), A⁻ = (0, 0).
    expect(rounded((details as { dPlus: number[] }).dPlus, 4)).toEqual([0.5, 0.2795, 0.5]);
  });

  it('with "none", swaps the ideals of a cost column', () => {
    // Cost column as is, or negated and declared benefit: the same distances, so the same closeness.
    const { rows } = OPRICOVIC_TZENG_2004;
    const asCost = run({ name: 'topsis', normalization: 'none' }, rows, ['cost', 'benefit'], [0.5, 0.5]);
    const negated = run(
      { name: 'topsis', normalization: 'none' },
      rows.map(([r, a]) => [-r!, a!]),
      ['benefit', 'benefit'],
      [0.5, 0.5],
    );
    asCost.scoreList.forEach((s, i) => expect(s).toBeCloseTo(negated.scoreList[i]!, 12));
    // Raw altitude dominates raw risk in distance, so the highest altitude wins.
    expect(asCost.scoreList[2]).toBeGreaterThan(asCost.scoreList[0]!);
  });

  it('defines closeness 0.5 with a warning when nothing tells the alternatives apart', () => {
    const { scoreList, warnings } = run(
      { name: 'topsis', normalization: 'vector' },
      [
        [3, 1],
        [3, 2],
      ],
      ['benefit', 'benefit'],
      [1, 0],
    );
    expect(scoreList).toEqual([0.5, 0.5]);
    expect(warnings).toEqual([
      'criterion c1: constant column, normalized to 1',
      expect.stringContaining('d⁺ + d⁻ = 0'),
    ]);
  });

  it('reports a degenerate case once however often it is scored', () => {
    const { method, warnings } = prepare(
      { name: 'topsis', normalization: 'vector' },
      [
        [3, 1],
        [3, 2],
      ],
      ['benefit', 'benefit'],
    );
    for (let k = 0; k < 5; k++) method.score(Float64Array.of(1, 0));
    expect(warnings.filter((w) => w.startsWith('TOPSIS'))).toHaveLength(1);
  });

  it('allocates fresh results per call', () => {
    const { method } = prepare(
      { name: 'topsis', normalization: 'vector' },
      [
        [1, 2],
        [2, 1],
      ],
      ['benefit', 'benefit'],
    );
    const a = method.score(Float64Array.of(0.9, 0.1));
    const b = method.score(Float64Array.of(0.1, 0.9));
    expect(a.scores[0]).toBeLessThan(0.5);
    expect(b.scores[0]).toBeGreaterThan(0.5);
  });

  it('needs two alternatives', () => {
    expect(
      issuesOf(() => prepare({ name: 'topsis', normalization: 'vector' }, [[1, 2]], ['benefit', 'benefit'])),
    ).toEqual([{ path: 'alternatives', message: '"topsis" needs at least 2 alternatives, got 1' }]);
  });
});
