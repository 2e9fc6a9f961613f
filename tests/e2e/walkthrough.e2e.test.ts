/**
 * The administration issue's walk-through, in a real browser: an administrator builds the Hexi Corridor assessment
 * from nothing (a blank assessment, its cities, dimensions and indicators typed on the setup page), seats two
 * evaluators, imports the statistics, opens a round; the evaluators score and give their pairwise comparisons; the
 * administrator weighs it with group AHP blended with entropy and saves. Every number the weights page then shows
 * equals what `corridor problem … | corridor evaluate -` gives for the stored assessment.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/auth/password.ts';
import {
  demoCities,
  demoDimensions,
  demoIndicators,
  demoStatistics,
  illustrativeScores,
} from '../../src/db/demo/hexi-demo.ts';
import { findUserByUsername, setPasswordHash } from '../../src/db/queries/users.ts';
import { corridor } from '../cli/io.ts';
import { AVAILABLE, type BrowserApp, REQUIRED, SCREENSHOTS, signIn, startBrowserApp } from './harness.ts';

const ADMIN_PASSWORD = 'e2e-admin-password-1';
const PANEL_PASSWORD = 'e2e-panelist-password-1';
const CODE = 'hexi-rebuilt';
const EXPERTS = ['expert1', 'expert2'] as const;
/** Saaty judgments the evaluators pick, varied by pair and evaluator (each matrix stays near consistent). */
const JUDGMENTS = ['1', '2', '3', '1/2'] as const;

const percent = (v: number) =>
  new Intl.NumberFormat('en', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v);

interface Info {
  method: string;
  weights: number[];
  consistency?: { cr: number };
  experts?: { cr: number }[];
  dimensions?: Info;
  within?: Record<string, Info>;
  parts?: Info[];
  entropy?: number[];
  divergence?: number[];
}

