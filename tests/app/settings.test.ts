/**
 * Method settings of an assessment that cannot be evaluated yet (no cities, no indicators) are checked against the
 * engine's schema part by part, the panel's aggregate options included.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { assessmentAccess } from '../../src/app/access.ts';
import { createAssessment } from '../../src/app/assessments.ts';
import { EnginePool } from '../../src/app/engine-pool/pool.ts';
import { checkSettings } from '../../src/app/settings.ts';
import { memoryDb } from '../db/fixtures.ts';
import { addUser } from '../web/harness.ts';

const pool = new EnginePool();
afterAll(() => pool.close());

async function blank() {
  const db = await memoryDb();
  const admin = await addUser(db, 'admin', 'admin-password-for-tests', { isAdmin: true });
  const actor = { id: admin.id, isAdmin: true };
  const input = {
    code: 'empty',
    nameEn: 'E',
    nameZh: '空',
    regionEn: 'R',
    regionZh: '区',
    period: '2020',
    template: 'blank',
  };
  expect((await createAssessment(db, new Date(), actor, input)).kind).toBe('created');
  return { db, seat: (await assessmentAccess(db, actor, { code: 'empty' }))! };
}

describe('settings of an assessment without data', () => {
  it('refuses a panel aggregate or trim the engine would refuse, at its path', async () => {
    const { db, seat } = await blank();
    const bad = await checkSettings(db, pool, seat, { panel: { aggregate: 'mode', trim: 0.7 } });
    expect(bad.kind).toBe('refused');
    const paths = bad.kind === 'refused' ? bad.issues.map((i) => i.path) : [];
    expect([...new Set(paths)]).toEqual(['panel.aggregate', 'panel.trim']);
    const stray = await checkSettings(db, pool, seat, { panel: { experts: ['a'] } });
    expect(stray).toMatchObject({ kind: 'refused', issues: [expect.objectContaining({ path: 'panel' })] });
  });

  it('accepts valid settings, saying that only the schema was checked', async () => {
    const { db, seat } = await blank();
    const ok = await checkSettings(db, pool, seat, {
      method: { name: 'vikor', v: 0.5 },
      panel: { aggregate: 'trimmed', trim: 0.2 },
    });
    expect(ok).toEqual({ kind: 'ok', evaluated: false });
    const method = await checkSettings(db, pool, seat, { method: { name: 'vikor', v: 2 } });
    expect(method).toMatchObject({ kind: 'refused', issues: [expect.objectContaining({ path: 'method.v' })] });
  });
});
