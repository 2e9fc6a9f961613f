import { z } from 'zod';
import { type Issue, ProblemError } from '../errors.ts';
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

const schema = z.strictObject({ name: z.literal('wpm'), normalization: normalizationSchema.default('max') });
type WpmSpec = z.output<typeof schema>;

/**
 * Weighted product s_i = Π_j r_ij^w_j (docs/engine.md §5), computed as exp(Σ_j w_j ln r_ij) so that scoring is a sum
 * over logarithms taken once. With `none` the raw values are used and a cost column gets the exponent −w_j
 * (the ratio form of Bridgman's and Miller & Starr's model), so that higher still means better.
 */
export function prepareWpm(spec: WpmSpec, data: MethodData): PreparedMethod<NoDetails> {
  const info = columnInfo(data.criteria);
  const cellPath = cellPathOf(data);
  const normalized = normalize(data.matrix, spec.normalization, info, data.warn, cellPath);
  const { rows: m, cols: n } = normalized;
  const r = normalized.data;
  const logs = new Float64Array(m * n);
  const issues: Issue[] = [];
  for (let j = 0; j < n; j++) {
    const sign = spec.normalization === 'none' && info.types[j] === 'cost' ? -1 : 1;
    for (let i = 0; i < m; i++) {
      const v = r[i * n + j]!;
      if (!(v > 0)) {
        issues.push({
          path: cellPath(i, j),
          message:
            spec.normalization === 'none'
              ? `WPM multiplies powers of the raw values, which must be > 0 (criterion ${info.ids[j]}), got ${v}`
              : `WPM needs normalized values > 0, but "${spec.normalization}" normalization gives ${v} here (criterion ${info.ids[j]}); "max" or "sum" keep positive data positive`,
        });
      }
      logs[i * n + j] = sign * Math.log(v);
    }
  }
  if (issues.length > 0) throw new ProblemError(issues);
  if (spec.normalization === 'none' && info.types.includes('cost')) {
    data.warn('WPM with "none" normalization: a cost criterion enters as x^(−w), so that higher still means better');
  }
  return {
    better: 'higher',
    normalized,
    score(w) {
      const scores = weightedRowSums(logs, m, n, w);
      for (let i = 0; i < m; i++) scores[i] = Math.exp(scores[i]!);
      return { scores, details: () => ({}) };
    },
  };
}

export const wpm = defineMethod({
  name: 'wpm',
  label: 'WPM (weighted product)',
  schema,
  minAlternatives: 1,
  prepare: prepareWpm,
  // Normalization and a logarithm per cell once; a multiply-add per cell and an exp per alternative per score.
  cost: (_spec, { m, n }) => ({
    prepare: { ns: 30 * m * n, bytes: 16 * m * n, json: 2 },
    scoreNs: 2 * m * n + 20 * m,
  }),
});
