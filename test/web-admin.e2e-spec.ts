import type { Locator, Page } from 'playwright-core';
import { expectAccessible, settled, shanghaiToday } from './support/browser';
import { startWebhookSink, WebhookSink } from './support/channel-sinks';
import { signIn } from './support/factories';
import { DESKTOP, PHONE, Workbench } from './support/workbench';

/**
 * The admin pages (系统管理) in a real browser (Debian's Chromium through playwright-core) against the real API on a
 * seeded database — the harness of test/web-desk.e2e-spec.ts. The admin creates a user (a field the API refuses shows
 * its reason beside the field; the new user then signs in), creates an API key (the secret shown once, then only its
 * prefix; the key reads the API, and after 吊销 gets 401), edits a reminder rule (the API has it), adds a 钉钉 robot
 * pointing at a loopback webhook sink and sends a test message (the page shows the result); a department editor sees
 * no admin menu and is sent away from the URLs (the API answers 403). axe on every page. With ADMIN_SCREENSHOTS=<dir>
 * it also saves each admin page at 1440 and 390 px.
 */
const SHOTS = process.env.ADMIN_SCREENSHOTS;


const NEW_PASSWORD = 'Quanjiang-Lu-2027';
const ADMIN_PAGES: Array<[string, string, string]> = [
  ['/admin/users', '用户管理', '01-users'],
  ['/admin/departments', '部门/街道', '02-departments'],
  ['/admin/api-keys', 'API 密钥', '03-api-keys'],
  ['/admin/rules', '规则设置', '04-rules'],
  ['/admin/channels', '通知渠道', '05-channels'],
  ['/admin/calendar', '工作日历', '06-calendar'],
  ['/admin/jobs', '定时任务', '07-jobs'],
];

jest.setTimeout(420_000);

