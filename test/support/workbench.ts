/**
 * The harness of the browser specs: the real API serving the built web app on a loopback port, on a fresh database
 * (by default the plan catalogue and the demo portfolio, signed in with the demo password), Debian's Chromium, pages
 * in zh-CN and Asia/Shanghai, signing in through the login page, API calls as a demo user, and screenshots (when the
 * spec's screenshot folder is set) that also check nothing sticks out sideways. What each browser spec used to build
 * for itself.
 */
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { InjectOptions } from 'fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEFAULT_DEMO_PASSWORD, seedDemo } from '../../seeds/demo.seed';
import { seedPlanCatalogue } from '../../seeds/plan-catalogue.seed';
import { CHROMIUM, launchChromium, settled, shanghaiToday, WEB_DIR } from './browser';
import { signIn } from './factories';
import { createTestApp } from './test-app';
import { createTestDatabase, TestDatabase } from './test-database';

export const DESKTOP = { width: 1440, height: 900 };
export const PHONE = { width: 390, height: 844 };

export interface WorkbenchOptions {
  /** Environment of the API (WEB_APP_DIR is set). */
  env?: Record<string, string>;
  /** Seed the plan catalogue and the demo portfolio as of this day (default: today in Asia/Shanghai); false: an empty database. */
  demoToday?: string | false;
  /** Where screenshots go (the spec's *_SCREENSHOTS variable); none are taken when unset. */
  screenshots?: string;
}

export class Workbench {
  private readonly contexts: BrowserContext[] = [];

  private constructor(
    readonly database: TestDatabase,
    readonly app: NestFastifyApplication,
    /** http://127.0.0.1:<port> of the API serving the web app. */
    readonly base: string,
    readonly browser: Browser,
    readonly screenshots: string | undefined,
  ) {}

  static async start(options: WorkbenchOptions = {}): Promise<Workbench> {
    if (!existsSync(join(WEB_DIR, 'index.html'))) throw new Error(`No built web app in ${WEB_DIR}: run npm run build:web (npm test does)`);
    if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: apt-get install chromium fonts-noto-cjk, or set CHROMIUM_PATH`);
    if (options.screenshots) mkdirSync(options.screenshots, { recursive: true });
    const database = await createTestDatabase();
    if (options.demoToday !== false) {
      await seedPlanCatalogue(database.dataSource);
      await seedDemo(database.dataSource, { password: DEFAULT_DEMO_PASSWORD, today: options.demoToday ?? shanghaiToday() });
    }
    const app = await createTestApp(database, { WEB_APP_DIR: WEB_DIR, ...options.env });
    await app.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    return new Workbench(database, app, base, await launchChromium(), options.screenshots);
  }

  /** A page in a context of its own (its own cookies: one signed-in person per page). */
  async newPage(viewport = DESKTOP): Promise<Page> {
    const context = await this.browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true });
    this.contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    return page;
  }

  /** Signs in through the login page, as a person does, and waits for the shell. */
  async signInAs(page: Page, username: string, path = '/', password = DEFAULT_DEMO_PASSWORD): Promise<void> {
    await page.goto(`${this.base}${path}`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('button', { name: '退出登录' }).waitFor();
  }

  /** The API's answer to a demo user (what the page must show), expecting the status given (default: any 2xx). */
  async api<T = any>(username: string, url: string, request: { method?: InjectOptions['method']; payload?: object; status?: number } = {}): Promise<T> {
    const headers = await signIn(this.app, username, DEFAULT_DEMO_PASSWORD);
    const response = await this.app.inject({ method: request.method ?? 'GET', url, headers, ...(request.payload && { payload: request.payload }) });
    if (request.status !== undefined) expect({ url, status: response.statusCode }).toEqual({ url, status: request.status });
    else expect({ url, status: response.statusCode < 300 ? 'ok' : response.statusCode }).toEqual({ url, status: 'ok' });
    return response.json();
  }

  /** With a screenshot folder: the page as it stands, window and full height; nothing may stick out sideways. */
  async shoot(page: Page, name: string, settleMs = 600): Promise<void> {
    if (!this.screenshots) return;
    await settled(page);
    await page.waitForTimeout(settleMs); // transitions of tabs, tags and dialogs
    const width = page.viewportSize()!.width;
    await page.screenshot({ path: join(this.screenshots, `${name}-${width}.png`) });
    await page.screenshot({ path: join(this.screenshots, `${name}-${width}-full.png`), fullPage: true });
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(width);
  }

  async close(): Promise<void> {
    for (const context of this.contexts) await context.close().catch(() => undefined);
    await this.browser?.close();
    await this.app?.close();
    await this.database?.drop();
  }
}
