import { coordination } from './coordination.ts';
import { type Issue, ProblemError, type Warn } from './errors.ts';
import { explain } from './explain.ts';
import { fromRows, type Matrix } from './matrix.ts';
import { prepareMethod } from './methods/index.ts';
import { columnInfo } from './methods/method.ts';
import { defaultCellPath, type NormalizationName, normalize } from './normalize.ts';
import { obstacles } from './obstacles.ts';
import { aggregatePanel } from './panel.ts';
import { order, ranks } from './rank.ts';
import type { MethodOutcome, Result } from './result.ts';
import { FULL_ACCEPTABILITY_UP_TO, sensitivity } from './sensitivity.ts';
import { capped, parseProblem } from './validate.ts';
import { computeWeights } from './weights/index.ts';
import { uniform } from './weights/target.ts';

/**
 * The engine's one entry point (docs/engine.md §1–§10): JSON in, Result out, or a ProblemError listing every problem
 * with the input. Nothing is half-computed: all input checks, including those of the weighting scheme, the
 * method, coordination and the obstacle model, run before any score is produced.
 */
export function evaluate(input: unknown): Result {
  const problem = parseProblem(input);
  const warnings = new Set<string>();
  const warn: Warn = (message) => void warnings.add(message);
  const { alternatives, criteria } = problem;
  const dimensions = problem.dimensions ?? [];

  const aggregated = problem.panel ? aggregatePanel(problem.panel, alternatives, criteria, warn) : undefined;
  const matrix = aggregated ? aggregated.matrix : fromRows(problem.matrix!);
  // An aggregated cell has no place of its own in the submitted JSON: point at every expert's score of it.
  const cellPath = aggregated ? (i: number, j: number) => `panel.scores[*][${i}][${j}]` : defaultCellPath;

  // Independent stages run side by side so that their input problems are reported together.
  const issues: Issue[] = [];
  const attempt = <T>(work: () => T): T | undefined => {
    try {
      return work();
    } catch (err) {
      if (!(err instanceof ProblemError)) throw err;
      issues.push(...err.issues);
      return undefined;
    }
  };
  const normalized = (name: NormalizationName): Matrix | undefined =>
    attempt(() => normalize(matrix, name, columnInfo(criteria), warn, cellPath));

  const weighting = attempt(() =>
    computeWeights(problem.weights, { matrix, criteria, dimensions, warn, path: 'weights' }),
  );
  // Sensitivity reruns the method at weights it tries out; a degenerate case met there (a sample that ties
  // everyone) says nothing about the result, so the method's warnings count only while the result is scored.
  let sampling = false;
  const methodWarn: Warn = (message) => {
    if (!sampling) warn(message);
  };
  const prepared = attempt(() =>
    prepareMethod(problem.method, { matrix, criteria, warn: methodWarn, path: 'method', cellPath }),
  );
  const coordinationR = problem.coordination && normalized(problem.coordination.normalization);
  const obstaclesR =
    problem.obstacles && (problem.coordination?.normalization === 'minmax' ? coordinationR : normalized('minmax'));
  // Coordination's own checks (dimensions, contributions) do not depend on the weights: with weights that failed
  // their checks it still runs on equal ones, so that its problems are reported with theirs.
  const coupling =
    problem.coordination && coordinationR
      ? attempt(() =>
          coordination(
            problem.coordination!,
            coordinationR,
            weighting?.weights ?? uniform(criteria.length),
            criteria,
            problem.dimensions,
            warn,
          ),
        )
      : undefined;
  if (issues.length > 0 || !weighting || !prepared) throw new ProblemError(capped(unique(issues)));

  const weights = weighting.weights;
  const { scores, details } = prepared.score(weights);
  const rankOf = ranks(scores, prepared.better);
  const names = criteria.map((c) => c.id);
  sampling = true;
  const sensitivityResult =
    problem.sensitivity &&
    sensitivity(problem.sensitivity, weights, prepared.better, (w) => prepared.score(w).scores, names, alternatives);
  if (sensitivityResult && sensitivityResult.acceptabilityPositions < alternatives.length) {
    warn(
      `sensitivity: rankAcceptability covers ranks 1 to ${sensitivityResult.acceptabilityPositions} only (more than ${FULL_ACCEPTABILITY_UP_TO} alternatives); expectedRank counts every rank`,
    );
  }
  return {
    alternatives: [...alternatives],
    criteria: names,
    weights: Array.from(weights),
    weighting: weighting.info,
    // prepareMethod builds `details` for the method it was given; the union ties the two together for readers.
    ...({ method: problem.method.name, details: details() } as MethodOutcome),
    scores: Array.from(scores),
    better: prepared.better,
    ranks: rankOf,
    order: order(alternatives, rankOf),
    ...(coupling ? { coordination: coupling } : {}),
    ...(problem.obstacles && obstaclesR
      ? { obstacles: obstacles(problem.obstacles, obstaclesR, weights, criteria, problem.dimensions) }
      : {}),
    ...(sensitivityResult ? { sensitivity: sensitivityResult } : {}),
    ...(aggregated ? { panel: aggregated.stats } : {}),
    ...(problem.explain
      ? {
          explain: explain({
            matrix,
            method: problem.method,
            normalized: prepared.normalized,
            weights,
            criteria,
            coordination: coordinationR,
            obstacles: obstaclesR,
          }),
        }
      : {}),
    warnings: [...warnings],
  };
}

/** Two stages can trip over the same cell (the method's and coordination's normalization): say it once. */
const unique = (issues: readonly Issue[]): Issue[] => {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.path}\u0000${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};