describe('the admin pages in Chromium', () => {
  let workbench: Workbench;
  let robot: WebhookSink;

  beforeAll(async () => {
    robot = await startWebhookSink();
    workbench = await Workbench.start({ screenshots: SHOTS });
  });

  afterAll(async () => {
    await workbench?.close();
    await robot?.close();
  });

  const newPage = (viewport = DESKTOP) => workbench.newPage(viewport);
  const signInAs = (page: Page, username: string, path = '/', password?: string) => workbench.signInAs(page, username, path, password);
  const api = <T = any>(url: string, username = 'admin'): Promise<T> => workbench.api(username, url, { status: 200 });
  const shoot = (page: Page, name: string) => workbench.shoot(page, name);

  /**
   * axe as a person sees the page once it is still: the pointer rests off the buttons (a hovered button is drawn
   * lighter) and the saved message has faded out (a fading one is half transparent).
   */
  async function accessible(page: Page, what: string) {
    await page.mouse.move(1, 1);
    await page.locator('.el-message').first().waitFor({ state: 'detached' });
    await expectAccessible(page, what);
  }

  /** The el-form-item whose label is `label`, inside `scope`. */
  const formItem = (scope: Locator | Page, label: string) => scope.locator('.el-form-item').filter({ has: ('page' in scope ? scope.page() : scope).locator(`label:text-is("${label}")`) });

  /** Confirms Element Plus's message box (the destructive-action confirmation). */
  async function confirm(page: Page, title: string, button: string) {
    const box = page.getByRole('dialog', { name: title });
    await box.waitFor();
    await box.getByRole('button', { name: button }).click();
    await box.waitFor({ state: 'hidden' });
  }

  it('users: a field the API refuses shows its reason beside the field; the created user signs in', async () => {
    const admin = await newPage();
    await signInAs(admin, 'admin', '/admin/users');
    await admin.getByRole('heading', { name: '用户管理', level: 1 }).waitFor();
    await settled(admin);
    const users = await api<Array<{ username: string }>>('/api/v1/users');
    await admin.getByText(`共 ${users.length} 个用户`).waitFor();
    // The menu: the admin pages under 系统管理.
    for (const [, title] of ADMIN_PAGES) await admin.getByRole('menuitem', { name: title }).waitFor();
    await admin.getByRole('menuitem', { name: '系统管理' }).waitFor();
    await accessible(admin, 'users');
    await shoot(admin, '01-users');

    await admin.getByRole('button', { name: '新建用户' }).click();
    const dialog = admin.getByRole('dialog', { name: '新建用户' });
    await dialog.waitFor();
    await dialog.getByLabel('用户名').fill('Zhang San');
    await dialog.getByLabel('姓名').fill('发改委 张三');
    await dialog.getByLabel('初始密码').fill(NEW_PASSWORD);
    // 角色 stays 责任单位填报员; its unit:
    await dialog.getByLabel('所属单位').click();
    await admin.getByRole('option', { name: '区发展和改革委员会' }).click();
    await dialog.getByRole('button', { name: '创建' }).click();
    // The API's 400 names username: its reason, in Chinese, under that field — not elsewhere.
    await formItem(dialog, '用户名').locator('.el-form-item__error').getByText('用户名为 2–64 位小写字母').waitFor();
    expect(await formItem(dialog, '姓名').locator('.el-form-item__error').count()).toBe(0);
    await accessible(admin, 'create user dialog with a field error');
    await shoot(admin, '01-users-field-error');

    await dialog.getByLabel('用户名').fill('fgw-zhangsan');
    await dialog.getByRole('button', { name: '创建' }).click();
    await admin.getByText('已创建用户 fgw-zhangsan').waitFor();
    await dialog.waitFor({ state: 'hidden' });
    const created = (await api<Array<{ username: string; role: string; departmentName: string | null; isActive: boolean }>>('/api/v1/users')).find(
      (user) => user.username === 'fgw-zhangsan',
    );
    expect(created).toMatchObject({ role: 'department_editor', departmentName: '区发展和改革委员会', isActive: true });
    await admin.getByRole('cell', { name: 'fgw-zhangsan', exact: true }).waitFor();

    // The new user signs in with that password; as an editor they see no admin menu and are sent away from its URLs.
    const editor = await newPage();
    await signInAs(editor, 'fgw-zhangsan', '/', NEW_PASSWORD);
    await editor.getByText('发改委 张三').first().waitFor();
    expect(await editor.getByRole('menuitem', { name: '用户管理' }).count()).toBe(0);
    expect(await editor.getByRole('menuitem', { name: '系统管理' }).count()).toBe(0);
    for (const [path] of ADMIN_PAGES) {
      await editor.goto(`${workbench.base}${path}`);
      await editor.waitForURL(`${workbench.base}/`);
    }
    const editorHeaders = await signIn(workbench.app, 'fgw-zhangsan', NEW_PASSWORD);
    for (const url of ['/api/v1/users', '/api/v1/api-keys', '/api/v1/admin/job-runs']) {
      expect((await workbench.app.inject({ method: 'GET', url, headers: editorHeaders })).statusCode).toBe(403);
    }

    // 重置密码 ends their session: the editor's next request is refused and they are sent to sign in.
    await admin.getByRole('button', { name: '重置 fgw-zhangsan 的密码' }).click();
    const reset = admin.getByRole('dialog', { name: '重置密码：fgw-zhangsan' });
    await reset.getByLabel('新密码').fill('short');
    await reset.getByRole('button', { name: '重置密码' }).click();
    await formItem(reset, '新密码').locator('.el-form-item__error').getByText('密码至少 12 个字符').waitFor();
    await reset.getByLabel('新密码').fill('Zhaojun-Road-2028');
    await reset.getByRole('button', { name: '重置密码' }).click();
    await admin.getByText('已重置 fgw-zhangsan 的密码').waitFor();
    expect((await workbench.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: editorHeaders })).statusCode).toBe(401);
    await editor.getByRole('menuitem', { name: '项目库' }).click();
    await editor.waitForURL(/\/login/);

    // 停用 is confirmed first.
    await admin.getByRole('button', { name: '停用 fgw-zhangsan' }).click();
    await confirm(admin, '停用用户', '停用');
    await admin.getByText('已停用 fgw-zhangsan').waitFor();
    expect((await api<Array<{ username: string; isActive: boolean }>>('/api/v1/users')).find((user) => user.username === 'fgw-zhangsan')!.isActive).toBe(false);
  });

  it('API keys: the secret is shown once, then only its prefix; the key reads the API; 吊销 → 401', async () => {
    const admin = await newPage();
    await signInAs(admin, 'admin', '/admin/api-keys');
    await admin.getByRole('heading', { name: 'API 密钥', level: 1 }).waitFor();
    await admin.getByRole('button', { name: '新建密钥' }).click();
    const dialog = admin.getByRole('dialog', { name: '新建 API 密钥' });
    await dialog.getByLabel('名称').fill('区政府调度大屏');
    await dialog.getByRole('button', { name: '创建' }).click();
    const shown = admin.getByRole('dialog', { name: '密钥已创建' });
    await shown.waitFor();
    const key = await shown.getByLabel('新密钥').inputValue();
    expect(key).toMatch(/^kpt_/);
    await accessible(admin, 'api key shown once');
    await shoot(admin, '03-api-keys-shown-once');
    await shown.getByRole('button', { name: '我已保存，关闭' }).click();
    await shown.waitFor({ state: 'hidden' });

    const [listed] = await api<Array<{ name: string; prefix: string }>>('/api/v1/api-keys');
    expect(listed.name).toBe('区政府调度大屏');
    expect(key.startsWith(listed.prefix)).toBe(true);
    await admin.getByText(`${listed.prefix}…`).first().waitFor();
    expect(await admin.content()).not.toContain(key);
    // A reload shows no secret either: only the prefix was ever kept.
    await admin.reload();
    await admin.getByText(`${listed.prefix}…`).first().waitFor();
    expect(await admin.content()).not.toContain(key);
    await accessible(admin, 'api keys');
    await shoot(admin, '03-api-keys');

    const read = () => workbench.app.inject({ method: 'GET', url: '/api/v1/projects?pageSize=1', headers: { 'x-api-key': key } });
    expect((await read()).statusCode).toBe(200);
    await admin.getByRole('button', { name: '吊销 区政府调度大屏' }).click();
    await confirm(admin, '吊销 API 密钥', '吊销');
    await admin.getByText(`已吊销：区政府调度大屏`).waitFor();
    expect((await read()).statusCode).toBe(401);
  });

  it('rules: a reminder rule edited on the page is what the API answers; a refused value shows beside its field', async () => {
    const admin = await newPage();
    await signInAs(admin, 'admin', '/admin/rules');
    await admin.getByRole('heading', { name: '提醒规则' }).waitFor();
    await settled(admin);
    const before = await api('/api/v1/reminder-rules');
    await accessible(admin, 'rules');
    await shoot(admin, '04-rules');

    await admin.getByLabel('到期前提醒').fill('7、3、1');
    await admin.getByLabel('逾期后每隔几个工作日催办').fill(String(before.overdueRepeatEvery + 1));
    await admin.getByRole('button', { name: '保存提醒规则' }).click();
    await admin.getByText('已保存提醒规则').waitFor();
    const after = await api('/api/v1/reminder-rules');
    expect(after).toMatchObject({ dueSoonOffsets: [7, 3, 1], overdueRepeatEvery: before.overdueRepeatEvery + 1, version: before.version + 1 });

    // 61 working days is beyond the API's range: its reason beside 到期前提醒.
    await admin.getByLabel('到期前提醒').fill('61');
    await admin.getByRole('button', { name: '保存提醒规则' }).click();
    await formItem(admin, '到期前提醒').locator('.el-form-item__error').getByText('不能大于 60').waitFor();
    expect((await api('/api/v1/reminder-rules')).dueSoonOffsets).toEqual([7, 3, 1]);

    // The deadline-change threshold.
    await admin.getByLabel('免审批上限（工作日）').fill('15');
    await admin.getByRole('button', { name: '保存阈值' }).click();
    await admin.getByText('推迟超过 15 个工作日须督查室审批').waitFor();
    expect((await api('/api/v1/settings/deadline-changes')).maxWorkingDaysWithoutApproval).toBe(15);
  });

  it('channels: a 钉钉 robot on a loopback sink, its test send and the result on the page', async () => {
    const [fgw] = await workbench.database.dataSource.query(`SELECT id FROM departments WHERE name = '区发展和改革委员会'`);
    const admin = await newPage();
    await signInAs(admin, 'admin', `/admin/channels?department=${fgw.id}`);
    await admin.getByRole('heading', { name: '通知渠道', level: 1 }).waitFor();
    await admin.getByText('区发展和改革委员会：共 0 个渠道').waitFor();
    await admin.getByRole('button', { name: '添加渠道' }).click();
    const dialog = admin.getByRole('dialog', { name: '添加通知渠道' });
    await dialog.getByLabel('名称').fill('发改委项目调度群');
    await dialog.getByLabel('Webhook 地址').fill('ftp://robot');
    await dialog.getByRole('button', { name: '添加' }).click();
    await formItem(dialog, 'Webhook 地址').locator('.el-form-item__error').waitFor();
    expect(await formItem(dialog, 'Webhook 地址').locator('.el-form-item__error').textContent()).toMatch(/^[^a-z]*(https:\/\/)?[^a-z]*$/);
    await dialog.getByLabel('Webhook 地址').fill(`${robot.url}/robot/send?access_token=tok-admin-page-0001`);
    await dialog.getByLabel('加签密钥').fill('SECadminpage0000000000000000000000000000000000000000000000000c0de');
    await dialog.getByRole('button', { name: '添加' }).click();
    await admin.getByText('已添加钉钉群机器人「发改委项目调度群」').waitFor();
    // Masked as the API returns it: the token and the secret only by their last 4 characters.
    await admin.getByText('access_token=****0001').waitFor();
    await admin.getByText('加签密钥 ****c0de').waitFor();
    expect(await admin.content()).not.toContain('tok-admin-page-0001');
    await admin.getByText('尚未发送过').waitFor();

    await admin.getByRole('button', { name: '测试发送：钉钉群机器人发改委项目调度群' }).click();
    await admin.getByText(/^测试消息已送达（HTTP 200/).waitFor();
    await admin.getByLabel(/^最近发送：送达 · 测试发送 · .* · HTTP 200$/).waitFor();
    expect(robot.received).toHaveLength(1);
    expect(robot.received[0].url).toContain('access_token=tok-admin-page-0001');

    // A robot that refuses: the failure, in Chinese, on the page.
    robot.answerWith(200, { errcode: 310000, errmsg: 'sign not match' });
    await admin.getByRole('button', { name: '测试发送：钉钉群机器人发改委项目调度群' }).click();
    await admin.getByText('测试消息未送达：机器人拒收消息（错误码 310000）', { exact: false }).first().waitFor();
    await admin.getByLabel(/^最近发送：失败：机器人拒收消息（错误码 310000）/).waitFor();
    robot.answerWith(200, { errcode: 0, errmsg: 'ok' });
    await accessible(admin, 'channels');
    await shoot(admin, '05-channels');
  });

  it('departments, calendar and job runs open for the admin, accessible; phone width', async () => {
    const admin = await newPage();
    await signInAs(admin, 'admin', '/admin/departments');
    await admin.getByRole('heading', { name: '部门/街道', level: 1 }).waitFor();
    const departments = await api<unknown[]>('/api/v1/departments');
    await admin.getByText(`共 ${departments.length} 个单位`).waitFor();
    await accessible(admin, 'departments');
    await shoot(admin, '02-departments');

    const year = Number(shanghaiToday().slice(0, 4));
    await admin.goto(`${workbench.base}/admin/calendar?year=${year}`);
    await admin.getByRole('heading', { name: '工作日历', level: 1 }).waitFor();
    const calendar = await api(`/api/v1/calendar/years/${year}`);
    await admin.getByText(`全年 ${calendar.workingDays} 个工作日`).waitFor();
    await accessible(admin, 'calendar');
    await shoot(admin, '06-calendar');

    await admin.goto(`${workbench.base}/admin/jobs`);
    await admin.getByRole('heading', { name: '定时任务', level: 1 }).waitFor();
    await admin.getByRole('button', { name: '周报生成' }).click();
    await admin.getByText('已开始：周报生成').waitFor();
    const runs = await api('/api/v1/admin/job-runs');
    expect(runs.items[0]).toMatchObject({ job: 'weekly-report', kind: 'manual' });
    await admin.getByText('共 1 次运行', { exact: false }).waitFor();
    await accessible(admin, 'job runs');
    await shoot(admin, '07-jobs');

    // The queue dashboard: the page first gets the admin cookie, then opens Bull Board.
    const [board] = await Promise.all([admin.context().waitForEvent('page'), admin.getByRole('button', { name: '打开队列看板（Bull Board）' }).click()]);
    await board.waitForURL(/\/admin\/queues/);
    await board.waitForLoadState('domcontentloaded');
    expect(await board.title()).not.toBe('');
    const cookies = await admin.context().cookies(`${workbench.base}/admin/queues`);
    expect(cookies.some((cookie) => cookie.path === '/admin/queues')).toBe(true);

    if (SHOTS) {
      const phone = await newPage(PHONE);
      await signInAs(phone, 'admin');
      for (const [path, , name] of ADMIN_PAGES) {
        await phone.goto(`${workbench.base}${path}`);
        await phone.getByRole('heading', { level: 1 }).first().waitFor();
        await shoot(phone, name);
      }
      await phone.getByRole('button', { name: '打开菜单' }).click();
      await phone.getByRole('heading', { name: '系统管理' }).waitFor();
      await shoot(phone, '00-menu');
    }
  });
});
