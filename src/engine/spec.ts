import { z } from 'zod';
import { MAX_ISSUES, MIN_CONCENTRATION } from './limits.ts';

/**
 * The parts of the engine's input (docs/engine.md §1) that the modules computing them need as types: a leaf that
 * imports no engine module, so that problem.ts, which assembles them with the methods' and weighting schemes'
 * schemas, sits above everything it describes.
 */

const finite = z.number();
const positive = z.number().positive();

/**
 * Nested arrays of numbers (a matrix, or the panel's experts × alternatives × criteria), checked by one loop in
 * place: they are by far the largest part of a problem, and z.array(z.array(z.number())) copies every row and runs
 * a schema per cell (about 60 ms of a 2,851 × 40 `corridor evaluate`, an eighth of the process, and 40 ms for
 * 600,000 panel scores). Each bad entry is reported as zod reports one, with its path.
 */
export const numberArrays = <T>(depth: number, nullable: boolean) =>
  z
    .custom<T>(() => true)
    .superRefine((value, ctx) => {
      // Past MAX_ISSUES bad entries the rest are only counted: the answer lists no more than that anyway.
      let bad = 0;
      const report = (expected: 'number' | 'array', input: unknown, path: number[]) => {
        if (++bad <= MAX_ISSUES) ctx.addIssue({ code: 'invalid_type', expected, input, path });
      };
      const walk = (v: unknown, level: number, path: number[]): void => {
        if (level === 0) {
          if ((typeof v !== 'number' || !Number.isFinite(v)) && !(nullable && v === null)) report('number', v, path);
        } else if (!Array.isArray(v)) {
          report('array', v, path);
        } else if (level === 1) {
          for (let k = 0; k < v.length; k++) {
            const x: unknown = v[k];
            if (typeof x !== 'number' || !Number.isFinite(x)) walk(x, 0, [...path, k]);
          }
        } else {
          for (let k = 0; k < v.length; k++) walk(v[k], level - 1, [...path, k]);
        }
      };
      walk(value, depth, []);
      if (bad > MAX_ISSUES) {
        ctx.addIssue({
          code: 'custom',
          message: 'more entries that are not numbers',
          path: [],
          params: { unlisted: bad - MAX_ISSUES },
        });
      }
    });

export const criterionTypeSchema = z.enum(['benefit', 'cost']);
export const criterionSchema = z.strictObject({
  id: z.string().min(1),
  name: z.string().optional(),
  dimension: z.string().min(1).optional(),
  type: criterionTypeSchema,
  bounds: z.tuple([finite, finite]).optional(),
});

export const panelSchema = z.strictObject({
  experts: z.array(z.string().min(1)).min(1),
  influence: z.array(positive).optional(),
  scores: numberArrays<(number | null)[][][]>(3, true),
  aggregate: z.enum(['mean', 'median', 'geometric', 'trimmed']).default('mean'),
  trim: z.number().min(0).max(0.5).lt(0.5).default(0.1),
});

/** Classes of a level table: the literature's have 3 to 10 or so; 20 leaves room (0.05 wide) and bounds the output. */
export const MAX_LEVELS = 20;
/** Longest class name: the literature's run to about 30 characters ("superiorly balanced development"). */
export const MAX_LEVEL_LABEL = 80;

const levelLabel = z.string().trim().min(1).max(MAX_LEVEL_LABEL);
export const levelClassSchema = z.strictObject({ from: z.number().min(0).lt(1), en: levelLabel, zh: levelLabel });
export type LevelClass = z.output<typeof levelClassSchema>;

/**
 * Values are compared with class boundaries after rounding to 12 significant digits: D = 0.3 often arrives
 * as 0.30000000000000004, and a reader who sees "0.300" must find it in the class the table puts 0.3 in.
 */
export const settle = (x: number): number => Number(x.toPrecision(12));

/**
 * A level table (docs/engine.md §6): lower bounds from 0 up, each above the one before once settled (two bounds
 * that agree to 12 digits would leave the class between them empty). Entries zod already refused are skipped, so
 * each fault is reported once.
 */
const levelsSchema = z
  .array(levelClassSchema)
  .min(1)
  .max(MAX_LEVELS)
  .superRefine((levels, ctx) => {
    let previous: { from: number } | undefined;
    levels.forEach((level, k) => {
      const from: unknown = level?.from;
      if (typeof from !== 'number' || !(from >= 0 && from < 1)) return;
      if (k === 0 && from !== 0)
        ctx.addIssue({ code: 'custom', path: [0, 'from'], message: `the first class must start at 0, got ${from}` });
      else if (previous && !(settle(from) > settle(previous.from)))
        ctx.addIssue({
          code: 'custom',
          path: [k, 'from'],
          message: `expected a lower bound above ${previous.from}, got ${from}: list the classes from the lowest up`,
        });
      previous = { from };
    });
  });

export const coordinationSchema = z.strictObject({
  variant: z.enum(['standard', 'wang2021', 'fan']).default('standard'),
  contribution: z.array(z.number().nonnegative()).optional(),
  normalization: z.enum(['minmax', 'vector', 'max', 'sum']).default('minmax'),
  boundaries: z.enum(['lower-closed', 'upper-closed']).default('lower-closed'),
  laggingRatio: z.number().gt(0).max(1).default(0.8),
  /** The level table of D; without it, the ten classes of width 0.1. */
  levels: levelsSchema.optional(),
});
export type CoordinationSpec = z.output<typeof coordinationSchema>;

export const obstaclesSchema = z.strictObject({ top: z.number().int().min(1).default(5) });
export type ObstaclesSpec = z.output<typeof obstaclesSchema>;

export const sensitivitySchema = z.strictObject({
  samples: z.number().int().min(1).max(1_000_000).default(2000),
  seed: z.number().int().default(1),
  concentration: z.number().min(MIN_CONCENTRATION).default(200),
  oneWay: z.boolean().default(true),
});
export type SensitivitySpec = z.output<typeof sensitivitySchema>;

export type Criterion = z.output<typeof criterionSchema>;
export type PanelSpec = z.output<typeof panelSchema>;
