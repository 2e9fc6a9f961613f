import { z } from 'zod';
import type { MethodDescriptor } from './method.ts';
import { promethee2 } from './promethee2.ts';
import { topsis } from './topsis.ts';
import { vikor } from './vikor.ts';
import { wpm } from './wpm.ts';
import { wsm } from './wsm.ts';

/**
 * Every ranking method but `compare`, in the order error messages and usage texts list them, the default (wsm,
 * problem.ts) first. Adding a method is writing its module with its descriptor and details type, and naming it
 * here (docs/engine.md §5, "Adding a method"). The union below is what `compare` accepts; methods/index.ts adds
 * `compare` itself for the problem's `method`.
 */
export const SINGLE_METHODS = [wsm, wpm, topsis, vikor, promethee2] as const;

export type Schemas<T extends readonly MethodDescriptor[]> = { -readonly [K in keyof T]: T[K]['schema'] };
export const schemasOf = <const T extends readonly MethodDescriptor[]>(methods: T): Schemas<T> =>
  methods.map((method) => method.schema) as Schemas<T>;

/** A method `compare` can run: discriminated by `name`. */
export const singleMethodSchema = z.discriminatedUnion('name', schemasOf(SINGLE_METHODS));
