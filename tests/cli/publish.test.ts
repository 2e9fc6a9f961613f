import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../src/db/client.ts';
import { auditLog, resultSnapshots } from '../../src/db/schema.ts';
import { tempDir } from '../db/fixtures.ts';
import { corridor } from './io.ts';

let temp: ReturnType<typeof tempDir>;
let env: NodeJS.ProcessEnv;
beforeEach(() => {
  temp = tempDir();
  env = { DATABASE_URL: temp.url(), CORRIDOR_ADMIN_PASSWORD: 'a-long-enough-password' };
});
afterEach(() => temp.cleanup());

const snapshots = async () => {
  const db = await openDatabase({ url: env.DATABASE_URL! });
  try {
    return await db.select().from(resultSnapshots);
  } finally {
    closeDatabase(db);
  }
};

const downloads = async () => {
  const db = await openDatabase({ url: env.DATABASE_URL! });
  try {
    return (await db.select().from(auditLog)).filter((e) => e.action === 'export.download');
  } finally {
    closeDatabase(db);
  }
};

describe('corridor seed and corridor publish', () => {
  it('the demo seed publishes one snapshot, so a reader has a report on a fresh installation', async () => {
    const seeded = await corridor(['seed'], env);
    expect(seeded.code).toBe(0);
    expect(seeded.stdout).toMatch(/Published snapshot 1 of the demo's illustrative results\./);
    const [first] = await snapshots();
    expect(first).toMatchObject({ id: 1, published: true, weightSetVersion: 1 });
  });

  it('publishes the current results again, printing the new id alone on the last line', async () => {
    await corridor(['seed'], env);
    const run = await corridor(['publish', 'hexi-corridor-2017'], env);
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split('\n').at(-1)).toBe('2');
    const rows = await snapshots();
    expect(rows.map((r) => r.id)).toEqual([1, 2]);
    // Same data, same Problem, same hash.
    expect(rows[1]!.hash).toBe(rows[0]!.hash);
  });

  it('refuses an unknown assessment and a user who is not an administrator, writing nothing', async () => {
    await corridor(['seed'], env);
    const unknown = await corridor(['publish', 'nowhere'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no assessment with id or code "nowhere"/);
    const notAdmin = await corridor(['publish', 'hexi-corridor-2017', '--as', 'expert1'], env);
    expect(notAdmin.code).toBe(1);
    expect(notAdmin.stderr).toMatch(/"expert1" is not an active administrator/);
    expect(await snapshots()).toHaveLength(1);
  });

  it('with the demo off there is nothing to publish', async () => {
    const seeded = await corridor(['seed'], { ...env, CORRIDOR_DEMO: 'off' });
    expect(seeded.stdout).not.toMatch(/Published/);
    expect(await snapshots()).toHaveLength(0);
  });
});

describe('corridor report', () => {
  const text = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  const pages = (file: string) =>
    Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);

  it('writes the newest snapshot’s report in Chinese and a city brief in English', async () => {
    await corridor(['seed'], env);
    const report = join(temp.dir, 'report.pdf');
    const run = await corridor(['report', 'hexi-corridor-2017', '--lang', 'zh', '--out', report], env);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/100 %/);
    const [row] = await snapshots();
    const result = JSON.parse(row!.result);
    const zh = text(report);
    for (const city of ['武威', '金昌', '张掖', '嘉峪关', '酒泉']) expect(zh).toContain(city);
    for (const d of result.coordination.D as number[]) expect(zh).toContain(d.toFixed(3));
    expect(zh).toContain(row!.hash);
    const brief = join(temp.dir, 'brief.pdf');
    expect(
      (await corridor(['report', 'hexi-corridor-2017', '--city', 'wuwei', '--lang', 'en', '--out', brief], env)).code,
    ).toBe(0);
    expect(pages(brief)).toBe(2);
    expect(text(brief)).toContain('Wuwei');
    // Both files are on record, by the system (the command line has no signed-in user), under the snapshot.
    expect(
      (await downloads()).map((e) => ({ userId: e.userId, entity: e.entity, entityId: e.entityId, after: e.after })),
    ).toEqual([
      {
        userId: null,
        entity: 'snapshot',
        entityId: String(row!.id),
        after: {
          kind: 'report',
          format: 'pdf',
          lang: 'zh',
          via: 'cli',
          assessment: 'hexi-corridor-2017',
          snapshot: row!.id,
        },
      },
      {
        userId: null,
        entity: 'snapshot',
        entityId: String(row!.id),
        after: {
          kind: 'brief',
          format: 'pdf',
          lang: 'en',
          city: 'wuwei',
          via: 'cli',
          assessment: 'hexi-corridor-2017',
          snapshot: row!.id,
        },
      },
    ]);
  });

  it('refuses a bad language (usage), an unknown city or snapshot, and an assessment with nothing published', async () => {
    await corridor(['seed'], env);
    const out = join(temp.dir, 'x.pdf');
    expect((await corridor(['report', 'hexi-corridor-2017', '--lang', 'fr', '--out', out], env)).code).toBe(2);
    const city = await corridor(
      ['report', 'hexi-corridor-2017', '--city', 'lanzhou', '--lang', 'en', '--out', out],
      env,
    );
    expect(city.code).toBe(1);
    expect(city.stderr).toMatch(/no city "lanzhou"/);
    const missing = await corridor(
      ['report', 'hexi-corridor-2017', '--snapshot', '9', '--lang', 'en', '--out', out],
      env,
    );
    expect(missing.stderr).toMatch(/no published snapshot 9/);
    expect(await downloads()).toEqual([]);
  });
});
