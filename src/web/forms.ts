import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { z } from 'zod';
import type { PlainMessageKey, Translate } from '../i18n/messages.ts';
import type { AppEnv } from './context.ts';
import { renderError } from './errors.tsx';

type FormSchema = z.ZodObject;
type FieldOf<S extends FormSchema> = keyof z.input<S> & string;

export interface FormProblem<S extends FormSchema = FormSchema> {
  readonly ok: false;
  /** 415 when the body is not a form at all, 400 when it is one with bad or missing fields. */
  readonly status: 400 | 415;
  /** One sentence for the top of the page. */
  readonly summary: string;
  /** The first problem per field, for showing beside the input. */
  readonly fieldErrors: Partial<Record<FieldOf<S>, string>>;
  /** Every problem, each naming its field (hidden fields too), for the summary or an error page. */
  readonly messages: readonly string[];
}

export type FormResult<S extends FormSchema> = { readonly ok: true; readonly data: z.output<S> } | FormProblem<S>;

type RawBody = Record<string, unknown>;

/** What browsers send for a `<form method="post">`; anything else is refused before the fields are looked at. */
const FORM_TYPES = /^\s*(application\/x-www-form-urlencoded|multipart\/form-data)\s*(;|$)/i;

const isBlank = (value: unknown) => value === undefined || (typeof value === 'string' && value.trim() === '');

function describe(t: Translate, field: string, issue: z.core.$ZodIssue, value: unknown): string {
  if (Array.isArray(value)) return t('form.repeated', { field });
  if (value instanceof Blob) return t('form.fileNotAllowed', { field });
  if (isBlank(value)) return t('form.required', { field });
  switch (issue.code) {
    case 'too_small':
      return issue.origin === 'string' && Number(issue.minimum) > 1
        ? t('form.tooShort', { field, min: Number(issue.minimum) })
        : t('form.required', { field });
    case 'too_big':
      return issue.origin === 'string'
        ? t('form.tooLong', { field, max: Number(issue.maximum) })
        : t('form.invalidValue', { field });
    case 'invalid_value':
      return t('form.notAllowed', { field });
    default:
      return t('form.invalidValue', { field });
  }
}

const whole = <S extends FormSchema>(status: 400 | 415, summary: string): FormProblem<S> => ({
  ok: false,
  status,
  summary,
  fieldErrors: {},
  messages: [],
});

/**
 * Reads a url-encoded or multipart body and validates it with a zod object schema. Problems come back as
 * messages from the catalogue naming the field by its label. A field sent twice or a file where text is
 * expected fails validation instead of one value being picked silently. A request without a body (no
 * content type) is an empty form, so its required fields are named.
 */
export async function parseForm<S extends FormSchema>(
  c: Context<AppEnv>,
  schema: S,
  labels: Record<FieldOf<S>, PlainMessageKey>,
): Promise<FormResult<S>> {
  const t = c.var.t;
  const contentType = c.req.header('content-type');
  if (contentType !== undefined && !FORM_TYPES.test(contentType)) return whole(415, t('form.unsupportedType'));
  let raw: RawBody;
  try {
    raw = await c.req.parseBody({ all: true });
  } catch {
    return whole(400, t('form.unreadable'));
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, data: parsed.data };
  const fieldErrors: Partial<Record<FieldOf<S>, string>> = {};
  const messages: string[] = [];
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? '') as FieldOf<S>;
    const labelKey: PlainMessageKey | undefined = labels[field];
    const label = labelKey ? t(labelKey) : field;
    const message = describe(t, label, issue, raw[field]);
    if (field in fieldErrors) continue;
    fieldErrors[field] = message;
    messages.push(message);
  }
  return { ok: false, status: 400, summary: t('form.invalid'), fieldErrors, messages };
}

/** An error page listing the problems, for forms that have no page of their own to show again. */
export const rejectForm = (c: Context<AppEnv>, problem: FormProblem) =>
  renderError(c, problem.status, { details: problem.messages.length > 0 ? problem.messages : [problem.summary] });

/**
 * A form's fields for routes that read them by hand (dynamic field names: a matrix, a settings form). A body that
 * cannot be read (a multipart body without its boundary, say) is a 400, never a failure of the server. Text fields
 * only: a field sent twice keeps its first value out of `fields` and is named in `repeated`; a file is ignored
 * unless `files` asks for it.
 */
export async function readFields<E extends AppEnv>(
  c: Context<E>,
): Promise<{
  readonly fields: Record<string, string>;
  readonly repeated: readonly string[];
  readonly files: Record<string, File>;
}> {
  let raw: RawBody;
  try {
    raw = await c.req.parseBody({ all: true });
  } catch {
    throw new HTTPException(400, { message: c.var.t('form.unreadable') });
  }
  const fields: Record<string, string> = {};
  const files: Record<string, File> = {};
  const repeated: string[] = [];
  for (const [key, value] of Object.entries(raw)) {
    if (Array.isArray(value)) repeated.push(key);
    else if (typeof value === 'string') fields[key] = value;
    else if (value instanceof File) files[key] = value;
  }
  return { fields, repeated, files };
}
