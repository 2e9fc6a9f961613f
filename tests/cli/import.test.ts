import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../src/db/client.ts';
import { auditLog, indicatorValues } from '../../src/db/schema.ts';
import { tempDir } from '../db/fixtures.ts';
import { corridor } from './io.ts';

let temp: ReturnType<typeof tempDir>;
let env: NodeJS.ProcessEnv;
beforeEach(async () => {
  temp = tempDir();
  env = { DATABASE_URL: temp.url(), CORRIDOR_ADMIN_PASSWORD: 'a-long-enough-password' };
  expect((await corridor(['seed'], env)).code).toBe(0);
});
afterEach(() => temp.cleanup());

const valuesOf = async (year: number) => {
  const db = await openDatabase({ url: env.DATABASE_URL! });
  try {
    return {
      rows: await db.select().from(indicatorValues).where(eq(indicatorValues.year, year)),
      audit: await db.select().from(auditLog).where(eq(auditLog.action, 'statistics.import')),
    };
  } finally {
    closeDatabase(db);
  }
};

describe('corridor import', () => {
  it('checks with --dry-run, then imports and audits', async () => {
    const file = join(temp.dir, 'stats.csv');
    writeFileSync(file, 'city,indicator,year,value,source\nwuwei,secondary_share_change,2019,1.5,Bulletin\n');
    const dry = await corridor(['import', 'hexi-corridor-2017', file, '--dry-run'], env);
    expect(dry).toMatchObject({ code: 0, stdout: expect.stringContaining('Dry run: nothing was written.') });
    expect((await valuesOf(2019)).rows).toHaveLength(0);
    const run = await corridor(['import', 'hexi-corridor-2017', file], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Imported 1 values into "hexi-corridor-2017"');
    const { rows, audit } = await valuesOf(2019);
    expect(rows.map((r) => r.value)).toEqual([1.5]);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ userId: null, after: { file, values: 1 } });
  });

  it('lists the bad rows, writes nothing and exits 1', async () => {
    const file = join(temp.dir, 'bad.csv');
    writeFileSync(
      file,
      'city,indicator,year,value,source\nwuwei,secondary_share_change,2019,1.5,B\natlantis,secondary_share_change,2019,2,B\n',
    );
    const run = await corridor(['import', 'hexi-corridor-2017', file], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('line 3: unknown city "atlantis"');
    expect((await valuesOf(2019)).rows).toHaveLength(0);
    expect((await corridor(['import', 'nope', file], env)).stderr).toContain('no assessment with id or code "nope"');
  });
});
