import { describe, expect, it } from 'vitest';
import type { Preference } from '../../../src/engine/problem.ts';
import { issuesOf } from '../fixtures/issues.ts';
import { prepare, rounded, run } from './run.ts';

const flows = (details: Record<string, unknown>) => details as { phiPlus: number[]; phiMinus: number[] };

describe('PROMETHEE II', () => {
  it('reproduces Zhao, Peng & Li’s example with the usual criterion', () => {
    // Zhao, H., Peng, Y. & Li, W. (2013). Revised PROMETHEE II for improving efficiency in emergency
    // response. Procedia Computer Science 17, 181–188: net flows 0.1, −0.3, 0.2 (also pymcdm's
    // TestPROMETHEE_II). By hand: π(1,2) = .8, π(1,3) = .3, π(2,3) = .5, so φ⁺ = .55, .35, .6 and
    // φ⁻ = .45, .65, .4.
    const { scores, details } = run(
      { name: 'promethee2', preference: { function: 'usual' } },
      [
        [4, 3, 2],
        [3, 2, 4],
        [5, 1, 3],
      ],
      ['benefit', 'benefit', 'benefit'],
      [0.5, 0.3, 0.2],
    );
    expect(rounded(scores, 2)).toEqual([0.1, -0.3, 0.2]);
    expect(rounded(flows(details).phiPlus, 10)).toEqual([0.55, 0.35, 0.6]);
    expect(rounded(flows(details).phiMinus, 10)).toEqual([0.45, 0.65, 0.4]);
  });

  // One criterion, values a = 0, b = 1, c = 3: the pairwise differences are 1 (b over a), 2 (c over b) and
  // 3 (c over a). With m − 1 = 2: φ(a) = −(P(1) + P(3))/2, φ(b) = (P(1) − P(2))/2, φ(c) = (P(2) + P(3))/2,
  // and each P below is read off the function's definition (Brans & Vincke 1985, types I–VI).
  const gauss = (d: number) => 1 - Math.exp(-(d * d) / 2);
  const byHand = (p1: number, p2: number, p3: number) => [-(p1 + p3) / 2, (p1 - p2) / 2, (p2 + p3) / 2];
  it.each<{ pref: Preference; expected: number[] }>([
    { pref: { function: 'usual' }, expected: byHand(1, 1, 1) },
    { pref: { function: 'ushape', q: 1.5 }, expected: byHand(0, 1, 1) },
    { pref: { function: 'vshape', p: 2 }, expected: byHand(0.5, 1, 1) },
    { pref: { function: 'level', q: 1, p: 2.5 }, expected: byHand(0, 0.5, 1) },
    { pref: { function: 'linear', q: 0.5, p: 2.5 }, expected: byHand(0.25, 0.75, 1) },
    { pref: { function: 'gaussian', s: 1 }, expected: byHand(gauss(1), gauss(2), gauss(3)) },
  ])('applies the $pref.function preference function', ({ pref, expected }) => {
    const benefit = run({ name: 'promethee2', preference: pref }, [[0], [1], [3]], ['benefit'], [1]);
    expect(benefit.scoreList).toEqual(expected.map((v) => expect.closeTo(v, 12)));
    // A cost criterion compares x_b − x_a: the same values then rank the other way round.
    const cost = run({ name: 'promethee2', preference: pref }, [[0], [1], [3]], ['cost'], [1]);
    expect(cost.scoreList).toEqual(expected.map((v) => expect.closeTo(-v, 12)));
  });

  it('takes one preference per criterion and weighs the criteria', () => {
    // Criterion 1 (weight .25) with the usual function, criterion 2 (weight .75, cost) linear: the flows add
    // up criterion by criterion. Criterion 1 on 0, 1, 3 gives −1, 0, 1; criterion 2 on 3, 2, 0 as cost has
    // the differences 1, 2, 3 of the linear case above.
    const { scoreList } = run(
      { name: 'promethee2', preference: [{ function: 'usual' }, { function: 'linear', q: 0.5, p: 2.5 }] },
      [
        [0, 3],
        [1, 2],
        [3, 0],
      ],
      ['benefit', 'cost'],
      [0.25, 0.75],
    );
    const linear = byHand(0.25, 0.75, 1);
    expect(scoreList).toEqual([-1, 0, 1].map((u, i) => expect.closeTo(0.25 * u + 0.75 * linear[i]!, 12)));
  });

  it('warns about a parameter the function does not read', () => {
    const { warnings } = run(
      { name: 'promethee2', preference: { function: 'usual', q: 1 } },
      [[0], [1]],
      ['benefit'],
      [1],
    );
    expect(warnings).toEqual(['method.preference: q is not used by the "usual" preference function']);
  });

  it('names every bad preference field', () => {
    const rows = [
      [0, 1],
      [1, 0],
    ];
    const types = ['benefit', 'benefit'] as const;
    expect(issuesOf(() => prepare({ name: 'promethee2', preference: [{ function: 'usual' }] }, rows, types))).toEqual([
      { path: 'method.preference', message: 'expected one preference function per criterion (2), got 1' },
    ]);
    expect(
      issuesOf(() => prepare({ name: 'promethee2', preference: { function: 'linear', q: 1 } }, rows, types)),
    ).toEqual([
      { path: 'method.preference.p', message: 'the "linear" preference function needs p (preference threshold)' },
    ]);
    expect(
      issuesOf(() =>
        prepare(
          { name: 'promethee2', preference: [{ function: 'ushape' }, { function: 'level', q: 3, p: 2 }] },
          rows,
          types,
        ),
      ),
    ).toEqual([
      { path: 'method.preference[0].q', message: 'the "ushape" preference function needs q (indifference threshold)' },
      { path: 'method.preference[1].q', message: 'q (3) must not exceed p (2)' },
    ]);
    expect(issuesOf(() => prepare({ name: 'promethee2', preference: { function: 'gaussian' } }, rows, types))).toEqual([
      { path: 'method.preference.s', message: 'the "gaussian" preference function needs s (Gaussian spread)' },
    ]);
    expect(
      issuesOf(() => prepare({ name: 'promethee2', preference: { function: 'vshape' } }, rows, types))[0]!.path,
    ).toBe('method.preference.p');
  });

  it('accepts q = p (a step with no linear part)', () => {
    const { scoreList } = run(
      { name: 'promethee2', preference: { function: 'linear', q: 1, p: 1 } },
      [[0], [1], [3]],
      ['benefit'],
      [1],
    );
    expect(scoreList).toEqual(byHand(0, 1, 1));
  });

  it('needs two alternatives', () => {
    expect(
      issuesOf(() => prepare({ name: 'promethee2', preference: { function: 'usual' } }, [[1]], ['benefit'])),
    ).toEqual([{ path: 'alternatives', message: '"promethee2" needs at least 2 alternatives, got 1' }]);
  });
});
