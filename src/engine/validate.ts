import type { z } from 'zod';
import { formatPath, type Issue, ProblemError } from './errors.ts';
import { MAX_ISSUES, structureIssues } from './limits.ts';
import { methodDescriptor } from './methods/index.ts';
import { type Criterion, type MethodSpec, type Problem, problemSchema, type WeightSpec } from './problem.ts';
import { weightingDescriptor } from './weights/index.ts';

/**
 * Input checking of docs/engine.md §10 in two passes: the zod schema (types, enums, unknown options), then the
 * cross-field rules it cannot express (shapes, ids, dimensions listed, bounds, both or neither of matrix and panel).
 * Every problem found in a pass is reported at once, each with a path into the submitted JSON, so a user fixes
 * a file in one go. The rules of one weighting scheme or method (a direct weight list's length, a pairwise
 * matrix's reciprocity, a preference function's thresholds, the dimensions coordination needs, a panel cell
 * nobody scored) live with the module that owns the idea; evaluate() runs those modules side by side and
 * reports their issues together.
 */

export function parseProblem(input: unknown): Problem {
  const shape = structureIssues(input);
  if (shape.length > 0) throw new ProblemError(shape);
  const parsed = problemSchema.safeParse(input);
  if (!parsed.success) {
    // Only the issues that will be listed are described (quoting values, choosing among union branches).
    // numberArrays counts the bad entries past MAX_ISSUES in one issue of its own (`params.unlisted`).
    const counted = (i: ZodIssue) => (i.code === 'custom' ? Number(i.params?.unlisted ?? 0) : 0);
    const all = parsed.error.issues.filter((i) => counted(i) === 0);
    const listed = all.slice(0, MAX_ISSUES).flatMap((i) => fromZod(i, [], input));
    const unlisted =
      all.length - Math.min(all.length, MAX_ISSUES) + parsed.error.issues.reduce((s, i) => s + counted(i), 0);
    throw new ProblemError(capped(listed, unlisted));
  }
  const { issues, unlisted } = validate(parsed.data);
  if (issues.length > 0) throw new ProblemError(capped(issues, unlisted));
  return parsed.data;
}

/** JSON text → value; a syntax error is the user's, so it becomes a ProblemError saying where it is. */
export function readJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    // V8 says "at position N", and from Node 22 on "(line L column C)" as well: ours replaces both, said once.
    const message = (err as SyntaxError).message;
    const position = /at position (\d+)/.exec(message);
    let where = '';
    if (position) {
      const before = text.slice(0, Number(position[1]));
      const line = before.split('\n').length;
      where = ` (line ${line}, column ${before.length - before.lastIndexOf('\n')})`;
    }
    throw new ProblemError([
      {
        path: '',
        message: `malformed JSON: ${message.replace(/ (in JSON )?at position \d+( \(line \d+ column \d+\))?/, '')}${where}`,
      },
    ]);
  }
}

/** At most MAX_ISSUES issues, then one saying how many more there are (`unlisted` counts those never built). */
export const capped = (issues: readonly Issue[], unlisted = 0): Issue[] => {
  const more = Math.max(0, issues.length - MAX_ISSUES) + unlisted;
  return more === 0
    ? [...issues]
    : [...issues.slice(0, MAX_ISSUES), { path: '', message: `${more} more problems not listed` }];
};

// ---------------------------------------------------------------------------------------------------------------
// zod issues → readable messages that quote the offending value

type ZodIssue = z.core.$ZodIssue;
type Key = PropertyKey;

const valueAt = (root: unknown, path: readonly Key[]): unknown =>
  path.reduce<unknown>(
    (v, k) => (v !== null && typeof v === 'object' ? (v as Record<Key, unknown>)[k] : undefined),
    root,
  );

/** A value as the user wrote it, short enough for one line. */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  return String(value);
}

const EXPECTED: Record<string, string> = {
  number: 'a finite number',
  int: 'an integer',
  array: 'an array',
  tuple: 'an array',
  object: 'an object',
  record: 'an object',
  string: 'a string',
  boolean: 'true or false',
  nan: 'a number',
};
const expectedText = (expected: string): string => EXPECTED[expected] ?? expected;

const countOf = (n: number | bigint, noun: string): string => `${n} ${noun}${Number(n) === 1 ? '' : 's'}`;

/**
 * How well a union branch fits: a branch whose root is of the wrong type is the worst fit, then fewer issues win.
 * An unknown key is reported at the object's root too, but that object is of the right type.
 */
const misfit = (issues: readonly ZodIssue[]): number =>
  issues.length + (issues.some((i) => i.path.length === 0 && i.code === 'invalid_type') ? 1e6 : 0);

