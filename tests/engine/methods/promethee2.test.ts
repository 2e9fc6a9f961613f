import { describe, expect, it } from 'vitest';
import { estimateCost, evaluate } from '../../../src/engine/index.ts';
import { methodDescriptor, methodSchema } from '../../../src/engine/methods/index.ts';
import type { Preference } from '../../../src/engine/problem.ts';
import type { Criterion } from '../../../src/engine/spec.ts';
import { expectForm } from '../fit.ts';
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

  it('ranks by the net flow, higher is better (docs/engine.md §5)', () => {
    expect(
      prepare({ name: 'promethee2', preference: { function: 'usual' } }, [[0], [1]], ['benefit']).method.better,
    ).toBe('higher');
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

  it('warns about a parameter the function does not read, and ignores it', () => {
    // With q read, d = 1 would not exceed it and both flows would be 0; the usual function gives −1 and 1.
    const { warnings, scoreList } = run(
      { name: 'promethee2', preference: { function: 'usual', q: 1 } },
      [[0], [1]],
      ['benefit'],
      [1],
    );
    expect(warnings).toEqual(['method.preference: q is not used by the "usual" preference function']);
    expect(scoreList).toEqual([-1, 1]);
  });

  it('compares q with p only for a function that reads both', () => {
    // vshape reads p alone and ushape q alone: the other parameter is ignored (a warning), whatever its value.
    const { warnings, scoreList } = run(
      {
        name: 'promethee2',
        preference: [
          { function: 'vshape', q: 3, p: 2 },
          { function: 'ushape', q: 3, p: 2 },
        ],
      },
      [
        [0, 0],
        [1, 4],
      ],
      ['benefit', 'benefit'],
      [1, 1],
    );
    expect(warnings).toEqual([
      'method.preference[0]: q is not used by the "vshape" preference function',
      'method.preference[1]: p is not used by the "ushape" preference function',
    ]);
    // vshape: P(1) = 1/2; ushape: P(4) = 1 as 4 > q.
    expect(scoreList).toEqual([-1.5, 1.5]);
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

describe('PROMETHEE II cost term', () => {
  // docs/engine.md §11: n (a · m lg m + b · m) plus, per criterion, a cost per pair inside its preference window,
  // higher for gaussian (whose window is every pair); a pair's window is where P is neither 0 nor 1 by §5.
  const PREFERENCES: Preference[] = [
    { function: 'usual' },
    { function: 'ushape', q: 1.5 },
    { function: 'vshape', p: 2.5 },
    { function: 'level', q: 1, p: 3 },
    { function: 'linear', q: 0.5, p: 2.25 },
    { function: 'gaussian', s: 2 },
  ];
  /** P is 0 for d ≤ lo and 1 for d > hi (docs/engine.md §5). */
  const window = ({ function: f, q = 0, p = 0 }: Preference): [number, number] =>
    f === 'usual'
      ? [0, 0]
      : f === 'ushape'
        ? [q, q]
        : f === 'vshape'
          ? [0, p]
          : f === 'gaussian'
            ? [0, Infinity]
            : [q, p];

  // Quarter steps on 0 … 10 in no order: many ties, and differences that meet the thresholds exactly.
  const value = (i: number, j: number) => ((i * 7919 + j * 104_729) % 41) / 4;

  interface Point {
    m: number;
    n: number;
    known: boolean;
    prefs: Preference[];
    /** The `preference` field: one for all criteria or the list. */
    spec: Preference | Preference[];
  }
  const all = ({ m }: Point) => (m * (m - 1)) / 2;
  /** The pairs a < b with lo < |x_a − x_b| ≤ hi, one by one; rows unknown (a panel), every pair if there is a window. */
  const windowPairs = (point: Point, j: number): number => {
    const [lo, hi] = window(point.prefs[j]!);
    if (!point.known) return lo < hi ? all(point) : 0;
    let count = 0;
    for (let a = 0; a < point.m; a++)
      for (let b = a + 1; b < point.m; b++) {
        const d = Math.abs(value(a, j) - value(b, j));
        if (lo < d && d <= hi) count++;
      }
    return count;
  };
  const isGaussian = (pref: Preference) => pref.function === 'gaussian';
  const sum = (point: Point, term: (j: number) => number) =>
    Array.from({ length: point.n }, (_, j) => term(j)).reduce((s, v) => s + v, 0);

  const criteria = (n: number): Criterion[] =>
    Array.from({ length: n }, (_, j) => ({ id: `c${j + 1}`, type: j % 2 === 1 ? 'cost' : 'benefit' }));
  const points: Point[] = [2, 3, 8, 40, 150].flatMap((m) =>
    [1, 3, 7].flatMap((n) =>
      [true, false].flatMap((known) => [
        ...PREFERENCES.map((pref) => ({ m, n, known, prefs: Array.from({ length: n }, () => pref), spec: pref })),
        ...[0, 5].map((offset) => {
          const prefs = Array.from({ length: n }, (_, j) => PREFERENCES[(j + offset) % PREFERENCES.length]!);
          return { m, n, known, prefs, spec: prefs };
        }),
      ]),
    ),
  );
  const estimates = new Map(
    points.map((point) => {
      const { m, n, known, spec } = point;
      const parsed = methodSchema.parse({ name: 'promethee2', preference: spec });
      const rows = Array.from({ length: m }, (_, i) => Array.from({ length: n }, (_, j) => value(i, j)));
      const size = { m, n, criteria: criteria(n), ...(known ? { rows } : {}), dimensions: [] };
      return [point, methodDescriptor('promethee2')!.cost(parsed, size)];
    }),
  );
  const cost = (point: Point) => estimates.get(point)!;

  it('prepares in n m lg m and n m plus a cost per pair inside a window, more for a gaussian pair', () => {
    const c = expectForm(
      points,
      (p) => cost(p).prepare.ns,
      {
        'n m lg m': ({ m, n }) => n * m * Math.log2(m),
        'n m': ({ m, n }) => n * m,
        'window pairs': (p) => sum(p, (j) => (isGaussian(p.prefs[j]!) ? 0 : windowPairs(p, j))),
        'gaussian pairs': (p) => sum(p, (j) => (isGaussian(p.prefs[j]!) ? all(p) : 0)),
      },
      1,
    );
    // A gaussian pair computes an exp, several times the work of a step or a division (§11: 45 against 7).
    expect(c['gaussian pairs']).toBeGreaterThan(2 * c['window pairs']!);
  });

  it('holds memory in a · m n + b · m and scores in a · m n + b · m', () => {
    expectForm(points, (p) => cost(p).prepare.bytes, { 'm n': ({ m, n }) => m * n, m: ({ m }) => m }, 8);
    expectForm(points, (p) => cost(p).scoreNs, { 'm n': ({ m, n }) => m * n, m: ({ m }) => m }, 1);
  });

  it('estimates a problem whose preference list is too short, which evaluate then refuses', () => {
    const problem = {
      alternatives: ['a', 'b', 'c'],
      criteria: [
        { id: 'x', type: 'benefit' },
        { id: 'y', type: 'benefit' },
      ],
      matrix: [
        [1, 2],
        [2, 3],
        [4, 5],
      ],
      method: { name: 'promethee2', preference: [{ function: 'linear', q: 1, p: 2 }] },
    };
    expect(estimateCost(problem).parts.map((part) => part.path)).toContain('method');
    expect(issuesOf(() => evaluate(problem))).toEqual([
      { path: 'method.preference', message: 'expected one preference function per criterion (2), got 1' },
    ]);
  });
});
