import type { Context } from 'hono';
import { ErrorPage } from '../../templates/error.tsx';
import type { PlainMessageKey } from '../i18n/messages.ts';
import type { AppEnv } from './context.ts';
import { render } from './render.tsx';

export type ErrorStatus = 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 429 | 500 | 503;

const titles: Record<ErrorStatus, PlainMessageKey> = {
  400: 'error.400.title',
  401: 'error.401.title',
  403: 'error.403.title',
  404: 'error.404.title',
  405: 'error.405.title',
  409: 'error.409.title',
  413: 'error.413.title',
  415: 'error.415.title',
  429: 'error.429.title',
  500: 'error.500.title',
  503: 'error.503.title',
};

const bodies: Record<Exclude<ErrorStatus, 429>, PlainMessageKey> = {
  400: 'error.400.body',
  401: 'error.401.body',
  403: 'error.403.body',
  404: 'error.404.body',
  405: 'error.405.body',
  409: 'error.409.body',
  413: 'error.413.body',
  415: 'error.415.body',
  500: 'error.500.body',
  503: 'error.503.body',
};

export interface ErrorOptions {
  readonly details?: readonly string[];
  readonly reference?: string;
  /** For 429: minutes until the caller may try again. */
  readonly retryMinutes?: number;
  /** In place of the status's own title and text, when the cause is more specific (a database fault). */
  readonly title?: PlainMessageKey;
  readonly body?: PlainMessageKey;
}

export const isErrorStatus = (status: number): status is ErrorStatus => status in titles;

/** The error page for a status, in the request's language; it never contains a stack trace. */
export function renderError<E extends AppEnv>(
  c: Context<E>,
  status: ErrorStatus,
  options: ErrorOptions = {},
): Response | Promise<Response> {
  const t = c.var.t;
  const title = t(options.title ?? titles[status]);
  const body = options.body
    ? t(options.body)
    : status === 429
      ? t('error.429.body', { minutes: options.retryMinutes ?? 1 })
      : t(bodies[status]);
  return render(c, {
    title,
    status,
    body: (
      <ErrorPage
        t={t}
        status={status}
        title={title}
        body={body}
        details={options.details}
        reference={options.reference}
      />
    ),
  });
}
