/**
 * Ending a user's sessions from the users page, in a real browser: the evaluator's open page is signed out at its
 * next request, and the account audit log shows it. Screenshots in English and Chinese, on a desktop and a phone.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printedPassword } from '../db/fixtures.ts';
import { AVAILABLE, type BrowserApp, REQUIRED, SCREENSHOTS, signIn, startBrowserApp } from './harness.ts';

const ADMIN_PASSWORD = 'e2e-admin-password-1';
/** Also kept outside the repository, for a reviewer to look at. */
const SHOTS = process.env.SHOTS_DIR ?? SCREENSHOTS;

const phone = { viewport: { width: 390, height: 844 }, isMobile: true };
const desktop = { viewport: { width: 1280, height: 900 } };

describe.skipIf(!AVAILABLE && !REQUIRED)('ending sessions and the account audit log in a real browser', () => {
  let app: BrowserApp;
  beforeAll(async () => {
    app = await startBrowserApp({ adminPassword: ADMIN_PASSWORD });
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(() => app?.close());

  const open = async (browser: Browser, locale: string, size: typeof phone | typeof desktop): Promise<Page> => {
    const page = await (await browser.newContext({ locale, ...size })).newPage();
    app.watch(page);
    return page;
  };
  const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

  it('signs the evaluator out everywhere, and the log shows who did it', async () => {
    const expert = await open(app.browser, 'en-US', desktop);
    await signIn(app, expert, 'expert1', printedPassword(app.seedOutput, 'expert1'));

    const admin = await open(app.browser, 'en-US', desktop);
    await signIn(app, admin, 'admin', ADMIN_PASSWORD);
    await admin.goto(`${app.base}/admin/users`);
    const row = admin.locator('tr[data-user="expert1"]');
    await expect.poll(() => row.getByRole('button', { name: 'End sessions (1)' }).count()).toBe(1);
    expect(await admin.locator('tr[data-user="admin"]').getByRole('button').allTextContents()).toContain(
      'End my sessions (1): signs me out',
    );
    await admin.screenshot({ path: join(SHOTS, 'users-sessions-en.png'), fullPage: true });
    await Promise.all([
      admin.waitForURL(/done=sessionsEnded/),
      row.getByRole('button', { name: 'End sessions (1)' }).click(),
    ]);
    expect(await admin.locator('[role="status"], .notice').first().textContent()).toContain(
      '"expert1" is signed out on every device.',
    );
    expect(await row.getByRole('button', { name: 'End sessions (0)' }).count()).toBe(1);

    await expert.reload();
    await expect.poll(() => expert.url()).toMatch(/\/login/);

    await Promise.all([
      admin.waitForURL(/\/admin\/users\/audit$/),
      admin.getByRole('link', { name: /Account audit log/ }).click(),
    ]);
    const first = admin.locator('tbody tr').first();
    expect(await first.locator('td').allTextContents()).toEqual([
      expect.any(String),
      'admin',
      'Sessions ended by an administrator',
      'expert1',
      '',
      'sessions ended: 1',
    ]);
    await admin.getByLabel('Account or username').fill('expert1');
    await Promise.all([admin.waitForURL(/person=expert1/), admin.getByRole('button', { name: 'Filter' }).click()]);
    await admin.screenshot({ path: join(SHOTS, 'account-audit-en.png'), fullPage: true });

    const zh = await open(app.browser, 'zh-CN', phone);
    await signIn(app, zh, 'admin', ADMIN_PASSWORD, true);
    await zh.goto(`${app.base}/admin/users`);
    expect(await zh.locator('tr[data-user="expert1"]').getByRole('button', { name: '结束会话（0）' }).count()).toBe(1);
    expect(await overflow(zh)).toBeLessThanOrEqual(0);
    await zh.screenshot({ path: join(SHOTS, 'users-sessions-zh-phone.png'), fullPage: true });
    await zh.goto(`${app.base}/admin/users/audit`);
    expect(await zh.locator('h1').textContent()).toBe('账户审计日志');
    expect(await zh.locator('tbody td', { hasText: '管理员结束了会话' }).count()).toBe(1);
    expect(await overflow(zh)).toBeLessThanOrEqual(0);
    await zh.screenshot({ path: join(SHOTS, 'account-audit-zh-phone.png'), fullPage: true });

    const zhDesk = await open(app.browser, 'zh-CN', desktop);
    await signIn(app, zhDesk, 'admin', ADMIN_PASSWORD, true);
    await zhDesk.goto(`${app.base}/admin/users/audit`);
    await zhDesk.screenshot({ path: join(SHOTS, 'account-audit-zh.png'), fullPage: true });
    const enPhone = await open(app.browser, 'en-US', phone);
    await signIn(app, enPhone, 'admin', ADMIN_PASSWORD);
    await enPhone.goto(`${app.base}/admin/users/audit`);
    expect(await overflow(enPhone)).toBeLessThanOrEqual(0);
    await enPhone.screenshot({ path: join(SHOTS, 'account-audit-en-phone.png'), fullPage: true });
    await enPhone.goto(`${app.base}/admin/users`);
    await enPhone.screenshot({ path: join(SHOTS, 'users-sessions-en-phone.png'), fullPage: true });
    expect(app.problems).toEqual([]);
  });
});
