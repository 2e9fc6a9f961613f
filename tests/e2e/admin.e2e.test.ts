/**
 * Administration pages in a real browser: an administrator creates an account (its password shown once), puts it on
 * the demo's panel, and the new evaluator makes an API token on their account page; screenshots in English, in
 * Chinese and on a phone.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AVAILABLE, type BrowserApp, REQUIRED, SCREENSHOTS, signIn as signInAs, startBrowserApp } from './harness.ts';

const ADMIN_PASSWORD = 'e2e-admin-password-1';
const DEMO = 'hexi-corridor-2017';

describe.skipIf(!AVAILABLE && !REQUIRED)('administration in a real browser', () => {
  let app: BrowserApp;
  beforeAll(async () => {
    app = await startBrowserApp({ adminPassword: ADMIN_PASSWORD });
  });
  afterAll(() => app?.close());

  const signIn = (page: Page, username: string, password: string, zh = false) =>
    signInAs(app, page, username, password, zh);

  it('creates an account, seats it on the panel, and the new evaluator makes a token', async () => {
    const context = await app.browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    app.watch(page);
    await signIn(page, 'admin', ADMIN_PASSWORD);
    await Promise.all([page.waitForURL(/\/admin\/users$/), page.getByRole('link', { name: 'Users' }).click()]);
    await page.getByLabel('Username').fill('wang.fang');
    await page.getByLabel('Name shown').fill('Wang Fang');
    await page.getByRole('button', { name: 'Create the account' }).click();
    const password = (await page.locator('#new-password').textContent())!;
    expect(password.length).toBeGreaterThanOrEqual(10);
    await page.screenshot({ path: join(SCREENSHOTS, 'users-en.png'), fullPage: true });

    await page.goto(`${app.base}/assessments/${DEMO}`);
    await Promise.all([page.waitForURL(/\/panel$/), page.getByRole('link', { name: 'Panel', exact: true }).click()]);
    await page.locator('#username').fill('wang.fang');
    await page.locator('#influence').fill('2');
    await Promise.all([page.waitForURL(/done=added/), page.getByRole('button', { name: 'Add to the panel' }).click()]);
    await expect.poll(() => page.locator('tr[data-member="wang.fang"]').count()).toBe(1);
    await page.screenshot({ path: join(SCREENSHOTS, 'panel-en.png'), fullPage: true });
    await context.close();

    const own = await app.browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 390, height: 844 },
      isMobile: true,
    });
    const phone = await own.newPage();
    app.watch(phone);
    await signIn(phone, 'wang.fang', password, true);
    await phone.goto(`${app.base}/account`);
    await phone.getByLabel('令牌名称').fill('每晚导出');
    await phone.getByRole('button', { name: '创建令牌' }).click();
    await expect.poll(async () => (await phone.locator('#new-token').textContent()) ?? '').toMatch(/^crd_/);
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await phone.screenshot({ path: join(SCREENSHOTS, 'account-zh-phone.png'), fullPage: true });
    await own.close();

    const zh = await app.browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true });
    const adminPhone = await zh.newPage();
    app.watch(adminPhone);
    await signIn(adminPhone, 'admin', ADMIN_PASSWORD, true);
    await adminPhone.goto(`${app.base}/admin/users`);
    await adminPhone.screenshot({ path: join(SCREENSHOTS, 'users-zh-phone.png'), fullPage: true });
    await adminPhone.goto(`${app.base}/assessments/${DEMO}/panel`);
    await adminPhone.screenshot({ path: join(SCREENSHOTS, 'panel-zh-phone.png'), fullPage: true });
    expect(app.problems).toEqual([]);
    await zh.close();
  });

  it('switches the method’s options in place and shows the engine’s error at its field', async () => {
    const context = await app.browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    // The refused save is a 422 on purpose.
    app.watch(page, /the server responded with a status of 422\b/);
    await signIn(page, 'admin', ADMIN_PASSWORD);
    await page.goto(`${app.base}/assessments/${DEMO}/settings`);
    await expect.poll(() => page.locator('#method\\.v').isVisible()).toBe(false);
    await page.locator('#method\\.name').selectOption('vikor');
    await expect.poll(() => page.locator('#method\\.v').isVisible()).toBe(true);
    await page.locator('#method\\.v').fill('3');
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Save the settings' }).click()]);
    await expect.poll(() => page.locator('#method\\.v').getAttribute('aria-invalid')).toBe('true');
    await page.screenshot({ path: join(SCREENSHOTS, 'settings-error-en.png'), fullPage: true });
    await page.locator('#method\\.v').fill('0.4');
    await page.locator('#coordination\\.enabled').check();
    await Promise.all([page.waitForURL(/saved=1/), page.getByRole('button', { name: 'Save the settings' }).click()]);
    await expect.poll(() => page.locator('[role=status]').textContent()).toBe('Settings saved.');
    await context.close();

    const zh = await app.browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true });
    const phone = await zh.newPage();
    app.watch(phone);
    await signIn(phone, 'admin', ADMIN_PASSWORD, true);
    await phone.goto(`${app.base}/assessments/${DEMO}/settings`);
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await phone.screenshot({ path: join(SCREENSHOTS, 'settings-zh-phone.png'), fullPage: true });
    expect(app.problems).toEqual([]);
    await zh.close();
  });

  it('previews an import with its problems, then imports a corrected file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'corridor-import-'));
    const bad = join(dir, 'stats-bad.csv');
    const good = join(dir, 'stats.csv');
    const header = 'city,indicator,year,value,source';
    const rows = ['wuwei', 'jinchang', 'zhangye', 'jiayuguan', 'jiuquan'].map(
      (c, k) => `${c},secondary_share_change,2018,${k - 2},Bulletin 2018`,
    );
    writeFileSync(
      bad,
      [header, ...rows, 'atlantis,secondary_share_change,2018,1,Bulletin 2018', 'wuwei,plan_alignment,2018,3,x'].join(
        '\n',
      ),
    );
    writeFileSync(good, [header, ...rows].join('\n'));
    const context = await app.browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    app.watch(page);
    await signIn(page, 'admin', ADMIN_PASSWORD);
    await page.goto(`${app.base}/assessments/${DEMO}`);
    await Promise.all([page.waitForURL(/\/import$/), page.getByRole('link', { name: 'Import statistics' }).click()]);
    await page.locator('#file').setInputFiles(bad);
    await Promise.all([
      page.waitForURL(/\/import\/jobs\//),
      page.getByRole('button', { name: 'Check the file' }).click(),
    ]);
    await expect.poll(() => page.locator('#preview').count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => page.locator('.import__counts').textContent()).toContain('2 rows with problems');
    await expect.poll(() => page.locator('table.import__rows').first().locator('tr.import__row--bad').count()).toBe(2);
    expect(await page.getByRole('button', { name: /^Import \d+ values$/ }).count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'import-problems-en.png'), fullPage: true });

    await page.locator('#file').setInputFiles(good);
    await Promise.all([
      page.waitForURL(/\/import\/jobs\//),
      page.getByRole('button', { name: 'Check the file' }).click(),
    ]);
    await expect.poll(() => page.getByRole('button', { name: 'Import 5 values' }).count(), { timeout: 10_000 }).toBe(1);
    await Promise.all([page.waitForURL(/imported=5/), page.getByRole('button', { name: 'Import 5 values' }).click()]);
    await expect.poll(() => page.locator('[role=status]').first().textContent()).toContain('Imported 5 values');
    await context.close();

    const zh = await app.browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true });
    const phone = await zh.newPage();
    app.watch(phone);
    await signIn(phone, 'admin', ADMIN_PASSWORD, true);
    await phone.goto(`${app.base}/assessments/${DEMO}/import`);
    await phone.locator('#file').setInputFiles(bad);
    await Promise.all([phone.waitForURL(/\/import\/jobs\//), phone.getByRole('button', { name: '检查文件' }).click()]);
    await expect.poll(() => phone.locator('#preview').count(), { timeout: 10_000 }).toBe(1);
    await phone.screenshot({ path: join(SCREENSHOTS, 'import-problems-zh-phone.png'), fullPage: true });
    expect(app.problems).toEqual([]);
    await zh.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates an assessment from the Hexi Corridor template', async () => {
    const context = await app.browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 390, height: 844 },
      isMobile: true,
    });
    const page = await context.newPage();
    app.watch(page);
    await signIn(page, 'admin', ADMIN_PASSWORD, true);
    await Promise.all([page.waitForURL(/\/assessments\/new$/), page.getByRole('link', { name: '新建评估' }).click()]);
    await page.getByLabel('代码（用于网址）').fill('hexi-2022');
    await page.getByLabel('英文名称').fill('Hexi Corridor, 2022');
    await page.getByLabel('中文名称').fill('河西走廊（2022年）');
    await page.getByLabel('英文地区名').fill('Gansu');
    await page.getByLabel('中文地区名').fill('甘肃');
    await page.getByLabel('时期').fill('2022');
    await page.screenshot({ path: join(SCREENSHOTS, 'new-assessment-zh-phone.png'), fullPage: true });
    await Promise.all([
      page.waitForURL(/\/assessments\/hexi-2022$/),
      page.getByRole('button', { name: '创建评估' }).click(),
    ]);
    await expect.poll(() => page.locator('h1').textContent()).toBe('河西走廊（2022年）');
    expect(app.problems).toEqual([]);
    await context.close();
  });
});
