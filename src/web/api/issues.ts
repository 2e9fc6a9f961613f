import type { z } from 'zod';
import type { Issue } from '../../engine/index.ts';

/** zod's issues as the API's `{ path, message }`, the path written as the engine writes its paths. */
export const zodIssues = (error: z.ZodError): Issue[] =>
  error.issues.map((issue) => ({
    path: issue.path
      .map((key, k) => (typeof key === 'number' ? `[${key}]` : k === 0 ? String(key) : `.${String(key)}`))
      .join(''),
    message: issue.code === 'unrecognized_keys' ? `not a field of a score: ${issue.keys.join(', ')}` : issue.message,
  }));
