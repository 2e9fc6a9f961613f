/** The weights editor's form model: the spec it builds, and back, and what it refuses. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DIMENSION_SCHEMES,
  draftFields,
  draftOf,
  MIXES,
  OBJECTIVE_SCHEMES,
  readDraft,
  SAATY_CHOICES,
  saatyText,
  saatyValue,
  specOf,
  type WeightsDraft,
  type WeightsFrame,
  WITHIN_SCHEMES,
} from '../../src/app/weights-draft.ts';

const FRAME: WeightsFrame = {
  dimensions: ['planning', 'policy', 'social'],
  indicators: [
    { code: 'a', dimension: 'planning' },
    { code: 'b', dimension: 'planning' },
    { code: 'c', dimension: 'planning' },
    { code: 'd', dimension: 'policy' },
    { code: 'e', dimension: 'social' },
    { code: 'f', dimension: 'social' },
  ],
};

const judgment = fc.constantFrom(...SAATY_CHOICES.map((c) => saatyValue(c)!));
const triangle = (n: number) =>
  fc.record(
    Object.fromEntries(
      Array.from({ length: n }, (_, i) => Array.from({ length: n - i - 1 }, (_, k) => `${i}.${i + k + 1}`))
        .flat()
        .map((key) => [key, judgment]),
    ),
  );
const importance = fc.integer({ min: 1, max: 100 });
const draft: fc.Arbitrary<WeightsDraft> = fc.record({
  dimensions: fc.record({
    scheme: fc.constantFrom(...DIMENSION_SCHEMES),
    values: fc.record(Object.fromEntries(FRAME.dimensions.map((d) => [d, importance]))),
    pairwise: triangle(3),
    excluded: fc.constant([]),
  }),
  within: fc.record({
    scheme: fc.constantFrom(...WITHIN_SCHEMES),
    values: fc.record(Object.fromEntries(FRAME.indicators.map((i) => [i.code, importance]))),
    pairwise: fc.record({ planning: triangle(3), social: triangle(2) }),
    excluded: fc.constant([]),
  }),
  blend: fc.record({
    objective: fc.constantFrom(...OBJECTIVE_SCHEMES),
    alpha: fc.integer({ min: 0, max: 100 }).map((p) => p / 100),
    mix: fc.constantFrom(...MIXES),
  }),
});

describe('Saaty’s scale', () => {
  it('reads and writes every value of the scale, and nothing else', () => {
    for (const c of SAATY_CHOICES) expect(saatyText(saatyValue(c)!)).toBe(c);
    expect(saatyValue('1/3')).toBeCloseTo(1 / 3, 15);
    for (const bad of ['0', '10', '1/10', '2/3', '0.5', '', 'x', '1/0']) expect(saatyValue(bad)).toBeUndefined();
    expect(saatyText(2.5)).toBe('2.5');
  });
});

describe('a draft and its spec', () => {
  it('the form’s fields read back as the same spec, and the spec as the same form', () => {
    fc.assert(
      fc.property(draft, (d) => {
        const spec = specOf(d, FRAME);
        const read = readDraft(draftFields(d, FRAME), FRAME);
        expect(read.ok).toBe(true);
        if (!read.ok) return;
        expect(specOf(read.draft, FRAME)).toEqual(spec);
        const back = draftOf(spec, FRAME);
        expect(back).toBeDefined();
        expect(specOf(back!, FRAME)).toEqual(spec);
      }),
    );
  });

  it('builds a hierarchical spec, blended when asked, leaving out dimensions of one indicator', () => {
    const d: WeightsDraft = {
      dimensions: { scheme: 'ahp', values: {}, pairwise: { '0.1': 3, '0.2': 5, '1.2': 2 }, excluded: [] },
      within: { scheme: 'ahp', values: {}, pairwise: { planning: { '0.1': 1 / 3 } }, excluded: [] },
      blend: { objective: 'entropy', alpha: 0.7, mix: 'multiplicative' },
    };
    expect(specOf(d, FRAME)).toEqual({
      method: 'combined',
      parts: [
        {
          method: 'hierarchical',
          dimensions: {
            method: 'ahp',
            pairwise: [
              [1, 3, 5],
              [1 / 3, 1, 2],
              [1 / 5, 1 / 2, 1],
            ],
          },
          within: {
            method: 'ahp',
            pairwise: {
              planning: [
                [1, 1 / 3, 1],
                [3, 1, 1],
                [1, 1, 1],
              ],
              social: [
                [1, 1],
                [1, 1],
              ],
            },
          },
        },
        { method: 'entropy', normalization: 'minmax' },
      ],
      alpha: [0.7, 0.30000000000000004],
      mix: 'multiplicative',
    });
  });

  it('does not claim a spec it did not build', () => {
    for (const spec of [
      { method: 'critic', correlation: 'spearman' },
      {
        method: 'hierarchical',
        dimensions: {
          method: 'ahp',
          pairwise: [
            [1, 2.5, 1],
            [0.4, 1, 1],
            [1, 1, 1],
          ],
        },
        within: { method: 'equal' },
      },
      { method: 'hierarchical', dimensions: { method: 'direct', values: [1, 2] }, within: { method: 'equal' } },
      { method: 'combined', parts: [{ method: 'equal' }, { method: 'entropy' }], alpha: [0.5, 0.5], mix: 'linear' },
      null,
      [],
    ])
      expect(draftOf(spec, FRAME)).toBeUndefined();
    expect(draftOf({ method: 'equal' }, FRAME)).toBeDefined();
  });
});

describe('reading the form', () => {
  it('names every bad field, and takes a decimal comma', () => {
    const read = readDraft(
      {
        'dimensions.scheme': 'vote',
        'dimensions.value.policy': 'much',
        'dimensions.value.social': '-1',
        'dimensions.ahp.0.2': '10',
        'blend.alpha': '120',
        'within.value.a': '2,5',
      },
      FRAME,
    );
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.issues.map((i) => i.path).sort()).toEqual(
      [
        'blend.alpha',
        'dimensions.ahp.0.2',
        'dimensions.scheme',
        'dimensions.value.policy',
        'dimensions.value.social',
      ].sort(),
    );
    const ok = readDraft({ 'within.scheme': 'direct', 'within.value.a': '2,5' }, FRAME);
    expect(ok.ok && ok.draft.within.values.a).toBe(2.5);
  });
});
