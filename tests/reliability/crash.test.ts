import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../src/db/client.ts';
import { DIST_ENTRY, seed, startServer, stopServer } from '../bench/http.ts';
import { tempDir } from '../db/fixtures.ts';
import {
  corridorProcess,
  crashRun,
  driveSaves,
  integrityOf,
  type Ledger,
  missingSaves,
  storedScores,
} from './crash.ts';

let temp: ReturnType<typeof tempDir>;
beforeEach(() => {
  temp = tempDir('corridor-crash-');
});
afterEach(() => temp.cleanup());

describe('crash safety (the short form; `npm run bench` kills 20 times)', () => {
  it('keeps every acknowledged save and a sound file through SIGKILLs at random moments', async () => {
    const file = join(temp.dir, 'crash.db');
    const figures = await crashRun(file, { kills: 4, clients: 8 });
    expect(figures.integrity).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(figures.missing).toEqual([]);
    // The kills did land among saves: otherwise the test proves nothing.
    expect(figures.acknowledged).toBeGreaterThan(50);
    expect(storedScores(file).size).toBeGreaterThan(0);
    // And the check does see a lost save.
    const lostOne: Ledger = {
      acknowledged: new Map([['bench0:city-0:ind-0', { value: 10, version: 99 }]]),
      inFlight: new Map(),
    };
    expect(missingSaves(lostOne, storedScores(file))).toHaveLength(1);
  }, 120_000);

  it('a backup taken while saves go on restores, passes integrity_check and holds every save acknowledged before it', async () => {
    const file = join(temp.dir, 'live.db');
    const db = await openDatabase({ url: `file:${file}` });
    const seeded = await seed(db, { cities: 20, indicators: 8, evaluators: 8 });
    closeDatabase(db);
    const server = await startServer(DIST_ENTRY, `file:${file}`);
    const ledger: Ledger = { acknowledged: new Map(), inFlight: new Map() };
    const load = driveSaves(server.url, seeded, ledger, new Map(), 8);
    let before: Ledger['acknowledged'];
    let backup: Awaited<ReturnType<typeof corridorProcess>>;
    const copy = join(temp.dir, 'copy.db');
    try {
      await new Promise((resolve) => setTimeout(resolve, 500));
      before = new Map(ledger.acknowledged);
      backup = await corridorProcess(['backup', copy], file);
      await new Promise((resolve) => setTimeout(resolve, 300));
    } finally {
      await load.stop();
      await stopServer(server);
    }
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(before.size).toBeGreaterThan(10);
    // The saves went on past the backup: the copy is a moment of a moving file.
    expect(
      ledger.acknowledged.size + [...ledger.acknowledged.values()].reduce((a, s) => a + s.version, 0),
    ).toBeGreaterThan(before.size + [...before.values()].reduce((a, s) => a + s.version, 0));
    const target = join(temp.dir, 'restored.db');
    const restore = await corridorProcess(['restore', copy], target);
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    expect(integrityOf(target)).toBe('ok');
    const held = storedScores(target);
    const lost = [...before].filter(([cell, saved]) => (held.get(cell)?.version ?? 0) < saved.version);
    expect(lost).toEqual([]);
  }, 120_000);
});
