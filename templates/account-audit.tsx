import type { Translate } from '../src/i18n/messages.ts';
import { AuditDates, AuditEntries } from './audit.tsx';

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
        <AuditDates t={t} from={p.filter.from} to={p.filter.to} csvHref={p.csvHref} />
      </form>
      <AuditEntries
        t={t}
        tableClass="table table--stack audit account-audit"
        headers={[
          t('audit.at'),
          t('audit.person'),
          t('accountAudit.event'),
          t('accountAudit.account'),
          t('accountAudit.address'),
          t('accountAudit.details'),
        ]}
        rows={p.rows.map((r) => [r.at, r.who, r.action, r.account, r.address, r.details])}
        more={p.more}
      />
    </>
  );
};
