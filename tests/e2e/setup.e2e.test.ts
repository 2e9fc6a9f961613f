/**
 * The setup page in a real browser: a name corrected in place while a round is open, then (round closed) a city with
 * scores removed after the confirmation that names what goes, and an indicator added; all through htmx without
 * leaving the page. Screenshots in English, in Chinese and on a phone.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AVAILABLE, type BrowserApp, REQUIRED, SCREENSHOTS, signIn, startBrowserApp } from './harness.ts';

const ADMIN_PASSWORD = 'e2e-admin-password-1';
const DEMO = 'hexi-corridor-2017';

describe.skipIf(!AVAILABLE && !REQUIRED)('setting up an assessment in a real browser', () => {
  let app: BrowserApp;
  beforeAll(async () => {
    app = await startBrowserApp({ adminPassword: ADMIN_PASSWORD });
  });
  afterAll(() => app?.close());

  it('edits in place, refuses structure changes during a round, and asks before removing data', async () => {
    const context = await app.browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    // The refusal of a new city while round 1 is open, and the confirmation asked first, are 409s by design.
    app.watch(page, /status of 409\b/);
    await signIn(app, page, 'admin', ADMIN_PASSWORD);
    await page.goto(`${app.base}/assessments/${DEMO}`);
    await Promise.all([page.waitForURL(/\/setup$/), page.getByRole('link', { name: 'Setup', exact: true }).click()]);
    await expect.poll(() => page.getByText('Round 1 is open').count()).toBe(1);
    // A marker on the window survives only if the page is never reloaded.
    await page.evaluate(() => {
      (window as unknown as { marker: number }).marker = 1;
    });

    const wuwei = page.locator('tr[data-item="city:wuwei"]');
    await wuwei.getByLabel('Name (English) of Wuwei 武威').fill('Wuwei City');
    await wuwei.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByText('Saved Wuwei City 武威.').count()).toBe(1);

    const fresh = page.locator('tr[data-item="city:+"]');
    await fresh.getByLabel('New: Code').fill('lanzhou');
    await fresh.getByLabel('New: Name (English)').fill('Lanzhou');
    await fresh.getByLabel('New: Name (Chinese)').fill('兰州');
    await fresh.getByRole('button', { name: 'Add' }).click();
    await expect.poll(() => page.getByText('round 1 is open: the cities').count()).toBe(1);
    await page.screenshot({ path: join(SCREENSHOTS, 'setup-round-open-en.png'), fullPage: true });

    await page.goto(`${app.base}/assessments/${DEMO}`);
    await Promise.all([
      page.waitForURL(new RegExp(`/assessments/${DEMO}$`)),
      page.getByRole('button', { name: 'Close round 1' }).click(),
    ]);
    await page.goto(`${app.base}/assessments/${DEMO}/setup`);
    await page.evaluate(() => {
      (window as unknown as { marker: number }).marker = 2;
    });

    const jinchang = page.locator('tr[data-item="city:jinchang"]');
    await jinchang.getByRole('button', { name: 'Remove' }).click();
    const confirm = page.locator('tr[data-item="city:jinchang"] .setup__confirm');
    await expect.poll(() => confirm.isVisible()).toBe(true);
    expect(await confirm.textContent()).toMatch(
      /Removing Jinchang 金昌 deletes, for good:.*\d+ scores given by the panel/,
    );
    await page.screenshot({ path: join(SCREENSHOTS, 'setup-confirm-en.png'), fullPage: true });
    await confirm.getByRole('button', { name: 'Remove and delete this data' }).click();
    await expect.poll(() => page.locator('tr[data-item="city:jinchang"]').count()).toBe(0);
    await expect.poll(() => page.getByText('Removed Jinchang 金昌.').count()).toBe(1);

    await page.locator('details[data-item="indicator:+"] > summary').click();
    const form = page.locator('details[data-item="indicator:+"]');
    await form.getByLabel('Code').fill('water_use');
    await form.getByLabel('Dimension').selectOption('social');
    await form.getByLabel('Name (English)').fill('Water use efficiency');
    await form.getByLabel('Name (Chinese)').fill('用水效率');
    // Only the chosen source's fields show: a statistic has a unit and bounds, an expert score a scale.
    await form.getByLabel('Source').selectOption('statistic');
    await expect.poll(() => form.getByLabel('Scale from').isVisible()).toBe(false);
    expect(await form.getByLabel('Unit').isVisible()).toBe(true);
    await form.getByLabel('Source').selectOption('expert');
    expect(await form.getByLabel('Unit').isVisible()).toBe(false);
    await form.getByLabel('Scale from').fill('1');
    await form.getByLabel('Scale to').fill('9');
    await form.getByLabel('Anchor words').fill('1 | very weak | 很弱\n9 | very strong | 很强');
    await form.getByRole('button', { name: 'Add' }).click();
    await expect.poll(() => page.getByText('Added Water use efficiency 用水效率.').count()).toBe(1);
    await expect.poll(() => page.locator('details[data-item="indicator:water_use"]').count()).toBe(1);
    expect(await page.evaluate(() => (window as unknown as { marker: number }).marker)).toBe(2);
    await context.close();

    const zh = await app.browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    const zhPage = await zh.newPage();
    app.watch(zhPage);
    await signIn(app, zhPage, 'admin', ADMIN_PASSWORD, true);
    await zhPage.goto(`${app.base}/assessments/${DEMO}/setup`);
    await zhPage.locator('details[data-item="indicator:plan_alignment"] > summary').click();
    await expect.poll(() => zhPage.getByText('锚定词').first().isVisible()).toBe(true);
    await zhPage.screenshot({ path: join(SCREENSHOTS, 'setup-zh.png'), fullPage: true });
    await zh.close();

    const phoneContext = await app.browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 390, height: 844 },
      isMobile: true,
    });
    const phone = await phoneContext.newPage();
    app.watch(phone);
    await signIn(app, phone, 'admin', ADMIN_PASSWORD, true);
    await phone.goto(`${app.base}/assessments/${DEMO}/setup`);
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await phone.screenshot({ path: join(SCREENSHOTS, 'setup-phone-zh.png'), fullPage: true });
    await phoneContext.close();
  }, 120_000);
});
