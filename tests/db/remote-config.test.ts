/**
 * The settings for a libSQL server and for an embedded replica, and the path a remote URL takes through
 * src/db/client.ts. No libSQL server can be run here (none in npm or Debian), so what a real server answers is NOT
 * tested: these check the parsing, that a remote database is reached through @libsql/client and never through the
 * native file connection, and that an unreachable one fails with an error rather than a crash (README, Several
 * processes and machines).
 */
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, type Db, openDatabase, readerOf } from '../../src/db/client.ts';
import { ConfigError, DEFAULT_SYNC_INTERVAL_S, databaseConfigFromEnv } from '../../src/db/config.ts';

/** A port on which nothing listens: bound for a moment by us, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('database settings', () => {
  it('takes a libSQL server URL and its token as they are', () => {
    for (const url of ['libsql://corridor-acme.turso.io', 'https://db.example.org', 'http://127.0.0.1:8080']) {
      expect(databaseConfigFromEnv({ DATABASE_URL: url, DATABASE_AUTH_TOKEN: 'secret' })).toEqual({
        url,
        authToken: 'secret',
        syncUrl: undefined,
        syncIntervalS: undefined,
      });
    }
  });

  it('makes an embedded replica of a local file with a sync interval, one second unless set', () => {
    const replica = { DATABASE_URL: 'file:data/replica.db', DATABASE_SYNC_URL: 'libsql://primary.example.org' };
    expect(databaseConfigFromEnv(replica)).toMatchObject({
      url: 'file:data/replica.db',
      syncUrl: 'libsql://primary.example.org',
      syncIntervalS: DEFAULT_SYNC_INTERVAL_S,
    });
    expect(databaseConfigFromEnv({ ...replica, DATABASE_SYNC_INTERVAL: '0.25' }).syncIntervalS).toBe(0.25);
  });

  it.each([
    [
      { DATABASE_URL: 'libsql://a.example.org', DATABASE_SYNC_URL: 'libsql://b.example.org' },
      /DATABASE_SYNC_URL needs/,
    ],
    [{ DATABASE_URL: ':memory:', DATABASE_SYNC_URL: 'libsql://b.example.org' }, /local file/],
    [{ DATABASE_URL: 'file:a.db', DATABASE_SYNC_INTERVAL: '5' }, /DATABASE_SYNC_INTERVAL is only for an embedded/],
    [
      { DATABASE_URL: 'file:a.db', DATABASE_SYNC_URL: 'libsql://b.example.org', DATABASE_SYNC_INTERVAL: 'soon' },
      /DATABASE_SYNC_INTERVAL must be a number of seconds above 0, not "soon"/,
    ],
    [
      { DATABASE_URL: 'file:a.db', DATABASE_SYNC_URL: 'libsql://b.example.org', DATABASE_SYNC_INTERVAL: '0' },
      /above 0/,
    ],
  ])('refuses %j with a message naming the variable', (env, message) => {
    expect(() => databaseConfigFromEnv(env)).toThrow(ConfigError);
    expect(() => databaseConfigFromEnv(env)).toThrow(message);
  });
});

describe('a remote database URL', () => {
  const opened: Db[] = [];
  afterEach(() => {
    for (const db of opened.splice(0)) closeDatabase(db);
  });

  it.each(['http', 'libsql'])(
    '(%s://) goes through @libsql/client, and an unreachable server is an error',
    async (scheme) => {
      const port = await closedPort();
      // libsql:// means TLS by default; `?tls=0` reaches a plain local port.
      const url = scheme === 'libsql' ? `libsql://127.0.0.1:${port}?tls=0` : `http://127.0.0.1:${port}`;
      const db = await openDatabase({ url, authToken: 'token' });
      opened.push(db);
      // The hot reads use the client itself: the native file connection is only for a local file.
      expect(readerOf(db)).toBe(db);
      await expect(db.$client.execute('select 1')).rejects.toThrow();
    },
  );

  it('refuses a URL libSQL cannot use with a ConfigError naming DATABASE_URL', async () => {
    await expect(openDatabase({ url: 'ftp://example.org/db' })).rejects.toThrow(ConfigError);
    await expect(openDatabase({ url: 'ftp://example.org/db' })).rejects.toThrow(
      /DATABASE_URL "ftp:\/\/example.org\/db"/,
    );
  });
});
