import type { Page } from 'playwright-core';
import { KEY_MILESTONE_KINDS, MilestoneKind } from '@app/domain';
import { DEFAULT_DEMO_PASSWORD } from '../seeds/demo.seed';
import { addDays, expectAccessible, settled, shanghaiToday } from './support/browser';
import { signIn } from './support/factories';
import { createTestWorker, TestWorker, waitFor } from './support/worker-app';
import { DESKTOP, PHONE, Workbench } from './support/workbench';

/**
 * The 督查室's desk in a real browser (Debian's Chromium through playwright-core), against the real API and the real
 * worker (it relays the notice events into the inbox: the bell) on a seeded database — the harness of
 * test/web-workbench.e2e-spec.ts. The 督办单 loop: the supervisor finds the most-late milestone on 逾期督导 and issues a
 * notice; the owner unit's editor sees it in the bell, opens it and replies; the supervisor returns it once; the
 * editor replies again; the supervisor accepts it (销号) — each state on the page equal to the API's. Then 节点调整审批:
 * an editor moves a key milestone, the supervisor approves (the planned date moves, the baseline does not) and rejects
 * another (nothing moves). axe on every new page. With DESK_SCREENSHOTS=<dir> it also saves each page at 1440 and 390 px.
 */
const SHOTS = process.env.DESK_SCREENSHOTS;
const ZJJ_PROJECT = '玉祥·安泽园（范家营棚改回迁房）项目'; // 区住房和城乡建设局's (editor-zjj)



jest.setTimeout(420_000);

