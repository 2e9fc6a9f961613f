/**
 * The scoring grid in a real browser (Debian's chromium through playwright-core): an evaluator opens the demo
 * from the start page, fills part of the grid with the keyboard, sees each cell's state and the progress bar,
 * reloads and finds everything kept, and is told what is missing when submitting too early. Screenshots in
 * English, Chinese and at phone size go to tests/e2e/screenshots/.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ServerType, serve } from '@hono/node-server';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EnginePool } from '../../src/app/engine-pool/pool.ts';
import { closeDatabase, type Db, migrateDatabase, openDatabase } from '../../src/db/client.ts';
import { assessments, panelMembers } from '../../src/db/schema.ts';
import { seedIfEmpty } from '../../src/db/seed.ts';
import { createApp } from '../../src/web/app.ts';
import { addUser } from '../web/harness.ts';

const CHROMIUM = '/usr/bin/chromium';
const REQUIRED = process.env.CI === 'true';
const AVAILABLE = existsSync(CHROMIUM);
const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
const PASSWORD = 'e2e-panelist-password-1';
const DEMO = 'hexi-corridor-2017';

describe.skipIf(!AVAILABLE && !REQUIRED)('scoring in a real browser', () => {
  let dir: string;
  let db: Db;
  const engine = new EnginePool();
  let server: ServerType;
  let base: string;
  let browser: Browser;
  const problems: string[] = [];

  beforeAll(async () => {
    if (!AVAILABLE) throw new Error(`CI=true requires the browser tests, but ${CHROMIUM} is missing.`);
    dir = mkdtempSync(join(tmpdir(), 'corridor-e2e-scoring-'));
    db = await openDatabase({ url: `file:${join(dir, 'e2e.db')}` });
    await migrateDatabase(db);
    await seedIfEmpty(db, { adminPassword: 'e2e-admin-password-1', demo: true, log: () => {} });
    const [demo] = await db.select().from(assessments);
    const panelist = await addUser(db, 'panelist', PASSWORD, { displayName: 'Wang Fang' });
    await db.insert(panelMembers).values({ assessmentId: demo!.id, userId: panelist.id, role: 'evaluator' });
    const app = createApp({ db, log: () => {}, engine });
    base = await new Promise<string>((resolve) => {
      server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
        resolve(`http://127.0.0.1:${info.port}`),
      );
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu'],
    });
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    if (db) closeDatabase(db);
    await engine.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const watch = (page: Page) => {
    page.on('console', (msg) => {
      // A 422 or 409 answer to a save is the cell saying why (the browser logs it); anything else is a problem.
      if (/status of 4(09|22)\b/.test(msg.text())) return;
      if (msg.type() === 'error' || /Content Security Policy/i.test(msg.text()))
        problems.push(`${page.url()}: ${msg.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`${page.url()}: ${err.message}`));
  };

  const cell = (page: Page, city: string, indicator: string) => page.locator(`#cell-${city}-${indicator}`);
  const stateOf = (page: Page, city: string, indicator: string) =>
    cell(page, city, indicator).locator('.cell__state').getAttribute('data-state');

  it('fills part of the grid with the keyboard, keeps it across a reload, and lists what is missing', async () => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    watch(page);
    await page.goto(`${base}/login`);
    await page.getByLabel('Username').fill('panelist');
    await page.getByLabel('Password').fill(PASSWORD);
    await Promise.all([page.waitForURL(`${base}/`), page.getByRole('button', { name: 'Sign in' }).click()]);

    await Promise.all([page.waitForURL(`${base}/assessments/${DEMO}`), page.locator('.assessment__title a').click()]);
    expect(await page.locator('body').textContent()).toContain('0 of 55 cells scored');
    await page.screenshot({ path: join(SCREENSHOTS, 'assessment-en.png'), fullPage: true });
    await Promise.all([
      page.waitForURL(`${base}/assessments/${DEMO}/score`),
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

    await cell(page, 'wuwei', 'plan_management').getByLabel('Unable to judge').check();
    await expect.poll(() => stateOf(page, 'wuwei', 'plan_management')).toBe('saved');
    await cell(page, 'wuwei', 'plan_management').locator('summary').click();
    await cell(page, 'wuwei', 'plan_management')
      .locator('textarea')
      .fill('No planning documents were available to me.');
    await cell(page, 'wuwei', 'plan_management').locator('textarea').blur();
    await expect.poll(() => page.locator('#progress').textContent()).toContain('4 of 55 cells scored');
    await page.screenshot({ path: join(SCREENSHOTS, 'scoring-en.png'), fullPage: true });

    await page.reload();
    expect(await cell(page, 'wuwei', 'plan_alignment').locator('.cell__value').inputValue()).toBe('7');
    expect(await cell(page, 'jinchang', 'plan_alignment').locator('.cell__value').inputValue()).toBe('6.5');
    expect(await cell(page, 'zhangye', 'plan_alignment').locator('.cell__value').inputValue()).toBe('');
    expect(await cell(page, 'wuwei', 'plan_management').getByLabel('Unable to judge').isChecked()).toBe(true);
    expect(await cell(page, 'wuwei', 'plan_management').locator('textarea').inputValue()).toBe(
      'No planning documents were available to me.',
    );
    expect(await page.locator('#progress').textContent()).toContain('4 of 55 cells scored');

    await Promise.all([page.waitForURL(/\?missing$/), page.getByRole('button', { name: 'Submit round 1' }).click()]);
    expect(await page.locator('.submit__missing').textContent()).toContain('51 cells still need a score');
    await page.screenshot({ path: join(SCREENSHOTS, 'scoring-missing-en.png'), fullPage: true });

    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: '简体中文' }).click()]);
    await page.goto(`${base}/assessments/${DEMO}/score?dimension=social`);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-Hans');
    expect(await page.locator('#progress').textContent()).toContain('已完成 4 / 55 项');
    await page.screenshot({ path: join(SCREENSHOTS, 'scoring-zh.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(SCREENSHOTS, 'scoring-zh-mobile.png'), fullPage: true });
    await context.close();
    expect(problems).toEqual([]);
  });
});
