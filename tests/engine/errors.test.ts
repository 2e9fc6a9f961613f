import { describe, expect, it } from 'vitest';
import { evaluate, ProblemError, readJson } from '../../src/engine/index.ts';
import { errorCases } from './evaluate-cases.ts';

const issuesOf = (text: string) => {
  try {
    evaluate(readJson(text));
  } catch (err) {
    expect(err).toBeInstanceOf(ProblemError);
    return (err as ProblemError).issues;
  }
  throw new Error('expected a ProblemError');
};

describe('evaluate: every error of spec §10, with paths into the submitted JSON', () => {
  it.each(errorCases)('$name', ({ text, errors }) => {
    expect(issuesOf(text)).toEqual(errors);
  });

  it('reports a hundred problems and says how many more there are', () => {
    const rows = Array.from({ length: 30 }, () => ['x', 'y', 'z', 'w', 'v']);
    const issues = issuesOf(
      JSON.stringify({ alternatives: rows.map((_, i) => `a${i}`), criteria: ['c1', 'c2', 'c3', 'c4', 'c5'].map((id) => ({ id, type: 'benefit' })), matrix: rows }),
    );
    expect(issues).toHaveLength(101);
    expect(issues[100]).toEqual({ path: '', message: '50 more problems not listed' });
  });

  it('says where malformed JSON breaks', () => {
    expect(() => readJson('{"alternatives": ["a",\n  ]}')).toThrow(ProblemError);
    try {
      readJson('{"alternatives": ["a",\n  ]}');
    } catch (err) {
      const [issue] = (err as ProblemError).issues;
      expect(issue!.path).toBe('');
      expect(issue!.message).toMatch(/^malformed JSON: /);
    }
  });
});
