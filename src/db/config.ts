/** Where the database is: the app's one piece of persistent state. */
export interface DatabaseConfig {
  /** `file:path.db` (embedded), `:memory:`, or `libsql://…` / `http(s)://…` for a libSQL server. */
  readonly url: string;
  readonly authToken?: string | undefined;
  /** With a local file `url`: an embedded replica of this primary. */
  readonly syncUrl?: string | undefined;
}

export const DEFAULT_DATABASE_URL = 'file:data/corridor.db';

/** A configuration variable with a value we cannot use; the message names the variable and what is wrong. */
export class ConfigError extends Error {}

const nonEmpty = (value: string | undefined): string | undefined =>
  value === undefined || value.trim() === '' ? undefined : value;

export function databaseConfigFromEnv(env: NodeJS.ProcessEnv): DatabaseConfig {
  return {
    url: nonEmpty(env.DATABASE_URL) ?? DEFAULT_DATABASE_URL,
    authToken: nonEmpty(env.DATABASE_AUTH_TOKEN),
    syncUrl: nonEmpty(env.DATABASE_SYNC_URL),
  };
}

const SWITCH_VALUES: Readonly<Record<string, boolean>> = {
  on: true,
  off: false,
  true: true,
  false: false,
  yes: true,
  no: false,
  '1': true,
  '0': false,
};

/** An on/off variable; unset means `fallback`. */
export function switchFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = nonEmpty(env[name]);
  if (raw === undefined) return fallback;
  const value = SWITCH_VALUES[raw.trim().toLowerCase()];
  if (value === undefined) throw new ConfigError(`${name} must be "on" or "off", not "${raw}"`);
  return value;
}
