/**
 * The scoring grid in a real browser (Debian's chromium through playwright-core): an evaluator opens the demo
 * from the start page, fills part of the grid with the keyboard, sees each cell's state and the progress bar,
 * reloads and finds everything kept, and is told what is missing when submitting too early; then the chair
 * opens round 2, and the evaluator reads the feedback, scores every cell and submits. Screenshots in
 * English, Chinese and at phone size go to tests/e2e/screenshots/.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessments, panelMembers } from '../../src/db/schema.ts';
import { seed } from '../bench/http.ts';
import { addUser } from '../web/harness.ts';
import { AVAILABLE, type BrowserApp, REQUIRED, SCREENSHOTS, signIn as signInAs, startBrowserApp } from './harness.ts';

const PASSWORD = 'e2e-panelist-password-1';
const DEMO = 'hexi-corridor-2017';
/** A 422 or 409 answer to a save is the cell saying why (the browser logs it as a failed load). */
const EXPECTED_REFUSALS = /status of 4(09|22)\b/;

describe.skipIf(!AVAILABLE && !REQUIRED)('scoring in a real browser', () => {
  let app: BrowserApp;

  beforeAll(async () => {
    app = await startBrowserApp({ adminPassword: 'e2e-admin-password-1' });
    const [demo] = await app.db.select().from(assessments);
    const panelist = await addUser(app.db, 'panelist', PASSWORD, { displayName: 'Wang Fang' });
    await app.db.insert(panelMembers).values({ assessmentId: demo!.id, userId: panelist.id, role: 'evaluator' });
  });
  afterAll(() => app?.close());

  const cell = (page: Page, city: string, indicator: string) => page.locator(`#cell-${city}-${indicator}`);
  const stateOf = (page: Page, city: string, indicator: string) =>
    cell(page, city, indicator).locator('.cell__state').getAttribute('data-state');
  /** Signs in through the form, in the language the page comes in (English or Chinese labels). */
  const signIn = (page: Page, username: string, password: string, zh = false) =>
    signInAs(app, page, username, password, zh);

  it('fills part of the grid with the keyboard, keeps it across a reload, and lists what is missing', async () => {
    const context = await app.browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    app.watch(page, EXPECTED_REFUSALS);
    await signIn(page, 'panelist', PASSWORD);

    await Promise.all([
      page.waitForURL(`${app.base}/assessments/${DEMO}`),
      page.locator('.assessment__title a').click(),
    ]);
    expect(await page.locator('body').textContent()).toContain('0 of 55 cells scored');
    await page.screenshot({ path: join(SCREENSHOTS, 'assessment-en.png'), fullPage: true });
    await Promise.all([
      page.waitForURL(`${app.base}/assessments/${DEMO}/score`),
      page.getByRole('link', { name: 'Score this assessment' }).click(),
    ]);

    // Down the first column with Enter, then along the first row with Tab.
    await cell(page, 'wuwei', 'plan_alignment').locator('.cell__value').focus();
    await page.keyboard.type('7');
    await page.keyboard.press('Enter');
    await page.keyboard.type('6,5');
    await page.keyboard.press('Enter');
    await page.keyboard.type('12');
    await page.keyboard.press('Enter');
    await expect.poll(() => stateOf(page, 'wuwei', 'plan_alignment')).toBe('saved');
    await expect.poll(() => stateOf(page, 'jinchang', 'plan_alignment')).toBe('saved');
    await expect.poll(() => stateOf(page, 'zhangye', 'plan_alignment')).toBe('outOfRange');
    expect(await cell(page, 'zhangye', 'plan_alignment').textContent()).toContain('Out of range: 1–9');
    // Focus moved on to the fourth row while the saves were in flight, and nothing typed there was lost.
    await page.keyboard.type('5');
    expect(await cell(page, 'jiayuguan', 'plan_alignment').locator('.cell__value').inputValue()).toBe('5');
    await page.keyboard.press('Tab');
    await expect.poll(() => stateOf(page, 'jiayuguan', 'plan_alignment')).toBe('saved');

    // Two changes to one cell within one round trip: the second save, queued behind the first, must carry the
    // version the first one returned, not the one the page had (which would be a conflict with oneself).
    await cell(page, 'wuwei', 'town_growth_order').locator('.cell__value').fill('3');
    await cell(page, 'wuwei', 'town_growth_order').locator('.cell__value').dispatchEvent('change');
    await cell(page, 'wuwei', 'town_growth_order').getByLabel('Unable to judge').check();
    await expect.poll(() => stateOf(page, 'wuwei', 'town_growth_order')).toBe('saved');
    await page.waitForLoadState('networkidle');
    expect(await stateOf(page, 'wuwei', 'town_growth_order')).toBe('saved');

    await cell(page, 'wuwei', 'plan_management').getByLabel('Unable to judge').check();
    await expect.poll(() => stateOf(page, 'wuwei', 'plan_management')).toBe('saved');
    await cell(page, 'wuwei', 'plan_management').locator('summary').click();
    await cell(page, 'wuwei', 'plan_management')
      .locator('textarea')
      .fill('No planning documents were available to me.');
    await cell(page, 'wuwei', 'plan_management').locator('textarea').blur();
    await expect.poll(() => page.locator('#progress').textContent()).toContain('5 of 55 cells scored');
    await page.screenshot({ path: join(SCREENSHOTS, 'scoring-en.png'), fullPage: true });

    await page.reload();
    expect(await cell(page, 'wuwei', 'plan_alignment').locator('.cell__value').inputValue()).toBe('7');
    expect(await cell(page, 'jinchang', 'plan_alignment').locator('.cell__value').inputValue()).toBe('6.5');
    expect(await cell(page, 'zhangye', 'plan_alignment').locator('.cell__value').inputValue()).toBe('');
    expect(await cell(page, 'wuwei', 'plan_management').getByLabel('Unable to judge').isChecked()).toBe(true);
    expect(await cell(page, 'wuwei', 'plan_management').locator('textarea').inputValue()).toBe(
      'No planning documents were available to me.',
    );
    expect(await page.locator('#progress').textContent()).toContain('5 of 55 cells scored');

    await Promise.all([page.waitForURL(/\?missing$/), page.getByRole('button', { name: 'Submit round 1' }).click()]);
    expect(await page.locator('.submit__missing').textContent()).toContain('50 cells still need a score');
    await page.screenshot({ path: join(SCREENSHOTS, 'scoring-missing-en.png'), fullPage: true });

    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: '简体中文' }).click()]);
    await page.goto(`${app.base}/assessments/${DEMO}/score?dimension=social`);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-Hans');
    expect(await page.locator('#progress').textContent()).toContain('已完成 5 / 55 项');
    await page.screenshot({ path: join(SCREENSHOTS, 'scoring-zh.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(SCREENSHOTS, 'scoring-zh-mobile.png'), fullPage: true });
    await context.close();
    expect(app.problems).toEqual([]);
  });

  it('shows the chair the panel’s progress, the round controls and the audit trail', async () => {
    const context = await app.browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    app.watch(page);
    await signIn(page, 'admin', 'e2e-admin-password-1', true);
    await page.goto(`${app.base}/assessments/${DEMO}`);
    expect(await page.locator('#panel-progress').textContent()).toContain('第 1 轮');
    expect(await page.locator('body').textContent()).toContain('关闭第 1 轮');
    await page.screenshot({ path: join(SCREENSHOTS, 'assessment-chair-zh.png'), fullPage: true });
    await Promise.all([page.waitForURL(/\/audit$/), page.getByRole('link', { name: '审计记录' }).click()]);
    expect(await page.locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('tbody').textContent()).toContain('Wang Fang');
    await page.screenshot({ path: join(SCREENSHOTS, 'audit-zh.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(SCREENSHOTS, 'audit-zh-mobile.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });

    // The chair closes round 1 and opens round 2; the overview then shows how far round 1 agreed.
    await page.goto(`${app.base}/assessments/${DEMO}`);
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: '关闭第 1 轮' }).click()]);
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: '开启第 2 轮' }).click()]);
    expect(await page.locator('#agreement').textContent()).toContain('第 1 轮：专家组的一致程度');
    await page.screenshot({ path: join(SCREENSHOTS, 'assessment-round2-chair-zh.png'), fullPage: true });
    await context.close();

    // An evaluator sees round 1's feedback in every cell of round 2.
    const evaluator = await app.browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    const own = await evaluator.newPage();
    app.watch(own);
    await signIn(own, 'panelist', PASSWORD);
    await own.goto(`${app.base}/assessments/${DEMO}/score`);
    const feedback = cell(own, 'wuwei', 'plan_alignment').locator('.cell__feedback');
    // In Chinese: the panelist chose it in the first test, and the account remembers.
    expect(await feedback.textContent()).toMatch(/第 1 轮专家组：中位数 [\d.]+，四分位距 [\d.]+ · 您：7/);
    await cell(own, 'wuwei', 'plan_alignment').locator('.cell__reasons summary').click();
    await own.screenshot({ path: join(SCREENSHOTS, 'scoring-round2-zh.png'), fullPage: true });

    // Round 2 through to submission: every cell of every dimension, typed and moved on from with Tab.
    const tabs = await own
      .locator('nav.tabs a')
      .evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
    expect(tabs).toHaveLength(4);
    for (const href of tabs) {
      await own.goto(href);
      const inputs = own.locator('.cell__value');
      for (let k = 0; k < (await inputs.count()); k++) {
        await inputs.nth(k).fill(String(1 + (k % 9)));
        await inputs.nth(k).press('Tab');
      }
      await own.waitForLoadState('networkidle');
      expect(await own.locator('.cell__state[data-state="saved"]').count()).toBe(await inputs.count());
    }
    await expect.poll(() => own.locator('#progress').textContent()).toContain('55');
    expect(await own.locator('#progress').textContent()).toMatch(/55\D+55/);
    await Promise.all([own.waitForLoadState('load'), own.getByRole('button', { name: '提交第 2 轮' }).click()]);
    expect(await own.locator('.notice').textContent()).toContain('您已提交第 2 轮');
    // Locked: no inputs to change, and a save sent anyway is refused.
    expect(await own.locator('.cell__value:not([disabled])').count()).toBe(0);
    await own.screenshot({ path: join(SCREENSHOTS, 'scoring-submitted-zh.png'), fullPage: true });
    await own.setViewportSize({ width: 390, height: 844 });
    await own.screenshot({ path: join(SCREENSHOTS, 'scoring-submitted-zh-mobile.png'), fullPage: true });
    await evaluator.close();

    // The chair sees the submission in the panel's progress, in English.
    const chair = await app.browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    const chairPage = await chair.newPage();
    app.watch(chairPage);
    await signIn(chairPage, 'admin', 'e2e-admin-password-1');
    await chairPage.goto(`${app.base}/assessments/${DEMO}`);
    const row = chairPage.locator('section[aria-labelledby="panel-progress"] tr', { hasText: 'Wang Fang' });
    expect(await row.textContent()).toMatch(/55\/55\s*Submitted/);
    expect(await row.getByRole('button', { name: 'Reopen' }).count()).toBe(1);
    expect(await chairPage.locator('section[aria-labelledby="agreement"]').textContent()).toMatch(
      /Kendall’s W of the whole panel: [\d.]+, over the \d+ cells/,
    );
    await chairPage.screenshot({ path: join(SCREENSHOTS, 'assessment-round2-chair-en.png'), fullPage: true });
    await chair.close();
    expect(app.problems).toEqual([]);
  }, 120_000);

  it('loads a large section in batches as it scrolls, and Enter crosses from one batch into the next', async () => {
    // 100 cities × 40 indicators; its evaluators share the administrator's password (tests/bench/http.ts).
    await seed(app.db, { cities: 100, indicators: 40, evaluators: 1 });
    const context = await app.browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    app.watch(page);
    await signIn(page, 'bench0', 'e2e-admin-password-1');
    await page.goto(`${app.base}/assessments/bench/score?dimension=policy`);
    const rows = page.locator('.grid tbody tr:not(.grid__more)');
    expect(await rows.count()).toBe(20);
    await cell(page, 'city-19', 'ind-1').locator('.cell__value').fill('4');
    await cell(page, 'city-19', 'ind-1').locator('.cell__value').press('Enter');
    // The next batch came in as the end of the grid scrolled into view, and focus went on down into it.
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(40);
    await page.keyboard.type('6');
    await page.keyboard.press('Tab');
    await expect.poll(() => stateOf(page, 'city-20', 'ind-1')).toBe('saved');
    expect(await stateOf(page, 'city-19', 'ind-1')).toBe('saved');
    for (let k = 0; k < 10 && (await page.locator('.grid__more').count()) > 0; k++) {
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await page.waitForLoadState('networkidle');
    }
    expect(await rows.count()).toBe(100);
    expect(await page.locator('.grid__more').count()).toBe(0);
    expect(await page.locator('th[scope="row"]').last().textContent()).toBe('city-99');
    await context.close();
    expect(app.problems).toEqual([]);
  }, 120_000);
});
