import { once } from 'node:events';
import { existsSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../src/db/client.ts';
import { DIST_ENTRY, type Seeded, seed, startServer } from '../bench/http.ts';
import { tempDir } from '../db/fixtures.ts';
import { integrityOf, storedScores } from './crash.ts';

let temp: ReturnType<typeof tempDir>;
let file: string;
let seeded: Seeded;
beforeEach(async () => {
  temp = tempDir('corridor-shutdown-');
  file = join(temp.dir, 'shutdown.db');
  const db = await openDatabase({ url: `file:${file}` });
  seeded = await seed(db, { cities: 3, indicators: 2, evaluators: 1 });
  closeDatabase(db);
});
afterEach(() => {
  delete process.env.CORRIDOR_SHUTDOWN_TIMEOUT_S;
  temp.cleanup();
});

/** A score save whose body is sent in two parts: in flight from its first byte until `finish()`. */
function slowSave(url: string, value: number) {
  const body = JSON.stringify({ ...seeded.cells[0]!, value, version: 0 });
  const { hostname, port } = new URL(url);
  const req = request({
    hostname,
    port,
    method: 'PUT',
    path: '/api/assessments/bench/scores',
    headers: {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      origin: url,
      cookie: seeded.cookies[0]!,
    },
  });
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on('response', (res) => {
      let text = '';
      res.on('data', (chunk) => (text += String(chunk)));
      res.on('end', () => resolve({ status: res.statusCode!, body: text }));
    });
    req.on('error', reject);
  });
  req.write(body.slice(0, 10));
  return { answer, finish: () => req.end(body.slice(10)) };
}

const connectionRefused = async (url: string): Promise<string> => {
  try {
    await fetch(`${url}/healthz`);
    return 'answered';
  } catch (err) {
    return String((err as { cause?: { code?: string } }).cause?.code);
  }
};

const walBytes = () => (existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0);

describe('graceful shutdown', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`on ${signal}: refuses new connections, answers the request in flight, checkpoints the WAL and exits 0`, async () => {
      const server = await startServer(DIST_ENTRY, `file:${file}`);
      const exited = once(server.child, 'exit');
      const save = slowSave(server.url, 7);
      // Its headers reach the server, so the request is in flight when the signal comes.
      await new Promise((resolve) => setTimeout(resolve, 200));
      server.child.kill(signal);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await connectionRefused(server.url)).toBe('ECONNREFUSED');
      expect(server.child.exitCode).toBe(null);
      save.finish();
      const answer = await save.answer;
      expect(answer.status).toBe(200);
      const [code] = await exited;
      expect(code).toBe(0);
      expect(walBytes()).toBe(0);
      expect(integrityOf(file)).toBe('ok');
      expect(storedScores(file).get(`bench0:${seeded.cells[0]!.city}:${seeded.cells[0]!.indicator}`)).toEqual({
        value: 7,
        version: 1,
      });
    }, 60_000);
  }

  it('cuts a request that does not finish within CORRIDOR_SHUTDOWN_TIMEOUT_S, writing nothing of it, and exits 0', async () => {
    process.env.CORRIDOR_SHUTDOWN_TIMEOUT_S = '1';
    const server = await startServer(DIST_ENTRY, `file:${file}`);
    const exited = once(server.child, 'exit');
    const save = slowSave(server.url, 3);
    const failed = save.answer.then(
      () => 'answered',
      (err: NodeJS.ErrnoException) => err.code,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    const signalled = Date.now();
    server.child.kill('SIGTERM');
    const [code] = await exited;
    // Generous against a loaded machine: the point is that it does not wait for the client forever.
    expect(Date.now() - signalled).toBeLessThan(15_000);
    expect(code).toBe(0);
    expect(await failed).toBe('ECONNRESET');
    expect(storedScores(file).size).toBe(0);
    expect(walBytes()).toBe(0);
    expect(integrityOf(file)).toBe('ok');
  }, 60_000);
});
