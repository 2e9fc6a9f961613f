import { z } from 'zod';
import { type Issue, ProblemError, type Warn } from './errors.ts';
import { type Matrix, zeros } from './matrix.ts';

export type CriterionType = 'benefit' | 'cost';
export const normalizationSchema = z.enum(['minmax', 'vector', 'max', 'sum', 'none']);
export type NormalizationName = z.output<typeof normalizationSchema>;
export type Bounds = readonly [number, number];

/** What normalization needs to know about the columns, in column order. */
export interface ColumnInfo {
  readonly ids: readonly string[];
  readonly types: readonly CriterionType[];
  /** Fixed scales for `minmax`; others ignore them. */
  readonly bounds?: readonly (Bounds | undefined)[];
}

export const defaultCellPath = (i: number, j: number): string => `matrix[${i}][${j}]`;

/**
 * Returns r_ij, higher-is-better for every normalization but `none` (docs/engine.md §3).
 * A column that cannot discriminate (constant, hence also zero norm or zero sum) becomes 1 everywhere
 * with a warning, so that it neither divides by zero nor silently favours anyone. Every cell the
 * normalization cannot take is reported, all columns at once.
 */
export function normalize(
  x: Matrix,
  name: NormalizationName,
  info: ColumnInfo,
  warn: Warn,
  cellPath: (i: number, j: number) => string = defaultCellPath,
): Matrix {
  const { rows: m, cols: n, data } = x;
  if (name === 'none') return { rows: m, cols: n, data: Float64Array.from(data) };
  const out = zeros(m, n);
  const r = out.data;
  const issues: Issue[] = [];
  for (let j = 0; j < n; j++) {
    const cost = info.types[j] === 'cost';
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < m; i++) {
      const v = data[i * n + j]!;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    const fixed = name === 'minmax' ? info.bounds?.[j] : undefined;
    if (!fixed && hi === lo) {
      warn(`criterion ${info.ids[j]}: constant column, normalized to 1`);
      for (let i = 0; i < m; i++) r[i * n + j] = 1;
      continue;
    }
    if ((name === 'sum' || (name === 'max' && cost)) && lo <= 0) {
      for (let i = 0; i < m; i++) {
        const v = data[i * n + j]!;
        if (v <= 0)
          issues.push({
            path: cellPath(i, j),
            message: `"${name}" normalization of ${cost ? 'a cost' : 'this'} criterion needs values > 0, got ${v}`,
          });
      }
      continue;
    }
    if (name === 'max' && hi <= 0) {
      const i = firstIndex(data, m, n, j, (v) => v === hi);
      issues.push({ path: cellPath(i, j), message: `"max" normalization needs a positive maximum, got ${hi}` });
      continue;
    }
    switch (name) {
      case 'minmax': {
        const [a, b] = fixed ?? [lo, hi];
        const span = b - a;
        for (let i = 0; i < m; i++) {
          const v = data[i * n + j]!;
          r[i * n + j] = cost ? (b - v) / span : (v - a) / span;
        }
        break;
      }
      case 'vector': {
        let ss = 0;
        for (let i = 0; i < m; i++) ss += data[i * n + j]! ** 2;
        const norm = Math.sqrt(ss);
        for (let i = 0; i < m; i++) {
          const q = data[i * n + j]! / norm;
          r[i * n + j] = cost ? 1 - q : q;
        }
        break;
      }
      case 'max': {
        for (let i = 0; i < m; i++) {
          const v = data[i * n + j]!;
          r[i * n + j] = cost ? lo / v : v / hi;
        }
        break;
      }
      case 'sum': {
        let s = 0;
        for (let i = 0; i < m; i++) s += cost ? 1 / data[i * n + j]! : data[i * n + j]!;
        for (let i = 0; i < m; i++) {
          const v = data[i * n + j]!;
          r[i * n + j] = (cost ? 1 / v : v) / s;
        }
        break;
      }
    }
  }
  if (issues.length > 0) throw new ProblemError(issues);
  return out;
}

const firstIndex = (data: Float64Array, m: number, n: number, j: number, pred: (v: number) => boolean): number => {
  for (let i = 0; i < m; i++) if (pred(data[i * n + j]!)) return i;
  return 0;
};
