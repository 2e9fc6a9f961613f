/** Generated benchmark inputs, the same on every run: every generator draws from a fixed seed. */
import { Random } from '../../src/engine/random.ts';

export type Type = 'benefit' | 'cost';

export interface MatrixProblem {
  alternatives: string[];
  criteria: { id: string; type: Type }[];
  matrix: number[][];
}

/** m × n values in (1, 100) with three decimals, a quarter of the criteria costs (like a county statistics table). */
export function matrixProblem(m: number, n: number, seed: number): MatrixProblem {
  const random = Random.fromSeed(seed);
  return {
    alternatives: Array.from({ length: m }, (_, i) => `county-${i + 1}`),
    criteria: Array.from({ length: n }, (_, j) => ({
      id: `indicator-${j + 1}`,
      type: j % 4 === 3 ? 'cost' : 'benefit',
    })),
    matrix: Array.from({ length: m }, () =>
      Array.from({ length: n }, () => Math.round((1 + 99 * random.uniform()) * 1000) / 1000),
    ),
  };
}

/** experts × m × n whole scores on 1–9 around a per-cell consensus, with 5 % abstentions. */
export function panelScores(experts: number, m: number, n: number, seed: number): (number | null)[][][] {
  const random = Random.fromSeed(seed);
  const centre = Array.from({ length: m }, () => Array.from({ length: n }, () => 2 + 6 * random.uniform()));
  return Array.from({ length: experts }, () =>
    centre.map((row) =>
      row.map((c) =>
        random.uniform() < 0.05 ? null : Math.min(9, Math.max(1, Math.round(c + 2 * (random.uniform() - 0.5)))),
      ),
    ),
  );
}
