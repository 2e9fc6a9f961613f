import { describe, expect, it } from 'vitest';
import { evaluate, ProblemError, readJson } from '../../src/engine/index.ts';
import { errorCases } from './evaluate-cases.ts';
import { issuesOf as issuesOfRun } from './fixtures/issues.ts';

const issuesOf = (text: string) => issuesOfRun(() => evaluate(readJson(text)));

describe('evaluate: every error of docs/engine.md §10, with paths into the submitted JSON', () => {
  it.each(errorCases)('$name', ({ text, errors }) => {
    expect(issuesOf(text)).toEqual(errors);
  });

  it('reports the problems of the weights, the method and coordination together', () => {
    const text = JSON.stringify({
      alternatives: ['a', 'b'],
      criteria: [
        { id: 'x', type: 'benefit' },
        { id: 'y', type: 'cost' },
      ],
      matrix: [
        [1, 2],
        [3, 4],
      ],
      weights: { method: 'direct', values: [1] },
      method: { name: 'promethee2', preference: { function: 'vshape' } },
      coordination: {},
    });
    expect(issuesOf(text)).toEqual([
      { path: 'weights.values', message: 'expected 2 values (one per criterion), got 1' },
      { path: 'method.preference.p', message: 'the "vshape" preference function needs p (preference threshold)' },
      { path: 'dimensions', message: 'coupling coordination needs the dimensions the criteria belong to' },
    ]);
  });

  it('reports a hundred problems and says how many more there are', () => {
    const rows = Array.from({ length: 30 }, () => ['x', 'y', 'z', 'w', 'v']);
    const issues = issuesOf(
      JSON.stringify({
        alternatives: rows.map((_, i) => `a${i}`),
        criteria: ['c1', 'c2', 'c3', 'c4', 'c5'].map((id) => ({ id, type: 'benefit' })),
        matrix: rows,
      }),
    );
    expect(issues).toHaveLength(101);
    expect(issues[100]).toEqual({ path: '', message: '50 more problems not listed' });
  });

  it('counts, without describing, the problems past the hundredth: panel scores, out-of-range values and lists', () => {
    const strings = issuesOf(
      JSON.stringify({
        alternatives: ['a', 'b'],
        criteria: [{ id: 'c', type: 'benefit' }],
        panel: {
          experts: ['e1', 'e2'],
          scores: Array.from({ length: 2 }, () => Array.from({ length: 2 }, () => Array(200).fill('x'))),
        },
      }),
    );
    expect(strings).toHaveLength(101);
    expect(strings[0]!.path).toBe('panel.scores[0][0][0]');
    expect(strings[100]).toEqual({ path: '', message: `${800 - 100} more problems not listed` });
    const huge = issuesOf(
      JSON.stringify({
        alternatives: Array.from({ length: 150 }, (_, i) => `a${i}`),
        criteria: [{ id: 'c', type: 'benefit' }],
        matrix: Array.from({ length: 150 }, () => [1e60]),
      }),
    );
    expect(huge).toHaveLength(101);
    expect(huge[0]!.message).toMatch(/too large to compute with/);
    expect(huge[100]).toEqual({ path: '', message: '50 more problems not listed' });
  });

  it('says where malformed JSON breaks, by line and column when V8 gives a position', () => {
    const issuesOfText = (text: string) => issuesOfRun(() => readJson(text));
    // V8's wording differs between Node versions (Node 22+ adds its own "(line 2 column 2)"): the problem and
    // the line and column are what must be there, and no raw character offset.
    const [trailing, ...rest] = issuesOfText('{"alternatives": ["a"]}\n x');
    expect(rest).toEqual([]);
    expect(trailing!.path).toBe('');
    expect(trailing!.message).toMatch(/^malformed JSON: Unexpected non-whitespace character after JSON\b/);
    expect(trailing!.message).toMatch(/\(line 2, column 2\)$/);
    expect(trailing!.message).not.toMatch(/position/);
    // Said once, in our words, whichever Node is running.
    expect(trailing!.message.match(/\(line/g)).toHaveLength(1);
    expect(issuesOfText('')).toEqual([{ path: '', message: 'malformed JSON: Unexpected end of JSON input' }]);
  });
});

describe('ProblemError', () => {
  // Its message is what an uncaught problem prints: every issue as `path: message`, separated by "; ".
  it('lists every issue as path: message, joined by semicolons', () => {
    const issues = [
      { path: 'matrix[0][1]', message: 'expected a finite number, got "abc"' },
      { path: 'weights.values', message: 'expected 2 values (one per criterion), got 1' },
    ];
    const err = new ProblemError(issues);
    expect(err.message).toBe(
      'matrix[0][1]: expected a finite number, got "abc"; weights.values: expected 2 values (one per criterion), got 1',
    );
    expect(err.issues).toEqual(issues);
  });

  it('names an issue of the whole problem (empty path) as (problem)', () => {
    const err = new ProblemError([
      { path: '', message: 'malformed JSON: Unexpected end of JSON input' },
      { path: 'alternatives', message: 'required' },
    ]);
    expect(err.message).toBe('(problem): malformed JSON: Unexpected end of JSON input; alternatives: required');
  });

  it('is an Error named ProblemError', () => {
    const err = new ProblemError([{ path: 'method.name', message: 'unknown method "electre"' }]);
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe('ProblemError');
    expect(String(err)).toBe('ProblemError: method.name: unknown method "electre"');
  });
});
