import type { Context, Handler } from 'hono';
import type { AppEnv, CurrentUser } from '../context.ts';
import { renderError } from '../errors.tsx';

export type SignedInHandler = (c: Context<AppEnv>, user: CurrentUser) => Response | Promise<Response>;

/**
 * Wraps a handler that needs a signed-in user and hands it that user. Others go to the sign-in page
 * (and come back afterwards) when they asked for a page; an htmx or form request gets 401, and htmx
 * is told to load the sign-in page.
 */
export function requireUser(handler: SignedInHandler): Handler<AppEnv> {
  return (c) => {
    const user = c.var.user;
    if (user) return handler(c, user);
    const url = new URL(c.req.url);
    const login = `/login?next=${encodeURIComponent(url.pathname + url.search)}${c.var.sessionEnded ? '&ended' : ''}`;
    if (c.req.header('hx-request')) {
      c.header('HX-Redirect', login);
      return renderError(c, 401);
    }
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return c.redirect(login, 303);
    return renderError(c, 401);
  };
}
