import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estimateCost, evaluate, ProblemError } from '../../src/engine/index.ts';
import { MAX_COMPARED_METHODS, MAX_JSON_DEPTH, MAX_WEIGHT_DEPTH } from '../../src/engine/limits.ts';
import { SMALL_PROBLEM as valid } from './fixtures/small-problem.ts';

/** The issues evaluate() throws, or a failure if it returns or throws anything else. */
function issuesOf(input: unknown) {
  try {
    evaluate(input);
  } catch (err) {
    if (err instanceof ProblemError) return err.issues;
    throw err;
  }
  throw new Error('expected a ProblemError');
}

const small = {
  alternatives: ['a', 'b', 'c'],
  criteria: [
    { id: 'x', type: 'benefit' },
    { id: 'y', type: 'cost' },
  ],
  matrix: [
    [1, 2],
    [3, 1],
    [2, 3],
  ],
};

const nested = (depth: number, wrap: (inner: object) => object): object => {
  let spec: object = { method: 'equal' };
  for (let k = 1; k < depth; k++) spec = wrap(spec);
  return spec;
};

describe('shape limits, checked before the schema recurses', () => {
  it('refuses combined weights nested 1,000 deep with an issue, not a stack overflow', () => {
    const weights = nested(1000, (inner) => ({ method: 'combined', parts: [inner, { method: 'equal' }] }));
    expect(JSON.stringify(weights).length).toBeGreaterThan(40_000);
    const issues = issuesOf({ ...small, weights });
    expect(issues).toHaveLength(1);
    expect(issues[0]!.message).toMatch(/nested deeper than 32 levels/);
  });

  it('refuses hierarchical weights nested 10,000 deep', () => {
    const weights = nested(10_000, (inner) => ({ method: 'hierarchical', dimensions: inner, within: inner }));
    const issues = issuesOf({ ...small, weights });
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toMatch(/^weights(\.dimensions|\.within)+$/);
  });

  it('names the first weight spec past the nesting limit, within the JSON depth limit', () => {
    const weights = nested(MAX_WEIGHT_DEPTH + 1, (inner) => ({
      method: 'combined',
      parts: [{ method: 'equal' }, inner],
    }));
    const path = `weights${'.parts[1]'.repeat(MAX_WEIGHT_DEPTH)}`;
    expect(issuesOf({ ...small, weights })).toEqual([
      {
        path,
        message: `weight specs nest at most ${MAX_WEIGHT_DEPTH} levels deep (combined parts and hierarchical levels); this one is at level ${MAX_WEIGHT_DEPTH + 1}`,
      },
    ]);
    const atLimit = nested(MAX_WEIGHT_DEPTH, (inner) => ({ method: 'combined', parts: [{ method: 'equal' }, inner] }));
    expect(evaluate({ ...small, weights: atLimit }).weights).toHaveLength(2);
  });

  it('follows hierarchical levels through both dimensions and within', () => {
    // Seven hierarchical levels through `key`, then a combined spec at level 8 whose part is the one spec at level 9.
    const chain = (key: 'dimensions' | 'within'): object => {
      let spec: object = { method: 'combined', parts: [{ method: 'equal' }] };
      for (let level = 1; level < MAX_WEIGHT_DEPTH; level++) {
        spec = { method: 'hierarchical', dimensions: { method: 'equal' }, within: { method: 'equal' }, [key]: spec };
      }
      return spec;
    };
    const message = `weight specs nest at most ${MAX_WEIGHT_DEPTH} levels deep (combined parts and hierarchical levels); this one is at level ${MAX_WEIGHT_DEPTH + 1}`;
    for (const key of ['dimensions', 'within'] as const) {
      expect(issuesOf({ ...small, weights: chain(key) })).toEqual([
        { path: `weights${`.${key}`.repeat(MAX_WEIGHT_DEPTH - 1)}.parts[0]`, message },
      ]);
    }
  });

  it('follows only the nesting the schema has: parts of combined specs, levels of hierarchical ones', () => {
    // Specs nested past the limit under keys an `equal` spec does not have: the schema names the unknown keys.
    const deep = nested(MAX_WEIGHT_DEPTH + 1, (inner) => ({ method: 'combined', parts: [inner] }));
    const pathsOf = (weights: object) => issuesOf({ ...small, weights }).map((i) => i.path);
    expect(pathsOf({ method: 'equal', parts: [deep] })).toEqual(['weights.parts']);
    expect(pathsOf({ method: 'equal', dimensions: deep, within: deep }).sort()).toEqual([
      'weights.dimensions',
      'weights.within',
    ]);
  });

  it('leaves a missing or null weight spec, or missing parts, to the schema', () => {
    const pathsOf = (weights: object) => issuesOf({ ...small, weights }).map((i) => i.path);
    expect(pathsOf({ method: 'hierarchical', dimensions: { method: 'equal' } })).toEqual(['weights.within']);
    expect(pathsOf({ method: 'hierarchical', dimensions: null, within: { method: 'equal' } })).toEqual([
      'weights.dimensions',
    ]);
    expect(pathsOf({ method: 'combined' })).toEqual(['weights.parts']);
    expect(pathsOf({ method: 'combined', parts: [null, { method: 'equal' }] })).toEqual(['weights.parts[0]']);
  });

  it('refuses any JSON deeper than the limit, wherever it is', () => {
    let deep: unknown = 1;
    for (let k = 0; k < 100_000; k++) deep = [deep];
    const issues = issuesOf({ ...small, explain: deep });
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toBe(`explain${'[0]'.repeat(MAX_JSON_DEPTH - 1)}`);
  });

  it(`runs at most ${MAX_COMPARED_METHODS} methods in one compare`, () => {
    const methods = Array.from({ length: 32 }, () => ({ name: 'topsis' }));
    expect(issuesOf({ ...small, method: { name: 'compare', methods } })).toEqual([
      { path: 'method.methods', message: 'expected at most 8 items, got 32' },
    ]);
  });

  it('refuses a concentration below the floor at sensitivity.concentration', () => {
    expect(issuesOf({ ...small, sensitivity: { samples: 1, concentration: 1e-310 } })).toEqual([
      { path: 'sensitivity.concentration', message: 'expected a number ≥ 0.01, got 1e-310' },
    ]);
    expect(evaluate({ ...small, sensitivity: { samples: 5, concentration: 0.01 } }).sensitivity!.samples).toBe(5);
  });
});

