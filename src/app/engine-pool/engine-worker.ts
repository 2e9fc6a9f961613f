import { evaluate, type Issue, ProblemError, readJson } from '../../engine/index.ts';

/** What a worker is asked to do. The Problem travels as the request's text: one string copies faster than a tree. */
export type EngineTask = { readonly kind: 'evaluate'; readonly text: string };

/** The Result as JSON text (what the API sends as it is), or the problems of the input. */
export type EngineReply =
  | { readonly ok: true; readonly json: string }
  | { readonly ok: false; readonly issues: Issue[] };

/** Runs in a worker thread and, for small problems, on the main thread: the same code either way. */
export function runEngineTask(task: EngineTask): EngineReply {
  try {
    return { ok: true, json: JSON.stringify(evaluate(readJson(task.text))) };
  } catch (err) {
    if (err instanceof ProblemError) return { ok: false, issues: [...err.issues] };
    throw err;
  }
}

export default runEngineTask;
