/**
 * The recommendation rule editor in a real browser: an administrator opens a library rule, sees the condition's fields
 * follow its type, changes the advice and saves it as this assessment's version (htmx swaps the list in place); the
 * page in Chinese on a phone. Screenshots in tests/e2e/screenshots/.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AVAILABLE, type BrowserApp, REQUIRED, SCREENSHOTS, signIn, startBrowserApp } from './harness.ts';

const ADMIN_PASSWORD = 'e2e-admin-password-1';
const DEMO = 'hexi-corridor-2017';

describe.skipIf(!AVAILABLE && !REQUIRED)('the recommendation rules in a real browser', () => {
  let app: BrowserApp;

  beforeAll(async () => {
    app = await startBrowserApp({ adminPassword: ADMIN_PASSWORD });
  });
  afterAll(() => app?.close());

  it('edits a library rule in English: the condition’s fields follow its type, and saving makes an override', async () => {
    const context = await app.browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    // The refused form below answers 422 on purpose, which the browser logs.
    app.watch(page, /the server responded with a status of 422\b/);
    await signIn(app, page, 'admin', ADMIN_PASSWORD);
    await page.goto(`${app.base}/assessments/${DEMO}`);
    await Promise.all([
      page.waitForURL(/\/recommendations$/),
      page.getByRole('link', { name: 'Recommendation rules' }).click(),
    ]);
    const rule = page.locator('details[data-code="human-capital"]');
    await rule.locator('summary').click();
    const type = rule.locator('select[name="condition.type"]');
    await expect.poll(() => type.inputValue()).toBe('obstacle');
    const within = rule.locator('input[name="condition.within"]');
    const below = rule.locator('input[name="condition.below"]');
    const parts = rule.locator('textarea[name="condition.conditions"]');
    expect([await within.isVisible(), await below.isVisible(), await parts.isVisible()]).toEqual([true, false, false]);
    await type.selectOption('all');
    expect([await within.isVisible(), await parts.isVisible()]).toEqual([false, true]);
    await type.selectOption('weak-consensus');
    expect([await within.isVisible(), await below.isVisible()]).toEqual([false, true]);
    await below.fill('0.4');
    await rule.locator('textarea[name="textEn"]').fill('Invest in skills where the panel disagrees most.');
    await page.screenshot({ path: join(SCREENSHOTS, 'recommendations-edit-en.png'), fullPage: true });
    await rule.getByRole('button', { name: 'Save for this assessment' }).click();
    await expect
      .poll(() => page.locator('#rules [role=status]').textContent())
      .toContain('now has this assessment’s own version');
    const saved = page.locator('details[data-code="human-capital"]');
    await expect.poll(() => saved.locator('.rule__origin').textContent()).toBe('Library rule, changed here');
    await expect
      .poll(() => saved.locator('.rule__text').textContent())
      .toBe('Invest in skills where the panel disagrees most.');
    await saved.locator('summary').click();
    await expect.poll(() => saved.locator('select[name="condition.type"]').inputValue()).toBe('weak-consensus');
    await page.screenshot({ path: join(SCREENSHOTS, 'recommendations-saved-en.png'), fullPage: true });

    // A mistake is shown at its field without leaving the page.
    const fresh = page.locator('#rules form[action$="/recommendations"]');
    await fresh.locator('input[name="code"]').fill('Bad code');
    await fresh.getByRole('button', { name: 'Add the rule' }).click();
    await expect.poll(() => page.locator('#rule__-code-error').textContent()).toContain('lower-case letters');
    await page.screenshot({ path: join(SCREENSHOTS, 'recommendations-refused-en.png'), fullPage: true });
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
    await signIn(app, page, 'admin', ADMIN_PASSWORD, true);
    await page.goto(`${app.base}/assessments/${DEMO}/recommendations`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('建议规则');
    await expect
      .poll(() => page.locator('details[data-code="human-capital"] .rule__origin').textContent())
      .toBe('规则库规则（已在此修改）');
    await page.locator('details[data-code="semi-urbanization"] summary').click();
    await page.locator('.rule__help summary').click();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'recommendations-zh-phone.png'), fullPage: true });
    // The parts at the phone's own scale, where the full page is too long to read.
    await page.locator('.rule__help').screenshot({ path: join(SCREENSHOTS, 'recommendations-zh-phone-help.png') });
    await page
      .locator('details[data-code="semi-urbanization"]')
      .screenshot({ path: join(SCREENSHOTS, 'recommendations-zh-phone-rule.png') });
    expect(app.problems).toEqual([]);
    await context.close();
  });
});
