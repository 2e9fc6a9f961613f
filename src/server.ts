/**
 * What `npm start` runs (through `corridor serve`): read the configuration, bring the database up to date,
 * seed an empty one, and serve the app. Everything else lives in createApp, so tests run the same app in-process.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { holdServingLock } from './app/backup.ts';
import { defaultPoolSettings, EnginePool, type EnginePoolSettings } from './app/engine-pool/pool.ts';
import { defaultReportPoolSettings, ReportPool } from './app/report-pool/pool.ts';
import { publishDemoSnapshot } from './app/snapshots.ts';
import { checkpointDatabase, closeDatabase, type DatabaseConfig, migrateDatabase, openDatabase } from './db/client.ts';
import { ConfigError, databaseConfigFromEnv, switchFromEnv } from './db/config.ts';
import { type SeedOptions, type SeedOutcome, seedIfEmpty, seedSettingsFromEnv } from './db/seed.ts';
import { createApp } from './web/app.ts';
import { parseTrustedProxies, TRUST_PROXY_RULE, type TrustedProxies } from './web/trusted-proxy.ts';

export interface ServerSettings {
  readonly database: DatabaseConfig;
  readonly port: number;
  readonly host: string;
  /** Mark cookies Secure even though this process speaks plain HTTP: TLS ends at a proxy in front of it. */
  readonly secureCookies: boolean;
  /** CORRIDOR_TRUST_PROXY: the proxies whose X-Forwarded-For and X-Forwarded-Proto are believed; null for none. */
  readonly trustedProxies: TrustedProxies | null;
  readonly seed: Pick<SeedOptions, 'adminPassword' | 'demo'>;
  readonly engine: EnginePoolSettings;
  /** How long a shutdown waits for the requests in flight before it cuts their connections (default 10 s). */
  readonly shutdownMs?: number;
  /** CORRIDOR_REPORT_NICE: the report workers' nice value (default 10, see ReportPoolSettings). */
  readonly reportNice?: number;
}

export const PORT_RULE = 'a whole number from 0 to 65535 (0 picks a free port)';

/** A TCP port, or undefined when `raw` is not one. */
export function parsePort(raw: string): number | undefined {
  const port = /^\d{1,5}$/.test(raw.trim()) ? Number(raw) : Number.NaN;
  return port >= 0 && port <= 65535 ? port : undefined;
}

function portFromEnv(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return 3000;
  const port = parsePort(raw);
  if (port === undefined) throw new ConfigError(`PORT must be ${PORT_RULE}, not "${raw}"`);
  return port;
}

/** A whole number within [min, max] from the environment, or the default when unset. */
function wholeFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = /^\d+$/.test(raw.trim()) ? Number(raw) : Number.NaN;
  if (!(value >= min && value <= max))
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, not "${raw}"`);
  return value;
}

/** Unset or empty: X-Forwarded-For is never believed. */
function trustedProxiesFromEnv(raw: string | undefined): TrustedProxies | null {
  if (raw === undefined || raw.trim() === '') return null;
  const parsed = parseTrustedProxies(raw);
  if (!parsed.ok) throw new ConfigError(`CORRIDOR_TRUST_PROXY must be ${TRUST_PROXY_RULE}, not "${parsed.bad}"`);
  return parsed.proxies;
}

/** The engine's worker pool (README, configuration): threads, heap per worker, time per run, queue length. */
export function engineSettingsFromEnv(env: NodeJS.ProcessEnv): EnginePoolSettings {
  const defaults = defaultPoolSettings();
  return {
    threads: wholeFromEnv(env, 'CORRIDOR_ENGINE_THREADS', defaults.threads, 1, 64),
    heapMb: wholeFromEnv(env, 'CORRIDOR_ENGINE_HEAP_MB', defaults.heapMb, 64, 16_384),
    timeoutMs: wholeFromEnv(env, 'CORRIDOR_ENGINE_TIMEOUT_S', defaults.timeoutMs / 1000, 1, 3600) * 1000,
    maxQueue: wholeFromEnv(env, 'CORRIDOR_ENGINE_QUEUE', defaults.maxQueue, 0, 10_000),
    eager: true,
  };
}

/** The settings from the environment (see the configuration table in README.md); a bad value is a ConfigError. */
export function serverSettingsFromEnv(env: NodeJS.ProcessEnv): ServerSettings {
  return {
    database: databaseConfigFromEnv(env),
    port: portFromEnv(env.PORT),
    host: env.HOST?.trim() || '127.0.0.1',
    secureCookies: switchFromEnv(env, 'CORRIDOR_SECURE_COOKIES', false),
    trustedProxies: trustedProxiesFromEnv(env.CORRIDOR_TRUST_PROXY),
    seed: seedSettingsFromEnv(env),
    engine: engineSettingsFromEnv(env),
    shutdownMs: wholeFromEnv(env, 'CORRIDOR_SHUTDOWN_TIMEOUT_S', 10, 0, 3600) * 1000,
    reportNice: wholeFromEnv(env, 'CORRIDOR_REPORT_NICE', defaultReportPoolSettings().nice, 0, 19),
  };
}

export interface RunningServer {
  readonly url: string;
  close(): Promise<void>;
}

const urlOf = ({ address, family, port }: AddressInfo): string => {
  const host = address === '0.0.0.0' || address === '::' ? 'localhost' : address;
  return `http://${family === 'IPv6' && host !== 'localhost' ? `[${host}]` : host}:${port}`;
};

