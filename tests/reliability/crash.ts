/**
 * The crash-safety run (issue 11, item 2), shared by the short form in `npm test` (tests/reliability/crash.test.ts)
 * and the full one in `npm run bench` (tests/bench/crash.ts): the real server process on a database file, score
 * saves from concurrent clients through the JSON API, SIGKILL at a random moment, and after each kill the file's
 * `PRAGMA integrity_check` and every acknowledged save checked before the server starts again.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { statSync } from 'node:fs';
import Database from 'libsql';
import { closeDatabase, openDatabase } from '../../src/db/client.ts';
import { DIST_ENTRY, type Seeded, type Server, seed, startServer } from '../bench/http.ts';

export interface Saved {
  readonly value: number;
  readonly version: number;
}

/** What the clients know: the last acknowledged save of each cell, and the save in flight, if any. */
export interface Ledger {
  readonly acknowledged: Map<string, Saved>;
  readonly inFlight: Map<string, number>;
}

const keyOf = (evaluator: number, cell: { city: string; indicator: string }) =>
  `bench${evaluator}:${cell.city}:${cell.indicator}`;

/** Every stored score of the file, by `username:city:indicator`. */
export function storedScores(file: string): Map<string, Saved> {
  const db = new Database(file, { timeout: 5_000 });
  try {
    const rows = db
      .prepare(
        `select u.username || ':' || a.code || ':' || i.code as cell, s.value, s.version from scores s
         join users u on u.id = s.expert_id join alternatives a on a.id = s.alternative_id
         join indicators i on i.id = s.indicator_id`,
      )
      .all() as { cell: string; value: number; version: number }[];
    return new Map(rows.map((r) => [r.cell, { value: r.value, version: r.version }]));
  } finally {
    db.close();
  }
}

export function integrityOf(file: string): string {
  const db = new Database(file, { timeout: 5_000 });
  try {
    return (db.prepare('pragma integrity_check').all() as { integrity_check: string }[])
      .map((r) => r.integrity_check)
      .join('; ');
  } finally {
    db.close();
  }
}

/**
 * The acknowledged saves the file does not hold: a cell must have its last acknowledged value and version, or
 * (when a later save of it was in flight at the kill) that later value one version on.
 */
export function missingSaves(ledger: Ledger, stored: Map<string, Saved>): string[] {
  const missing: string[] = [];
  for (const [cell, saved] of ledger.acknowledged) {
    const held = stored.get(cell);
    const asAcknowledged = held?.value === saved.value && held.version === saved.version;
    const pending = ledger.inFlight.get(cell);
    const asInFlight = pending !== undefined && held?.value === pending && held.version === saved.version + 1;
    if (!asAcknowledged && !asInFlight)
      missing.push(`${cell}: acknowledged ${JSON.stringify(saved)}, holds ${JSON.stringify(held)}`);
  }
  return missing;
}

/** Clients saving as fast as the server answers, one evaluator each, until `stop` is set. */
export function driveSaves(
  url: string,
  seeded: Seeded,
  ledger: Ledger,
  versions: Map<string, number>,
  clients: number,
): { stop: () => Promise<number> } {
  let running = true;
  let acknowledged = 0;
  const client = async (evaluator: number) => {
    for (let k = evaluator; running; k += 7) {
      const cell = seeded.cells[k % seeded.cells.length]!;
      const key = keyOf(evaluator, cell);
      const value = 1 + ((k * 31 + evaluator) % 9);
      ledger.inFlight.set(key, value);
      try {
        const response = await fetch(`${url}/api/assessments/bench/scores`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json', origin: url, cookie: seeded.cookies[evaluator]! },
          body: JSON.stringify({ ...cell, value, version: versions.get(key) ?? 0 }),
        });
        const body = (await response.json()) as { version?: number; stored?: { version: number } };
        if (response.status === 200) {
          ledger.acknowledged.set(key, { value, version: body.version! });
          versions.set(key, body.version!);
          acknowledged++;
        } else if (response.status === 409) versions.set(key, body.stored!.version);
        ledger.inFlight.delete(key);
      } catch {
        // The server is gone (killed): the save stays in flight and this client stops.
        return;
      }
    }
  };
  const all = Promise.all(Array.from({ length: clients }, (_, k) => client(k)));
  return {
    stop: async () => {
      running = false;
      await all;
      return acknowledged;
    },
  };
}

export interface CrashFigures {
  readonly kills: number;
  readonly acknowledged: number;
  readonly inFlightAtKills: number;
  readonly missing: readonly string[];
  readonly integrity: readonly string[];
  readonly maxWalBytes: number;
}

const walSize = (file: string): number => {
  try {
    return statSync(`${file}-wal`).size;
  } catch {
    return 0;
  }
};

const kill = async (server: Server) => {
  const exited = once(server.child, 'exit');
  server.child.kill('SIGKILL');
  await exited;
};

/**
 * Seeds `file` (an assessment "bench" of `cities` × `indicators` with `clients` evaluators, through the bench's
 * seed), then `kills` times: start the server, save for a random 0.3–1.5 s, SIGKILL, check.
 */
export async function crashRun(
  file: string,
  options: { kills: number; clients: number; cities?: number; indicators?: number; random?: () => number },
): Promise<CrashFigures> {
  const random = options.random ?? Math.random;
  const db = await openDatabase({ url: `file:${file}` });
  const seeded = await seed(db, {
    cities: options.cities ?? 20,
    indicators: options.indicators ?? 8,
    evaluators: options.clients,
  });
  closeDatabase(db);
  const ledger: Ledger = { acknowledged: new Map(), inFlight: new Map() };
  const integrity: string[] = [];
  const missing: string[] = [];
  let acknowledged = 0;
  let inFlightAtKills = 0;
  let maxWalBytes = 0;
  for (let round = 0; round < options.kills; round++) {
    const stored = storedScores(file);
    const versions = new Map([...stored].map(([cell, saved]) => [cell, saved.version]));
    ledger.inFlight.clear();
    const server = await startServer(DIST_ENTRY, `file:${file}`);
    const load = driveSaves(server.url, seeded, ledger, versions, options.clients);
    await new Promise((resolve) => setTimeout(resolve, 300 + random() * 1200));
    maxWalBytes = Math.max(maxWalBytes, walSize(file));
    await kill(server);
    acknowledged += await load.stop();
    inFlightAtKills += ledger.inFlight.size;
    integrity.push(integrityOf(file));
    const after = storedScores(file);
    missing.push(...missingSaves(ledger, after));
    // A save in flight that did land is now the cell's known state: later checks hold the file to it.
    for (const [cell, value] of ledger.inFlight) {
      const held = after.get(cell);
      if (held?.value === value && held.version === (ledger.acknowledged.get(cell)?.version ?? 0) + 1)
        ledger.acknowledged.set(cell, held);
    }
  }
  return { kills: options.kills, acknowledged, inFlightAtKills, missing, integrity, maxWalBytes };
}

/** `node bin/corridor.js ARGS` on `file`, as an operator runs it; resolves with the exit code and output. */
export async function corridorProcess(
  args: string[],
  file: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [DIST_ENTRY, ...args], {
    env: { PATH: process.env.PATH, DATABASE_URL: `file:${file}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += String(chunk)));
  child.stderr.on('data', (chunk) => (stderr += String(chunk)));
  const [code] = await once(child, 'exit');
  return { code: code as number | null, stdout, stderr };
}
