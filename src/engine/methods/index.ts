import { z } from 'zod';
import { MAX_COMPARED_METHODS } from '../limits.ts';
import { type MethodCost, NUMBER_JSON, rankNs, sortSteps } from '../work.ts';
import { prepareCompare } from './compare.ts';
import {
  defineMethod,
  type MethodData,
  type MethodDescriptor,
  type PreparedMethod,
  requireAlternatives,
  warnOnce,
} from './method.ts';
import { SINGLE_METHODS, schemasOf, singleMethodSchema } from './single.ts';

export type { MethodData, MethodDescriptor, MethodScore, PreparedMethod } from './method.ts';
export { SINGLE_METHODS, singleMethodSchema };

/** Discriminated by `name` (docs/engine.md §5). */
export type MethodSpec = z.output<typeof methodSchema>;
export type SingleMethodSpec = z.output<typeof singleMethodSchema>;

const singleByName = new Map<string, MethodDescriptor>(SINGLE_METHODS.map((method) => [method.name, method]));

const compare = defineMethod({
  name: 'compare',
  label: 'comparison of methods (Borda consensus)',
  schema: z.strictObject({
    name: z.literal('compare'),
    methods: z.array(singleMethodSchema).min(2).max(MAX_COMPARED_METHODS),
  }),
  minAlternatives: 2,
  prepare: (spec, data) => prepareCompare(spec, data, prepareWith),
  // Each method's own terms, a ranking per method per score, each method's part of the details, and Spearman's ρ
  // (two rankings sorted) per pair.
  cost(spec, size): MethodCost {
    const { m } = size;
    const parts: MethodCost[] = spec.methods.map((method) => singleByName.get(method.name)!.cost(method, size));
    const k = parts.length;
    const rankJson = m * (String(m).length + 1);
    return {
      prepare: {
        ns: parts.reduce((s, p) => s + p.prepare.ns, 0) + k * 1500 * m + k * (k - 1) * (60 * sortSteps(m) + 40 * m),
        bytes: parts.reduce((s, p) => s + p.prepare.bytes, 0) + k * 16 * m,
        json: parts.reduce((s, p) => s + p.prepare.json + m * NUMBER_JSON + rankJson + 60, 0) + k * k * NUMBER_JSON,
      },
      scoreNs: parts.reduce((s, p) => s + p.scoreNs + rankNs(m), 0),
    };
  },
});

export const METHODS = [...SINGLE_METHODS, compare] as const;

/** The problem's `method` (docs/engine.md §5), discriminated by `name`. */
export const methodSchema = z.discriminatedUnion('name', schemasOf(METHODS));

const byName = new Map<string, MethodDescriptor>(METHODS.map((method) => [method.name, method]));

export const methodDescriptor = (name: string): MethodDescriptor | undefined => byName.get(name);

function prepareWith(spec: { readonly name: string }, data: MethodData): PreparedMethod {
  const method = byName.get(spec.name)!;
  requireAlternatives(data, method);
  return method.prepare(spec, data) as PreparedMethod;
}

/**
 * Two stages (docs/engine.md §5, §8): `prepareMethod` does the weight-independent work and validates the method's
 * options against the data (a bad option is a ProblemError with its path); `score` then ranks for given
 * weights, cheaply enough to be rerun for every sensitivity sample. Warnings are passed on once each, however
 * often `score` meets the same degenerate case.
 */
export function prepareMethod(spec: MethodSpec, data: MethodData): PreparedMethod {
  return prepareWith(spec, { ...data, warn: warnOnce(data.warn) });
}
