import type { MiddlewareHandler } from 'hono';
import { clearSessionCookie, readSessionCookie } from '../auth/cookies.ts';
import { resolveSession } from '../auth/sessions.ts';
import type { AppDeps, AppEnv } from '../context.ts';

/** Puts the signed-in user (or null) on the context; an ended session's cookie is removed. */
export function sessionLoader(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('user', null);
    c.set('sessionId', null);
    c.set('sessionEnded', false);
    const token = readSessionCookie(c, deps);
    if (token) {
      const session = await resolveSession(deps.db, token, deps.clock());
      if (session.kind === 'active') {
        c.set('user', session.user);
        c.set('sessionId', session.id);
      } else {
        c.set('sessionEnded', true);
        clearSessionCookie(c, deps);
      }
    }
    await next();
  };
}
