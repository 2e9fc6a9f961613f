import type { Context } from 'hono';
import { Hono } from 'hono';
import { AccountAuditPage } from '../../../templates/account-audit.tsx';
import { UsersPage, type UsersPageProps } from '../../../templates/users.tsx';
import { type AccountAuditQuery, accountAuditCsv, accountTrail, accountUsernames } from '../../app/audit.ts';
import { recordExport } from '../../app/exports.ts';
import type { Refused } from '../../app/refused.ts';
import { addUser, disable, enable, endSessions, resetPassword, setAdmin, userRows } from '../../app/users.ts';
import { actionLabel, entryDetails } from '../audit-text.ts';
import { IDLE_TIMEOUT_MS } from '../auth/sessions.ts';
import type { AppDeps, SignedInEnv } from '../context.ts';
import { readFields } from '../forms.ts';
import { render } from '../render.tsx';

type C = Context<SignedInEnv>;

const DONE = {
  disabled: 'users.done.disabled',
  enabled: 'users.done.enabled',
  admin: 'users.done.admin',
  notAdmin: 'users.done.notAdmin',
  sessionsEnded: 'users.done.sessionsEnded',
} as const;
const isDone = (key: string): key is keyof typeof DONE => Object.hasOwn(DONE, key);

const text = (body: Record<string, unknown>, name: string) =>
  typeof body[name] === 'string' ? (body[name] as string) : '';

/** The most rows the account audit page shows; the CSV download has every one. */
const AUDIT_PAGE_ROWS = 500;
const DATE = /^\d{4}-\d\d-\d\d$/;
const day = (raw: string) => (DATE.test(raw) ? new Date(`${raw}T00:00:00Z`) : undefined);

function auditQueryOf(c: C): AccountAuditQuery & { readonly raw: Record<'person' | 'from' | 'to', string> } {
  const q = (name: string) => c.req.query(name)?.trim().slice(0, 64) ?? '';
  const raw = { person: q('person'), from: q('from'), to: q('to') };
  return { raw, person: raw.person || undefined, from: day(raw.from), to: day(raw.to) };
}

/** `/admin/users`: every account, for administrators (the guard at the mount). */
export function usersArea(deps: AppDeps): Hono<SignedInEnv> {
  const app = new Hono<SignedInEnv>();
  const when = new Intl.DateTimeFormat('sv-SE', { dateStyle: 'short', timeZone: 'UTC' });

  const page = async (c: C, extra: Partial<UsersPageProps> = {}, status: 200 | 201 | 404 | 409 | 422 = 200) => {
    const { t, user } = c.var;
    const now = deps.clock();
    const rows = await userRows(deps.db, now, new Date(now.getTime() - IDLE_TIMEOUT_MS));
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

  // Before the routes under /users/:username, though none of those answers GET.
  app.get('/users/audit', async (c) => {
    const { t } = c.var;
    const query = auditQueryOf(c);
    const [rows, usernames] = await Promise.all([accountTrail(deps.db, query), accountUsernames(deps.db)]);
    const at = new Intl.DateTimeFormat('sv-SE', { dateStyle: 'short', timeStyle: 'medium', timeZone: 'UTC' });
    return render(c, {
      title: t('accountAudit.title'),
      activeNav: 'users',
      body: (
        <AccountAuditPage
          t={t}
          filter={query.raw}
          usernames={usernames}
          rows={rows.slice(0, AUDIT_PAGE_ROWS).map((r) => ({
            at: at.format(r.at),
            who: r.name ?? t('audit.system'),
            action: actionLabel(t, r.action),
            account: r.account ?? '',
            address: r.address ?? '',
            details: entryDetails(t, r.action, r.after ?? r.before) ?? '',
          }))}
          more={Math.max(0, rows.length - AUDIT_PAGE_ROWS)}
          csvHref={`/admin/users/audit.csv?${new URLSearchParams(query.raw)}`}
        />
      ),
    });
  });

  app.get('/users/audit.csv', async (c) => {
    const body = accountAuditCsv(await accountTrail(deps.db, auditQueryOf(c)));
    await recordExport(
      deps.db,
      deps.clock(),
      c.var.user.id,
      { entity: 'audit', id: 'accounts' },
      { kind: 'accounts', format: 'csv' },
    );
    c.header('Cache-Control', 'no-store');
    c.header('Content-Disposition', 'attachment; filename="corridor-accounts-audit.csv"');
    return c.body(body, 200, { 'Content-Type': 'text/csv; charset=utf-8' });
  });

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
  app.post('/users/:username/sessions/end', async (c) => {
    const now = deps.clock();
    const idleSince = new Date(now.getTime() - IDLE_TIMEOUT_MS);
    const outcome = await endSessions(deps.db, now, c.var.user, c.req.param('username'), idleSince);
    if (outcome.kind === 'refused') return refusal(c, outcome);
    // Their own session went with the others: the users page would only send them to sign in. The stale cookie is
    // cleared by the session loader on that next request.
    if (outcome.user.id === c.var.user.id) return c.redirect('/login?signedOut', 303);
    return redirectDone(c, 'sessionsEnded', outcome.user.username);
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
