import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Locale } from '../../i18n/messages.ts';
import type { AppDeps, AppEnv } from '../context.ts';

export const SESSION_COOKIE = 'corridor_session';
export const LOCALE_COOKIE = 'lang';
const LOCALE_COOKIE_MAX_AGE_S = 365 * 24 * 60 * 60;

/** Secure when configured (TLS ends at a proxy) or when this request itself came over https. */
const isSecure = (c: Context<AppEnv>, deps: AppDeps): boolean =>
  deps.secureCookies || new URL(c.req.url).protocol === 'https:';

export const readSessionCookie = (c: Context<AppEnv>): string | undefined => getCookie(c, SESSION_COOKIE);

/** The cookie lives exactly as long as the session may, so it never outlasts the row it names. */
export function writeSessionCookie(c: Context<AppEnv>, deps: AppDeps, token: string, expiresAt: Date, now: Date): void {
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - now.getTime()) / 1000));
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure: isSecure(c, deps),
    maxAge,
  });
}

export function clearSessionCookie(c: Context<AppEnv>, deps: AppDeps): void {
  deleteCookie(c, SESSION_COOKIE, { httpOnly: true, sameSite: 'Lax', path: '/', secure: isSecure(c, deps) });
}

export const readLocaleCookie = (c: Context<AppEnv>): string | undefined => getCookie(c, LOCALE_COOKIE);

export function writeLocaleCookie(c: Context<AppEnv>, deps: AppDeps, locale: Locale): void {
  setCookie(c, LOCALE_COOKIE, locale, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure: isSecure(c, deps),
    maxAge: LOCALE_COOKIE_MAX_AGE_S,
  });
}
