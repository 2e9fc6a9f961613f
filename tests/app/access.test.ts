import { describe, expect, it } from 'vitest';
import { accessFor } from '../../src/app/access.ts';
import { type AssessmentStatus, assessmentStatuses, type PanelRole, panelRoles } from '../../src/db/schema.ts';

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
});