describe('the 督查室 desk in Chromium', () => {
  let workbench: Workbench;
  let worker: TestWorker;

  beforeAll(async () => {
    workbench = await Workbench.start({ screenshots: SHOTS, env: { OUTBOX_POLL_INTERVAL_MS: '100' } });
    worker = await createTestWorker(workbench.database, { now: new Date().toISOString() });
  });

  afterAll(async () => {
    await worker?.close();
    await workbench?.close();
  });

  const newPage = (viewport = DESKTOP) => workbench.newPage(viewport);
  const signInAs = (page: Page, username: string, path = '/') => workbench.signInAs(page, username, path);
  const api = <T = any>(username: string, url: string): Promise<T> => workbench.api(username, url, { status: 200 });
  const shoot = (page: Page, name: string) => workbench.shoot(page, name);

  /** Every page of the desk at phone width, for the screenshots (the same data the desktop run made). */
  async function shootPhone(username: string, paths: Array<[string, string]>) {
    if (!SHOTS) return;
    const phone = await newPage(PHONE);
    await signInAs(phone, username);
    for (const [path, name] of paths) {
      await phone.goto(`${workbench.base}${path}`);
      await phone.getByRole('heading', { level: 1 }).first().waitFor();
      await shoot(phone, name);
    }
  }

  const statusOf = (page: Page, label: string) => page.getByLabel(`状态：${label}`).waitFor();

  it('督办单: issued from the overdue page for the most-late milestone, replied, returned once, replied again, accepted (销号)', async () => {
    const supervisor = await newPage();
    await signInAs(supervisor, 'supervisor', '/supervision/overdue');

    // The most-late milestone is the first row, as the API orders it.
    const overdue = await api('supervisor', '/api/v1/supervision/overdue?pageSize=1&scope=all');
    const worst = overdue.items[0];
    expect(worst.workingDaysLate).toBeGreaterThan(0);
    await supervisor.getByText(`共 ${overdue.total} 个逾期节点`, { exact: false }).waitFor();
    await settled(supervisor);
    const firstRow = supervisor.locator('.el-table__body tr').first();
    await expect(firstRow.textContent()).resolves.toContain(worst.projectName);
    await expect(firstRow.textContent()).resolves.toContain(String(worst.workingDaysLate));
    await expectAccessible(supervisor, 'overdue review');
    await shoot(supervisor, '01-overdue');

    // Filter by working days late: the list is the API's for the same filter, and the filter is in the URL.
    await supervisor.getByLabel('逾期至少多少个工作日').fill(String(worst.workingDaysLate));
    await supervisor.getByLabel('逾期至少多少个工作日').press('Enter');
    await supervisor.waitForURL(new RegExp(`minLate=${worst.workingDaysLate}`));
    const filtered = await api('supervisor', `/api/v1/supervision/overdue?scope=all&minWorkingDaysLate=${worst.workingDaysLate}`);
    await supervisor.getByText(`共 ${filtered.total} 个逾期节点`, { exact: false }).waitFor();

    // Tick the most-late milestone → 发督办单, prefilled; reply deadline in working days.
    // Element Plus hides the native box and draws its own: a person clicks the drawn one, i.e. the box's label.
    const tick = supervisor.getByRole('checkbox', { name: `选择 ${worst.projectName} ${worst.milestoneName}` });
    await supervisor.locator('label', { has: tick }).click();
    expect(await tick.isChecked()).toBe(true);
    await supervisor.getByRole('button', { name: '发督办单（已选 1 个节点）' }).click();
    const dialog = supervisor.getByRole('dialog', { name: '发督办单' });
    await dialog.waitFor();
    expect(await dialog.getByLabel('标题').inputValue()).toBe(`关于${worst.projectName}${worst.milestoneName}节点滞后的督办通知`);
    expect(await dialog.getByLabel('督办事项').inputValue()).toContain(`已逾期 ${worst.workingDaysLate} 个工作日`);
    await dialog.getByLabel('回复期限（工作日）').fill('3');
    await expectAccessible(supervisor, 'issue notice dialog');
    await shoot(supervisor, '02-issue-dialog');
    await dialog.getByRole('button', { name: '下发' }).click();
    await supervisor.waitForURL(/\/notices\/[0-9a-f-]{36}$/);
    const noticeId = supervisor.url().split('/').pop()!;
    await statusOf(supervisor, '已下发');
    let notice = await api('supervisor', `/api/v1/supervision-notices/${noticeId}`);
    expect(notice).toMatchObject({ status: 'issued', ownerUnit: { id: worst.ownerUnit.id }, items: [{ projectId: worst.projectId, milestoneId: worst.milestoneId }] });
    await supervisor.getByText(notice.number).first().waitFor();
    await supervisor.getByText(notice.replyDueDate).first().waitFor();

    // The owner unit's editor: the notice is in the bell; it opens the notice's page.
    const [unit] = await workbench.database.dataSource.query(`SELECT code FROM departments WHERE id = $1`, [worst.ownerUnit.id]);
    const editorName = `editor-${unit.code}`;
    const [editorUser] = await workbench.database.dataSource.query(`SELECT id FROM users WHERE username = $1`, [editorName]);
    await waitFor(async () => (await workbench.database.dataSource.query(`SELECT 1 FROM notifications WHERE user_id = $1 AND kind = 'notice_issued'`, [editorUser.id])).length > 0, {
      what: 'the notice to reach the editor’s inbox',
    });
    const editor = await newPage();
    await signInAs(editor, editorName);
    await editor.getByRole('button', { name: /^消息通知，[1-9]\d* 条未读$/ }).click();
    await editor.getByRole('listitem').filter({ hasText: notice.number }).click();
    await editor.waitForURL(new RegExp(`/notices/${noticeId}$`));
    await statusOf(editor, '已下发');
    await editor.getByRole('heading', { name: '回复督办单' }).waitFor();
    await expectAccessible(editor, 'notice page (editor, reply form)');
    await shoot(editor, '03-notice-reply-form');
    await shootPhone(editorName, [[`/notices/${noticeId}`, '03-notice-reply-form'], ['/notices', '10-notice-list-editor']]);

    // The API's field errors beside the field: a committed date in the past is refused by the API (the picker
    // offers none, so it is typed).
    const item = `${worst.projectName} · ${worst.milestoneName}`;
    const committed = addDays(shanghaiToday(), 30);
    await editor.getByLabel('整改措施').fill('已协调征拆，施工单位下周进场，倒排工期（第一次回复）');
    await editor.getByLabel(`承诺完成日期：${item}`).fill(committed);
    await editor.getByLabel(`承诺完成日期：${item}`).press('Enter');
    await editor.getByRole('button', { name: '提交回复' }).click();
    await statusOf(editor, '已回复');
    notice = await api(editorName, `/api/v1/supervision-notices/${noticeId}`);
    expect(notice).toMatchObject({ status: 'replied', items: [{ committedDate: committed }] });
    expect(notice.events.at(-1)).toMatchObject({ type: 'replied', late: false });
    await editor.getByText('尚未承诺').waitFor({ state: 'detached' });

    // The supervisor returns it once, with a comment; a return without one is refused beside the field.
    await supervisor.getByRole('menuitem', { name: '督办单' }).click();
    await supervisor.getByRole('tab', { name: /^已回复待审核/ }).click();
    await supervisor.waitForURL(/tab=replied/);
    await supervisor.getByRole('link', { name: notice.title }).click();
    await statusOf(supervisor, '已回复');
    await supervisor.getByRole('heading', { name: '审核回复' }).waitFor();
    await expectAccessible(supervisor, 'notice page (supervisor, decision)');
    await shoot(supervisor, '04-notice-decide');
    await shootPhone('supervisor', [[`/notices/${noticeId}`, '04-notice-decide']]);
    await supervisor.getByRole('button', { name: '退回' }).click();
    await supervisor.getByText('退回须填写退回意见').waitFor();
    await supervisor.getByLabel('审核意见').fill('整改措施不具体，请明确责任人和完成时限');
    await supervisor.getByRole('button', { name: '退回' }).click();
    await statusOf(supervisor, '已退回');
    notice = await api('supervisor', `/api/v1/supervision-notices/${noticeId}`);
    expect(notice.status).toBe('returned');
    expect(notice.events.at(-1)).toMatchObject({ type: 'returned', comment: '整改措施不具体，请明确责任人和完成时限' });
    await supervisor.getByText('整改措施不具体，请明确责任人和完成时限').waitFor();

    // A stale write: the editor's page still shows the replied notice; after the return it is another version.
    // Reloading shows the return and the reply form again.
    await editor.reload();
    await statusOf(editor, '已退回');
    await editor.getByText('督查室退回了上次回复：整改措施不具体，请明确责任人和完成时限').waitFor();
    await editor.getByLabel('整改措施').fill('责任人：区住建局李某；施工许可两周内办结（第二次回复）');
    // Someone of the same unit replies first, through the API, while this form is open → 412 → the conflict dialog.
    const headers = { ...(await signIn(workbench.app, editorName, DEFAULT_DEMO_PASSWORD)), 'if-match': `"${notice.version}"` };
    const theirs = await workbench.app.inject({
      method: 'POST',
      url: `/api/v1/supervision-notices/${noticeId}/reply`,
      headers,
      payload: { measures: '同事先提交的回复', items: notice.items.map((i: { id: string }) => ({ itemId: i.id, committedDate: committed })) },
    });
    expect(theirs.statusCode).toBe(200);
    await editor.getByRole('button', { name: '提交回复' }).click();
    const conflict = editor.getByRole('dialog', { name: '该记录刚刚被他人修改' });
    await conflict.waitFor();
    await conflict.getByText('同事先提交的回复').waitFor();
    await conflict.getByRole('button', { name: '重新加载' }).click();
    await statusOf(editor, '已回复');
    // Their reply stands (a replied notice takes no second reply); the supervisor returns it again below.
    await supervisor.reload();
    await statusOf(supervisor, '已回复');
    await supervisor.getByLabel('审核意见').fill('请由本人重新回复');
    await supervisor.getByRole('button', { name: '退回' }).click();
    await statusOf(supervisor, '已退回');

    // The editor replies again.
    await editor.reload();
    await statusOf(editor, '已退回');
    await editor.getByLabel('整改措施').fill('责任人：区住建局李某；施工许可两周内办结（第二次回复）');
    await editor.getByRole('button', { name: '提交回复' }).click();
    await statusOf(editor, '已回复');
    await editor.getByText(/第 3 次回复/).waitFor();

    // The supervisor accepts it: 销号, with the time.
    await supervisor.reload();
    await statusOf(supervisor, '已回复');
    await supervisor.getByRole('button', { name: '同意销号' }).click();
    await statusOf(supervisor, '已销号');
    notice = await api('supervisor', `/api/v1/supervision-notices/${noticeId}`);
    expect(notice).toMatchObject({ status: 'closed', closedBy: { name: '区政府督查室（演示）' } });
    expect(notice.events.map((event: { type: string }) => event.type)).toEqual(['issued', 'replied', 'returned', 'replied', 'returned', 'replied', 'closed']);
    await supervisor.getByText(formatShanghai(notice.closedAt)).first().waitFor();
    await supervisor.getByRole('heading', { name: '办理记录' }).waitFor();
    await shoot(supervisor, '05-notice-closed');

    // 本周销号 lists it.
    await supervisor.goto(`${workbench.base}/notices?tab=closed`);
    await supervisor.getByRole('link', { name: notice.title }).waitFor();
    await expectAccessible(supervisor, 'notice list');
    await shoot(supervisor, '06-notice-list-closed');
    await shootPhone('supervisor', [
      ['/supervision/overdue', '01-overdue'],
      [`/notices/${noticeId}`, '05-notice-closed'],
      ['/notices?tab=closed', '06-notice-list-closed'],
    ]);
  });

  it('节点调整审批: an editor moves a key milestone, the supervisor approves (planned date moves, baseline stays) and rejects another (nothing moves)', async () => {
    const projects = await api('admin', `/api/v1/projects?q=${encodeURIComponent('安泽园')}`);
    const projectId = projects.items.find((item: { name: string }) => item.name === ZJJ_PROJECT).id;
    const detail = await api('editor-zjj', `/api/v1/projects/${projectId}`);
    const keys = detail.milestones.filter((m: { kind: MilestoneKind; status: string }) => KEY_MILESTONE_KINDS.includes(m.kind) && m.status === 'pending');
    expect(keys.length).toBeGreaterThanOrEqual(1);
    const [first, second = keys[0]] = keys;

    // The editor moves the key milestone in the project page: it becomes a request.
    const editor = await newPage();
    await signInAs(editor, 'editor-zjj', `/projects/${projectId}`);
    await editor.getByRole('heading', { name: ZJJ_PROJECT }).waitFor();
    const approvedDate = addDays(first.plannedDate, 14);
    await editor.getByRole('button', { name: `编辑节点 ${first.name}` }).click();
    const edit = editor.getByRole('dialog', { name: `编辑节点：${first.name}` });
    await edit.getByLabel('计划日期').fill(approvedDate);
    await edit.getByLabel('计划日期').press('Enter');
    await edit.getByLabel('调整理由').fill('冬季停工，外立面施工顺延两周');
    await edit.getByRole('button', { name: '保存' }).click();
    await editor.getByText(/调期申请已提交督查室审核/).first().waitFor();

    // The supervisor's queue shows it with the dates, working days and reason; approve with a comment.
    const supervisor = await newPage();
    await signInAs(supervisor, 'supervisor');
    await supervisor.getByRole('menuitem', { name: '节点调整审批' }).click();
    await supervisor.waitForURL(/\/deadline-changes$/);
    const queue = await api('supervisor', '/api/v1/deadline-change-requests?status=pending');
    const request = queue.items.find((item: { milestoneId: string }) => item.milestoneId === first.id);
    expect(request).toMatchObject({ oldDate: first.plannedDate, newDate: approvedDate, isKeyMilestone: true });
    const row = supervisor.locator('.el-table__body tr').filter({ hasText: '冬季停工，外立面施工顺延两周' });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain(`推迟 ${request.workingDays} 个工作日`);
    await expect(row.textContent()).resolves.toContain('关键节点');
    await supervisor.getByRole('tab', { name: `待审核（${queue.total}）` }).waitFor();
    await expectAccessible(supervisor, 'deadline-change queue');
    await shoot(supervisor, '07-deadline-changes');
    await supervisor.getByRole('button', { name: `批准：${ZJJ_PROJECT} ${first.name}` }).click();
    const approve = supervisor.getByRole('dialog', { name: '批准调期申请' });
    await approve.getByLabel('审核意见').fill('同意延期，请加快施工进度');
    await expectAccessible(supervisor, 'approve dialog');
    await shoot(supervisor, '08-approve-dialog');
    await approve.getByRole('button', { name: '确认批准' }).click();
    await supervisor.getByText(`的计划日期改为 ${approvedDate}（基线不变）`, { exact: false }).first().waitFor();
    const moved = await api('supervisor', `/api/v1/milestones/${first.id}`);
    expect(moved).toMatchObject({ plannedDate: approvedDate, baselineDate: first.baselineDate });
    expect((await api('supervisor', `/api/v1/deadline-change-requests/${request.id}`)).status).toBe('approved');

    // Another request → reject with a comment: nothing moves.
    const before = await api('editor-zjj', `/api/v1/milestones/${second.id}`);
    const rejectedDate = addDays(before.plannedDate, 30);
    const headers = { ...(await signIn(workbench.app, 'editor-zjj', DEFAULT_DEMO_PASSWORD)), 'if-match': `"${before.version}"` };
    const filed = await workbench.app.inject({ method: 'PATCH', url: `/api/v1/milestones/${second.id}`, headers, payload: { plannedDate: rejectedDate, reason: '资金未到位，申请顺延一个月' } });
    expect(filed.statusCode).toBe(202);
    await supervisor.reload();
    await supervisor.getByRole('button', { name: `驳回：${ZJJ_PROJECT} ${second.name}` }).click();
    const reject = supervisor.getByRole('dialog', { name: '驳回调期申请' });
    await reject.getByRole('button', { name: '确认驳回' }).click();
    await reject.getByText('驳回须写明理由').waitFor();
    await reject.getByLabel('审核意见').fill('理由不充分，请按原计划推进');
    await reject.getByRole('button', { name: '确认驳回' }).click();
    await supervisor.getByText(`的计划日期仍为 ${before.plannedDate}`, { exact: false }).first().waitFor();
    const unmoved = await api('supervisor', `/api/v1/milestones/${second.id}`);
    expect(unmoved).toMatchObject({ plannedDate: before.plannedDate, baselineDate: before.baselineDate });

    // The decided requests under their tabs; the date history of the approved one.
    await supervisor.getByRole('tab', { name: '已驳回' }).click();
    await supervisor.getByText('理由不充分，请按原计划推进').waitFor();
    await supervisor.getByRole('tab', { name: '已批准' }).click();
    await supervisor.getByRole('button', { name: `${ZJJ_PROJECT} ${first.name} 的日期记录` }).first().click();
    const history = supervisor.getByRole('dialog', { name: `日期记录：${ZJJ_PROJECT} · ${first.name}` });
    await history.getByText(`${first.plannedDate} → ${approvedDate}`, { exact: false }).waitFor();
    await shoot(supervisor, '09-date-history');
    await shootPhone('supervisor', [['/deadline-changes?tab=all', '07-deadline-changes']]);
  });

  it('menus by role: the editor sees 督办单 and its requests but not 逾期督导; the viewer reads 逾期督导 without 发督办单', async () => {
    const editor = await newPage();
    await signInAs(editor, 'editor-zjj');
    const editorMenu = editor.getByRole('navigation', { name: '主菜单' });
    await editorMenu.getByText('督办单').waitFor();
    expect(await editorMenu.getByText('逾期督导').count()).toBe(0);
    await editor.goto(`${workbench.base}/supervision/overdue`);
    await editor.waitForURL(new RegExp(`${workbench.base}/$`));

    const viewer = await newPage();
    await signInAs(viewer, 'viewer', '/supervision/overdue');
    await viewer.getByRole('heading', { name: '逾期督导' }).waitFor();
    await settled(viewer);
    expect(await viewer.getByRole('button', { name: /发督办单/ }).count()).toBe(0);
    expect(await viewer.getByRole('navigation', { name: '主菜单' }).getByText('节点调整审批').count()).toBe(0);
    await viewer.goto(`${workbench.base}/notices?tab=all`);
    await viewer.getByRole('heading', { name: '督办单' }).waitFor();
    await expectAccessible(viewer, 'notice list (viewer)');
  });
});




/** An instant as the page writes it: YYYY-MM-DD HH:mm in Asia/Shanghai. */
function formatShanghai(instant: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(instant))
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}
