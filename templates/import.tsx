import type { Translate } from '../src/i18n/messages.ts';
import { Notices } from './components/notices.tsx';
import { AssessmentPageHeader } from './components/page-header.tsx';

export interface ImportRowView {
  readonly line: number;
  readonly city: string;
  readonly indicator: string;
  readonly year: string;
  readonly value: string;
  readonly source: string;
  readonly problems: readonly string[];
  /** The stored value the row replaces, formatted. */
  readonly replaces?: string;
}

export type JobView =
  | { readonly kind: 'checking'; readonly done: number; readonly total: number }
  | {
      readonly kind: 'ready';
      readonly valid: number;
      readonly invalid: number;
      readonly replacing: number;
      /** Rows with problems (at most a few hundred) and the first valid rows. */
      readonly problemRows: readonly ImportRowView[];
      readonly moreProblems: number;
      readonly sample: readonly ImportRowView[];
    }
  | { readonly kind: 'unreadable'; readonly message: string };

export interface ImportPageProps {
  readonly t: Translate;
  readonly code: string;
  readonly name: string;
  readonly done?: string;
  readonly problem?: string;
  /** The job of the file just uploaded, when there is one. */
  readonly job?: { readonly id: string; readonly fileName: string; readonly view: JobView };
}

const RowsTable = ({ t, rows, caption }: { t: Translate; rows: readonly ImportRowView[]; caption: string }) => (
  <div class="table-scroll">
    <table class="table import__rows">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('import.line')}</th>
          <th scope="col">{t('scoring.city')}</th>
          <th scope="col">{t('weights.indicator')}</th>
          <th scope="col">{t('import.year')}</th>
          <th scope="col">{t('import.value')}</th>
          <th scope="col">{t('import.source')}</th>
          <th scope="col">{t('import.check')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr class={r.problems.length > 0 ? 'import__row--bad' : undefined} data-line={String(r.line)}>
            <th scope="row">{r.line}</th>
            <td>{r.city}</td>
            <td>{r.indicator}</td>
            <td>{r.year}</td>
            <td>{r.value}</td>
            <td>{r.source}</td>
            <td>
              {r.problems.length > 0
                ? r.problems.join('; ')
                : r.replaces !== undefined
                  ? t('import.replaces', { value: r.replaces })
                  : t('import.new')}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);

/** The progress of a file being checked; polls itself until the check is done, then the page reloads. */
export const ImportProgress = ({
  t,
  code,
  id,
  done,
  total,
}: {
  t: Translate;
  code: string;
  id: string;
  done: number;
  total: number;
}) => (
  <div
    id="import-progress"
    class="progress"
    hx-get={`/assessments/${code}/import/jobs/${id}/progress`}
    hx-trigger="load delay:500ms"
    hx-swap="outerHTML"
    role="status"
  >
    <p class="progress__line">
      <progress max={String(Math.max(total, 1))} value={String(done)} aria-label={t('import.checking')} />
      <span>{total > 0 ? t('import.checked', { done: String(done), total: String(total) }) : t('import.reading')}</span>
    </p>
  </div>
);

export const ImportPage = (p: ImportPageProps) => {
  const { t } = p;
  const base = `/assessments/${p.code}/import`;
  const view = p.job?.view;
  return (
    <>
      <AssessmentPageHeader t={t} code={p.code} title={t('import.title')} name={p.name} intro={t('import.intro')} />
      <Notices done={p.done} problem={p.problem} />
      {p.job && view?.kind === 'checking' && (
        <section class="panel-card">
          <h2>{p.job.fileName}</h2>
          <ImportProgress t={t} code={p.code} id={p.job.id} done={view.done} total={view.total} />
          <noscript>
            <p>
              <a href={`${base}/jobs/${p.job.id}`}>{t('import.reload')}</a>
            </p>
          </noscript>
        </section>
      )}
      {p.job && view?.kind === 'unreadable' && (
        <p class="notice notice--error" role="alert">
          {p.job.fileName}: {view.message}
        </p>
      )}
      {p.job && view?.kind === 'ready' && (
        <section class="panel-card" aria-labelledby="preview">
          <h2 id="preview">{t('import.preview', { file: p.job.fileName })}</h2>
          <p class="import__counts">
            <span>{t('import.valid', { count: String(view.valid) })}</span>
            <span>{t('import.invalid', { count: String(view.invalid) })}</span>
            <span>{t('import.replacing', { count: String(view.replacing) })}</span>
          </p>
          {view.invalid > 0 ? (
            <>
              <p class="notice notice--error" role="alert">
                {t('import.fixFirst')}
              </p>
              <RowsTable t={t} rows={view.problemRows} caption={t('import.problemRows')} />
              {view.moreProblems > 0 && <p>{t('import.moreProblems', { count: String(view.moreProblems) })}</p>}
            </>
          ) : (
            <form method="post" action={`${base}/jobs/${p.job.id}/commit`}>
              <button type="submit" class="button">
                {t('import.commit', { count: String(view.valid) })}
              </button>
            </form>
          )}
          <RowsTable t={t} rows={view.sample} caption={t('import.sample')} />
        </section>
      )}
      <section class="panel-card" aria-labelledby="upload">
        <h2 id="upload">{t('import.upload')}</h2>
        <p>{t('import.format')}</p>
        <p>
          <a href={`${base}/template.csv`}>{t('import.template')}</a>
        </p>
        <form method="post" action={base} enctype="multipart/form-data" class="import__form">
          <label for="file">{t('import.file')}</label>
          <input id="file" name="file" type="file" accept=".csv,.xlsx,text/csv" required />
          <button type="submit" class="button">
            {t('import.check.submit')}
          </button>
        </form>
      </section>
    </>
  );
};
