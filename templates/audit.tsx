import type { Translate } from '../src/i18n/messages.ts';

export interface AuditPageProps {
  readonly t: Translate;
  readonly code: string;
  readonly name: string;
  readonly filter: {
    readonly person: string;
    readonly city: string;
    readonly indicator: string;
    readonly from: string;
    readonly to: string;
  };
  readonly people: readonly { readonly value: string; readonly label: string }[];
  readonly cities: readonly { readonly value: string; readonly label: string }[];
  readonly indicators: readonly { readonly value: string; readonly label: string }[];
  /** Already formatted for the page: time, who, what, before and after. */
  readonly rows: readonly {
    readonly at: string;
    readonly who: string;
    readonly action: string;
    readonly where: string;
    readonly before: string;
    readonly after: string;
  }[];
  /** Rows left out of the page (the CSV has them all). */
  readonly more: number;
  readonly csvHref: string;
}

const Select = (p: { name: string; label: string; any: string; value: string; options: AuditPageProps['people'] }) => (
  <label class="filter">
    <span>{p.label}</span>
    <select name={p.name}>
      <option value="">{p.any}</option>
      {p.options.map((o) => (
        <option value={o.value} selected={o.value === p.value}>
          {o.label}
        </option>
      ))}
    </select>
  </label>
);

export const AuditPage = (p: AuditPageProps) => {
  const { t } = p;
  return (
    <>
      <div class="page-header">
        <p class="page-header__back">
          <a href={`/assessments/${p.code}`}>{t('assessment.back')}</a>
        </p>
        <h1>{t('audit.title')}</h1>
        <p>{p.name}</p>
      </div>
      <form class="filters" method="get" action={`/assessments/${p.code}/audit`}>
        <Select
          name="person"
          label={t('audit.person')}
          any={t('audit.any')}
          value={p.filter.person}
          options={p.people}
        />
        <Select name="city" label={t('scoring.city')} any={t('audit.any')} value={p.filter.city} options={p.cities} />
        <Select
          name="indicator"
          label={t('audit.indicator')}
          any={t('audit.any')}
          value={p.filter.indicator}
          options={p.indicators}
        />
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
          <table class="table audit">
            <thead>
              <tr>
                <th scope="col">{t('audit.at')}</th>
                <th scope="col">{t('audit.person')}</th>
                <th scope="col">{t('audit.action')}</th>
                <th scope="col">{t('audit.where')}</th>
                <th scope="col">{t('audit.before')}</th>
                <th scope="col">{t('audit.after')}</th>
              </tr>
            </thead>
            <tbody>
              {p.rows.map((r) => (
                <tr>
                  <td class="audit__at">{r.at}</td>
                  <td>{r.who}</td>
                  <td>{r.action}</td>
                  <td>{r.where}</td>
                  <td>{r.before}</td>
                  <td>{r.after}</td>
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
