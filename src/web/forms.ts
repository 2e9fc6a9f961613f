import type { Context } from 'hono';
import type { z } from 'zod';
import type { PlainMessageKey, Translate } from '../i18n/messages.ts';
import type { AppEnv } from './context.ts';
import { renderError } from './errors.tsx';

type FormSchema = z.ZodObject;
type FieldOf<S extends FormSchema> = keyof z.input<S> & string;

export type FormResult<S extends FormSchema> =
  | { readonly ok: true; readonly data: z.output<S> }
  | {
      readonly ok: false;
      /** The first problem per field, for showing beside the input. */
      readonly fieldErrors: Partial<Record<FieldOf<S>, string>>;
      /** Every problem, each naming its field, for a summary or an error page. */
      readonly messages: readonly string[];
    };

type RawBody = Record<string, unknown>;

const isBlank = (value: unknown) => value === undefined || (typeof value === 'string' && value.trim() === '');

function describe(t: Translate, field: string, issue: z.core.$ZodIssue, value: unknown): string {
  if (isBlank(value)) return t('form.required', { field });
  switch (issue.code) {
    case 'too_small':
      return issue.origin === 'string' && Number(issue.minimum) > 1 ? t('form.tooShort', { field, min: Number(issue.minimum) }) : t('form.required', { field });
    case 'too_big':
      return issue.origin === 'string' ? t('form.tooLong', { field, max: Number(issue.maximum) }) : t('form.invalidValue', { field });
    case 'invalid_value':
      return t('form.notAllowed', { field });
    default:
      return t('form.invalidValue', { field });
  }
}

/**
 * Reads a url-encoded or multipart body and validates it with a zod object schema. Problems come
 * back as messages from the catalogue naming the field by its label. A field sent twice or a file
 * where text is expected fails validation instead of one value being picked silently.
 */
export async function parseForm<S extends FormSchema>(c: Context<AppEnv>, schema: S, labels: Record<FieldOf<S>, PlainMessageKey>): Promise<FormResult<S>> {
  let raw: RawBody;
  try {
    raw = await c.req.parseBody({ all: true });
  } catch {
    raw = {};
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, data: parsed.data };
  const t = c.var.t;
  const fieldErrors: Partial<Record<FieldOf<S>, string>> = {};
  const messages: string[] = [];
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? '') as FieldOf<S>;
    const labelKey: PlainMessageKey | undefined = labels[field];
    const label = labelKey ? t(labelKey) : field;
    const message = describe(t, label, issue, raw[field]);
    if (!(field in fieldErrors)) fieldErrors[field] = message;
    messages.push(message);
  }
  return { ok: false, fieldErrors, messages };
}

/** A 400 page listing the problems, for forms that have no page of their own to show again. */
export const rejectForm = (c: Context<AppEnv>, messages: readonly string[]) => renderError(c, 400, { details: messages });
