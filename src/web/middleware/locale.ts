import type { Context, MiddlewareHandler } from 'hono';
import { translator } from '../../i18n/messages.ts';
import { negotiateLocale } from '../../i18n/negotiate.ts';
import { readLocaleCookie } from '../auth/cookies.ts';
import type { AppEnv } from '../context.ts';

/**
 * Sets locale and `t` unless already set; also used by the error handler when a request failed before this middleware
 * ran.
 */
export function applyLocale(c: Context<AppEnv>): void {
  if (c.var.locale) return;
  const locale = negotiateLocale({
    userLocale: c.var.user?.locale,
    cookieLocale: readLocaleCookie(c),
    acceptLanguage: c.req.header('accept-language'),
  });
  c.set('locale', locale);
  c.set('t', translator(locale));
}

export const localeSelector = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  applyLocale(c);
  await next();
};
