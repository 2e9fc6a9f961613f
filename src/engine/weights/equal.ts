import { z } from 'zod';
import { defineWeighting } from './scheme.ts';
import { type Target, uniform } from './target.ts';

export const equalWeights = (target: Target): Float64Array => uniform(target.names.length);

export const equal = defineWeighting({
  method: 'equal',
  label: 'equal weights',
  schema: z.strictObject({ method: z.literal('equal') }),
  minAlternatives: 1,
  weigh: (_spec, target) => ({ weights: equalWeights(target), info: { method: 'equal' as const } }),
  cost: (_spec, { n }) => ({ ns: n, bytes: 8 * n, json: 20 }),
});
