/**
 * The rules that keep an installation administrable hold when administrators act at the same moment: the condition
 * is part of the write, so two of them demoting or disabling each other cannot leave none.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { disable, setAdmin } from '../../src/app/users.ts';
import { auditLog, users } from '../../src/db/schema.ts';
import { memoryDb } from '../db/fixtures.ts';
import { addUser } from '../web/harness.ts';

const now = new Date('2026-03-02T09:00:00Z');

async function twoAdmins() {
  const db = await memoryDb();
  const ann = await addUser(db, 'ann', 'ann-password-for-tests', { isAdmin: true });
  const bob = await addUser(db, 'bob', 'bob-password-for-tests', { isAdmin: true });
  const active = async () =>
    (await db.select().from(users)).filter((u) => u.isAdmin && u.disabledAt === null).map((u) => u.username);
  return { db, ann, bob, active };
}

describe('the last active administrator', () => {
  it('stays when two administrators remove each other’s flag at once: one change is made, one refused', async () => {
    const { db, ann, bob, active } = await twoAdmins();
    const outcomes = await Promise.all([
      setAdmin(db, now, { id: ann.id, isAdmin: true }, 'bob', false),
      setAdmin(db, now, { id: bob.id, isAdmin: true }, 'ann', false),
    ]);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(['done', 'refused']);
    expect(outcomes.find((o) => o.kind === 'refused')).toMatchObject({ status: 409 });
    expect(await active()).toHaveLength(1);
    expect(await db.select().from(auditLog).where(eq(auditLog.action, 'user.admin'))).toHaveLength(1);
  });

  it('stays when two administrators disable each other at once', async () => {
    const { db, ann, bob, active } = await twoAdmins();
    const outcomes = await Promise.all([
      disable(db, now, { id: ann.id, isAdmin: true }, 'bob'),
      disable(db, now, { id: bob.id, isAdmin: true }, 'ann'),
    ]);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(['done', 'refused']);
    expect(await active()).toHaveLength(1);
    expect(await db.select().from(auditLog).where(eq(auditLog.action, 'user.disable'))).toHaveLength(1);
  });

  it('is refused alone too, while any other administrator may be demoted or disabled', async () => {
    const { db, ann, active } = await twoAdmins();
    expect((await setAdmin(db, now, { id: ann.id, isAdmin: true }, 'bob', false)).kind).toBe('done');
    expect(await disable(db, now, null, 'ann')).toMatchObject({ kind: 'refused', status: 409 });
    expect(await active()).toEqual(['ann']);
  });
});
