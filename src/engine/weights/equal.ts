import { type Target, uniform } from './target.ts';

export const equalWeights = (target: Target): Float64Array => uniform(target.names.length);
