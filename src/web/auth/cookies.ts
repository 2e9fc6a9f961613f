import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Locale } from '../../i18n/messages.ts';
import { overTls } from '../client-address.ts';
import type { AppDeps, AppEnv } from '../context.ts';

/** Over plain http; browsers refuse the `__Host-` prefix without Secure. */
export const SESSION_COOKIE = 'corridor_session';
/** Over TLS: the prefix makes browsers refuse the cookie unless Secure, Path=/ and host-only, so no subdomain sets it. */
export const SECURE_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;
export const LOCALE_COOKIE = 'lang';
const LOCALE_COOKIE_MAX_AGE_S = 365 * 24 * 60 * 60;

/** Secure when configured (TLS ends at a proxy), when a trusted proxy says so, or when this request came over https. */
const isSecure = (c: Context<AppEnv>, deps: AppDeps): boolean => overTls(c, deps);

/** Only the name that fits this request: over TLS a plain `corridor_session` may have been set by a subdomain. */
export const sessionCookieName = (c: Context<AppEnv>, deps: AppDeps): string =>
  isSecure(c, deps) ? SECURE_SESSION_COOKIE : SESSION_COOKIE;

export const readSessionCookie = (c: Context<AppEnv>, deps: AppDeps): string | undefined =>
  getCookie(c, sessionCookieName(c, deps));

/** The cookie lives exactly as long as the session may, so it never outlasts the row it names. */
export function writeSessionCookie(c: Context<AppEnv>, deps: AppDeps, token: string, expiresAt: Date, now: Date): void {
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - now.getTime()) / 1000));
  setCookie(c, sessionCookieName(c, deps), token, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure: isSecure(c, deps),
    maxAge,
  });
}

export function clearSessionCookie(c: Context<AppEnv>, deps: AppDeps): void {
  deleteCookie(c, sessionCookieName(c, deps), {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure: isSecure(c, deps),
  });
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
