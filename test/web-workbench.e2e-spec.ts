import type { Page } from 'playwright-core';
import { DEFAULT_DEMO_PASSWORD } from '../seeds/demo.seed';
import { addDays, expectAccessible, waitUntilTrue } from './support/browser';
import { signIn } from './support/factories';
import { DESKTOP, Workbench } from './support/workbench';

/**
 * The web workbench in a real browser: Debian's Chromium (CHROMIUM_PATH, default /usr/bin/chromium) through
 * playwright-core, against the real API on a seeded database (plan catalogue + demo data) and Redis, serving the
 * built app (npm run build:web, which `npm test` runs first). Run inside Jest on purpose: one runner, and the
 * harness of every other e2e spec (per-file database, queue prefixes, teardown). Elements are found by role and
 * accessible name, as a person finds them; figures are compared with what the API answers for the same question.
 */
const ZJJ_PROJECT = '玉祥·安泽园（范家营棚改回迁房）项目'; // 区住房和城乡建设局's (editor-zjj)
const SUBSTATION = '玉泉变 220 千伏变电站工程';

jest.setTimeout(240_000);

describe('web workbench in Chromium', () => {
  let workbench: Workbench;

  beforeAll(async () => {
    workbench = await Workbench.start();
  });

  afterAll(() => workbench?.close());

  const newPage = (viewport = DESKTOP) => workbench.newPage(viewport);
  const signInAs = (page: Page, username: string, path = '/') => workbench.signInAs(page, username, path);
  const api = <T = any>(username: string, url: string): Promise<T> => workbench.api(username, url, { status: 200 });

  async function projectId(name: string): Promise<string> {
    const page = await api('admin', `/api/v1/projects?q=${encodeURIComponent(name)}`);
    const project = page.items.find((item: { name: string }) => item.name === name);
    if (!project) throw new Error(`no project ${name}`);
    return project.id;
  }

  /** The number a statistic card of the dashboard shows (its accessible name is "<label>：<n>个…"). */
  async function card(page: Page, label: string): Promise<number> {
    const link = page.getByRole('link', { name: new RegExp(`^${label}：`) });
    const name = (await link.getAttribute('aria-label')) ?? '';
    return Number(/：([\d,.]+)/.exec(name)![1].replace(/,/g, ''));
  }

  async function listTotal(page: Page): Promise<number> {
    const text = await page.getByText(/^共 \d+ 个项目$/).textContent();
    return Number(/\d+/.exec(text ?? '')![0]);
  }


  it('supervisor: signs in, the dashboard shows the API’s numbers, a card opens the filtered list, search and filters live in the URL', async () => {
    const page = await newPage();
    await page.goto(`${workbench.base}/`);
    await page.waitForURL(/\/login/);
    expect(page.url()).toContain('/login?redirect=');
    await expectAccessible(page, 'login');
    await signInAs(page, 'supervisor');
    await expect(page.getByText('督查室', { exact: true }).first().isVisible()).resolves.toBe(true);

    const summary = await api('supervisor', '/api/v1/supervision/summary?by=column');
    const overdue = await api('supervisor', '/api/v1/supervision/overdue?pageSize=1');
    await page.getByRole('link', { name: /^红灯：/ }).waitFor();
    expect(await card(page, '项目总数')).toBe(summary.totals.total);
    expect(await card(page, '红灯')).toBe(summary.totals.red);
    expect(await card(page, '黄灯')).toBe(summary.totals.yellow);
    expect(await card(page, '绿灯')).toBe(summary.totals.green);
    expect(await card(page, '逾期节点')).toBe(overdue.total);
    await expectAccessible(page, 'dashboard');

    // The red card is a link to the list filtered by red, and the list agrees with the API's count.
    await page.getByRole('link', { name: /^红灯：/ }).click();
    await page.waitForURL(/\/projects\?light=red/);
    await page.getByText(/^共 \d+ 个项目$/).waitFor();
    await page.waitForSelector('.el-loading-mask', { state: 'detached' }); // not a string predicate: the page's CSP forbids eval
    expect(await listTotal(page)).toBe(summary.totals.red);
    // At 1440 px the table fits beside the menu: no sideways scrolling, no column under the fixed 操作 column.
    const tableFits = "(() => { const w = document.querySelector('.el-table__body-wrapper .el-scrollbar__wrap'); return !!w && w.scrollWidth <= w.clientWidth; })()";
    await waitUntilTrue(page, tableFits);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(1440);
    await expectAccessible(page, 'project list');

    // Search the way people type; the query goes into the URL and a reload keeps it.
    await page.goto(`${workbench.base}/projects`);
    await page.getByLabel('搜索项目名称').fill('220千伏');
    await page.getByRole('button', { name: '搜索' }).click();
    await page.waitForURL(/q=220/);
    await page.getByRole('link', { name: SUBSTATION }).first().waitFor();
    const found = await api('supervisor', `/api/v1/projects?q=${encodeURIComponent('220千伏')}`);
    await page.reload();
    await page.getByRole('link', { name: SUBSTATION }).first().waitFor();
    expect(await listTotal(page)).toBe(found.total);
    expect(new URL(page.url()).searchParams.get('q')).toBe('220千伏');

    // A shared link with a filter opens the same list.
    await page.goto(`${workbench.base}/projects?q=${encodeURIComponent('安泽园')}&status=under_construction`);
    await page.getByRole('link', { name: ZJJ_PROJECT }).first().waitFor();
    expect(await listTotal(page)).toBe((await api('supervisor', `/api/v1/projects?q=${encodeURIComponent('安泽园')}&status=under_construction`)).total);
  });

  it('viewer: opens a project and sees no edit controls', async () => {
    const page = await newPage();
    await signInAs(page, 'viewer', `/projects/${await projectId(ZJJ_PROJECT)}`);
    await page.getByRole('heading', { name: ZJJ_PROJECT }).waitFor();
    await page.getByRole('button', { name: /的日期记录$/ }).first().waitFor();
    expect(await page.getByRole('button', { name: /^编辑节点/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '变更状态' }).count()).toBe(0);
    await page.getByRole('tab', { name: '进展填报' }).click();
    await page.getByText(/共 \d+ 条填报/).waitFor();
    expect(await page.getByRole('button', { name: '填报进展' }).count()).toBe(0);
    await page.getByRole('tab', { name: '投资' }).click();
    expect(await page.getByRole('button', { name: '填写月度完成投资' }).count()).toBe(0);
    await expectAccessible(page, 'project detail');
  });

  it('editor: moves a milestone, files a progress report once when pressed twice, meets a stale edit with the conflict dialog, cannot edit another unit’s project', async () => {
    const page = await newPage();
    const id = await projectId(ZJJ_PROJECT);
    await signInAs(page, 'editor-zjj', `/projects/${id}`);
    await page.getByRole('heading', { name: ZJJ_PROJECT }).waitFor();

    // Move a pending milestone's planned date one day later, with a reason.
    const detail = await api('editor-zjj', `/api/v1/projects/${id}`);
    const pending = detail.milestones.find((m: { status: string }) => m.status === 'pending');
    const newDate = addDays(pending.plannedDate, 1);
    await page.getByRole('button', { name: `编辑节点 ${pending.name}` }).click();
    const dialog = page.getByRole('dialog', { name: `编辑节点：${pending.name}` });
    await dialog.getByLabel('计划日期').fill(newDate);
    await dialog.getByLabel('计划日期').press('Enter');
    await dialog.getByLabel('调整理由').fill('征拆未完成，顺延一天');
    await dialog.getByRole('button', { name: '保存' }).click();
    await page.getByText(/已保存节点|调期申请已提交督查室审核/).first().waitFor();
    const after = await api('editor-zjj', `/api/v1/milestones/${pending.id}/date-history`);
    if (after.pendingRequest) expect(after.pendingRequest).toMatchObject({ newDate, status: 'pending' });
    else expect(after.plannedDate).toBe(newDate);

    // A progress report submitted with a double press: one report, and the request carries an Idempotency-Key.
    const before = (await api('editor-zjj', `/api/v1/projects/${id}/progress-reports`)).total;
    const keys: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().includes('/progress-reports')) keys.push(request.headers()['idempotency-key'] ?? '');
    });
    await page.getByRole('tab', { name: '进展填报' }).click();
    await page.getByRole('button', { name: '填报进展' }).click();
    const form = page.getByRole('dialog', { name: '填报进展' });
    await form.getByLabel('本期进展').fill('主体结构施工完成 65%，浏览器测试');
    await form.getByLabel('形象进度（%）').fill('65');
    await form.getByLabel('本期完成投资（万元）').fill('120.5');
    await form.getByRole('button', { name: '提交' }).dblclick();
    await page.getByText('主体结构施工完成 65%，浏览器测试').waitFor();
    expect((await api('editor-zjj', `/api/v1/projects/${id}/progress-reports`)).total).toBe(before + 1);
    expect(keys.length).toBeGreaterThanOrEqual(1);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);

    // A stale edit: someone saves the milestone while the dialog is open; the conflict dialog keeps what was typed.
    await page.getByRole('tab', { name: '节点' }).click();
    const other = detail.milestones.filter((m: { status: string }) => m.status === 'pending').at(-1);
    await page.getByRole('button', { name: `编辑节点 ${other.name}` }).click();
    const edit = page.getByRole('dialog', { name: `编辑节点：${other.name}` });
    await edit.getByLabel('备注').fill('我方填写的备注');
    const current = await api('editor-zjj', `/api/v1/milestones/${other.id}`);
    const headers = { ...(await signIn(workbench.app, 'editor-zjj', DEFAULT_DEMO_PASSWORD)), 'if-match': `"${current.version}"` };
    const theirs = await workbench.app.inject({ method: 'PATCH', url: `/api/v1/milestones/${other.id}`, headers, payload: { note: '他人刚刚保存的备注' } });
    expect(theirs.statusCode).toBe(200);
    await edit.getByRole('button', { name: '保存' }).click();
    const conflict = page.getByRole('dialog', { name: '该记录刚刚被他人修改' });
    await conflict.waitFor();
    await conflict.getByText('他人刚刚保存的备注').waitFor();
    await conflict.getByRole('button', { name: '重新加载' }).click();
    await conflict.waitFor({ state: 'hidden' });
    expect(await edit.getByLabel('备注').inputValue()).toBe('我方填写的备注');
    await edit.getByRole('button', { name: '保存' }).click();
    await page.getByText(/已保存节点/).first().waitFor();
    expect((await api('editor-zjj', `/api/v1/milestones/${other.id}`)).note).toBe('我方填写的备注');

    // Another unit's project: read-only in the UI.
    await page.goto(`${workbench.base}/projects/${await projectId(SUBSTATION)}`);
    await page.getByRole('heading', { name: SUBSTATION }).waitFor();
    await page.getByText('只读', { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: /^编辑节点/ }).count()).toBe(0);
  });

  it('editor: an expired session sends them to sign in and back to where they were; the dashboard shows their unit', async () => {
    const page = await newPage();
    await signInAs(page, 'editor-zjj');
    const me = await api('editor-zjj', '/api/v1/auth/me');
    const red = await api('editor-zjj', `/api/v1/warning-lights/projects?ownerUnit=${me.departmentId}&light=red&pageSize=1`);
    await page.getByRole('link', { name: /^红灯：/ }).waitFor();
    expect(await card(page, '红灯')).toBe(red.total);

    await page.context().clearCookies();
    await page.getByRole('menuitem', { name: '项目库' }).click();
    await page.waitForURL(/\/login\?redirect=(%2F|\/)projects/);
    await page.getByText('登录已过期').waitFor();
    await page.getByLabel('用户名').fill('editor-zjj');
    await page.getByLabel('密码').fill(DEFAULT_DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(/\/projects$/);
  });

  it('admin: signs in, sees the bell and the menu, signs out; a page opened after that asks to sign in and returns', async () => {
    const page = await newPage();
    await signInAs(page, 'admin');
    await page.getByRole('button', { name: /^消息通知/ }).waitFor();
    await page.getByRole('navigation', { name: '主菜单' }).getByText('项目库').waitFor();
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL(/\/login/);
    await page.goto(`${workbench.base}/projects?light=yellow`);
    await page.waitForURL(/\/login\?redirect=/);
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('密码').fill(DEFAULT_DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(/\/projects\?light=yellow$/);
  });

  it('editor at phone width (390 px): the list as cards, the detail, a milestone edit and a progress report', async () => {
    const page = await newPage({ width: 390, height: 844 });
    await signInAs(page, 'editor-zjj', `/projects?q=${encodeURIComponent('安泽园')}`);
    const cards = page.getByRole('list', { name: '项目列表' });
    await cards.getByRole('link', { name: ZJJ_PROJECT }).click();
    await page.getByRole('heading', { name: ZJJ_PROJECT }).waitFor();
    await page.waitForSelector('.el-loading-mask', { state: 'detached' });
    // Nothing wider than the phone (charts and tables settle their size after the first paint).
    await waitUntilTrue(page, 'document.documentElement.scrollWidth <= 390');

    const id = await projectId(ZJJ_PROJECT);
    const detail = await api('editor-zjj', `/api/v1/projects/${id}`);
    const pending = detail.milestones.find((m: { status: string }) => m.status === 'pending');
    await page.getByRole('list', { name: '节点列表' }).getByRole('button', { name: `编辑节点 ${pending.name}` }).click();
    const dialog = page.getByRole('dialog', { name: `编辑节点：${pending.name}` });
    await dialog.getByLabel('备注').fill('现场核实（手机）');
    await dialog.getByRole('button', { name: '保存' }).click();
    await page.getByText(/已保存节点/).first().waitFor();

    await page.getByRole('tab', { name: '进展填报' }).click();
    await page.getByRole('button', { name: '填报进展' }).click();
    const form = page.getByRole('dialog', { name: '填报进展' });
    await form.getByLabel('本期进展').fill('现场填报：外墙施工中');
    await form.getByRole('button', { name: '提交' }).click();
    await page.getByText('现场填报：外墙施工中').waitFor();
    await waitUntilTrue(page, 'document.documentElement.scrollWidth <= 390');
  });
});



