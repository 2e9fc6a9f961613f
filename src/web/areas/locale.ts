import { Hono } from 'hono';
import { z } from 'zod';
import { setUserLocale } from '../../db/queries/web-users.ts';
import { locales } from '../../i18n/messages.ts';
import { writeLocaleCookie } from '../auth/cookies.ts';
import type { AppDeps, AppEnv } from '../context.ts';
import { parseForm, rejectForm } from '../forms.ts';
import { localPath } from '../local-path.ts';

const LocaleForm = z.object({
  locale: z.enum(locales),
  next: z.string().max(2048).optional(),
});

/** The language switch: remembered in a cookie, and on the account when someone is signed in. */
export function localeArea(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post('/', async (c) => {
    const form = await parseForm(c, LocaleForm, { locale: 'field.locale', next: 'field.next' });
    if (!form.ok) return rejectForm(c, form);
    writeLocaleCookie(c, deps, form.data.locale);
    const user = c.var.user;
    if (user) await setUserLocale(deps.db, user.id, form.data.locale);
    return c.redirect(localPath(form.data.next), 303);
  });
  return app;
}
