/**
 * The real server in a real browser: Debian's /usr/bin/chromium driven by playwright-core (never a
 * downloaded browser). Signs in as the administrator, a demo evaluator, a reader of the (not yet published)
 * demo and a user on no panel, checks what each one's home page lists, switches to Chinese, and saves
 * screenshots to tests/e2e/screenshots/ for a person to look at.
 */
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessments, panelMembers } from '../../src/db/schema.ts';
import { printedPassword } from '../db/fixtures.ts';
import { addUser } from '../web/harness.ts';
import { AVAILABLE, type BrowserApp, REQUIRED, SCREENSHOTS, startBrowserApp } from './harness.ts';

const ADMIN_PASSWORD = 'e2e-admin-password-1';
const OTHER_PASSWORD = 'e2e-other-password-1';
const DEMO_EN = 'Urbanization of the Hexi Corridor cities, 2017';
const DEMO_ZH = '河西走廊城市城镇化评估（2017年）';

describe.skipIf(!AVAILABLE && !REQUIRED)('the home page in a real browser', () => {
  let app: BrowserApp;
  let base: string;
  let db: BrowserApp['db'];
  let consoleProblems: string[];

  beforeAll(async () => {
    app = await startBrowserApp({ adminPassword: ADMIN_PASSWORD });
    ({ base, db, problems: consoleProblems } = app);
    // A reader of the demo, which is open and not published, and a user on no panel at all: neither may see it.
    const [demo] = await db.select().from(assessments);
    const reader = await addUser(db, 'reader', OTHER_PASSWORD, { displayName: 'Report Reader' });
    await db.insert(panelMembers).values({ assessmentId: demo!.id, userId: reader.id, role: 'viewer' });
    await addUser(db, 'outsider', OTHER_PASSWORD, { displayName: 'Outside User' });
  });
  afterAll(() => app?.close());

  const watch = (page: Page) => app.watch(page);

  /** A fresh browser profile (no cookies) preferring English, its console watched. */
  async function englishPage(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await app.browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    watch(page);
    return { context, page };
  }

  /** Rows the top bar's items sit on: items whose vertical middles are within 12 px share one. */
  const topbarRows = (page: Page) =>
    page.evaluate(() => {
      const middles = [...document.querySelectorAll('.brand, .mainnav, .lang-switch, .usermenu')]
        .map((el) => {
          const box = el.getBoundingClientRect();
          return box.top + box.height / 2;
        })
        .sort((a, b) => a - b);
      return middles.filter((y, k) => k === 0 || y - middles[k - 1]! > 12).length;
    });

  async function signIn(page: Page, username: string, password: string): Promise<void> {
    await page.goto(`${base}/login`);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(password);
    await Promise.all([page.waitForURL(`${base}/`), page.getByRole('button', { name: 'Sign in' }).click()]);
  }

  it('signs in as the administrator, lists the demo, switches to Chinese, without a CSP violation', async () => {
    const { context, page } = await englishPage();

    await page.goto(`${base}/`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    await page.screenshot({ path: join(SCREENSHOTS, 'login-en.png'), fullPage: true });

    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill(ADMIN_PASSWORD);
    await Promise.all([page.waitForURL(`${base}/`), page.getByRole('button', { name: 'Sign in' }).click()]);

    await expect.poll(() => page.locator('h1').textContent()).toBe('Your assessments');
    const card = page.locator('li.assessment', { hasText: DEMO_EN });
    expect(await card.count()).toBe(1);
    expect(await card.textContent()).toContain('Illustrative demo data');
    expect(await card.textContent()).toContain('Hexi Corridor');
    // The stylesheet and htmx are served by us and allowed by the CSP.
    expect(await page.evaluate(() => typeof (window as unknown as { htmx?: unknown }).htmx)).toBe('object');
    expect(await page.locator('.topbar').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(
      'rgb(31, 58, 95)',
    );
    await page.screenshot({ path: join(SCREENSHOTS, 'home-en.png'), fullPage: true });

    await Promise.all([page.waitForURL(`${base}/`), page.getByRole('button', { name: '简体中文' }).click()]);
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('zh-Hans');
    expect(await page.locator('h1').textContent()).toBe('我的评估项目');
    expect(await page.locator('li.assessment', { hasText: DEMO_ZH }).count()).toBe(1);
    expect(await page.locator('body').textContent()).toContain('示意性演示数据');
    await page.screenshot({ path: join(SCREENSHOTS, 'home-zh.png'), fullPage: true });

    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(SCREENSHOTS, 'home-zh-mobile.png'), fullPage: true });
    expect(await topbarRows(page)).toBe(2);
    await page.setViewportSize({ width: 1280, height: 800 });

    await Promise.all([page.waitForURL(/\/login/), page.getByRole('button', { name: '退出登录' }).click()]);
    expect(await page.locator('h1').textContent()).toBe('登录');
    await page.screenshot({ path: join(SCREENSHOTS, 'login-zh.png'), fullPage: true });

    expect(consoleProblems).toEqual([]);
    await context.close();
  }, 60_000);

  it('signs in as a demo evaluator, who sees the demo under the assessments they evaluate, with the evaluator role', async () => {
    const { context, page } = await englishPage();
    await signIn(page, 'expert1', printedPassword(app.seedOutput, 'expert1'));
    await expect.poll(() => page.locator('h1').textContent()).toBe('Your assessments');
    expect(await page.locator('.usermenu__name').textContent()).toContain('Chen Jing');
    expect(await page.locator('.usermenu__badge').count()).toBe(0);
    const group = page.locator('section[data-group="evaluator"]');
    expect(await group.locator('h2').textContent()).toBe('Assessments you evaluate');
    const cards = group.locator('li.assessment');
    expect(await cards.count()).toBe(1);
    expect(await cards.locator('h3').textContent()).toBe(DEMO_EN);
    expect(await cards.locator('.badge--role').textContent()).toBe('Evaluator');
    expect(await page.locator('section[data-group="all"], section[data-group="viewer"]').count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'home-evaluator-en.png'), fullPage: true });
    // On a phone the top bar has the same two rows for an evaluator as for the administrator (badge and all).
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(SCREENSHOTS, 'home-evaluator-en-mobile.png'), fullPage: true });
    expect(await topbarRows(page)).toBe(2);
    await page.setViewportSize({ width: 1280, height: 800 });

    await Promise.all([page.waitForURL(`${base}/`), page.getByRole('button', { name: '简体中文' }).click()]);
    expect(await page.locator('section[data-group="evaluator"] .badge--role').textContent()).toBe('评估专家');
    await page.screenshot({ path: join(SCREENSHOTS, 'home-evaluator-zh.png'), fullPage: true });
    expect(consoleProblems).toEqual([]);
    await context.close();
  }, 60_000);

  it('shows no assessment to a reader before publication nor to a user on no panel', async () => {
    for (const username of ['reader', 'outsider']) {
      const { context, page } = await englishPage();
      await signIn(page, username, OTHER_PASSWORD);
      await expect.poll(() => page.locator('h1').textContent()).toBe('Your assessments');
      expect(await page.locator('li.assessment').count(), username).toBe(0);
      expect(await page.locator('body').textContent(), username).not.toContain(DEMO_EN);
      expect(await page.locator('p.empty').textContent(), username).toContain('No assessments to show yet.');
      await page.screenshot({ path: join(SCREENSHOTS, `home-${username}-en.png`), fullPage: true });
      await context.close();
    }
    // Once the demo is published its reader sees it, as a reader; the user on no panel still sees nothing.
    await db.update(assessments).set({ status: 'published' });
    try {
      const { context, page } = await englishPage();
      await signIn(page, 'reader', OTHER_PASSWORD);
      const cards = page.locator('section[data-group="viewer"] li.assessment');
      await expect.poll(() => cards.count()).toBe(1);
      expect(await cards.locator('.badge--role').textContent()).toBe('Viewer');
      await page.screenshot({ path: join(SCREENSHOTS, 'home-reader-published-en.png'), fullPage: true });
      await context.close();
    } finally {
      await db.update(assessments).set({ status: 'open' }).where(eq(assessments.code, 'hexi-corridor-2017'));
    }
    expect(consoleProblems).toEqual([]);
  }, 60_000);

  it('shows a failed sign-in and the 404 page without console errors', async () => {
    const { context, page } = await englishPage();
    await page.goto(`${base}/login`);
    // The form does not stop an empty submission in the browser (novalidate): the server names each field.
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Some fields need attention.');
    expect(await page.locator('#username-error').textContent()).toBe('Username: this field is required.');
    expect(await page.locator('#password-error').textContent()).toBe('Password: this field is required.');
    // Each problem is said once, where it belongs.
    expect(await page.getByText('Username: this field is required.').count()).toBe(1);
    await page.screenshot({ path: join(SCREENSHOTS, 'login-invalid-en.png'), fullPage: true });
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Incorrect username or password.');
    await page.screenshot({ path: join(SCREENSHOTS, 'login-failed-en.png'), fullPage: true });

    const res = await page.goto(`${base}/no/such/page`);
    expect(res?.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toBe('Page not found');
    await page.screenshot({ path: join(SCREENSHOTS, 'not-found-en.png'), fullPage: true });
    // Chromium logs the status of the page itself (422, 404) as a console error; nothing else may appear.
    expect(
      consoleProblems.filter((p) => !/\/login: .*status of (400|422)|\/no\/such\/page: .*status of 404/.test(p)),
    ).toEqual([]);
    await context.close();
  }, 60_000);
});
