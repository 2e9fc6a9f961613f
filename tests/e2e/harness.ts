/**
 * What every browser test needs: the real app served on a free port over a migrated, seeded database file, and
 * Debian's chromium (never a downloaded browser) driven by playwright-core, with every console error and CSP
 * violation collected.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ServerType, serve } from '@hono/node-server';
import { type Browser, chromium, type Page } from 'playwright-core';
import { EnginePool } from '../../src/app/engine-pool/pool.ts';
import { ReportPool } from '../../src/app/report-pool/pool.ts';
import { closeDatabase, type Db, migrateDatabase, openDatabase } from '../../src/db/client.ts';
import { seedIfEmpty } from '../../src/db/seed.ts';
import { createApp } from '../../src/web/app.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const REQUIRED = process.env.CI === 'true';
export const AVAILABLE = existsSync(CHROMIUM);
export const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));

if (!AVAILABLE && !REQUIRED) {
  console.warn(
    `Browser tests skipped: ${CHROMIUM} not found. Install Debian's chromium package to run them (with CI=true they are required).`,
  );
}

/**
 * The CSP report of an empty inline style (the hash is that of ""), seen in one CI run on the weights page during
 * htmx swaps, whose settle step copies `style` from an old element to its replacement; blocking an empty style changes
 * nothing. A style with content has another hash and is still reported.
 */
const EMPTY_STYLE = /Applying inline style violates .*'sha256-47DEQpj8HBSa\+\/TImW\+5JCeuQeRkm5NMpJWZG3hSuFU='/;

export interface BrowserApp {
  readonly base: string;
  readonly db: Db;
  /** The database file's URL, for the command line to read what the pages wrote. */
  readonly dbUrl: string;
  readonly browser: Browser;
  /** What the seed printed (generated passwords among it). */
  readonly seedOutput: string;
  /** Console errors and CSP violations of every watched page. */
  readonly problems: string[];
  watch(page: Page, ignore?: RegExp): void;
  close(): Promise<void>;
}

export async function startBrowserApp(options: { adminPassword: string }): Promise<BrowserApp> {
  if (!AVAILABLE)
    throw new Error(`CI=true requires the browser tests, but ${CHROMIUM} is missing (apt-get install chromium).`);
  const dir = mkdtempSync(join(tmpdir(), 'corridor-e2e-'));
  const dbUrl = `file:${join(dir, 'e2e.db')}`;
  const db = await openDatabase({ url: dbUrl });
  await migrateDatabase(db);
  let seedOutput = '';
  await seedIfEmpty(db, {
    adminPassword: options.adminPassword,
    demo: true,
    log: (line) => (seedOutput += `${line}\n`),
  });
  const engine = new EnginePool();
  const reports = new ReportPool();
  const app = createApp({ db, log: () => {}, engine, reports: reports.render });
  let server: ServerType | undefined;
  const base = await new Promise<string>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
      resolve(`http://127.0.0.1:${info.port}`),
    );
  });
  const browser = await chromium.launch({
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
  const problems: string[] = [];
  return {
    base,
    db,
    dbUrl,
    browser,
    seedOutput,
    problems,
    watch: (page, ignore) => {
      page.on('console', (msg) => {
        if (ignore?.test(msg.text()) || EMPTY_STYLE.test(msg.text())) return;
        if (msg.type() === 'error' || /Content Security Policy/i.test(msg.text()))
          problems.push(`${page.url()}: ${msg.text()}`);
      });
      page.on('pageerror', (err) => problems.push(`${page.url()}: ${err.message}`));
    },
    close: async () => {
      await browser.close();
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      closeDatabase(db);
      await engine.close();
      await reports.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Signs in through the form, in the language the page comes in (English or Chinese labels). */
export async function signIn(
  app: BrowserApp,
  page: Page,
  username: string,
  password: string,
  zh = false,
): Promise<void> {
  await page.goto(`${app.base}/login`);
  await page.getByLabel(zh ? '用户名' : 'Username').fill(username);
  await page.getByLabel(zh ? '密码' : 'Password').fill(password);
  await Promise.all([
    page.waitForURL(`${app.base}/`),
    page.getByRole('button', { name: zh ? '登录' : 'Sign in' }).click(),
  ]);
}
