/**
 * What the browser specs of the web workbench share: Debian's Chromium through playwright-core (nothing downloads a
 * browser), the built app's folder, waiting for a page to settle, the axe check, and dates as the district counts them.
 */
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, chromium, type Page } from 'playwright-core';

export const WEB_DIR = join(__dirname, '..', '..', 'dist', 'web');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

/**
 * Polls an expression until it is true. Not page.waitForFunction with a string: that evaluates it with eval inside the
 * page, which the workbench's CSP (script-src 'self') forbids, as it should; page.evaluate goes through DevTools.
 */
export async function waitUntilTrue(page: Page, expression: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await page.evaluate(expression))) {
    if (Date.now() > deadline) throw new Error(`still false after ${timeoutMs} ms: ${expression}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** No loading mask left (a selector, not a string predicate: the page's CSP forbids eval). */
export async function settled(page: Page): Promise<void> {
  await page.waitForSelector('.el-loading-mask', { state: 'detached' });
}

/** axe-core over the page as it stands: no serious or critical WCAG 2 A/AA violation. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  await settled(page);
  // A dialog fading in is half transparent: axe would measure the contrast of a frame, not of the page.
  await waitUntilTrue(page, "document.getAnimations().every((animation) => animation.playState !== 'running')");
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  const serious = result.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${what}: ${violation.id} (${violation.impact}) ${violation.nodes.slice(0, 3).map((node) => node.target.join(' ')).join(' | ')}`);
  expect(serious).toEqual([]);
}

export function shanghaiToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
