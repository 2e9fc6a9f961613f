import { z } from 'zod';
import { MAX_COMPARED_METHODS } from '../limits.ts';
import type { MethodSpec } from '../problem.ts';
import { prepareCompare } from './compare.ts';
import {
  defineMethod,
  type MethodData,
  type MethodDescriptor,
  type PreparedMethod,
  requireAlternatives,
  warnOnce,
} from './method.ts';
import { promethee2 } from './promethee2.ts';
import { topsis } from './topsis.ts';
import { vikor } from './vikor.ts';
import { wpm } from './wpm.ts';
import { wsm } from './wsm.ts';

export type { MethodData, MethodDescriptor, MethodScore, PreparedMethod } from './method.ts';

/**
 * Every ranking method but `compare`, in the order error messages and usage texts list them, the default (wsm,
 * problem.ts) first. Adding a method is
 * writing its module with its descriptor and naming it here (docs/engine.md §5, "Adding a method").
 */
export const SINGLE_METHODS = [wsm, wpm, topsis, vikor, promethee2] as const;

type Schemas<T extends readonly MethodDescriptor[]> = { -readonly [K in keyof T]: T[K]['schema'] };
const schemasOf = <const T extends readonly MethodDescriptor[]>(methods: T): Schemas<T> =>
  methods.map((method) => method.schema) as Schemas<T>;

/** A method `compare` can run: discriminated by `name`. */
export const singleMethodSchema = z.discriminatedUnion('name', schemasOf(SINGLE_METHODS));

const compare = defineMethod({
  name: 'compare',
  label: 'comparison of methods (Borda consensus)',
  schema: z.strictObject({
    name: z.literal('compare'),
    methods: z.array(singleMethodSchema).min(2).max(MAX_COMPARED_METHODS),
  }),
  minAlternatives: 2,
  prepare: (spec, data) => prepareCompare(spec, data, prepareWith),
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
