/**
 * The weights editor in a real browser: an administrator switches the dimensions to AHP, changes a judgment and sees
 * CR update in place, applies the suggested revision, blends with entropy and saves; in English, in Chinese and on
 * a phone, with screenshots in tests/e2e/screenshots/.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/auth/password.ts';
import { findUserByUsername, setPasswordHash } from '../../src/db/queries/users.ts';
import { AVAILABLE, type BrowserApp, REQUIRED, SCREENSHOTS, signIn as signInAs, startBrowserApp } from './harness.ts';

const ADMIN_PASSWORD = 'e2e-admin-password-1';
const DEMO = 'hexi-corridor-2017';

describe.skipIf(!AVAILABLE && !REQUIRED)('the weights editor in a real browser', () => {
  let app: BrowserApp;

  beforeAll(async () => {
    app = await startBrowserApp({ adminPassword: ADMIN_PASSWORD });
  });
  afterAll(() => app?.close());

  const signIn = (page: Page, zh = false) => signInAs(app, page, 'admin', ADMIN_PASSWORD, zh);
  const cr = (page: Page) =>
    page.locator('#weights-editor .ahp__consistency [data-cr]').first().getAttribute('data-cr');

  it('updates CR as a judgment changes, applies the suggestion, blends with entropy and saves a version', async () => {
    const context = await app.browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    app.watch(page);
    await signIn(page);
    await page.goto(`${app.base}/assessments/${DEMO}`);
    await Promise.all([page.waitForURL(/\/weights$/), page.getByRole('link', { name: 'Weights' }).click()]);

    await page.locator('#dimensions\\.scheme').selectOption('ahp');
    await expect.poll(() => cr(page)).toBe('0.000');
    // Planning strongly over policy, policy over industry, but industry over planning: inconsistent.
    await page.locator('#dimensions\\.ahp\\.0\\.1').selectOption('7');
    await page.locator('#dimensions\\.ahp\\.1\\.2').selectOption('5');
    await page.locator('#dimensions\\.ahp\\.0\\.2').selectOption('1/5');
    await expect.poll(async () => Number(await cr(page))).toBeGreaterThan(0.1);
    const worst = page.locator('.ahp__cell--worst');
    await expect.poll(() => worst.count()).toBe(1);
    // The select being changed keeps focus across the live update (the form is morphed, not replaced).
    await page.locator('#dimensions\\.ahp\\.2\\.3').focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('dimensions.ahp.2.3');
    await page.screenshot({ path: join(SCREENSHOTS, 'weights-ahp-en.png'), fullPage: true });

    const before = Number(await cr(page));
    await page.getByRole('button', { name: 'Use suggestion' }).first().click();
    await expect.poll(async () => Number(await cr(page))).toBeLessThan(before);

    await page.locator('#blend\\.objective').selectOption('entropy');
    await page.locator('#blend\\.alpha').fill('70');
    await expect.poll(() => page.locator('.weights__details').count()).toBe(1);
    await page.locator('.weights__details summary').click();
    await page.locator('#note').fill('AHP of the dimensions, blended 70/30 with entropy');
    await Promise.all([
      page.waitForURL(/saved=2$/),
      page.getByRole('button', { name: 'Save as a new version' }).click(),
    ]);
    await expect.poll(() => page.locator('[role=status]').textContent()).toContain('Saved as version 2');
    await expect.poll(() => page.locator('#blend\\.objective').inputValue()).toBe('entropy');
    await page.screenshot({ path: join(SCREENSHOTS, 'weights-saved-en.png'), fullPage: true });
    expect(app.problems).toEqual([]);
    await context.close();
  });

  it('reads in Chinese and fits a phone', async () => {
    const context = await app.browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 390, height: 844 },
      isMobile: true,
    });
    const page = await context.newPage();
    app.watch(page);
    await signIn(page, true);
    await page.goto(`${app.base}/assessments/${DEMO}/weights`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('权重');
    await page.locator('#within\\.scheme').selectOption('ahp');
    await expect.poll(() => page.locator('#weights-editor .ahp__consistency').count()).toBeGreaterThan(0);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'weights-zh-phone.png'), fullPage: true });
    expect(app.problems).toEqual([]);
    await context.close();
  });

  it('group AHP: an evaluator compares the dimensions, the administrator combines the panel and leaves one out', async () => {
    const password = 'e2e-panelist-password-1';
    const user = await findUserByUsername(app.db, 'expert1');
    await setPasswordHash(app.db, user!, await hashPassword(password), null, new Date());
    const context = await app.browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    app.watch(page);
    await signInAs(app, page, 'expert1', password);
    await page.goto(`${app.base}/assessments/${DEMO}`);
    await Promise.all([
      page.waitForURL(/\/judgments$/),
      page.getByRole('link', { name: 'Pairwise comparisons' }).click(),
    ]);
    const form = page.locator('#judgments-dimensions');
    await form.locator('select[name="j.0.1"]').selectOption('3');
    await expect.poll(async () => Number(await form.locator('[data-cr]').getAttribute('data-cr'))).toBeLessThan(0.1);
    await form.locator('select[name="j.1.2"]').selectOption('3');
    await form.locator('select[name="j.0.2"]').selectOption('1/3');
    await expect.poll(async () => Number(await form.locator('[data-cr]').getAttribute('data-cr'))).toBeGreaterThan(0.1);
    await page.screenshot({ path: join(SCREENSHOTS, 'judgments-en.png'), fullPage: true });
    await Promise.all([
      page.waitForURL(/saved=/),
      form.getByRole('button', { name: 'Save these comparisons' }).click(),
    ]);
    await context.close();

    const admin = await app.browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    const adminPage = await admin.newPage();
    app.watch(adminPage);
    await signIn(adminPage);
    await adminPage.goto(`${app.base}/assessments/${DEMO}/weights`);
    await adminPage.locator('#dimensions\\.scheme').selectOption('group');
    const member = adminPage.locator('tr[data-member="expert1"]');
    // The group's table is in the page from the start, hidden: wait for the engine's answer to show it.
    await expect.poll(() => member.isVisible()).toBe(true);
    await expect.poll(() => adminPage.locator('[data-share="planning"]').textContent()).not.toBe('—');
    await expect.poll(() => member.locator('td.weights__cr--bad').count()).toBe(1);
    await adminPage.screenshot({ path: join(SCREENSHOTS, 'weights-group-en.png'), fullPage: true });
    await member.locator('input[type=checkbox]').check();
    await expect.poll(() => adminPage.locator('#weights-editor .notice--error').count()).toBe(1);
    expect(app.problems).toEqual([]);
    await admin.close();
  });
});
