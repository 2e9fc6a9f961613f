import type { Translate } from '../src/i18n/messages.ts';

export interface ErrorPageProps {
  readonly t: Translate;
  readonly status: number;
  readonly title: string;
  readonly body: string;
  /** Specific problems (e.g. one per invalid form field). */
  readonly details?: readonly string[];
  /** Shown for server errors so a report can be matched to the log line; never a stack trace. */
  readonly reference?: string;
}

export const ErrorPage = ({ t, status, title, body, details, reference }: ErrorPageProps) => (
  <section class="error-page" aria-labelledby="error-title">
    <p class="error-page__status" aria-hidden="true">
      {String(status)}
    </p>
    <h1 id="error-title">{title}</h1>
    <p>{body}</p>
    {details && details.length > 0 && (
      <div class="notice notice--error" role="alert">
        <ul>
          {details.map((d) => (
            <li>{d}</li>
          ))}
        </ul>
      </div>
    )}
    {reference && <p class="error-page__ref">{t('error.reference', { id: reference })}</p>}
    <p>
      <a href="/">{t('error.back')}</a>
    </p>
  </section>
);
