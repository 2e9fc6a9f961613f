import type { Context, Env } from 'hono';
import { type AssessmentRole, assessmentAccess } from '../app/access.ts';
import type { AppDeps, AppEnv, AssessmentEnv, SignedInEnv } from './context.ts';

/**
 * Why a request was refused. Thrown by a guard and answered by the sub-app it ran in: the pages send a
 * sign-in redirect or an error page, the API a JSON error, so one guard serves both.
 */
export class Refusal extends Error {
  constructor(
    readonly status: 401 | 403 | 404,
    message = status === 401 ? 'sign in first' : status === 403 ? 'not allowed' : 'not found',
  ) {
    super(message);
  }
}

/**
 * Who may reach an area, declared once where the area is mounted (src/web/area.ts). `E` is what the
 * area's handlers may rely on once the check has passed, so a route that reads `c.var.assessment` cannot be
 * mounted behind a guard that does not load it.
 */
export interface Guard<E extends Env> {
  readonly name: string;
  /** Throws a Refusal, or returns once the request may go on (having set the variables `E` promises). */
  readonly check: (c: Context<AppEnv>) => void | Promise<void>;
  /** Phantom: ties the guard to the environment it establishes. */
  readonly _env?: (env: E) => E;
}

/** Open to anyone, signed in or not (the sign-in page, the language switch). Saying so is required. */
export const everyone: Guard<AppEnv> = { name: 'everyone', check: () => {} };

const requireUser = (c: Context<AppEnv>) => {
  const user = c.var.user;
  if (!user) throw new Refusal(401);
  return user;
};

export const signedIn: Guard<SignedInEnv> = { name: 'signed in', check: (c) => void requireUser(c) };

export const administrator: Guard<SignedInEnv> = {
  name: 'administrator',
  check: (c) => {
    if (!requireUser(c).isAdmin) throw new Refusal(403, 'administrators only');
  },
};

/**
 * For areas under `/assessments/:code`: the assessment must exist and be visible to the caller (404
 * otherwise, never a hint that it exists) and the caller's role must be one of `roles` (403).
 */
export function assessmentSeat(deps: AppDeps, roles: readonly AssessmentRole[]): Guard<AssessmentEnv> {
  return {
    name: `assessment seat (${roles.join(', ')})`,
    check: async (c) => {
      const user = requireUser(c);
      const code = c.req.param('code');
      if (code === undefined) throw new Error('assessmentSeat guards routes under /assessments/:code only');
      const found = await assessmentAccess(deps.db, user, { code });
      if (!found) throw new Refusal(404);
      if (!roles.includes(found.access.role)) throw new Refusal(403, `this needs the role ${roles.join(' or ')}`);
      const ac = c as unknown as Context<AssessmentEnv>;
      ac.set('assessment', found.assessment);
      ac.set('access', found.access);
    },
  };
}