describe.skipIf(!AVAILABLE && !REQUIRED)('building the demo from nothing in a real browser', () => {
  let app: BrowserApp;
  beforeAll(async () => {
    app = await startBrowserApp({ adminPassword: ADMIN_PASSWORD });
    for (const username of EXPERTS) {
      const user = await findUserByUsername(app.db, username);
      await setPasswordHash(app.db, user!, await hashPassword(PANEL_PASSWORD), null, new Date());
    }
  });
  afterAll(() => app?.close());

  const submit = (page: Page, name: string, url?: RegExp) =>
    url
      ? Promise.all([page.waitForURL(url), page.getByRole('button', { name, exact: true }).click()])
      : page.getByRole('button', { name, exact: true }).click();

  it('gives on the weights page exactly the numbers of corridor problem | corridor evaluate -', async () => {
    const context = await app.browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    app.watch(page);
    await signIn(app, page, 'admin', ADMIN_PASSWORD);

    await page.goto(`${app.base}/assessments/new`);
    await page.locator('#template-blank').check();
    await page.locator('#code').fill(CODE);
    await page.locator('#period').fill('2017');
    await page.locator('#nameEn').fill('Hexi Corridor, rebuilt by hand');
    await page.locator('#nameZh').fill('河西走廊（手工重建）');
    await page.locator('#regionEn').fill('Hexi Corridor, Gansu');
    await page.locator('#regionZh').fill('甘肃河西走廊');
    await submit(page, 'Create the assessment', new RegExp(`/assessments/${CODE}`));

    await page.goto(`${app.base}/assessments/${CODE}/setup`);
    for (const [kind, rows] of [
      ['dimension', demoDimensions],
      ['city', demoCities],
    ] as const) {
      for (const row of rows) {
        const fresh = page.locator(`tr[data-item="${kind}:+"]`);
        await fresh.getByLabel('New: Code').fill(row.code);
        await fresh.getByLabel('New: Name (English)').fill(row.nameEn);
        await fresh.getByLabel('New: Name (Chinese)').fill(row.nameZh);
        await fresh.getByRole('button', { name: 'Add' }).click();
        await expect.poll(() => page.locator(`tr[data-item="${kind}:${row.code}"]`).count()).toBe(1);
      }
    }
    for (const ind of demoIndicators) {
      const details = page.locator('details[data-item="indicator:+"]');
      if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
      await details.getByLabel('Code').fill(ind.code);
      await details.getByLabel('Dimension').selectOption(ind.dimensionCode);
      await details.getByLabel('Name (English)').fill(ind.nameEn);
      await details.getByLabel('Name (Chinese)').fill(ind.nameZh);
      await details.getByLabel('Direction').selectOption(ind.direction);
      await details.getByLabel('Source').selectOption(ind.source);
      if (ind.source === 'expert') {
        await details.getByLabel('Scale from').fill(String(ind.scaleMin));
        await details.getByLabel('Scale to').fill(String(ind.scaleMax));
      } else {
        await details.getByLabel('Unit').fill(ind.unit ?? '');
      }
      await details.getByRole('button', { name: 'Add' }).click();
      await expect.poll(() => page.locator(`details[data-item="indicator:${ind.code}"]`).count()).toBe(1);
    }
    await page.screenshot({ path: join(SCREENSHOTS, 'walkthrough-setup-en.png'), fullPage: true });

    await page.goto(`${app.base}/assessments/${CODE}/panel`);
    for (const username of EXPERTS) {
      await page.locator('#username').fill(username);
      await submit(page, 'Add to the panel', /done=added/);
    }

    await page.goto(`${app.base}/assessments/${CODE}/import`);
    const csv = [
      'city,indicator,year,value,source',
      ...demoStatistics.map((s) => `${s.cityCode},${s.indicatorCode},${s.year},${s.value},"${s.source}"`),
    ].join('\n');
    await page
      .locator('#file')
      .setInputFiles({ name: 'statistics.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await submit(page, 'Check the file');
    const commit = page.getByRole('button', { name: `Import ${demoStatistics.length} values` });
    await expect.poll(() => commit.isVisible(), { timeout: 20_000 }).toBe(true);
    await commit.click();
    await expect.poll(() => page.getByText(`${demoStatistics.length}`).first().isVisible()).toBe(true);

    await page.goto(`${app.base}/assessments/${CODE}`);
    await submit(page, 'Open round 1', new RegExp(`/assessments/${CODE}`));
    await context.close();

    const scores = illustrativeScores();
    for (const [k, username] of EXPERTS.entries()) {
      const own = await app.browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
      const panelist = await own.newPage();
      app.watch(panelist);
      await signIn(app, panelist, username, PANEL_PASSWORD);
      const scored = demoDimensions.filter((d) =>
        demoIndicators.some((i) => i.dimensionCode === d.code && i.source === 'expert'),
      );
      for (const { code: dim } of scored) {
        await panelist.goto(`${app.base}/assessments/${CODE}/score?dimension=${dim}`);
        const codes = new Set(demoIndicators.filter((i) => i.dimensionCode === dim).map((i) => i.code));
        for (const s of scores.filter((x) => x.evaluator === k && codes.has(x.indicatorCode))) {
          const input = panelist.locator(`#cell-${s.cityCode}-${s.indicatorCode} .cell__value`);
          await input.fill(String(s.value));
          await input.dispatchEvent('change');
          await expect
            .poll(() =>
              panelist.locator(`#cell-${s.cityCode}-${s.indicatorCode} .cell__state`).getAttribute('data-state'),
            )
            .toBe('saved');
        }
      }
      await panelist.goto(`${app.base}/assessments/${CODE}/judgments`);
      for (const level of ['dimensions', ...demoDimensions.map((d) => d.code)]) {
        const form = panelist.locator(`#judgments-${level}`);
        const selects = form.locator('select');
        const count = await selects.count();
        for (let s = 0; s < count; s++) await selects.nth(s).selectOption(JUDGMENTS[(s + k) % JUDGMENTS.length]!);
        await Promise.all([
          panelist.waitForURL(/saved=/),
          form.getByRole('button', { name: 'Save these comparisons' }).click(),
        ]);
      }
      await own.close();
    }

    const adminContext = await app.browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    const admin = await adminContext.newPage();
    app.watch(admin);
    await signIn(app, admin, 'admin', ADMIN_PASSWORD);
    await admin.goto(`${app.base}/assessments/${CODE}/weights`);
    await admin.locator('#dimensions\\.scheme').selectOption('group');
    await admin.locator('#within\\.scheme').selectOption('group');
    await admin.locator('#blend\\.objective').selectOption('entropy');
    await admin.locator('#blend\\.alpha').fill('60');
    const first = demoIndicators[0]!.code;
    await expect.poll(() => admin.locator(`[data-global="${first}"]`).textContent()).not.toBe('—');
    await admin.locator('#note').fill('Group AHP of the panel, 60/40 with entropy');
    await Promise.all([
      admin.waitForURL(/saved=\d+$/),
      admin.getByRole('button', { name: 'Save as a new version' }).click(),
    ]);
    await expect.poll(() => admin.locator(`[data-global="${first}"]`).textContent()).not.toBe('—');
    await admin.locator('.weights__details summary').click();
    await admin.screenshot({ path: join(SCREENSHOTS, 'walkthrough-weights-en.png'), fullPage: true });

    const problem = await corridor(['problem', CODE], { DATABASE_URL: app.dbUrl });
    expect(problem.stderr).toBe('');
    const run = await corridor(['evaluate', '-'], {}, problem.stdout);
    expect(run.stderr).toBe('');
    const result = JSON.parse(run.stdout) as { criteria: string[]; weights: number[]; weighting: Info };
    expect(result.weighting.method).toBe('combined');
    const [subjective, objective] = result.weighting.parts!;
    const shown = (selector: string) => admin.locator(selector).textContent();

    for (const [k, code] of result.criteria.entries())
      expect(await shown(`[data-global="${code}"]`), code).toBe(percent(result.weights[k]!));
    for (const [k, d] of demoDimensions.entries())
      expect(await shown(`[data-share="${d.code}"]`), d.code).toBe(percent(subjective!.dimensions!.weights[k]!));
    for (const d of demoDimensions) {
      const members = demoIndicators.filter((i) => i.dimensionCode === d.code);
      const within = subjective!.within![d.code]!;
      for (const [k, ind] of members.entries())
        expect(await shown(`[data-local="${ind.code}"]`), ind.code).toBe(percent(within.weights[k]!));
    }
    // The combined matrices' CR of each level, and each member's own, as the engine reports them.
    const levels = [subjective!.dimensions!, ...demoDimensions.map((d) => subjective!.within![d.code]!)];
    const crs = (await admin.locator('#weights-editor .ahp__consistency [data-cr]').allTextContents()).map((s) =>
      s.replace('CR ', ''),
    );
    expect(crs.sort()).toEqual(levels.map((l) => l.consistency!.cr.toFixed(3)).sort());
    const memberCrs = (await admin.locator('.weights__group tbody td:not(:last-child)').allTextContents()).sort();
    expect(memberCrs).toEqual(levels.flatMap((l) => l.experts!.map((e) => e.cr.toFixed(3))).sort());
    // Entropy's E and d per indicator, in the details the page shows on request.
    const cells = await admin
      .locator('.weights__details tbody tr')
      .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent)));
    expect(cells).toEqual(
      result.criteria.map((_, k) => [objective!.entropy![k]!.toFixed(4), objective!.divergence![k]!.toFixed(4)]),
    );
    expect(app.problems).toEqual([]);
    await adminContext.close();
  }, 300_000);
});
