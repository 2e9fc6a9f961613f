/**
 * The real server in a real browser: Debian's /usr/bin/chromium driven by playwright-core (never a
 * downloaded browser). Signs in as the administrator, a demo evaluator, a reader of the (not yet published)
 * demo and a user on no panel, checks what each one's home page lists, switches to Chinese, and saves
 * screenshots to tests/e2e/screenshots/ for a person to look at.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ServerType, serve } from '@hono/node-server';
import { eq } from 'drizzle-orm';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EnginePool } from '../../src/app/engine-pool/pool.ts';
import { closeDatabase, type Db, migrateDatabase, openDatabase } from '../../src/db/client.ts';
import { assessments, panelMembers } from '../../src/db/schema.ts';
import { seedIfEmpty } from '../../src/db/seed.ts';
import { createApp } from '../../src/web/app.ts';
import { printedPassword } from '../db/fixtures.ts';
import { addUser } from '../web/harness.ts';

const CHROMIUM = '/usr/bin/chromium';
const REQUIRED = process.env.CI === 'true';
const AVAILABLE = existsSync(CHROMIUM);
const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
const ADMIN_PASSWORD = 'e2e-admin-password-1';
const OTHER_PASSWORD = 'e2e-other-password-1';
const DEMO_EN = 'Urbanization of the Hexi Corridor cities, 2017';
const DEMO_ZH = '河西走廊城市城镇化评估（2017年）';

if (!AVAILABLE && !REQUIRED) {
  console.warn(
    `Browser tests skipped: ${CHROMIUM} not found. Install Debian's chromium package to run them (with CI=true they are required).`,
  );
}

describe.skipIf(!AVAILABLE && !REQUIRED)('the home page in a real browser', () => {
  let dir: string;
  let db: Db;
  const engine = new EnginePool();
  let server: ServerType;
  let base: string;
  let browser: Browser;
  let seedOutput = '';
  const consoleProblems: string[] = [];

  beforeAll(async () => {
    if (!AVAILABLE)
      throw new Error(`CI=true requires the browser tests, but ${CHROMIUM} is missing (apt-get install chromium).`);
    dir = mkdtempSync(join(tmpdir(), 'corridor-e2e-'));
    db = await openDatabase({ url: `file:${join(dir, 'e2e.db')}` });
    await migrateDatabase(db);
    await seedIfEmpty(db, { adminPassword: ADMIN_PASSWORD, demo: true, log: (line) => (seedOutput += `${line}\n`) });
    // A reader of the demo, which is open and not published, and a user on no panel at all: neither may see it.
    const [demo] = await db.select().from(assessments);
    const reader = await addUser(db, 'reader', OTHER_PASSWORD, { displayName: 'Report Reader' });
    await db.insert(panelMembers).values({ assessmentId: demo.id, userId: reader.id, role: 'viewer' });
    await addUser(db, 'outsider', OTHER_PASSWORD, { displayName: 'Outside User' });
    const app = createApp({ db, log: () => {}, engine });
    base = await new Promise<string>((resolve) => {
      server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
        resolve(`http://127.0.0.1:${info.port}`),
      );
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
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

  /** Console errors include every CSP violation ("Refused to load/execute/apply…"). */
  function watch(page: Page): void {
    page.on('console', (msg) => {
      if (msg.type() === 'error' || /Content Security Policy/i.test(msg.text()))
        consoleProblems.push(`${page.url()}: ${msg.text()}`);
    });
    page.on('pageerror', (err) => consoleProblems.push(`${page.url()}: ${err.message}`));
  }

  /** A fresh browser profile (no cookies) preferring English, its console watched. */
  async function englishPage(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    watch(page);
    return { context, page };
  }

  async function signIn(page: Page, username: string, password: string): Promise<void> {
    await page.goto(`${base}/login`);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(password);
    await Promise.all([page.waitForURL(`${base}/`), page.getByRole('button', { name: 'Sign in' }).click()]);
  }

  it('signs in as the administrator, lists the demo, switches to Chinese, without a CSP violation', async () => {
    const { context, page } = await englishPage();

    await page.goto(`${base}/`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    await page.screenshot({ path: join(SCREENSHOTS, 'login-en.png'), fullPage: true });

    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill(ADMIN_PASSWORD);
    await Promise.all([page.waitForURL(`${base}/`), page.getByRole('button', { name: 'Sign in' }).click()]);

    await expect.poll(() => page.locator('h1').textContent()).toBe('Your assessments');
    const card = page.locator('li.assessment', { hasText: DEMO_EN });
    expect(await card.count()).toBe(1);
    expect(await card.textContent()).toContain('Illustrative demo data');
    expect(await card.textContent()).toContain('Hexi Corridor');
    // The stylesheet and htmx are served by us and allowed by the CSP.
    expect(await page.evaluate(() => typeof (window as unknown as { htmx?: unknown }).htmx)).toBe('object');
    expect(await page.locator('.topbar').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(
      'rgb(31, 58, 95)',
    );
    await page.screenshot({ path: join(SCREENSHOTS, 'home-en.png'), fullPage: true });

    await Promise.all([page.waitForURL(`${base}/`), page.getByRole('button', { name: '简体中文' }).click()]);
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('zh-Hans');
    expect(await page.locator('h1').textContent()).toBe('我的评估项目');
    expect(await page.locator('li.assessment', { hasText: DEMO_ZH }).count()).toBe(1);
    expect(await page.locator('body').textContent()).toContain('示意性演示数据');
    await page.screenshot({ path: join(SCREENSHOTS, 'home-zh.png'), fullPage: true });

    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(SCREENSHOTS, 'home-zh-mobile.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });

    await Promise.all([page.waitForURL(/\/login/), page.getByRole('button', { name: '退出登录' }).click()]);
    expect(await page.locator('h1').textContent()).toBe('登录');
    await page.screenshot({ path: join(SCREENSHOTS, 'login-zh.png'), fullPage: true });

    expect(consoleProblems).toEqual([]);
    await context.close();
  }, 60_000);

  it('signs in as a demo evaluator, who sees the demo under the assessments they evaluate, with the evaluator role', async () => {
    const { context, page } = await englishPage();
    await signIn(page, 'expert1', printedPassword(seedOutput, 'expert1'));
    await expect.poll(() => page.locator('h1').textContent()).toBe('Your assessments');
    expect(await page.locator('.usermenu__name').textContent()).toContain('Chen Jing');
    expect(await page.locator('.usermenu__badge').count()).toBe(0);
    const group = page.locator('section[data-group="evaluator"]');
    expect(await group.locator('h2').textContent()).toBe('Assessments you evaluate');
    const cards = group.locator('li.assessment');
    expect(await cards.count()).toBe(1);
    expect(await cards.locator('h3').textContent()).toBe(DEMO_EN);
    expect(await cards.locator('.badge--role').textContent()).toBe('Evaluator');
    expect(await page.locator('section[data-group="all"], section[data-group="viewer"]').count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'home-evaluator-en.png'), fullPage: true });

    await Promise.all([page.waitForURL(`${base}/`), page.getByRole('button', { name: '简体中文' }).click()]);
    expect(await page.locator('section[data-group="evaluator"] .badge--role').textContent()).toBe('评估专家');
    await page.screenshot({ path: join(SCREENSHOTS, 'home-evaluator-zh.png'), fullPage: true });
    expect(consoleProblems).toEqual([]);
    await context.close();
  }, 60_000);

  it('shows no assessment to a reader before publication nor to a user on no panel', async () => {
    for (const username of ['reader', 'outsider']) {
      const { context, page } = await englishPage();
      await signIn(page, username, OTHER_PASSWORD);
      await expect.poll(() => page.locator('h1').textContent()).toBe('Your assessments');
      expect(await page.locator('li.assessment').count(), username).toBe(0);
      expect(await page.locator('body').textContent(), username).not.toContain(DEMO_EN);
      expect(await page.locator('p.empty').textContent(), username).toContain('No assessments to show yet.');
      await page.screenshot({ path: join(SCREENSHOTS, `home-${username}-en.png`), fullPage: true });
      await context.close();
    }
    // Once the demo is published its reader sees it, as a reader; the user on no panel still sees nothing.
    await db.update(assessments).set({ status: 'published' });
    try {
      const { context, page } = await englishPage();
      await signIn(page, 'reader', OTHER_PASSWORD);
      const cards = page.locator('section[data-group="viewer"] li.assessment');
      await expect.poll(() => cards.count()).toBe(1);
      expect(await cards.locator('.badge--role').textContent()).toBe('Viewer');
      await page.screenshot({ path: join(SCREENSHOTS, 'home-reader-published-en.png'), fullPage: true });
      await context.close();
    } finally {
      await db.update(assessments).set({ status: 'open' }).where(eq(assessments.code, 'hexi-corridor-2017'));
    }
    expect(consoleProblems).toEqual([]);
  }, 60_000);

  it('shows a failed sign-in and the 404 page without console errors', async () => {
    const { context, page } = await englishPage();
    await page.goto(`${base}/login`);
    // The form does not stop an empty submission in the browser (novalidate): the server names each field.
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Username: this field is required.');
    expect(await page.locator('#password-error').textContent()).toBe('Password: this field is required.');
    await page.screenshot({ path: join(SCREENSHOTS, 'login-invalid-en.png'), fullPage: true });
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Incorrect username or password.');
    await page.screenshot({ path: join(SCREENSHOTS, 'login-failed-en.png'), fullPage: true });

    const res = await page.goto(`${base}/no/such/page`);
    expect(res?.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toBe('Page not found');
    await page.screenshot({ path: join(SCREENSHOTS, 'not-found-en.png'), fullPage: true });
    // Chromium logs the status of the page itself (422, 404) as a console error; nothing else may appear.
    expect(
      consoleProblems.filter((p) => !/\/login: .*status of (400|422)|\/no\/such\/page: .*status of 404/.test(p)),
    ).toEqual([]);
    await context.close();
  }, 60_000);
});
