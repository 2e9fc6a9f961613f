/** Where the database is: the app's one piece of persistent state. */
export interface DatabaseConfig {
  /** `file:path.db` (embedded), `:memory:`, or `libsql://…` / `http(s)://…` for a libSQL server. */
  readonly url: string;
  readonly authToken?: string | undefined;
  /** With a local file `url`: an embedded replica of this primary. */
  readonly syncUrl?: string | undefined;
  /**
   * How often (seconds) an embedded replica pulls the primary's changes: its own writes it reads at once, other
   * instances' only after the next pull.
   */
  readonly syncIntervalS?: number | undefined;
}

export const DEFAULT_SYNC_INTERVAL_S = 1;

export const DEFAULT_DATABASE_URL = 'file:data/corridor.db';

/** A configuration variable with a value we cannot use; the message names the variable and what is wrong. */
export class ConfigError extends Error {}

const nonEmpty = (value: string | undefined): string | undefined =>
  value === undefined || value.trim() === '' ? undefined : value;

export function databaseConfigFromEnv(env: NodeJS.ProcessEnv): DatabaseConfig {
  const url = nonEmpty(env.DATABASE_URL) ?? DEFAULT_DATABASE_URL;
  const syncUrl = nonEmpty(env.DATABASE_SYNC_URL);
  const interval = nonEmpty(env.DATABASE_SYNC_INTERVAL);
  if (syncUrl && !url.startsWith('file:'))
    throw new ConfigError(
      `DATABASE_SYNC_URL needs DATABASE_URL to be a local file (file:…) for the replica, not "${url}"`,
    );
  if (interval !== undefined && !syncUrl)
    throw new ConfigError('DATABASE_SYNC_INTERVAL is only for an embedded replica: set DATABASE_SYNC_URL too');
  const seconds = interval === undefined ? DEFAULT_SYNC_INTERVAL_S : Number(interval);
  if (!Number.isFinite(seconds) || seconds <= 0)
    throw new ConfigError(`DATABASE_SYNC_INTERVAL must be a number of seconds above 0, not "${interval}"`);
  return {
    url,
    authToken: nonEmpty(env.DATABASE_AUTH_TOKEN),
    syncUrl,
    syncIntervalS: syncUrl ? seconds : undefined,
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
