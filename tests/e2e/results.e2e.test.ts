/**
 * The results in a real browser: the chair's live draft with its charts and the what-if panel, publishing, and a
 * reader's view of the snapshot in Chinese with a CSV download and the PDF report and brief; on a phone too.
 * Screenshots in tests/e2e/screenshots/.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProblem } from '../../src/app/problem.ts';
import { assessments, scores } from '../../src/db/schema.ts';
import { evaluate, type Result } from '../../src/engine/index.ts';
import { CODE, scoreEveryCell, seed } from '../bench/http.ts';
import { printedPassword } from '../db/fixtures.ts';
import { AVAILABLE, type BrowserApp, REQUIRED, SCREENSHOTS, signIn, startBrowserApp } from './harness.ts';

const ADMIN_PASSWORD = 'e2e-admin-password-1';
const DEMO = 'hexi-corridor-2017';

describe.skipIf(!AVAILABLE && !REQUIRED)('the results in a real browser', () => {
  let app: BrowserApp;
  let result: Result;

  beforeAll(async () => {
    app = await startBrowserApp({ adminPassword: ADMIN_PASSWORD });
    const [row] = await app.db.query.assessments.findMany();
    result = evaluate(await buildProblem(app.db, row!.id)) as Result;
  });
  afterAll(() => app?.close());

  it('shows the chair the draft with charts, re-ranks in the what-if panel, and publishes', async () => {
    const context = await app.browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    app.watch(page);
    await signIn(app, page, 'admin', ADMIN_PASSWORD);
    await page.goto(`${app.base}/assessments/${DEMO}`);
    await Promise.all([
      page.waitForURL(/\/results$/),
      page.getByRole('link', { name: 'Results', exact: true }).click(),
    ]);
    await expect.poll(() => page.locator('figure.chart svg').count()).toBe(3 + result.alternatives.length);
    const first = result.alternatives.indexOf(result.order[0]!);
    expect(await page.locator('#table-ranking tbody tr').first().locator('td').nth(2).textContent()).toBe(
      result.scores[first]!.toFixed(3),
    );

    // Social alone: the what-if table comes back through htmx, and nothing is saved.
    for (const d of ['planning', 'policy', 'industry']) await page.locator(`#w\\.${d}`).fill('0');
    await page.locator('#w\\.social').fill('100');
    await expect.poll(() => page.locator('#what-if-result').textContent()).toContain('Social 100.0 %');
    await expect.poll(() => page.locator('#what-if-result tbody tr').count()).toBe(5);
    await page.screenshot({ path: join(SCREENSHOTS, 'results-draft-en.png'), fullPage: true });

    await Promise.all([
      page.waitForURL(/\/snapshots\/\d+$/),
      page.getByRole('button', { name: 'Publish the current results' }).click(),
    ]);
    await expect.poll(() => page.locator('h1').textContent()).toMatch(/snapshot #\d+/);
    expect(app.problems).toEqual([]);
    await context.close();
  });

  it('lets a reader open the snapshot in Chinese and download a table as CSV, the report and a brief', async () => {
    const context = await app.browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
    const page = await context.newPage();
    app.watch(page);
    await signIn(app, page, 'reader1', printedPassword(app.seedOutput, 'reader1'), true);
    await page.goto(`${app.base}/assessments/${DEMO}`);
    await Promise.all([page.waitForURL(/\/snapshots\/\d+$/), page.getByRole('link', { name: '已发布的结果' }).click()]);
    const co = result.coordination!;
    const zh = ['武威', '金昌', '张掖', '嘉峪关', '酒泉'];
    const rows = page.locator('#table-coordination tbody tr');
    await expect.poll(() => rows.count()).toBe(5);
    for (let k = 0; k < 5; k++) {
      const cells = await rows.nth(k).locator('td').allTextContents();
      const i = zh.indexOf(cells[1]!);
      expect(cells[8]).toBe(co.D[i]!.toFixed(3));
      expect(cells[9]).toBe(co.level[i]!.zh);
    }
    await page.screenshot({ path: join(SCREENSHOTS, 'results-snapshot-zh.png'), fullPage: true });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('#section-coordination').getByRole('link', { name: '下载 CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^corridor-hexi-corridor-2017-\d+-coordination\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8');
    for (const d of co.D) expect(csv).toContain(String(d));

    const [report] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: '评估报告（中文，PDF）' }).click(),
    ]);
    expect(report.suggestedFilename()).toMatch(/^corridor-hexi-corridor-2017-\d+-zh\.pdf$/);
    const text = execFileSync('pdftotext', ['-layout', (await report.path())!, '-'], { encoding: 'utf8' });
    for (const city of zh) expect(text).toContain(city);
    for (const d of co.D) expect(text).toContain(d.toFixed(3));

    await page.locator('#brief-city').selectOption('zhangye');
    await page.locator('select[name="lang"]').selectOption('en');
    const [brief] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载简报' }).click(),
    ]);
    expect(brief.suggestedFilename()).toMatch(/^corridor-hexi-corridor-2017-\d+-zhangye-en\.pdf$/);
    expect(execFileSync('pdftotext', [(await brief.path())!, '-'], { encoding: 'utf8' })).toContain('Zhangye');
    expect(app.problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('fits a phone: no sideways scrolling, wide tables scroll inside their card', async () => {
    const context = await app.browser.newContext({ locale: 'en-US', viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    app.watch(page);
    await signIn(app, page, 'admin', ADMIN_PASSWORD);
    await page.goto(`${app.base}/assessments/${DEMO}/snapshots`);
    await page.waitForURL(/\/snapshots\/\d+$/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(SCREENSHOTS, 'results-phone.png'), fullPage: false });
    await page.locator('#section-coordination').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, 'results-phone-coordination.png') });
    expect(app.problems).toEqual([]);
    await context.close();
  });

  it('shows a large assessment’s first look at once, then swaps in the whole set, in both languages', async () => {
    const { cells } = await seed(app.db, { cities: 120, indicators: 24, evaluators: 12 });
    await scoreEveryCell(app.db, cells, 7);
    await app.db
      .update(assessments)
      .set({ methodSettings: { method: { name: 'topsis' }, coordination: {}, sensitivity: { samples: 200, seed: 3 } } })
      .where(eq(assessments.code, CODE));
    // English on a desktop screen, Chinese on a phone's.
    for (const [locale, notice, shot, viewport] of [
      ['en-US', 'A first look', 'results-first-look', { width: 1280, height: 900 }],
      ['zh-CN', '先行概览', 'results-first-look-zh-phone', { width: 390, height: 844 }],
    ] as const) {
      const context = await app.browser.newContext({ locale, viewport });
      const page = await context.newPage();
      app.watch(page);
      await signIn(app, page, 'admin', ADMIN_PASSWORD, locale === 'zh-CN');
      // Hold htmx's request for the whole body, so that the first look can be seen and pictured.
      let release!: () => void;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      await page.route('**/results/complete', async (route) => {
        await held;
        await route.continue();
      });
      // A score changed: the draft is evaluated again, so the page starts with a first look.
      await app.db.update(scores).set({ rationale: locale }).where(eq(scores.value, 1));
      await page.goto(`${app.base}/assessments/${CODE}/results`);
      await expect.poll(() => page.locator('#results-body[aria-busy="true"]').count()).toBe(1);
      expect(await page.getByRole('status').filter({ hasText: notice }).count()).toBe(1);
      expect(await page.locator('#table-ranking tbody tr').count()).toBe(120);
      expect(await page.locator('#table-acceptability').count()).toBe(0);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      await page.screenshot({ path: join(SCREENSHOTS, `${shot}.png`) });
      release();
      await expect.poll(() => page.locator('#table-acceptability tbody tr').count(), { timeout: 20_000 }).toBe(120);
      expect(await page.locator('#results-body[aria-busy]').count()).toBe(0);
      expect(await page.locator('figure.chart svg').count()).toBeGreaterThan(2);
      expect(await page.locator('#heading-what-if').count()).toBe(1);
      expect(app.problems).toEqual([]);
      await context.close();
    }
  }, 120_000);
});
