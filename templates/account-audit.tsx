import type { Translate } from '../src/i18n/messages.ts';

export interface AccountAuditPageProps {
  readonly t: Translate;
  readonly filter: { readonly person: string; readonly from: string; readonly to: string };
  /** Every account's username, offered as the person filter's suggestions. */
  readonly usernames: readonly string[];
  /** Already formatted for the page. */
  readonly rows: readonly {
    readonly at: string;
    readonly who: string;
    readonly action: string;
    readonly account: string;
    readonly address: string;
    readonly details: string;
  }[];
  /** Rows left out of the page (the CSV has them all). */
  readonly more: number;
  readonly csvHref: string;
}

/** Administrators: the account-level entries of the audit log (sign-ins, sessions, account changes, tokens). */
export const AccountAuditPage = (p: AccountAuditPageProps) => {
  const { t } = p;
  return (
    <>
      <div class="page-header">
        <p class="page-header__back">
          <a href="/admin/users">{t('accountAudit.back')}</a>
        </p>
        <h1>{t('accountAudit.title')}</h1>
        <p class="weights__hint">{t('accountAudit.intro')}</p>
      </div>
      <form class="filters" method="get" action="/admin/users/audit">
        <label class="filter">
          <span>{t('accountAudit.person')}</span>
          <input type="text" name="person" value={p.filter.person} list="account-names" maxlength={64} />
          <datalist id="account-names">
            {p.usernames.map((u) => (
              <option value={u} />
            ))}
          </datalist>
        </label>
        <label class="filter">
          <span>{t('audit.from')}</span>
          <input type="date" name="from" value={p.filter.from} />
        </label>
        <label class="filter">
          <span>{t('audit.to')}</span>
          <input type="date" name="to" value={p.filter.to} />
        </label>
        <button type="submit" class="button">
          {t('audit.apply')}
        </button>
        <a class="button button--ghost-dark" href={p.csvHref}>
          {t('audit.csv')}
        </a>
      </form>
      {p.rows.length === 0 ? (
        <p class="empty">{t('audit.none')}</p>
      ) : (
        <div class="grid-wrap">
          <table class="table table--stack audit account-audit">
            <thead>
              <tr>
                <th scope="col">{t('audit.at')}</th>
                <th scope="col">{t('audit.person')}</th>
                <th scope="col">{t('accountAudit.event')}</th>
                <th scope="col">{t('accountAudit.account')}</th>
                <th scope="col">{t('accountAudit.address')}</th>
                <th scope="col">{t('accountAudit.details')}</th>
              </tr>
            </thead>
            <tbody>
              {p.rows.map((r) => (
                <tr>
                  <td class="audit__at">{r.at}</td>
                  <td>{r.who}</td>
                  <td>{r.action}</td>
                  <td>{r.account}</td>
                  <td>{r.address}</td>
                  <td>{r.details}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {p.more > 0 && <p class="audit__more">{t('audit.more', { count: String(p.more) })}</p>}
    </>
  );
};
