import { describe, expect, it } from 'vitest';
import { MAX_ISSUES } from '../../src/engine/limits.ts';
import { numberArrays } from '../../src/engine/spec.ts';

const issuesOf = (depth: number, nullable: boolean, value: unknown) => {
  const parsed = numberArrays(depth, nullable).safeParse(value);
  return parsed.success ? [] : parsed.error.issues;
};

describe('numberArrays: nested arrays of numbers, checked in place', () => {
  it('accepts finite numbers at the given depth, and null only where nullable', () => {
    expect(issuesOf(2, false, [[1, -2.5], [0]])).toEqual([]);
    expect(issuesOf(3, true, [[[1, null]], [[null]]])).toEqual([]);
    expect(issuesOf(3, false, [[[1, null]]])).toMatchObject([
      { code: 'invalid_type', expected: 'number', path: [0, 0, 1] },
    ]);
  });

  it('reports every bad entry where zod would, with its path', () => {
    expect(issuesOf(2, false, [[1, 'x'], [Number.NaN, 2], 3, [[4]]])).toMatchObject([
      { code: 'invalid_type', expected: 'number', path: [0, 1] },
      { code: 'invalid_type', expected: 'number', path: [1, 0] },
      { code: 'invalid_type', expected: 'array', path: [2] },
      { code: 'invalid_type', expected: 'number', path: [3, 0] },
    ]);
  });

  it('at depth 0 takes one finite number', () => {
    expect(issuesOf(0, false, 5)).toEqual([]);
    expect(issuesOf(0, true, null)).toEqual([]);
    for (const bad of ['5', Number.POSITIVE_INFINITY, null, [5]]) {
      expect(issuesOf(0, false, bad)).toMatchObject([{ code: 'invalid_type', expected: 'number', path: [] }]);
    }
  });

  // The answer lists at most MAX_ISSUES problems (docs/engine.md §10): past that the entries are only counted.
  it.each([0, 1, MAX_ISSUES - 1, MAX_ISSUES, MAX_ISSUES + 1, 2 * MAX_ISSUES + 50])(
    'of %i bad entries, lists those up to the limit and counts the rest in one issue',
    (bad) => {
      const row = Array.from({ length: bad + 20 }, (_, k) => (k < bad ? 'x' : k));
      const issues = issuesOf(1, false, row);
      const listed = Math.min(bad, MAX_ISSUES);
      expect(issues.slice(0, listed).map((i) => [i.code, i.path])).toEqual(
        Array.from({ length: listed }, (_, k) => ['invalid_type', [k]]),
      );
      expect(issues.slice(listed)).toEqual(
        bad > MAX_ISSUES
          ? [
              {
                code: 'custom',
                message: 'more entries that are not numbers',
                path: [],
                params: { unlisted: bad - MAX_ISSUES },
              },
            ]
          : [],
      );
    },
  );
});
