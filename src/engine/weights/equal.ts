import { uniform, type Target } from './target.ts';

export const equalWeights = (target: Target): Float64Array => uniform(target.names.length);