/**
 * The orderly stop of SIGTERM and SIGINT: no new connections, the requests in flight answered (connections
 * cut after `limitMs`), then the pools, the database (its WAL checkpointed) and the serving lock.
 */
async function shutDown(server: Server, limitMs: number, rest: () => Promise<void>): Promise<void> {
  const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
  // A keep-alive connection goes idle when its last response is sent; until closed it would hold close() open.
  server.closeIdleConnections();
  const idle = setInterval(() => server.closeIdleConnections(), 50);
  const cut = setTimeout(() => server.closeAllConnections(), limitMs);
  try {
    await stopped;
  } finally {
    clearInterval(idle);
    clearTimeout(cut);
    await rest();
  }
}

export async function startServer(settings: ServerSettings, log: (line: string) => void): Promise<RunningServer> {
  const lock = holdServingLock(settings.database);
  let db: Awaited<ReturnType<typeof openDatabase>>;
  try {
    db = await openDatabase(settings.database);
  } catch (err) {
    lock?.release();
    throw err;
  }
  let seeded: SeedOutcome;
  try {
    const { applied, total } = await migrateDatabase(db);
    log(
      `Database ${settings.database.url}: ${applied === 0 ? 'schema up to date' : `applied ${applied} of ${total} migrations`}.`,
    );
    seeded = await seedIfEmpty(db, { ...settings.seed, log });
  } catch (err) {
    closeDatabase(db);
    lock?.release();
    throw err;
  }

  const engine = new EnginePool(settings.engine);
  engine.warm();
  if (seeded.seeded && seeded.demoAssessment)
    await publishDemoSnapshot(db, engine, new Date(), seeded.demoAssessment, log);
  const reports = new ReportPool(settings.reportNice === undefined ? {} : { nice: settings.reportNice });
  const app = createApp({
    db,
    secureCookies: settings.secureCookies,
    trustedProxies: settings.trustedProxies,
    log,
    engine,
    reports: reports.render,
  });
  const server = createAdaptorServer({ fetch: app.fetch });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(settings.port, settings.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    closeDatabase(db);
    lock?.release();
    await engine.close();
    await reports.close();
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE')
      throw new ConfigError(`port ${settings.port} on ${settings.host} is already in use (set PORT to another one)`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND')
      throw new ConfigError(`HOST "${settings.host}" is not an address of this machine`);
    throw err;
  }
  const url = urlOf(server.address() as AddressInfo);
  log(`Corridor is listening on ${url}`);

  return {
    url,
    close: () =>
      shutDown(server as Server, settings.shutdownMs ?? 10_000, async () => {
        await Promise.allSettled([engine.close(), reports.close()]);
        checkpointDatabase(db);
        closeDatabase(db);
        lock?.release();
      }),
  };
}
