/** One problem with the submitted input; `path` points into the submitted JSON, e.g. `matrix[3][2]`. */
export interface Issue {
  readonly path: string;
  readonly message: string;
}

/**
 * Thrown for bad input, never for a bug: the CLI turns it into exit status 2 and the API into 422.
 * Evaluation is all-or-nothing, so nothing half-computed escapes.
 */
export class ProblemError extends Error {
  readonly issues: readonly Issue[];
  constructor(issues: readonly Issue[]) {
    super(issues.map((i) => `${i.path || '(problem)'}: ${i.message}`).join('; '));
    this.name = 'ProblemError';
    this.issues = issues;
  }
}

export const fail = (path: string, message: string): never => {
  throw new ProblemError([{ path, message }]);
};

/** Collects the result's `warnings`: conventions chosen and degenerate data met on the way. */
export type Warn = (message: string) => void;

/** `formatPath(['matrix', 3, 2])` → `matrix[3][2]`, the notation used in every error. */
export const formatPath = (segments: readonly PropertyKey[]): string =>
  segments.reduce<string>(
    (acc, s) => (typeof s === 'number' ? `${acc}[${s}]` : acc === '' ? String(s) : `${acc}.${String(s)}`),
    '',
  );
