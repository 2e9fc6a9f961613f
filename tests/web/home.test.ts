import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessFor, assessmentAccess } from '../../src/app/access.ts';
import { hashPassword } from '../../src/auth/password.ts';
import type { AssessmentId } from '../../src/db/ids.ts';
import { findUserByUsername, setPasswordHash } from '../../src/db/queries/users.ts';
import { assessmentStatuses, assessments, type PanelRole, panelMembers, panelRoles } from '../../src/db/schema.ts';
import { seedIfEmpty } from '../../src/db/seed.ts';
import { addUser, get, login, startTestApp, type TestApp } from './harness.ts';

const ADMIN_PASSWORD = 'admin-password-for-tests';
const PASSWORD = 'river-oasis-gansu-42';
const DEMO_EN = 'Urbanization of the Hexi Corridor cities, 2017';
const DEMO_ZH = '河西走廊城市城镇化评估（2017年）';
const OTHER_EN = 'Lanzhou–Xining urban belt, 2020';

let t: TestApp;
let demoId: AssessmentId;
let otherId: AssessmentId;

/** The cards of one group on the home page, as the names they show. */
function group(html: string, kind: string): string[] {
  const section = html.match(new RegExp(`<section[^>]*data-group="${kind}"[\\s\\S]*?</section>`))?.[0] ?? '';
  return [
    ...section.matchAll(/<h3 class="assessment__title"><a href="\/assessments\/[a-z0-9-]+">([^<]*)<\/a><\/h3>/g),
  ].map((m) => m[1]);
}

async function homeOf(username: string, password: string, acceptLanguage = 'en'): Promise<string> {
  const { cookie } = await login(t, username, password);
  const res = await get(t, '/', { cookie, headers: { 'accept-language': acceptLanguage } });
  expect(res.status).toBe(200);
  return res.text();
}

beforeAll(async () => {
  t = await startTestApp();
  const outcome = await seedIfEmpty(t.db, { adminPassword: ADMIN_PASSWORD, demo: true, log: () => {}, clock: t.now });
  expect(outcome.seeded).toBe(true);
  const expert1 = await findUserByUsername(t.db, 'expert1');
  await setPasswordHash(t.db, expert1!, await hashPassword(PASSWORD), null, t.now());
  const admin = await findUserByUsername(t.db, 'admin');
  const [demo] = await t.db.select().from(assessments);
  demoId = demo.id;
  // A second assessment that expert1 is not on: only the administrator and its own panel may see it.
  const [other] = await t.db
    .insert(assessments)
    .values({
      code: 'lanzhou-xining',
      nameEn: OTHER_EN,
      nameZh: '兰西城市群（2020年）',
      regionEn: 'Lanzhou–Xining',
      regionZh: '兰西',
      period: '2020',
      status: 'draft',
      methodSettings: {},
      createdBy: admin!.id,
      createdAt: t.now(),
    })
    .returning();
  otherId = other.id;
  const reader = await addUser(t.db, 'reader', PASSWORD, { displayName: 'Report Reader' });
  await t.db.insert(panelMembers).values({ assessmentId: demoId, userId: reader.id, role: 'viewer' });
  await addUser(t.db, 'outsider', PASSWORD);
});
afterAll(() => t.close());

