/**
 * Generated Problems to the engine, building on tests/engine/limits.test.ts (which replaces top-level fields and
 * tries arbitrary JSON): here values deep inside a valid problem are replaced, and the text itself is hostile
 * (prototype keys, NaN literals, nesting bombs) on its way through readJson, as the API and the CLI read it.
 * Either a Result or a ProblemError with spec §10 issues ({ path, message }, at least one), never another throw.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, ProblemError, readJson } from '../../src/engine/index.ts';
import { SMALL_PROBLEM as valid } from '../engine/fixtures/small-problem.ts';

/** Every path to a value in the valid problem, objects and arrays included. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  const keys = Array.isArray(value) ? value.map((_v, i) => i) : Object.keys(value);
  return [prefix, ...keys.flatMap((k) => pathsOf((value as Record<string, unknown>)[k], [...prefix, k]))];
}
const PATHS = pathsOf(valid).filter((p) => p.length > 0);

const hostile = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(
    'NaN',
    'Infinity',
    '-Infinity',
    '1e309',
    Number.MAX_VALUE,
    -Number.MAX_VALUE,
    5e-324,
    -0,
    2 ** 53 + 1,
    '',
    'x'.repeat(100_000),
    '<script>alert(1)</script>',
    '\u202E',
    '\u0000',
    { __proto__: null, polluted: true },
    [],
    {},
    null,
  ),
);

function set(target: unknown, path: readonly (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  const copy = (Array.isArray(target) ? [...target] : { ...(target as object) }) as Record<string | number, unknown>;
  copy[head!] = set(copy[head!], rest, value);
  return copy;
}

function answersOrRefuses(input: unknown) {
  try {
    const result = evaluate(input);
    expect(Array.isArray(result.ranks)).toBe(true);
  } catch (err) {
    if (!(err instanceof ProblemError)) throw err;
    expect(err.issues.length).toBeGreaterThan(0);
    for (const issue of err.issues) {
      expect(typeof issue.path).toBe('string');
      expect(issue.message).toMatch(/\S/);
    }
  }
}

describe('the engine on generated Problems', () => {
  it('values replaced anywhere inside a valid problem: a Result or §10 issues', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...PATHS), hostile), { minLength: 1, maxLength: 3 }),
        (replacements) => {
          let problem: unknown = valid;
          for (const [path, value] of replacements) problem = set(problem, path, value);
          answersOrRefuses(problem);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('hostile JSON text through readJson: a Result or §10 issues, and no prototype is touched', () => {
    const text = JSON.stringify(valid);
    const injections = fc.constantFrom(
      '"__proto__":{"method":{"name":"wsm"}},',
      '"constructor":{"prototype":{"polluted":true}},',
      '"prototype":1,',
      '"matrix":NaN,',
      '"weights":Infinity,',
      `"deep":${'['.repeat(100_000)}${']'.repeat(100_000)},`,
      `"deep":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)},`,
      '"alternatives":["a","a","a"],',
      '"method":{"name":"topsis","__proto__":{"name":"vikor"}},',
    );
    fc.assert(
      fc.property(fc.array(injections, { minLength: 1, maxLength: 3 }), fc.boolean(), (parts, truncate) => {
        const hostileText = `{${parts.join('')}${text.slice(1)}`;
        const sent = truncate ? hostileText.slice(0, hostileText.length - 2) : hostileText;
        let input: unknown;
        try {
          input = readJson(sent);
        } catch (err) {
          // Text that is not JSON is the caller's 400; it must still be an ordinary error, not a crash.
          expect(err).toBeInstanceOf(Error);
          return;
        }
        answersOrRefuses(input);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        expect(Object.prototype).not.toHaveProperty('method');
      }),
      { numRuns: 200 },
    );
  });
});
