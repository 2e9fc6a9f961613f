/**
 * The weights editor in a real browser: an administrator switches the dimensions to AHP, changes a judgment and sees
 * CR update in place, applies the suggested revision, blends with entropy and saves; in English, in Chinese and on
 * a phone, with screenshots in tests/e2e/screenshots/.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
});