describe('bounded result shapes', () => {
  it('gives rank acceptability over every rank up to 100 alternatives, the first 10 ranks beyond', () => {
    const problem = (m: number) => ({
      alternatives: Array.from({ length: m }, (_, i) => `a${i}`),
      criteria: [{ id: 'x', type: 'benefit' }],
      matrix: Array.from({ length: m }, (_, i) => [i]),
      sensitivity: { samples: 1 },
    });
    const full = evaluate(problem(100));
    expect(full.sensitivity!.acceptabilityPositions).toBe(100);
    expect(full.sensitivity!.rankAcceptability[0]).toHaveLength(100);
    expect(full.warnings.some((w) => w.includes('rankAcceptability'))).toBe(false);

    const large = evaluate(problem(24_000));
    expect(large.sensitivity!.acceptabilityPositions).toBe(10);
    expect(large.sensitivity!.rankAcceptability.every((row) => row.length === 10)).toBe(true);
    // The best alternative is first in its one sample; the worst is past the tenth rank, so its row is empty.
    expect(large.sensitivity!.rankAcceptability[23_999]![0]).toBe(1);
    expect(large.sensitivity!.rankAcceptability[0]!.every((share) => share === 0)).toBe(true);
    expect(large.sensitivity!.expectedRank[0]).toBe(24_000);
    expect(large.warnings).toContain(
      'sensitivity: rankAcceptability covers ranks 1 to 10 only (more than 100 alternatives); expectedRank counts every rank',
    );
    expect(JSON.stringify(large).length).toBeLessThan(2_000_000);
  });
});

describe('evaluate and estimateCost on any JSON', () => {
  const odd = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.constantFrom(1e-310, -0, 1e308, -1e308, 5e-324, 0, 1, 0.5, 2 ** 31, -1, 'a', null, [], {}),
  );
  const fields = Object.keys(valid).concat(['panel', 'explain']);

  it('returns a result or throws a ProblemError, for a valid problem with fields replaced by odd values', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ field: fc.constantFrom(...fields), value: odd }), { maxLength: 3 }),
        fc.constantFrom('wsm', 'wpm', 'topsis', 'vikor', 'promethee2'),
        fc.record({ samples: fc.integer({ min: 1, max: 4 }), seed: odd, concentration: odd }, { requiredKeys: [] }),
        (replacements, name, sensitivity) => {
          const problem: Record<string, unknown> = { ...valid, method: { name }, sensitivity };
          for (const { field, value } of replacements) problem[field] = value;
          for (const run of [evaluate, estimateCost]) {
            try {
              run(problem);
            } catch (err) {
              if (!(err instanceof ProblemError)) throw err;
            }
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('returns a result or throws a ProblemError for arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (input) => {
        for (const run of [evaluate, estimateCost]) {
          try {
            run(input);
          } catch (err) {
            if (!(err instanceof ProblemError)) throw err;
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});