describe('home page', () => {
  it('shows the administrator every assessment, with region, period, status and the illustrative badge', async () => {
    const html = await homeOf('admin', ADMIN_PASSWORD);
    expect(group(html, 'all').sort()).toEqual([DEMO_EN, OTHER_EN].sort());
    const demoCard = html.match(new RegExp(`<li[^>]*data-assessment-id="${demoId}"[\\s\\S]*?</li>`))?.[0] ?? '';
    expect(demoCard).toContain('Hexi Corridor');
    expect(demoCard).toContain('<dd>2017</dd>');
    expect(demoCard).toContain('Open for scoring');
    expect(demoCard).toContain('Illustrative demo data');
    expect(demoCard).toContain('Panel chair');
    const otherCard = html.match(new RegExp(`<li[^>]*data-assessment-id="${otherId}"[\\s\\S]*?</li>`))?.[0] ?? '';
    expect(otherCard).toContain('Draft');
    expect(otherCard).toContain('Administrator');
    expect(otherCard).not.toContain('Illustrative demo data');
  });

  it('uses the Chinese names on the Chinese page', async () => {
    const html = await homeOf('admin', ADMIN_PASSWORD, 'zh-CN');
    expect(group(html, 'all')).toContain(DEMO_ZH);
    expect(html).toContain('示意性演示数据');
    expect(html).toContain('评分进行中');
  });

  it('shows an evaluator only the assessments whose panel they sit on, with their role', async () => {
    const html = await homeOf('expert1', PASSWORD);
    expect(group(html, 'evaluator')).toEqual([DEMO_EN]);
    expect(group(html, 'viewer')).toEqual([]);
    expect(group(html, 'all')).toEqual([]);
    expect(html).toContain('Assessments you evaluate');
    expect(html).not.toContain(OTHER_EN);
  });

  it('shows a viewer published assessments only', async () => {
    const before = await homeOf('reader', PASSWORD);
    expect(group(before, 'viewer')).toEqual([]);
    expect(before).not.toContain(DEMO_EN);
    // The empty-page text must not claim a reader is on no panel: they are, the results are just not out yet.
    expect(before).toContain('once its results are published');
    await t.db.update(assessments).set({ status: 'published' }).where(eq(assessments.id, demoId));
    try {
      const html = await homeOf('reader', PASSWORD);
      expect(group(html, 'viewer')).toEqual([DEMO_EN]);
      expect(html).toContain('Published results you can read');
    } finally {
      await t.db.update(assessments).set({ status: 'open' }).where(eq(assessments.id, demoId));
    }
  });

  it('tells someone without a panel seat so', async () => {
    const html = await homeOf('outsider', PASSWORD);
    expect(html).toContain('No assessments to show yet.');
    expect(html).not.toContain('data-assessment-id');
  });
});

describe('assessment access', () => {
  it('checks the assessment itself, not only the role', async () => {
    const user = async (name: string) => {
      const u = (await findUserByUsername(t.db, name))!;
      return { id: u.id, isAdmin: u.isAdmin };
    };
    const accessOf = async (name: string, id: AssessmentId) =>
      (await assessmentAccess(t.db, await user(name), { id }))?.access ?? null;
    expect(await accessOf('admin', demoId)).toEqual({
      role: 'administrator',
      panelRole: 'chair',
    });
    expect(await accessOf('admin', otherId)).toEqual({
      role: 'administrator',
      panelRole: null,
    });
    expect(await accessOf('expert1', demoId)).toEqual({
      role: 'evaluator',
      panelRole: 'evaluator',
    });
    expect(await accessOf('expert1', otherId)).toBeNull();
    expect(await accessOf('reader', demoId)).toBeNull();
    expect(await accessOf('outsider', demoId)).toBeNull();
    expect(await accessOf('admin', 999_999 as AssessmentId)).toBeNull();
    // By code, as URLs address assessments: the same rule, and the assessment itself comes back.
    const byCode = await assessmentAccess(t.db, await user('expert1'), { code: 'hexi-corridor-2017' });
    expect(byCode?.assessment.id).toBe(demoId);
    expect(byCode?.access.role).toBe('evaluator');
    expect(await assessmentAccess(t.db, await user('expert1'), { code: 'no-such-assessment' })).toBeNull();
  });

  it('keeps its invariants for every combination of administrator flag, status and seat', () => {
    const seat = fc.option(fc.constantFrom<PanelRole>(...panelRoles), { nil: null });
    const status = fc.constantFrom(...assessmentStatuses);
    fc.assert(
      fc.property(fc.boolean(), status, status, seat, (isAdmin, s1, s2, panelRole) => {
        const access = accessFor(isAdmin, s1, panelRole);
        // Administrators always get in, and their own seat is reported, not lost.
        if (isAdmin) expect(access).toEqual({ role: 'administrator', panelRole });
        // Nobody else gets in without a seat.
        if (!isAdmin && panelRole === null) expect(access).toBeNull();
        // Readers never see an assessment before it is published.
        if (access?.role === 'viewer') expect(s1).toBe('published');
        if (!isAdmin && panelRole === 'viewer' && s1 === 'published')
          expect(access).toEqual({ role: 'viewer', panelRole });
        // Evaluators and chairs keep their access through every status.
        if (!isAdmin && (panelRole === 'evaluator' || panelRole === 'chair'))
          expect(accessFor(false, s2, panelRole)).toEqual(access);
      }),
    );
  });
});
