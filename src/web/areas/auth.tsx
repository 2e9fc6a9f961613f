import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import { LoginPage, type LoginPageProps } from '../../../templates/login.tsx';
import { hashPassword, verifyPassword } from '../../auth/password.ts';
import { auditInsert } from '../../db/audit.ts';
import { findUserByUsername } from '../../db/queries/users.ts';
import { clearSessionCookie, readSessionCookie, writeSessionCookie } from '../auth/cookies.ts';
import { attemptSucceeded, beginAttempt, forgetRefused, normalUsername } from '../auth/login-throttle.ts';
import { endSession, startSession } from '../auth/sessions.ts';
import { signedIn, signedOut, signInFailed, signInThrottled } from '../auth/sign-in-audit.ts';
import { clientAddress } from '../client-address.ts';
import type { AppDeps, AppEnv } from '../context.ts';
import { parseForm } from '../forms.ts';
import { localPath } from '../local-path.ts';
import { render } from '../render.tsx';

const LoginForm = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(1024),
  next: z.string().max(2048).optional(),
});

/**
 * 400/415: the form itself is malformed or not a form; 422: well-formed, but the credentials are not accepted; 429: too
 * many failures.
 */
type LoginStatus = 200 | 400 | 415 | 422 | 429;

const showLogin = (c: Context<AppEnv>, props: Omit<LoginPageProps, 't'>, status: LoginStatus = 200) =>
  render(c, { title: c.var.t('auth.login.title'), narrow: true, status, body: <LoginPage t={c.var.t} {...props} /> });

/** Sign-in and sign-out, open to everyone. */
export function authArea(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  // Unknown and disabled accounts are checked against this hash too, so the answer takes as long
  // as for a real account and timing does not reveal which usernames exist. Made once per app, lazily.
  let decoyHash: Promise<string> | undefined;
  const decoy = () => (decoyHash ??= hashPassword('corridor-decoy-password'));

  app.get('/login', (c) => {
    if (c.var.user) return c.redirect('/', 303);
    const notice =
      c.req.query('ended') !== undefined
        ? c.var.t('auth.expired')
        : c.req.query('signedOut') !== undefined
          ? c.var.t('auth.signedOut')
          : undefined;
    return showLogin(c, { username: '', next: localPath(c.req.query('next')), notice });
  });

  app.post('/login', async (c) => {
    const t = c.var.t;
    const form = await parseForm(c, LoginForm, {
      username: 'field.username',
      password: 'field.password',
      next: 'field.next',
    });
    if (!form.ok) {
      const typed = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
      const username = typeof typed.username === 'string' ? typed.username.slice(0, 64) : '';
      return showLogin(
        c,
        {
          username,
          next: localPath(typed.next),
          error: form.summary,
          // Problems of visible fields stand under their inputs; only the hidden return address has no other place.
          problems: form.messages.filter((m) => m !== form.fieldErrors.username && m !== form.fieldErrors.password),
          fieldErrors: form.fieldErrors,
        },
        form.status,
      );
    }
    const { username, password } = form.data;
    const next = localPath(form.data.next);
    const now = deps.clock();
    const subject = { username, address: clientAddress(c, deps) };
    const named = normalUsername(username);

    const verdict = await beginAttempt(deps.db, subject, now);
    if (verdict.limited) {
      const retrySeconds = Math.ceil(verdict.retryAfterMs / 1000);
      const known = await findUserByUsername(deps.db, username);
      await deps.db.batch([
        forgetRefused(deps.db, verdict.attempt),
        auditInsert(
          deps.db,
          signInThrottled(known, named, subject.address, now, { retryAfterS: retrySeconds, limit: verdict.limit }),
        ),
      ]);
      c.header('Retry-After', String(retrySeconds));
      const error =
        retrySeconds < 60
          ? t('auth.rateLimitedSeconds', { seconds: retrySeconds })
          : t('auth.rateLimited', { minutes: Math.ceil(retrySeconds / 60) });
      return showLogin(c, { username, next, error }, 429);
    }

    const user = await findUserByUsername(deps.db, username);
    const usable = user !== undefined && user.disabledAt === null;
    const passwordOk = await verifyPassword(password, usable ? user.passwordHash : await decoy());
    // The attempt counted above stays as the failure; only the audit entry is left to write.
    if (!usable || !passwordOk) {
      await auditInsert(deps.db, signInFailed(user, named, subject.address, now));
      return showLogin(c, { username, next, error: t('auth.failed') }, 422);
    }

    // A fresh session id at every sign-in: a token planted before login is worthless afterwards.
    const previous = readSessionCookie(c, deps);
    if (previous) await endSession(deps.db, previous);
    const userAgent = c.req.header('user-agent')?.slice(0, 256) ?? null;
    const session = await startSession(deps.db, user.id, now, { ip: subject.address, userAgent }, [
      attemptSucceeded(deps.db, subject, verdict.attempt),
      auditInsert(deps.db, signedIn(user, now, { address: subject.address, userAgent })),
    ]);
    writeSessionCookie(c, deps, session.token, session.expiresAt, now);
    return c.redirect(next, 303);
  });

  app.post('/logout', async (c) => {
    const token = readSessionCookie(c, deps);
    const user = c.var.user;
    // Only a session that was still active is a sign-out worth recording; an ended one's cookie is just cleared.
    const audit = user ? [auditInsert(deps.db, signedOut(user, clientAddress(c, deps), deps.clock()))] : [];
    if (token) await endSession(deps.db, token, audit);
    clearSessionCookie(c, deps);
    return c.redirect('/login?signedOut', 303);
  });

  return app;
}
