import {
  type CostEstimate,
  type CostLimits,
  costIssues,
  estimateCost,
  evaluate,
  type Issue,
  ProblemError,
  readJson,
} from '../../engine/index.ts';

/**
 * What a worker is asked to do. The Problem travels as the request's text: one string copies faster than a tree.
 * With `limits`, the worker also reads, checks and estimates it first, and refuses what is over them: a large
 * request's checks cost too much for the event loop (a matrix of 800,000 strings takes a second to judge).
 */
export type EngineTask = { readonly kind: 'evaluate'; readonly text: string; readonly limits?: CostLimits };

/** The Result as JSON text (what the API sends as it is), or the problems of the input and the status they call for. */
export type EngineReply =
  | { readonly ok: true; readonly json: string; readonly estimate?: CostEstimate }
  | { readonly ok: false; readonly status: 400 | 422; readonly issues: Issue[] };

const refusal = (status: 400 | 422, err: unknown): EngineReply => {
  if (err instanceof ProblemError) return { ok: false, status, issues: [...err.issues] };
  throw err;
};

/** Runs in a worker thread and, for small problems, on the main thread: the same code either way. */
export function runEngineTask(task: EngineTask): EngineReply {
  let input: unknown;
  try {
    input = readJson(task.text);
  } catch (err) {
    return refusal(400, err);
  }
  try {
    let estimate: CostEstimate | undefined;
    if (task.limits) {
      estimate = estimateCost(input);
      const tooMuch = costIssues(estimate, task.limits);
      if (tooMuch.length > 0) return { ok: false, status: 422, issues: tooMuch };
    }
    return { ok: true, json: JSON.stringify(evaluate(input)), ...(estimate ? { estimate } : {}) };
  } catch (err) {
    return refusal(422, err);
  }
}

export default runEngineTask;
