import { CsvError, parse } from 'csv-parse/sync';
import { estimateCost, type Issue, ProblemError } from '../engine/index.ts';

/**
 * A decision matrix as CSV (`corridor evaluate data.csv --types …`): the header row holds the criterion ids, the
 * first column the alternatives. It becomes an ordinary Problem, so the engine checks it exactly as it checks
 * JSON; only the places in its error messages are translated back to rows and columns of the file.
 */

export interface CsvOptions {
  /** One `benefit` or `cost` per criterion column. */
  readonly types: readonly string[];
  readonly method?: string | undefined;
  /** With `method` compare: the methods it runs. */
  readonly methods?: readonly string[] | undefined;
  /** A weighting method without parameters (`equal`, `entropy`, `critic`) or direct weights `0.2,0.3,0.5`. */
  readonly weights?: string | undefined;
}

export interface CsvProblem {
  readonly problem: unknown;
  /** The issues of a ProblemError about `problem`, pointed at the file's rows and columns and the options. */
  readonly locate: (issues: readonly Issue[]) => Issue[];
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

interface Row {
  readonly record: string[];
  readonly info: { readonly lines: number };
}

export function csvProblem(text: string, file: string, options: CsvOptions): CsvProblem {
  let rows: Row[];
  try {
    // csv-parse's typings do not model `info: true`, which wraps each record with its line number.
    rows = parse(text, {
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
    }) as unknown as Row[];
  } catch (err) {
    if (err instanceof CsvError)
      throw new ProblemError([
        { path: `${file} line ${String(err.lines ?? '?')}`, message: `not valid CSV: ${err.message}` },
      ]);
    throw err;
  }
  const [header, ...body] = rows;
  if (!header || body.length === 0)
    throw new ProblemError([
      { path: file, message: 'expected a header row of criterion ids and at least one row per alternative' },
    ]);
  const lineOf = (i: number): number => body[i]?.info.lines ?? header.info.lines;
  const cell = (line: number, col: number): string => `${file} row ${line}, column ${col}`;

  const issues: Issue[] = [];
  const ids = header.record.slice(1);
  const matrix = body.map(({ record, info }) =>
    record.slice(1).map((raw, j) => {
      if (NUMBER.test(raw)) return Number(raw);
      issues.push({
        path: cell(info.lines, j + 2),
        message: `expected a finite number${ids[j] ? ` for ${JSON.stringify(ids[j])}` : ''}, got ${raw === '' ? 'an empty cell' : JSON.stringify(raw)}`,
      });
      // A stand-in, so that the engine's own checks (a short row, a duplicate name) still run and are reported too.
      return 0;
    }),
  );
  if (options.types.length !== ids.length) {
    issues.push({
      path: '--types',
      message: `expected ${ids.length} types (one per criterion column: ${ids.join(', ')}), got ${options.types.length}`,
    });
  }
  const problem = {
    alternatives: body.map((r) => r.record[0] ?? ''),
    criteria: ids.map((id, j) => ({ id, type: options.types[j] })),
    matrix,
    ...(options.weights === undefined ? {} : { weights: weightSpec(options.weights) }),
    ...(options.method === undefined
      ? {}
      : {
          method:
            options.method === 'compare'
              ? { name: 'compare', methods: (options.methods ?? []).map((name) => ({ name })) }
              : { name: options.method },
        }),
  };

  /** Engine paths name the Problem built here; the user only knows the file and the options they typed. */
  const place = (path: string): string => {
    const at = /^(\w+)(?:\[(\d+)\])?(?:\[(\d+)\])?(?:\.(\w+))?/.exec(path);
    const [, field, a, b, sub] = at ?? [];
    const i = a === undefined ? undefined : Number(a);
    const j = b === undefined ? undefined : Number(b);
    switch (field) {
      case 'matrix':
        if (i === undefined) return file;
        return j === undefined ? `${file} row ${lineOf(i)}` : cell(lineOf(i), j + 2);
      case 'alternatives':
        return i === undefined ? `${file} column 1` : cell(lineOf(i), 1);
      case 'criteria':
        if (i === undefined) return `${file} row ${header.info.lines}`;
        return sub === 'type' ? `--types item ${i + 1}` : cell(header.info.lines, i + 2);
      case 'weights':
        return '--weights';
      case 'method':
        return path.startsWith('method.methods') ? '--methods' : '--method';
      default:
        return path === '' ? file : path;
    }
  };
  const locate = (list: readonly Issue[]) => list.map((issue) => ({ path: place(issue.path), message: issue.message }));
  if (issues.length > 0) {
    // Every problem of the file at once: the cells read here, then whatever the engine's checks find besides
    // (not when --types is off, which would only be said again criterion by criterion).
    try {
      if (options.types.length !== ids.length) throw new ProblemError([]);
      estimateCost(problem);
    } catch (err) {
      if (!(err instanceof ProblemError)) throw err;
      const known = new Set(issues.map((i) => i.path));
      issues.push(...locate(err.issues).filter((i) => !known.has(i.path)));
    }
    throw new ProblemError(issues);
  }
  return { problem, locate };
}

/** `0.2,0.3,0.5` is direct weights; anything else names a method and the engine judges it. */
function weightSpec(option: string): Record<string, unknown> {
  const parts = option.split(',').map((s) => s.trim());
  if (parts.length > 1 || NUMBER.test(option.trim()))
    return { method: 'direct', values: parts.map((s) => (NUMBER.test(s) ? Number(s) : s)) };
  return { method: option };
}
