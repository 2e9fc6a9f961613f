import { formatPath, type Issue } from './errors.ts';

/**
 * Limits on the shape of a problem (docs/engine.md §10), checked on the raw JSON before the zod schema runs: zod
 * parses nested specs by recursion, so a `weights` nested a thousand deep would overflow the stack inside it.
 * Both walks below use an explicit stack and stop at the first value past a limit.
 */

/**
 * No field of a problem nests deeper than about 20 levels at the weight-spec limit (AHP group matrices inside
 * hierarchical parts of combined specs); a document deeper than this is not a problem.
 */
export const MAX_JSON_DEPTH = 32;

/**
 * Problems listed in one answer; past this many they are counted, not described. A 20,000 × 40 matrix of strings
 * would otherwise build 800,000 messages on the calling thread (seconds of work) to send 100 of them.
 */
export const MAX_ISSUES = 100;

/** Weight specs inside `combined` parts and `hierarchical` levels, the top-level spec being level 1. */
export const MAX_WEIGHT_DEPTH = 8;

/** The smallest Dirichlet concentration (docs/engine.md §8). */
export const MIN_CONCENTRATION = 0.01;

/** The most methods one `compare` runs (docs/engine.md §5). */
export const MAX_COMPARED_METHODS = 8;

interface Node {
  readonly value: object;
  readonly depth: number;
  readonly parent: Node | undefined;
  readonly key: PropertyKey;
}

const pathOf = (node: Node): string => {
  const keys: PropertyKey[] = [];
  for (let at: Node | undefined = node; at?.parent; at = at.parent) keys.push(at.key);
  return formatPath(keys.reverse());
};

/** The first array or object deeper than MAX_JSON_DEPTH, as an issue; linear in the number of values. */
function jsonDepthIssue(input: unknown): Issue | undefined {
  if (typeof input !== 'object' || input === null) return undefined;
  const stack: Node[] = [{ value: input, depth: 1, parent: undefined, key: '' }];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.depth > MAX_JSON_DEPTH) {
      return {
        path: pathOf(node),
        message: `nested deeper than ${MAX_JSON_DEPTH} levels of arrays and objects; no part of a problem needs that many`,
      };
    }
    const push = (value: unknown, key: PropertyKey) => {
      if (typeof value === 'object' && value !== null) stack.push({ value, depth: node.depth + 1, parent: node, key });
    };
    // Rows of numbers are most of a problem: scan them in place, allocating only for nested values.
    if (Array.isArray(node.value)) for (let k = 0; k < node.value.length; k++) push(node.value[k], k);
    else for (const [key, value] of Object.entries(node.value)) push(value, key);
  }
  return undefined;
}

/** The first weight spec past MAX_WEIGHT_DEPTH, following `parts`, `dimensions` and `within` as the schema does. */
function weightDepthIssue(weights: unknown): Issue | undefined {
  if (typeof weights !== 'object' || weights === null) return undefined;
  const root: Node = { value: { weights }, depth: 0, parent: undefined, key: '' };
  const stack: Node[] = [{ value: weights, depth: 1, parent: root, key: 'weights' }];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.depth > MAX_WEIGHT_DEPTH) {
      return {
        path: pathOf(node),
        message: `weight specs nest at most ${MAX_WEIGHT_DEPTH} levels deep (combined parts and hierarchical levels); this one is at level ${node.depth}`,
      };
    }
    const spec = node.value as Record<string, unknown>;
    const child = (value: unknown, parent: Node, key: PropertyKey) => {
      if (typeof value === 'object' && value !== null) stack.push({ value, depth: node.depth + 1, parent, key });
    };
    if (spec.method === 'combined' && Array.isArray(spec.parts)) {
      const parts: Node = { value: spec.parts, depth: node.depth, parent: node, key: 'parts' };
      spec.parts.forEach((part, k) => {
        child(part, parts, k);
      });
    } else if (spec.method === 'hierarchical') {
      child(spec.dimensions, node, 'dimensions');
      child(spec.within, node, 'within');
    }
  }
  return undefined;
}

/** Shape limits of the raw input, before any schema runs: [] or the first violation of each. */
export function structureIssues(input: unknown): Issue[] {
  const deep = jsonDepthIssue(input);
  if (deep) return [deep];
  const weights = typeof input === 'object' && input !== null ? (input as Record<string, unknown>).weights : undefined;
  const nested = weightDepthIssue(weights);
  return nested ? [nested] : [];
}
