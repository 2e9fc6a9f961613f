import type { Context } from 'hono';
import { type DatabaseFault, databaseFault, retryAfterSeconds } from '../db/faults.ts';
import { t as translate } from '../i18n/messages.ts';
import type { AppDeps, AppEnv } from './context.ts';
import { renderError } from './errors.tsx';
import { loggedPath } from './middleware/request-log.ts';

/** The message of each fault, in the catalogue (src/i18n/messages.ts). */
const messages = {
  'read-only': 'fault.read-only',
  full: 'fault.full',
  locked: 'fault.locked',
  'io-error': 'fault.io-error',
  corrupt: 'fault.corrupt',
  unavailable: 'fault.unavailable',
} as const satisfies Record<DatabaseFault, string>;

/**
 * A database fault is the server's state, not the request's doing, and not a bug: 503 with Retry-After and a
 * message saying what is wrong, logged in one line without a stack. Undefined for any other error.
 */
function faultOf(deps: AppDeps, err: unknown, c: Context<AppEnv>): DatabaseFault | undefined {
  const fault = databaseFault(err);
  if (!fault) return undefined;
  c.header('Retry-After', String(retryAfterSeconds[fault]));
  const reason = err instanceof Error ? err.message : String(err);
  deps.log(`${c.var.requestId ?? 'unknown'} database ${fault} ${c.req.method} ${loggedPath(c)}: ${reason}`);
  return fault;
}

/** The page for a database fault, in the visitor's language and with the layout. */
export function faultPage(deps: AppDeps, err: unknown, c: Context<AppEnv>): Response | Promise<Response> | undefined {
  const fault = faultOf(deps, err, c);
  return fault && renderError(c, 503, { title: 'fault.title', body: messages[fault] });
}

/** The API's answer to a database fault: its usual error shape, in English like the rest of the API. */
export function faultJson(deps: AppDeps, err: unknown, c: Context<AppEnv>): Response | undefined {
  const fault = faultOf(deps, err, c);
  return fault && c.json({ errors: [{ path: '', message: translate('en', messages[fault]) }], database: fault }, 503);
}
