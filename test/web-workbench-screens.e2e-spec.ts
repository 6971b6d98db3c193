import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { type Browser, chromium, type Page } from 'playwright-core';
import { DEFAULT_DEMO_PASSWORD, seedDemo } from '../seeds/demo.seed';
import { seedPlanCatalogue } from '../seeds/plan-catalogue.seed';
import { signIn } from './support/factories';
import { createTestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';

/**
 * Screenshots of every page of the web workbench at 1440 × 900 and 390 × 844 for a person to look at
 * (docs/UI: "Look at it"). Not a test of behaviour: it runs only when SCREENSHOTS_DIR is set, e.g.
 *   npm run build:web && SCREENSHOTS_DIR=/tmp/screens npx jest test/web-workbench-screens.e2e-spec.ts
 * Beside each PNG it lists the elements wider than the window (a page that scrolls sideways).
 */
const OUT = process.env.SCREENSHOTS_DIR;
const WEB_DIR = join(__dirname, '..', 'dist', 'web');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ZJJ_PROJECT = '玉祥·安泽园（范家营棚改回迁房）项目';
const ARGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];

jest.setTimeout(900_000);

(OUT ? describe : describe.skip)('web workbench screenshots', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let browser: Browser;
  let base: string;
  const overflow: string[] = [];

  beforeAll(async () => {
    mkdirSync(OUT!, { recursive: true });
    if (!existsSync(join(WEB_DIR, 'index.html'))) throw new Error(`No built web app in ${WEB_DIR}: run npm run build:web`);
    database = await createTestDatabase();
    await seedPlanCatalogue(database.dataSource);
    await seedDemo(database.dataSource, { password: DEFAULT_DEMO_PASSWORD, today: new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()) });
    app = await createTestApp(database, { WEB_APP_DIR: WEB_DIR });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  });

  afterAll(async () => {
    writeFileSync(join(OUT!, 'overflow.txt'), overflow.join('\n') + '\n');
    await browser?.close();
    await app?.close();
    await database?.drop();
  });

  async function projectId(name: string): Promise<string> {
    const headers = await signIn(app, 'admin', DEFAULT_DEMO_PASSWORD);
    const response = await app.inject({ method: 'GET', url: `/api/v1/projects?q=${encodeURIComponent(name)}`, headers });
    return response.json().items.find((item: { name: string }) => item.name === name).id;
  }

  async function settle(page: Page) {
    await page.waitForFunction("![...document.querySelectorAll('.el-loading-mask')].some((mask) => mask.checkVisibility())");
    await page.waitForTimeout(1500); // charts animate and resize after the first paint
  }

  async function shot(page: Page, name: string, fullPage = true) {
    await settle(page);
    const width = page.viewportSize()!.width;
    const { height } = page.viewportSize()!;
    if (fullPage) await page.evaluate('window.scrollTo(0, 0)'); // a sticky top bar would be painted mid-page
    await page.screenshot({ path: join(OUT!, `${name}-${width}.png`), fullPage });
    // Tall pages also in window-high parts, which an image viewer shows at full size.
    const pageHeight: number = fullPage ? await page.evaluate('document.documentElement.scrollHeight') : height;
    for (let part = 0; fullPage && pageHeight > height * 1.2 && part * height < pageHeight && part < 6; part += 1) {
      const clip = { x: 0, y: part * height, width, height: Math.min(height, pageHeight - part * height) };
      await page.screenshot({ path: join(OUT!, `${name}-${width}-part${part + 1}.png`), fullPage: true, clip });
    }
    // A string, not a function: the Node typings of this project have no DOM.
    const wide: string[] = await page.evaluate(`(() => {
      const out = ['scrollWidth=' + document.documentElement.scrollWidth];
      for (const element of document.querySelectorAll('body *')) {
        const box = element.getBoundingClientRect();
        if (box.width > 0 && box.right > ${width} + 1 && getComputedStyle(element).visibility !== 'hidden') {
          out.push(element.tagName.toLowerCase() + '.' + String(element.className).split(' ').slice(0, 3).join('.') + ' right=' + Math.round(box.right));
        }
      }
      return out.slice(0, 15);
    })()`);
    overflow.push(`${name}-${width}: ${wide.join(' | ')}`);
  }

  async function signInAs(page: Page, username: string) {
    await page.goto(`${base}/login`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(DEFAULT_DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('button', { name: '退出登录' }).waitFor();
  }

  for (const viewport of [{ width: 1440, height: 900 }, { width: 390, height: 844 }]) {
    it(`every page at ${viewport.width} px`, async () => {
      // bypassCSP: the workbench's CSP (no eval) would refuse the string predicates of waitForFunction used to settle.
      const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', bypassCSP: true });
      const page = await context.newPage();
      page.setDefaultTimeout(60_000);
      await page.goto(`${base}/login`);
      await page.getByLabel('用户名').waitFor();
      await shot(page, '01-login');

      await signInAs(page, 'supervisor');
      await page.getByRole('link', { name: /^红灯：/ }).waitFor();
      await shot(page, '02-dashboard-supervisor');
      await page.goto(`${base}/projects`);
      await page.getByText(/^共 \d+ 个项目$/).waitFor();
      await shot(page, '03-projects-supervisor');
      await page.getByRole('button', { name: '退出登录' }).click();
      await page.waitForURL(/\/login/);

      await signInAs(page, 'editor-zjj');
      await page.getByRole('link', { name: /^红灯：/ }).waitFor();
      await shot(page, '04-dashboard-editor');
      if (viewport.width < 768) {
        await page.getByRole('button', { name: '打开菜单' }).click();
        await page.waitForTimeout(400);
        await shot(page, '05-menu-drawer', false);
        await page.keyboard.press('Escape');
        await page.waitForTimeout(400);
      }
      await page.goto(`${base}/projects`);
      await page.getByText(/^共 \d+ 个项目$/).waitFor();
      await shot(page, '06-projects-editor');
      if (viewport.width < 768) {
        await page.getByRole('button', { name: /^筛选/ }).click();
        await shot(page, '06b-projects-filters', false);
      }

      const id = await projectId(ZJJ_PROJECT);
      await page.goto(`${base}/projects/${id}`);
      await page.getByRole('heading', { name: ZJJ_PROJECT }).waitFor();
      await shot(page, '07-detail-milestones');
      // Issue 13: the list's 编辑 link (?edit=1) opens 编辑项目; 删除 a milestone asks for a reason.
      await page.goto(`${base}/projects/${id}?edit=1`);
      await page.getByRole('dialog', { name: '编辑项目' }).getByLabel('所在街道/镇').waitFor();
      await shot(page, '07b-project-edit', false);
      await page.getByRole('dialog', { name: '编辑项目' }).getByRole('button', { name: '取消' }).click();
      await page.waitForTimeout(400);
      await page.getByRole('button', { name: /^删除节点/ }).first().click();
      const removal = page.getByRole('dialog', { name: /^删除节点：/ });
      await removal.getByLabel('原因').fill('误添加：该节点属于另一项目');
      await shot(page, '07c-milestone-remove', false);
      await removal.getByRole('button', { name: '取消' }).click();
      await page.waitForTimeout(400);
      await page.getByRole('button', { name: /^编辑节点/ }).first().click();
      const dialog = page.getByRole('dialog', { name: /^编辑节点：/ });
      await dialog.getByLabel('备注').waitFor();
      await dialog.getByLabel('计划日期').fill('2027-12-31');
      await dialog.getByLabel('计划日期').press('Enter');
      await shot(page, '08-milestone-edit', false);
      await dialog.getByRole('button', { name: '取消' }).click();
      // A real move of an open milestone, so that its date history and the timeline have something to show.
      const editButtons = page.getByRole('button', { name: /^编辑节点/ });
      const last = editButtons.nth((await editButtons.count()) - (viewport.width < 768 ? 2 : 1)); // one move per run
      const lastName = ((await last.getAttribute('aria-label')) ?? '').replace(/^编辑节点 /, '');
      await last.click();
      const move = page.getByRole('dialog', { name: `编辑节点：${lastName}` });
      await move.getByLabel('备注').waitFor();
      const planned = await move.getByLabel('计划日期').inputValue();
      const later = new Date(Date.parse(`${planned}T00:00:00Z`) + 3 * 86_400_000).toISOString().slice(0, 10);
      await move.getByLabel('计划日期').fill(later);
      await move.getByLabel('计划日期').press('Enter');
      await move.getByLabel('调整理由').fill('征拆未完成，顺延三天');
      await move.getByRole('button', { name: '保存' }).click();
      await page.getByText(/已保存节点|调期申请已提交/).first().waitFor();
      await shot(page, '08b-after-move', false);
      await page.getByRole('button', { name: `${lastName} 的日期记录` }).first().click();
      await page.getByRole('dialog', { name: /^日期记录：/ }).waitFor();
      await shot(page, '09-date-history', false);
      await page.keyboard.press('Escape');
      await page.waitForTimeout(400);

      await page.getByRole('tab', { name: '投资' }).click();
      await page.getByRole('button', { name: '填写月度完成投资' }).waitFor();
      await shot(page, '10-detail-investment');
      await page.getByRole('button', { name: '填写月度完成投资' }).click();
      await page.getByRole('dialog', { name: '填写月度完成投资' }).waitFor();
      await shot(page, '11-investment-month', false);
      await page.keyboard.press('Escape');
      await page.waitForTimeout(400);

      await page.getByRole('tab', { name: '进展填报' }).click();
      await page.getByRole('button', { name: '填报进展' }).waitFor();
      await shot(page, '12-detail-reports');
      await page.getByRole('button', { name: '填报进展' }).click();
      const form = page.getByRole('dialog', { name: '填报进展' });
      await form.getByLabel('本期进展').fill('主体结构施工完成 65%，外墙保温进场');
      await form.getByLabel('形象进度（%）').fill('65');
      await form.getByLabel('本期完成投资（万元）').fill('1280.5');
      await form.getByLabel('存在问题').fill('3 号楼北侧地下管线迁改未完成');
      await form.getByLabel('需协调事项').fill('请区供水公司于月底前完成迁改');
      await shot(page, '13-report-form', false);
      await form.getByRole('button', { name: '提交' }).click();
      await page.getByText('主体结构施工完成 65%，外墙保温进场').first().waitFor();
      await shot(page, '13b-report-filed');
      await page.getByRole('button', { name: /^撤回 / }).first().click();
      const withdrawal = page.getByRole('dialog', { name: /^撤回进展填报/ });
      await withdrawal.getByLabel('原因').fill('误填：该进展属于另一项目');
      await shot(page, '13c-report-withdraw', false);
      await withdrawal.getByRole('button', { name: '取消' }).click();
      await page.waitForTimeout(400);

      await page.goto(`${base}/notifications`);
      await page.waitForTimeout(500);
      await shot(page, '14-notifications');
      await page.getByRole('button', { name: /^消息通知/ }).click();
      await page.waitForTimeout(500);
      await shot(page, '15-bell', false);
      await page.getByRole('button', { name: '退出登录' }).click();
      await page.waitForURL(/\/login/);

      await signInAs(page, 'supervisor');
      await page.goto(`${base}/projects/${id}`);
      await page.getByRole('heading', { name: ZJJ_PROJECT }).waitFor();
      await page.getByRole('tab', { name: '审计日志' }).click();
      await shot(page, '16-detail-audit');
      await page.goto(`${base}/timeline`);
      await page.getByTestId('timeline-summary').getByText(/个项目/).waitFor();
      await shot(page, '18-timeline');
      if (viewport.width >= 768) {
        await page.emulateMedia({ media: 'print' });
        await page.waitForTimeout(800);
        await page.locator('.print-page').first().screenshot({ path: join(OUT!, `18b-timeline-print-${viewport.width}.png`) });
        await page.emulateMedia({ media: 'screen' });
      }
      await page.goto(`${base}/no-such-page`);
      await shot(page, '17-not-found');
      await context.close();
    });
  }
});
