import type { MethodSpec, SingleMethodSpec } from '../problem.ts';
import { prepareCompare } from './compare.ts';
import { type MethodData, type PreparedMethod, warnOnce } from './method.ts';
import { preparePromethee2 } from './promethee2.ts';
import { prepareTopsis } from './topsis.ts';
import { prepareVikor } from './vikor.ts';
import { prepareWpm } from './wpm.ts';
import { prepareWsm } from './wsm.ts';

export type { MethodData, MethodScore, PreparedMethod } from './method.ts';

function prepareSingle(spec: SingleMethodSpec, data: MethodData): PreparedMethod {
  switch (spec.name) {
    case 'wsm':
      return prepareWsm(spec, data);
    case 'wpm':
      return prepareWpm(spec, data);
    case 'topsis':
      return prepareTopsis(spec, data);
    case 'vikor':
      return prepareVikor(spec, data);
    case 'promethee2':
      return preparePromethee2(spec, data);
  }
}

/**
 * Two stages (docs/engine.md §5, §8): `prepareMethod` does the weight-independent work and validates the method's
 * options against the data (a bad option is a ProblemError with its path); `score` then ranks for given
 * weights, cheaply enough to be rerun for every sensitivity sample. Warnings are passed on once each, however
 * often `score` meets the same degenerate case.
 */
export function prepareMethod(spec: MethodSpec, data: MethodData): PreparedMethod {
  const once = { ...data, warn: warnOnce(data.warn) };
  return spec.name === 'compare' ? prepareCompare(spec, once, prepareSingle) : prepareSingle(spec, once);
}
