import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Actor,
  type AssessmentAccess,
  accessFor,
  assessmentAccess,
  visibleAssessments,
} from '../../src/app/access.ts';
import { closeDatabase, type Db } from '../../src/db/client.ts';
import type { AssessmentId } from '../../src/db/ids.ts';
import {
  type Assessment,
  type AssessmentStatus,
  assessmentStatuses,
  assessments,
  type PanelRole,
  panelMembers,
  panelRoles,
  users,
} from '../../src/db/schema.ts';
import { memoryDb } from '../db/fixtures.ts';

// Every combination of the pure rule, so that a change to any branch of it shows here.
const expected = (isAdmin: boolean, status: AssessmentStatus, panelRole: PanelRole | null) => {
  if (isAdmin) return { role: 'administrator', panelRole };
  if (panelRole === 'evaluator' || panelRole === 'chair') return { role: panelRole, panelRole };
  if (panelRole === 'viewer' && status === 'published') return { role: 'viewer', panelRole: 'viewer' };
  return null;
};

const cases = [true, false].flatMap((isAdmin) =>
  assessmentStatuses.flatMap((status) => [...panelRoles, null].map((panelRole) => ({ isAdmin, status, panelRole }))),
);

describe('accessFor', () => {
  it('covers every status and panel role', () => {
    expect(assessmentStatuses).toEqual(['draft', 'open', 'closed', 'published']);
    expect(panelRoles).toEqual(['evaluator', 'viewer', 'chair']);
    expect(cases).toHaveLength(2 * 4 * 4);
  });

  it.each(cases)('admin $isAdmin, status $status, seat $panelRole', ({ isAdmin, status, panelRole }) => {
    expect(accessFor(isAdmin, status, panelRole)).toEqual(expected(isAdmin, status, panelRole));
  });

  it('lets an administrator in with or without a seat, keeping the seat', () => {
    expect(accessFor(true, 'draft', null)).toEqual({ role: 'administrator', panelRole: null });
    expect(accessFor(true, 'draft', 'viewer')).toEqual({ role: 'administrator', panelRole: 'viewer' });
  });

  it('keeps viewers out until publication, and outsiders out always', () => {
    for (const status of ['draft', 'open', 'closed'] as const) expect(accessFor(false, status, 'viewer')).toBeNull();
    expect(accessFor(false, 'published', 'viewer')).toEqual({ role: 'viewer', panelRole: 'viewer' });
    for (const status of assessmentStatuses) expect(accessFor(false, status, null)).toBeNull();
  });

  it('lets viewers in once a snapshot is published, whatever the status; outsiders still not', () => {
    for (const status of assessmentStatuses) {
      expect(accessFor(false, status, 'viewer', true)).toEqual({ role: 'viewer', panelRole: 'viewer' });
      expect(accessFor(false, status, null, true)).toBeNull();
    }
  });
});

// The same rule through the database look-ups, on a migrated libSQL database: three assessments, one per kind of
// access, and a user for each kind of seat.
describe('assessmentAccess and visibleAssessments', () => {
  let db: Db;
  const actors: Record<string, Actor> = {};
  const stored: Record<string, Assessment> = {};

  beforeAll(async () => {
    db = await memoryDb();
    const createdAt = new Date('2026-03-01T09:00:00Z');
    for (const [username, isAdmin] of [
      ['admin', true],
      ['alice', false],
      ['bob', false],
      ['carol', false],
      ['vera', false],
      ['nora', false],
    ] as const) {
      const [user] = await db
        .insert(users)
        .values({ username, displayName: username, passwordHash: 'unused', isAdmin, createdAt })
        .returning();
      actors[username] = { id: user!.id, isAdmin: user!.isAdmin };
    }
    for (const [code, nameEn, status] of [
      ['alpha', 'Alpha', 'draft'],
      ['beta', 'Beta', 'open'],
      ['gamma', 'Gamma', 'published'],
    ] as const) {
      const [assessment] = await db
        .insert(assessments)
        .values({
          code,
          nameEn,
          nameZh: nameEn,
          regionEn: 'Hexi',
          regionZh: '河西',
          period: '2020',
          status,
          methodSettings: {},
          createdBy: actors.admin!.id,
          createdAt,
        })
        .returning();
      stored[code] = assessment!;
    }
    const seats: [string, string, PanelRole][] = [
      ['alice', 'alpha', 'evaluator'],
      ['bob', 'beta', 'evaluator'],
      ['carol', 'beta', 'chair'],
      ['vera', 'alpha', 'viewer'],
      ['vera', 'gamma', 'viewer'],
      ['admin', 'gamma', 'evaluator'],
    ];
    for (const [username, code, role] of seats) {
      await db.insert(panelMembers).values({ assessmentId: stored[code]!.id, userId: actors[username]!.id, role });
    }
    // Seating a panel raises the assessment's data version: read the rows as they are now.
    for (const code of Object.keys(stored))
      stored[code] = (await db.query.assessments.findFirst({ where: eq(assessments.code, code) }))!;
  });
  afterAll(() => closeDatabase(db));

  // What each user may open, by the rule above: administrators everything (keeping their own seat), panel members
  // their own panel's assessments, viewers only once published, anyone else nothing.
  const expectedAccess: Record<string, Record<string, AssessmentAccess>> = {
    admin: {
      alpha: { role: 'administrator', panelRole: null },
      beta: { role: 'administrator', panelRole: null },
      gamma: { role: 'administrator', panelRole: 'evaluator' },
    },
    alice: { alpha: { role: 'evaluator', panelRole: 'evaluator' } },
    bob: { beta: { role: 'evaluator', panelRole: 'evaluator' } },
    carol: { beta: { role: 'chair', panelRole: 'chair' } },
    vera: { gamma: { role: 'viewer', panelRole: 'viewer' } },
    nora: {},
  };
  const usernames = Object.keys(expectedAccess);

  it.each(usernames)('lists for %s exactly the assessments they may open, by name', async (username) => {
    const listed = await visibleAssessments(db, actors[username]!);
    expect(listed).toEqual(
      Object.entries(expectedAccess[username]!).map(([code, access]) => ({ assessment: stored[code], access })),
    );
  });

  it.each(usernames)('opens for %s, by id and by code, only what the list shows', async (username) => {
    for (const code of ['alpha', 'beta', 'gamma']) {
      const access = expectedAccess[username]![code];
      const expected = access ? { assessment: stored[code], access } : null;
      expect(await assessmentAccess(db, actors[username]!, { code })).toEqual(expected);
      expect(await assessmentAccess(db, actors[username]!, { id: stored[code]!.id })).toEqual(expected);
    }
  });

  it('finds nothing, even for an administrator, where there is no assessment', async () => {
    expect(await assessmentAccess(db, actors.admin!, { code: 'delta' })).toBeNull();
    expect(await assessmentAccess(db, actors.admin!, { id: (stored.gamma!.id + 100) as AssessmentId })).toBeNull();
  });
});
