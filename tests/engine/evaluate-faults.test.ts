/**
 * A fault inside a stage (a bug, not bad input) leaves evaluate as it came: only ProblemErrors are gathered into the
 * answer's issues; anything else must reach the caller unchanged, so that the server logs the real error.
 */
import { describe, expect, it, vi } from 'vitest';

const fault = new RangeError('a stage failed');

vi.mock('../../src/engine/weights/index.ts', async (original) => ({
  ...(await original<typeof import('../../src/engine/weights/index.ts')>()),
  computeWeights: () => {
    throw fault;
  },
}));

describe('evaluate, when a stage fails with something other than a ProblemError', () => {
  it('throws that very error', async () => {
    const { evaluate } = await import('../../src/engine/index.ts');
    let thrown: unknown;
    try {
      evaluate({
        alternatives: ['a', 'b'],
        criteria: [{ id: 'x', type: 'benefit' }],
        matrix: [[1], [2]],
      });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBe(fault);
  });
});
