import { toRows, zeros, type Matrix } from './matrix.ts';
import type { NormalizationName } from './normalize.ts';
import type { MethodSpec } from './problem.ts';
import type { Explanation } from './result.ts';

export interface ExplainInput {
  readonly matrix: Matrix;
  readonly method: MethodSpec;
  /** The ranking method's r_ij, where it has one. */
  readonly normalized?: Matrix | undefined;
  readonly weights: Float64Array;
  readonly coordination?: Matrix | undefined;
  readonly obstacles?: Matrix | undefined;
}

/** `"explain": true` (spec §2): the matrices behind the scores, so a reader can redo a step by hand. */
export function explain(input: ExplainInput): Explanation {
  const out: Explanation = { matrix: toRows(input.matrix) };
  if (input.normalized && 'normalization' in input.method) {
    out.normalization = input.method.normalization satisfies NormalizationName;
    out.normalized = toRows(input.normalized);
    out.weighted = toRows(weighted(input.normalized, input.weights));
  }
  if (input.coordination) out.coordinationNormalized = toRows(input.coordination);
  if (input.obstacles) out.obstaclesNormalized = toRows(input.obstacles);
  return out;
}

/** v_ij = w_j r_ij. */
function weighted(r: Matrix, w: Float64Array): Matrix {
  const out = zeros(r.rows, r.cols);
  for (let i = 0; i < r.rows; i++) {
    for (let j = 0; j < r.cols; j++) out.data[i * r.cols + j] = w[j]! * r.data[i * r.cols + j]!;
  }
  return out;
}
