import type { MiddlewareHandler } from 'hono';
import { userOfToken } from '../../app/tokens.ts';
import { apiError } from '../api/errors.ts';
import type { AppDeps, AppEnv } from '../context.ts';

/**
 * `Authorization: Bearer <token>` on an API request: the token's user becomes the caller, with their own rights, and
 * cookies are not read. A browser never adds this header by itself, so such a request cannot be forged by another
 * site and needs no Origin; `viaToken` tells the origin check and the session loader to stand aside.
 */
export function bearerAuth(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('viaToken', false);
    const header = c.req.header('authorization');
    if (header === undefined) return next();
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) return apiError(c, 401, 'send the token as "Authorization: Bearer <token>"');
    const user = await userOfToken(deps.db, match[1]!, deps.clock(), {
      method: c.req.method,
      path: c.req.path.slice(0, 200),
    });
    if (!user) return apiError(c, 401, 'this token is unknown or revoked, or its user is disabled');
    c.set('viaToken', true);
    c.set('user', {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      isAdmin: user.isAdmin,
      locale: user.locale,
    });
    c.set('sessionId', null);
    c.set('sessionEnded', false);
    return next();
  };
}
