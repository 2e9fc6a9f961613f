/**
 * The reliability part of `npm run bench` (issue 11, items 2 and 3): the full crash-safety run (20 SIGKILLs at
 * random moments among concurrent saves, tests/reliability/crash.ts) and the WAL's size over a long autosave
 * run, sampled every half second. `BENCH_WAL_SECONDS` sets the run's length (default 60).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { closeDatabase, openDatabase, WAL_SIZE_LIMIT } from '../../src/db/client.ts';
import { crashRun } from '../reliability/crash.ts';
import { autosave, DIST_ENTRY, EVALUATORS, seed, startServer, stopServer, type Walk } from './http.ts';

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

const walSize = (file: string): number => {
  try {
    return statSync(`${file}-wal`).size;
  } catch {
    return 0;
  }
};

export async function crashRows(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'corridor-bench-crash-'));
  try {
    const started = performance.now();
    const f = await crashRun(join(dir, 'crash.db'), { kills: 20, clients: 16 });
    const seconds = (performance.now() - started) / 1000;
    const sound = f.integrity.filter((line) => line === 'ok').length;
    return [
      '',
      `Crash safety: ${f.kills} SIGKILLs of the server at random moments (0.3–1.5 s into each run) among 16 clients' score saves, ${Math.round(seconds)} s in all.`,
      `${f.acknowledged} saves acknowledged, ${f.inFlightAtKills} in flight at the kills; integrity_check ok after ${sound} of ${f.kills} kills; ${f.missing.length} acknowledged saves missing${f.missing.length ? `: ${f.missing.slice(0, 5).join('; ')}` : ''}.`,
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function walRows(): Promise<string[]> {
  const seconds = Number(process.env.BENCH_WAL_SECONDS ?? 60);
  const dir = mkdtempSync(join(tmpdir(), 'corridor-bench-wal-'));
  const file = join(dir, 'wal.db');
  try {
    const db = await openDatabase({ url: `file:${file}` });
    const seeded = await seed(db);
    closeDatabase(db);
    const server = await startServer(DIST_ENTRY, `file:${file}`);
    const walk: Walk = { acknowledged: new Map(), positions: Array.from({ length: EVALUATORS }, () => 0) };
    const statuses = new Map<number, number>();
    const samples: number[] = [];
    const sampler = setInterval(() => samples.push(walSize(file)), 500);
    let saves: number;
    try {
      await autosave(server.url, seeded, seconds, walk, statuses);
      saves = statuses.get(200) ?? 0;
      samples.push(walSize(file));
    } finally {
      clearInterval(sampler);
      await stopServer(server);
    }
    const sorted = [...samples].sort((a, b) => a - b);
    return [
      '',
      `WAL over ${seconds} s of autosave (${EVALUATORS} connections, ${saves} saves acknowledged, database ${mib(statSync(file).size)}): ` +
        `largest ${mib(sorted[sorted.length - 1] ?? 0)}, median ${mib(sorted[Math.floor(sorted.length / 2)] ?? 0)}, ` +
        `last sample under load ${mib(samples[samples.length - 1] ?? 0)}, after the shutdown ${mib(walSize(file))} ` +
        `(journal_size_limit ${mib(WAL_SIZE_LIMIT)}, SQLite's autocheckpoint every 1000 pages).`,
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  for (const line of await crashRows()) console.log(line);
  for (const line of await walRows()) console.log(line);
}