function fromZod(issue: ZodIssue, prefix: readonly Key[], root: unknown): Issue[] {
  const path = [...prefix, ...issue.path];
  const value = valueAt(root, path);
  const at = (message: string, p: readonly Key[] = path): Issue => ({ path: formatPath(p), message });
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) return [at(`required: expected ${expectedText(issue.expected)}`)];
      return [at(`expected ${expectedText(issue.expected)}, got ${describe(value)}`)];
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const limit = small ? issue.minimum : issue.maximum;
      if (issue.origin === 'array' || issue.origin === 'set') {
        const got = Array.isArray(value) ? value.length : 0;
        if (small && Number(limit) === 1) return [at('must not be empty')];
        return [at(`expected ${small ? 'at least' : 'at most'} ${countOf(limit, 'item')}, got ${got}`)];
      }
      if (issue.origin === 'string')
        return [
          at(
            small && Number(limit) === 1
              ? 'must not be empty'
              : `expected ${small ? 'at least' : 'at most'} ${countOf(limit, 'character')}`,
          ),
        ];
      const relation = small ? (issue.inclusive ? '≥' : '>') : issue.inclusive ? '≤' : '<';
      return [at(`expected a number ${relation} ${limit}, got ${describe(value)}`)];
    }
    case 'invalid_value':
      return [
        at(
          `expected ${issue.values.length === 1 ? describe(issue.values[0]) : `one of ${issue.values.map(describe).join(', ')}`}, got ${describe(value)}`,
        ),
      ];
    case 'unrecognized_keys':
      return issue.keys.map((key) => at(`unknown option ${JSON.stringify(key)}`, [...path, key]));
    case 'invalid_union': {
      if ('discriminator' in issue && issue.discriminator !== undefined) {
        // zod names the discriminator key in the path already: `method.name`, `weights.method`.
        const what = issue.discriminator === 'name' ? 'method' : 'weighting method';
        const options = (issue as { options?: unknown[] }).options?.map(String).join(', ') ?? '';
        const head = value === undefined ? `required: name the ${what}` : `unknown ${what} ${describe(value)}`;
        return [at(`${head}; expected one of ${options}`)];
      }
      const branches = issue.errors;
      if (branches.length === 0) return [at(issue.message)];
      const rootTypes = branches.map((b) => b.find((i) => i.path.length === 0 && i.code === 'invalid_type'));
      if (rootTypes.every((i) => i !== undefined)) {
        const wanted = [...new Set(rootTypes.map((i) => expectedText((i as z.core.$ZodIssueInvalidType).expected)))];
        return [at(`expected ${wanted.join(' or ')}, got ${describe(value)}`)];
      }
      const best = branches.reduce((a, b) => (misfit(b) < misfit(a) ? b : a));
      return best.flatMap((i) => fromZod(i, path, root));
    }
    default:
      return [at(issue.message)];
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Cross-field rules

/** Records an issue; `room()` is false once the list is full, so a caller checking every cell can count instead. */
type Add = ((path: string, message: string) => void) & { readonly room: () => boolean; readonly skip: () => void };

export function validate(problem: Problem): { issues: Issue[]; unlisted: number } {
  const issues: Issue[] = [];
  let unlisted = 0;
  const add: Add = Object.assign((path: string, message: string) => void issues.push({ path, message }), {
    room: () => issues.length <= MAX_ISSUES,
    skip: () => void unlisted++,
  });
  const { alternatives, criteria } = problem;
  const dims = problem.dimensions ?? [];

  duplicates(alternatives, 'alternatives', 'alternative', add);
  duplicates(
    criteria.map((c) => c.id),
    'criteria',
    'criterion',
    add,
    '.id',
  );
  duplicates(dims, 'dimensions', 'dimension', add);

  const listed = new Set(dims);
  criteria.forEach((c, j) => {
    if (c.dimension === undefined || listed.has(c.dimension)) return;
    if (problem.dimensions)
      add(
        `criteria[${j}].dimension`,
        `dimension ${describe(c.dimension)} is not listed in dimensions (${dims.join(', ')})`,
      );
    else
      add(
        `criteria[${j}].dimension`,
        `dimension ${describe(c.dimension)} is not listed: the problem has no "dimensions"`,
      );
  });
  criteria.forEach((c, j) => {
    if (!c.bounds) return;
    const outOfRange = c.bounds.map((b, k) => checkMagnitude(b, c, `criteria[${j}].bounds[${k}]`, add));
    if (!outOfRange.includes(true) && !(c.bounds[0] < c.bounds[1]))
      add(`criteria[${j}].bounds`, `lower bound ${c.bounds[0]} must be below upper bound ${c.bounds[1]}`);
  });

  checkData(problem, add);

  // Methods whose formulas divide by m − 1 or compare alternatives with each other say so in their descriptors.
  const short = [
    ...methodNames(problem.method).map((name) => methodDescriptor(name)!),
    ...weightMethods(problem.weights).map((name) => weightingDescriptor(name)!),
  ].filter((d) => alternatives.length < d.minAlternatives);
  if (short.length > 0) {
    const needed = Math.max(...short.map((d) => d.minAlternatives));
    const names = [...new Set(short.map((d) => ('name' in d ? d.name : d.method)))];
    add(
      'alternatives',
      `at least ${needed} alternatives are needed by ${inWords(names.map((n) => `"${n}"`))}, got ${alternatives.length}`,
    );
  }
  return { issues, unlisted };
}

