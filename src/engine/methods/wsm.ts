import { z } from 'zod';
import { normalizationSchema, normalize } from '../normalize.ts';
import {
  cellPathOf,
  columnInfo,
  defineMethod,
  type MethodData,
  type NoDetails,
  type PreparedMethod,
  weightedRowSums,
} from './method.ts';

const schema = z.strictObject({ name: z.literal('wsm'), normalization: normalizationSchema.default('minmax') });
type WsmSpec = z.output<typeof schema>;

/**
 * Weighted sum s_i = Σ_j w_j r_ij (docs/engine.md §5). With `none` the raw values are summed and a cost column enters
 * with a minus sign, so that higher still means better.
 */
export function prepareWsm(spec: WsmSpec, data: MethodData): PreparedMethod<NoDetails> {
  const info = columnInfo(data.criteria);
  const normalized = normalize(data.matrix, spec.normalization, info, data.warn, cellPathOf(data));
  const { rows: m, cols: n } = normalized;
  const r = normalized.data;
  if (spec.normalization === 'none') {
    for (let j = 0; j < n; j++) {
      if (info.types[j] !== 'cost') continue;
      for (let i = 0; i < m; i++) r[i * n + j] = -r[i * n + j]!;
    }
  }
  return {
    better: 'higher',
    normalized,
    score: (w) => ({ scores: weightedRowSums(r, m, n, w), details: () => ({}) }),
  };
}

export const wsm = defineMethod({
  name: 'wsm',
  label: 'WSM (weighted sum)',
  schema,
  minAlternatives: 1,
  prepare: prepareWsm,
  // Normalization and a sign per cell once; a multiply-add per cell per score (docs/engine.md §5).
  cost: (_spec, { m, n }) => ({
    prepare: { ns: 12 * m * n, bytes: 8 * m * n, json: 2 },
    scoreNs: 2 * m * n + 5 * m,
  }),
});
