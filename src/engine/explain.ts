import { type Matrix, toRows, zeros } from './matrix.ts';
import type { NormalizationName } from './normalize.ts';
import type { Criterion, MethodSpec } from './problem.ts';
import type { Explanation } from './result.ts';

export interface ExplainInput {
  readonly matrix: Matrix;
  readonly method: MethodSpec;
  /** The ranking method's r_ij, where it has one. */
  readonly normalized?: Matrix | undefined;
  readonly weights: Float64Array;
  readonly criteria: readonly Criterion[];
  readonly coordination?: Matrix | undefined;
  readonly obstacles?: Matrix | undefined;
}

/** `"explain": true` (docs/engine.md §2): the matrices behind the scores, so a reader can redo a step by hand. */
export function explain(input: ExplainInput): Explanation {
  const out: Explanation = { matrix: toRows(input.matrix) };
  if (input.normalized && 'normalization' in input.method) {
    out.normalization = input.method.normalization satisfies NormalizationName;
    out.normalized = toRows(input.normalized);
    out.weighted = toRows(weighted(input.normalized, input.weights, input.method, input.criteria));
  }
  if (input.coordination) out.coordinationNormalized = toRows(input.coordination);
  if (input.obstacles) out.obstaclesNormalized = toRows(input.obstacles);
  return out;
}

/**
 * The weighted values the method combines: v_ij = w_j r_ij, which WSM sums and TOPSIS measures distances on;
 * for WPM r_ij^w_j, which it multiplies (a cost criterion with "none" enters as r^(−w), see methods/wpm.ts).
 */
function weighted(r: Matrix, w: Float64Array, method: MethodSpec, criteria: readonly Criterion[]): Matrix {
  const out = zeros(r.rows, r.cols);
  const power = method.name === 'wpm';
  const exponent = criteria.map((c, j) =>
    method.name === 'wpm' && method.normalization === 'none' && c.type === 'cost' ? -w[j]! : w[j]!,
  );
  for (let i = 0; i < r.rows; i++) {
    for (let j = 0; j < r.cols; j++) {
      const v = r.data[i * r.cols + j]!;
      out.data[i * r.cols + j] = power ? v ** exponent[j]! : w[j]! * v;
    }
  }
  return out;
}