/** "a", "a and b", "a, b and c". */
const inWords = (items: readonly string[]): string =>
  items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;

function duplicates(ids: readonly string[], path: string, noun: string, add: Add, suffix = ''): void {
  const first = new Map<string, number>();
  ids.forEach((id, k) => {
    const earlier = first.get(id);
    if (earlier === undefined) first.set(id, k);
    else add(`${path}[${k}]${suffix}`, `duplicate ${noun} ${describe(id)} (also ${path}[${earlier}]${suffix})`);
  });
}

function checkData(problem: Problem, add: Add): void {
  const m = problem.alternatives.length;
  const n = problem.criteria.length;
  if (problem.matrix && problem.panel) add('panel', 'give either "matrix" or "panel", not both');
  if (!problem.matrix && !problem.panel)
    add('matrix', 'required: give the decision matrix as "matrix" or expert scores as "panel"');
  if (problem.matrix) {
    const rows = problem.matrix;
    if (rows.length !== m) add('matrix', `expected ${countOf(m, 'row')} (one per alternative), got ${rows.length}`);
    rows.forEach((row, i) => {
      if (row.length !== n)
        add(`matrix[${i}]`, `expected ${countOf(n, 'value')} (one per criterion), got ${row.length}`);
      else checkBounds(problem.criteria, row, `matrix[${i}]`, add);
    });
  }
  // The panel's shape is checked where it is aggregated (panel.ts); its scale here, with the matrix's.
  const panel = problem.panel;
  if (panel) {
    duplicates(panel.experts, 'panel.experts', 'expert', add);
    // Influence multiplies scores: the same range keeps those products and their sums finite.
    panel.influence?.forEach((w, e) => {
      if (w > MAGNITUDE || w < MIN_MAGNITUDE)
        add(`panel.influence[${e}]`, `expected an influence from 1e-50 to 1e50 (only their ratios matter), got ${w}`);
    });
    panel.scores.forEach((table, e) => {
      table.forEach((row, i) => {
        if (row.length === n) checkBounds(problem.criteria, row, `panel.scores[${e}][${i}]`, add);
      });
    });
  }
}

function checkBounds(criteria: readonly Criterion[], row: readonly (number | null)[], path: string, add: Add): void {
  row.forEach((v, j) => {
    if (v === null) return;
    const b = criteria[j]!.bounds;
    const outside = b !== undefined && b[0] < b[1] && (v < b[0] || v > b[1]);
    if (inRange(v) && !outside) return;
    // Messages are built only for a value at fault, and only while the list has room: this runs for every cell.
    if (!add.room()) {
      add.skip();
      return;
    }
    if (!inRange(v) && checkMagnitude(v, criteria[j]!, `${path}[${j}]`, add)) return;
    add(`${path}[${j}]`, `${v} is outside the bounds [${b![0]}, ${b![1]}] of criterion ${describe(criteria[j]!.id)}`);
  });
}

/** Largest magnitude of a value, and the smallest nonzero one (see checkMagnitude); 1 / 1e50 is one ulp below 1e-50. */
const MAGNITUDE = 1e50;
const MIN_MAGNITUDE = 1e-50;

/**
 * Data the engine can compute with in double precision (about 1e±308): normalizations divide values by each
 * other (x/max, min/x, 1/x) and TOPSIS squares the results, so a value of magnitude up to 1e50, or down to 1e-50
 * unless 0, keeps every ratio within 1e100 and every square within 1e200. Real indicators are nowhere near; a
 * value that is has the wrong unit. Returns whether it added an issue.
 */
const inRange = (v: number): boolean => v === 0 || (Math.abs(v) <= MAGNITUDE && Math.abs(v) >= MIN_MAGNITUDE);

function checkMagnitude(v: number, criterion: Criterion, path: string, add: Add): boolean {
  const size = Math.abs(v);
  if (size > MAGNITUDE)
    add(
      path,
      `${v} is too large to compute with (magnitudes up to 1e50); give criterion ${describe(criterion.id)} in a larger unit`,
    );
  else if (size > 0 && size < MIN_MAGNITUDE)
    add(
      path,
      `${v} is too small to compute with (magnitudes from 1e-50, or 0); give criterion ${describe(criterion.id)} in a smaller unit`,
    );
  else return false;
  return true;
}

function weightMethods(spec: WeightSpec): string[] {
  if (spec.method === 'combined') return spec.parts.flatMap(weightMethods);
  if (spec.method === 'hierarchical') return [...weightMethods(spec.dimensions), ...weightMethods(spec.within)];
  return [spec.method];
}

const methodNames = (spec: MethodSpec): string[] =>
  spec.name === 'compare' ? ['compare', ...spec.methods.map((s) => s.name)] : [spec.name];
