import type { Matrix } from './matrix.ts';
import type { Criterion, ObstaclesSpec } from './spec.ts';

/**
 * Obstacle degree (docs/engine.md §7): which criteria hold an alternative back most. With the deviation
 * I_ij = 1 − r_ij (r min-max by type, as in coordination) and the factor contribution w_j,
 * O_ij = w_j I_ij / Σ_j w_j I_ij, so an alternative's degrees sum to 1 (or are all 0 when it is best on
 * every weighted criterion).
 */

export interface CriterionObstacle {
  criterion: string;
  degree: number;
}
export interface DimensionObstacle {
  dimension: string;
  degree: number;
}
export interface AlternativeObstacles {
  /**
   * The `top` criteria with the largest degree, largest first (ties in criterion order). Criteria with degree 0
   * are not obstacles and are left out, so the list can be shorter than `top`, or empty.
   */
  top: CriterionObstacle[];
  /** Σ O over each dimension's criteria, in the order of `dimensions` (empty when there are none). */
  dimensions: DimensionObstacle[];
}

export function obstacles(
  spec: ObstaclesSpec,
  normalized: Matrix,
  weights: ArrayLike<number>,
  criteria: readonly Criterion[],
  dimensions: readonly string[] | undefined,
): AlternativeObstacles[] {
  const { rows: m, cols: n, data: r } = normalized;
  const dims = dimensions ?? [];
  const dimOf = criteria.map((c) => (c.dimension === undefined ? -1 : dims.indexOf(c.dimension)));
  const degree = new Float64Array(n);
  const order = Array.from({ length: n }, (_, j) => j);
  const out: AlternativeObstacles[] = [];
  for (let i = 0; i < m; i++) {
    let total = 0;
    for (let j = 0; j < n; j++) {
      degree[j] = weights[j]! * (1 - r[i * n + j]!);
      total += degree[j]!;
    }
    for (let j = 0; j < n; j++) degree[j] = total > 0 ? degree[j]! / total : 0;
    const byDimension = dims.map((dimension) => ({ dimension, degree: 0 }));
    for (let j = 0; j < n; j++) if (dimOf[j]! >= 0) byDimension[dimOf[j]!]!.degree += degree[j]!;
    order.sort((a, b) => degree[b]! - degree[a]! || a - b);
    const top: CriterionObstacle[] = [];
    for (let q = 0; q < n && top.length < spec.top && degree[order[q]!]! > 0; q++) {
      top.push({ criterion: criteria[order[q]!]!.id, degree: degree[order[q]!]! });
    }
    out.push({ top, dimensions: byDimension });
  }
  return out;
}
