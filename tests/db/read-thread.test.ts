import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildProblem, findAssessment } from '../../src/app/problem.ts';
import { closeDatabase, migrateDatabase, openDatabase } from '../../src/db/client.ts';
import { DEMO_ASSESSMENT } from '../../src/db/demo/hexi-demo.ts';
import { openFileConnection } from '../../src/db/reader.ts';
import { seedIfEmpty } from '../../src/db/seed.ts';
import { memoryDb, tempDir } from './fixtures.ts';

let temp: ReturnType<typeof tempDir>;
beforeEach(() => {
  temp = tempDir('corridor-read-thread-');
});
afterEach(() => temp.cleanup());

const at = new Date('2026-03-02T09:00:00Z');
const seeded = { adminPassword: 'demo-admin-password-1', demo: true, log: () => {}, clock: () => at } as const;

/** A second connection, with its read thread, to a file seeded with the demo. */
async function seededConnection() {
  const db = await temp.open();
  await migrateDatabase(db);
  await seedIfEmpty(db, seeded);
  return openFileConnection(join(temp.dir, 'corridor.db'), 1000, 1 << 20);
}

describe('the read thread of a local file', () => {
  it('answers what the connection on the event loop answers, from its own thread', async () => {
    const connection = await seededConnection();
    try {
      const query = sql`select code, name_zh, cast(id as real) / 3 as third from alternatives order by id`;
      const here = await connection.reader.all(query);
      expect(connection.offThreadReads()).toBe(0);
      expect(await connection.offThread.all(query)).toEqual(here);
      expect(await connection.offThread.get(query)).toEqual(here[0]);
      expect(connection.offThreadReads()).toBe(2);
      expect(here.flat()).toContain('武威');
    } finally {
      connection.close();
    }
  });

  it('writes nothing, even through a statement that returns rows', async () => {
    const connection = await seededConnection();
    try {
      const count = async () => await connection.reader.all(sql`select count(*) from alternatives`);
      const before = await count();
      await expect(
        connection.offThread.all(sql`update alternatives set name_en = 'Changed' returning id`),
      ).rejects.toThrow();
      expect(await count()).toEqual(before);
      expect(await connection.reader.all(sql`select count(*) from alternatives where name_en = 'Changed'`)).toEqual([
        [0],
      ]);
      // The thread opens a fresh connection after a failed statement and answers the next read itself.
      const answered = connection.offThreadReads();
      expect(await connection.offThread.all(sql`select count(*) from alternatives`)).toEqual(before);
      expect(connection.offThreadReads()).toBe(answered + 1);
      // The connection here does not stay read-only for what comes after.
      expect(await connection.reader.all(sql`pragma query_only`)).toEqual([[0]]);
    } finally {
      connection.close();
    }
  });

  it('builds the same Problem from a file (on the thread) as from memory (in place)', async () => {
    const file = await openDatabase({ url: temp.url('problem.db') });
    const memory = await memoryDb();
    try {
      for (const db of [file, memory]) {
        await migrateDatabase(db);
        await seedIfEmpty(db, seeded);
      }
      const [a, b] = await Promise.all(
        [file, memory].map(async (db) => buildProblem(db, (await findAssessment(db, DEMO_ASSESSMENT.code))!.id)),
      );
      expect(a).toEqual(b);
      expect((a!.panel as { scores: unknown[] }).scores).toHaveLength(5);
    } finally {
      closeDatabase(file);
      closeDatabase(memory);
    }
  });
});
