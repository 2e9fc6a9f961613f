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

/** The end of an audit page's filter form: the date range, apply, and the CSV of what the filter selects. */
export const AuditDates = (p: { t: Translate; from: string; to: string; csvHref: string }) => (
  <>
    <label class="filter">
      <span>{p.t('audit.from')}</span>
      <input type="date" name="from" value={p.from} />
    </label>
    <label class="filter">
      <span>{p.t('audit.to')}</span>
      <input type="date" name="to" value={p.to} />
    </label>
    <button type="submit" class="button">
      {p.t('audit.apply')}
    </button>
    <a class="button button--ghost-dark" href={p.csvHref}>
      {p.t('audit.csv')}
    </a>
  </>
);

/** An audit page's entries, already formatted, the time first; how many more the CSV holds. */
export const AuditEntries = (p: {
  t: Translate;
  tableClass: string;
  headers: readonly string[];
  rows: readonly (readonly string[])[];
  more: number;
}) => (
  <>
    {p.rows.length === 0 ? (
      <p class="empty">{p.t('audit.none')}</p>
    ) : (
      <div class="grid-wrap">
        <table class={p.tableClass}>
          <thead>
            <tr>
              {p.headers.map((h) => (
                <th scope="col">{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {p.rows.map(([at, ...cells]) => (
              <tr>
                <td class="audit__at">{at}</td>
                {cells.map((cell) => (
                  <td>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    )}
    {p.more > 0 && <p class="audit__more">{p.t('audit.more', { count: String(p.more) })}</p>}
  </>
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
        <AuditDates t={t} from={p.filter.from} to={p.filter.to} csvHref={p.csvHref} />
      </form>
      <AuditEntries
        t={t}
        tableClass="table audit"
        headers={[
          t('audit.at'),
          t('audit.person'),
          t('audit.action'),
          t('audit.where'),
          t('audit.before'),
          t('audit.after'),
        ]}
        rows={p.rows.map((r) => [r.at, r.who, r.action, r.where, r.before, r.after])}
        more={p.more}
      />
    </>
  );
};
