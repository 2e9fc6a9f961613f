import type { Translate } from '../src/i18n/messages.ts';
import { Field } from './components/field.tsx';
import { InlineAction } from './components/inline-action.tsx';
import { Notices } from './components/notices.tsx';

export interface UserView {
  readonly username: string;
  readonly displayName: string;
  readonly isAdmin: boolean;
  readonly disabled: boolean;
  readonly createdAt: string;
  /** Live sessions: browsers where the user is signed in now. */
  readonly sessions: number;
  readonly seats: readonly { readonly role: 'evaluator' | 'chair' | 'viewer'; readonly code: string }[];
  /** The signed-in administrator's own row: no buttons that would lock them out. */
  readonly self: boolean;
}

export interface UsersPageProps {
  readonly t: Translate;
  readonly users: readonly UserView[];
  /** A password just generated (new user or reset): shown this once. */
  readonly password?: { readonly username: string; readonly password: string; readonly created: boolean };
  /** What a refused change said. */
  readonly problem?: string;
  readonly done?: string;
  readonly form: { readonly username: string; readonly displayName: string; readonly isAdmin: boolean };
  readonly fieldErrors: { readonly username?: string; readonly displayName?: string };
}

/** Administrators: every account, with create, disable/enable, password reset and the administrator flag. */
export const UsersPage = (p: UsersPageProps) => {
  const { t } = p;
  const base = (u: UserView) => `/admin/users/${encodeURIComponent(u.username)}`;
  return (
    <>
      <div class="page-header">
        <h1>{t('users.title')}</h1>
        <p class="weights__hint">{t('users.intro')}</p>
        <p>
          <a href="/admin/users/audit">{t('accountAudit.link')}</a>
        </p>
      </div>
      {p.password && (
        <div class="notice notice--info" role="status">
          <p>{t(p.password.created ? 'users.created' : 'users.reset', { username: p.password.username })}</p>
          <p>
            <code class="token" id="new-password">
              {p.password.password}
            </code>
          </p>
        </div>
      )}
      <Notices done={p.done} problem={p.problem} />
      <section class="panel-card" aria-labelledby="all-users">
        <h2 id="all-users">{t('users.all')}</h2>
        <div class="table-scroll">
          <table class="table table--stack users">
            <thead>
              <tr>
                <th scope="col">{t('field.username')}</th>
                <th scope="col">{t('users.displayName')}</th>
                <th scope="col">{t('users.roles')}</th>
                <th scope="col">{t('users.status')}</th>
                <td />
              </tr>
            </thead>
            <tbody>
              {p.users.map((u) => (
                <tr data-user={u.username} class={u.disabled ? 'users__row--disabled' : undefined}>
                  <th scope="row">{u.username}</th>
                  <td>{u.displayName}</td>
                  <td>
                    {u.isAdmin && <span class="badge badge--role">{t('role.administrator')}</span>}{' '}
                    {u.seats.map((seat) => `${t(`role.${seat.role}`)} (${seat.code})`).join(', ') ||
                      (u.isAdmin ? '' : t('users.noPanel'))}
                  </td>
                  <td>{t(u.disabled ? 'users.disabled' : 'users.active')}</td>
                  <td class="users__actions">
                    {u.disabled ? (
                      <InlineAction action={`${base(u)}/enable`} name="confirm" value="yes" label={t('users.enable')} />
                    ) : (
                      !u.self && (
                        <InlineAction
                          action={`${base(u)}/disable`}
                          name="confirm"
                          value="yes"
                          label={t('users.disable')}
                        />
                      )
                    )}
                    <InlineAction
                      action={`${base(u)}/sessions/end`}
                      name="confirm"
                      value="yes"
                      label={
                        u.self
                          ? t('users.endOwnSessions', { count: String(u.sessions) })
                          : t('users.endSessions', { count: String(u.sessions) })
                      }
                    />
                    <InlineAction
                      action={`${base(u)}/password`}
                      name="confirm"
                      value="yes"
                      label={t('users.resetPassword')}
                    />
                    {u.isAdmin ? (
                      !u.self && (
                        <InlineAction
                          action={`${base(u)}/admin`}
                          name="admin"
                          value="off"
                          label={t('users.removeAdmin')}
                        />
                      )
                    ) : (
                      <InlineAction action={`${base(u)}/admin`} name="admin" value="on" label={t('users.makeAdmin')} />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section class="panel-card" aria-labelledby="new-user">
        <h2 id="new-user">{t('users.new')}</h2>
        <form method="post" action="/admin/users" class="users__new">
          <Field
            name="username"
            label={t('field.username')}
            value={p.form.username}
            error={p.fieldErrors.username}
            required
            maxlength={64}
          />
          <Field
            name="displayName"
            label={t('users.displayName')}
            value={p.form.displayName}
            error={p.fieldErrors.displayName}
            maxlength={100}
          />
          <p class="users__check">
            <input type="checkbox" id="isAdmin" name="isAdmin" value="on" checked={p.form.isAdmin} />
            <label for="isAdmin">{t('users.isAdmin')}</label>
          </p>
          <button type="submit" class="button">
            {t('users.create')}
          </button>
        </form>
      </section>
    </>
  );
};
