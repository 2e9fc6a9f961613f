import type { Context } from 'hono';
import { Hono } from 'hono';
import { UsersPage, type UsersPageProps } from '../../../templates/users.tsx';
import type { Refused } from '../../app/refused.ts';
import { addUser, disable, enable, resetPassword, setAdmin, userRows } from '../../app/users.ts';
import type { AppDeps, SignedInEnv } from '../context.ts';
import { readFields } from '../forms.ts';
import { render } from '../render.tsx';

type C = Context<SignedInEnv>;

const DONE = {
  disabled: 'users.done.disabled',
  enabled: 'users.done.enabled',
  admin: 'users.done.admin',
  notAdmin: 'users.done.notAdmin',
} as const;
const isDone = (key: string): key is keyof typeof DONE => Object.hasOwn(DONE, key);

const text = (body: Record<string, unknown>, name: string) =>
  typeof body[name] === 'string' ? (body[name] as string) : '';

/** `/admin/users`: every account, for administrators (the guard at the mount). */
export function usersArea(deps: AppDeps): Hono<SignedInEnv> {
  const app = new Hono<SignedInEnv>();
  const when = new Intl.DateTimeFormat('sv-SE', { dateStyle: 'short', timeZone: 'UTC' });

  const page = async (c: C, extra: Partial<UsersPageProps> = {}, status: 200 | 201 | 404 | 409 | 422 = 200) => {
    const { t, user } = c.var;
    const rows = await userRows(deps.db);
    return render(c, {
      title: t('users.title'),
      activeNav: 'users',
      status,
      body: (
        <UsersPage
          t={t}
          users={rows.map((u) => ({ ...u, createdAt: when.format(u.createdAt), self: u.username === user.username }))}
          form={{ username: '', displayName: '', isAdmin: false }}
          fieldErrors={{}}
          {...extra}
        />
      ),
    });
  };
  const refusal = (c: C, outcome: Refused) =>
    page(c, { problem: outcome.issues.map((i) => i.message).join(' ') }, outcome.status === 403 ? 409 : outcome.status);

  app.get('/users', (c) => {
    const done = c.req.query('done') ?? '';
    return page(c, isDone(done) ? { done: c.var.t(DONE[done], { username: c.req.query('user') ?? '' }) } : {});
  });

  app.post('/users', async (c) => {
    const { fields: body } = await readFields(c);
    const form = {
      username: text(body, 'username'),
      displayName: text(body, 'displayName'),
      isAdmin: text(body, 'isAdmin') === 'on',
    };
    const outcome = await addUser(deps.db, deps.clock(), c.var.user, form);
    if (outcome.kind === 'refused') {
      const issue = outcome.issues[0]!;
      const label = c.var.t(issue.path === 'displayName' ? 'users.displayName' : 'field.username');
      return page(
        c,
        { form, fieldErrors: { [issue.path]: `${label}: ${issue.message}` } },
        outcome.status === 403 ? 409 : outcome.status,
      );
    }
    // The password is in this answer only: a redirect would carry it in a URL.
    return page(c, { password: { username: outcome.user.username, password: outcome.password, created: true } }, 201);
  });

  const redirectDone = (c: C, done: keyof typeof DONE, username: string) =>
    c.redirect(`/admin/users?done=${done}&user=${encodeURIComponent(username)}`, 303);

  app.post('/users/:username/disable', async (c) => {
    const outcome = await disable(deps.db, deps.clock(), c.var.user, c.req.param('username'));
    return outcome.kind === 'refused' ? refusal(c, outcome) : redirectDone(c, 'disabled', outcome.user.username);
  });
  app.post('/users/:username/enable', async (c) => {
    const outcome = await enable(deps.db, deps.clock(), c.var.user, c.req.param('username'));
    return outcome.kind === 'refused' ? refusal(c, outcome) : redirectDone(c, 'enabled', outcome.user.username);
  });
  app.post('/users/:username/password', async (c) => {
    const outcome = await resetPassword(deps.db, deps.clock(), c.var.user, c.req.param('username'));
    if (outcome.kind === 'refused') return refusal(c, outcome);
    return page(c, { password: { username: outcome.user.username, password: outcome.password, created: false } });
  });
  app.post('/users/:username/admin', async (c) => {
    const flag = text((await readFields(c)).fields, 'admin');
    if (flag !== 'on' && flag !== 'off')
      return page(c, { problem: c.var.t('form.invalidValue', { field: 'admin' }) }, 422);
    const outcome = await setAdmin(deps.db, deps.clock(), c.var.user, c.req.param('username'), flag === 'on');
    return outcome.kind === 'refused'
      ? refusal(c, outcome)
      : redirectDone(c, flag === 'on' ? 'admin' : 'notAdmin', outcome.user.username);
  });
  return app;
}
