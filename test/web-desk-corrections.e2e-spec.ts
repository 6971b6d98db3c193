import type { Page } from 'playwright-core';
import { expectAccessible, settled, shanghaiToday } from './support/browser';
import { DESKTOP, Workbench } from './support/workbench';

/**
 * The desk's corrections in Chromium against the real API on the seeded portfolio: the project list's 编辑 link opens
 * the project's edit dialog (and the list names each 专栏); an editor withdraws (撤回) a progress report with a reason,
 * and a refusal of the API is shown in Chinese; an editor removes (删除) a milestone — an ordinary one goes, a key one
 * becomes a removal request for the 督查室, which the page says; a viewer sees none of these controls. axe on the dialogs.
 */
const ZJJ_PROJECT = '玉祥·安泽园（范家营棚改回迁房）项目'; // 区住房和城乡建设局's (editor-zjj)

jest.setTimeout(300_000);

describe('desk corrections in Chromium', () => {
  let workbench: Workbench;
  let projectId: string;

  beforeAll(async () => {
    workbench = await Workbench.start();
    const found = await call('admin', 'GET', `/api/v1/projects?q=${encodeURIComponent(ZJJ_PROJECT)}`);
    projectId = found.items.find((item: { name: string }) => item.name === ZJJ_PROJECT).id;
  });

  afterAll(() => workbench?.close());

  const newPage = (viewport = DESKTOP) => workbench.newPage(viewport);
  const signInAs = (page: Page, username: string, path = '/') => workbench.signInAs(page, username, path);
  const call = <T = any>(username: string, method: 'GET' | 'POST', url: string, payload?: object, status = method === 'POST' ? 201 : 200): Promise<T> =>
    workbench.api(username, url, { method, payload, status });

  it('编辑 in the project list opens the edit dialog; the list names the 专栏; a viewer gets no editing', async () => {
    const page = await newPage();
    await signInAs(page, 'editor-zjj', `/projects?q=${encodeURIComponent('安泽园')}`);
    const row = page.getByRole('row').filter({ hasText: ZJJ_PROJECT });
    const project = await call('editor-zjj', 'GET', `/api/v1/projects/${projectId}`);
    await row.getByText(`专栏${project.column.number} ${project.column.title}`).waitFor();
    await row.getByRole('link', { name: '编辑' }).click();
    const dialog = page.getByRole('dialog', { name: '编辑项目' });
    await dialog.waitFor();
    await page.waitForURL((url) => url.pathname === `/projects/${projectId}` && !url.search.includes('edit'));
    await expectAccessible(page, 'project edit dialog');
    await dialog.getByLabel('所在街道/镇').fill('小召前街街道（更正）');
    await dialog.getByLabel('总投资（万元）').fill('12x');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.locator('.el-form-item__error').first().waitFor(); // the API's field error under 总投资
    await dialog.getByLabel('总投资（万元）').fill('');
    await dialog.getByRole('button', { name: '保存' }).click();
    await page.getByText('已保存项目', { exact: false }).first().waitFor();
    await dialog.waitFor({ state: 'hidden' });
    expect((await call('editor-zjj', 'GET', `/api/v1/projects/${projectId}`)).location).toBe('小召前街街道（更正）');

    const viewer = await newPage();
    await signInAs(viewer, 'viewer', `/projects/${projectId}?edit=1`);
    await viewer.getByText('您只能查看该项目', { exact: false }).waitFor();
    expect(await viewer.getByRole('dialog', { name: '编辑项目' }).isVisible()).toBe(false);
    expect(await viewer.getByRole('button', { name: '编辑项目' }).count()).toBe(0);
  });

  it('撤回 a progress report with a reason; a refusal is shown in Chinese; a viewer has no 撤回', async () => {
    const period = shanghaiToday().slice(0, 7);
    const first = await call('editor-zjj', 'POST', `/api/v1/projects/${projectId}/progress-reports`, { period, text: '主体结构封顶（误填到本项目）' });
    const second = await call('editor-zjj', 'POST', `/api/v1/projects/${projectId}/progress-reports`, { period, text: '室外管网施工（将被他人先行撤回）' });

    const viewer = await newPage();
    await signInAs(viewer, 'viewer', `/projects/${projectId}`);
    await viewer.getByRole('tab', { name: '进展填报' }).click();
    await viewer.getByText('主体结构封顶（误填到本项目）').waitFor();
    expect(await viewer.getByRole('button', { name: /^撤回/ }).count()).toBe(0);

    const page = await newPage();
    await signInAs(page, 'editor-zjj', `/projects/${projectId}`);
    await page.getByRole('tab', { name: '进展填报' }).click();
    const report = page.locator('article.report').filter({ hasText: '主体结构封顶（误填到本项目）' });
    await report.getByRole('button', { name: `撤回 ${period} 的进展填报` }).click();
    const dialog = page.getByRole('dialog', { name: `撤回进展填报：${period}` });
    await dialog.getByRole('button', { name: '撤回' }).click();
    await dialog.getByText('请填写原因').waitFor();
    await page.mouse.move(0, 0); // off the button: a hovered button is lighter
    await expectAccessible(page, 'withdraw dialog');
    await dialog.getByLabel('原因').fill('误填：该进展属于另一项目');
    await dialog.getByRole('button', { name: '撤回' }).click();
    await page.getByText(`已撤回 ${period} 的进展填报`, { exact: false }).first().waitFor();
    await report.waitFor({ state: 'detached' });
    const all = await call('editor-zjj', 'GET', `/api/v1/projects/${projectId}/progress-reports?includeWithdrawn=true&pageSize=50`);
    expect(all.items.find((item: { id: string }) => item.id === first.id).withdrawal).toMatchObject({ reason: '误填：该进展属于另一项目' });

    // Someone withdrew the other one meanwhile: the API's 409 is said in Chinese in the dialog.
    await call('admin', 'POST', `/api/v1/projects/${projectId}/progress-reports/${second.id}/withdraw`, { reason: '管理员更正' }, 200);
    const stale = page.locator('article.report').filter({ hasText: '室外管网施工（将被他人先行撤回）' });
    await stale.getByRole('button', { name: /^撤回/ }).click();
    const again = page.getByRole('dialog', { name: `撤回进展填报：${period}` });
    await again.getByLabel('原因').fill('重复');
    await again.getByRole('button', { name: '撤回' }).click();
    await again.getByText('该填报已经撤回，请刷新页面').waitFor();
  });

  it('删除 a milestone: an ordinary one goes; a key one becomes a removal request for the 督查室; a pending request refuses another', async () => {
    const milestones: Array<{ id: string; name: string; isKey: boolean; status: string; actualDate: string | null }> = await call('editor-zjj', 'GET', `/api/v1/projects/${projectId}/milestones`);
    const ordinary = milestones.find((m) => !m.isKey && m.status === 'pending' && !m.actualDate)!;
    const key = milestones.find((m) => m.isKey && m.status === 'pending' && !m.actualDate)!;
    expect(ordinary && key).toBeTruthy();

    const viewer = await newPage();
    await signInAs(viewer, 'viewer', `/projects/${projectId}`);
    await viewer.getByRole('button', { name: `${ordinary.name} 的日期记录` }).first().waitFor();
    expect(await viewer.getByRole('button', { name: /^删除节点/ }).count()).toBe(0);

    const page = await newPage();
    await signInAs(page, 'editor-zjj', `/projects/${projectId}`);
    await page.getByRole('button', { name: `删除节点 ${ordinary.name}` }).click();
    const dialog = page.getByRole('dialog', { name: `删除节点：${ordinary.name}` });
    await dialog.getByLabel('原因').fill('误添加：该节点属于另一项目');
    await expectAccessible(page, 'remove milestone dialog');
    await dialog.getByRole('button', { name: '删除' }).click();
    await page.getByText(`已删除节点“${ordinary.name}”，它不再计入`, { exact: false }).waitFor();
    await settled(page);
    expect(await page.getByRole('button', { name: `删除节点 ${ordinary.name}` }).count()).toBe(0);
    expect((await call('editor-zjj', 'GET', `/api/v1/milestones/${ordinary.id}`)).status).toBe('removed');

    await page.getByRole('button', { name: `删除节点 ${key.name}` }).click();
    const keyDialog = page.getByRole('dialog', { name: `删除节点：${key.name}` });
    await keyDialog.getByLabel('原因').fill('项目调整，不再单独设该节点');
    await keyDialog.getByRole('button', { name: '删除' }).click();
    await page.getByText(`“${key.name}”是关键节点，删除须经督查室审核：已提交删除申请`, { exact: false }).waitFor();
    const requests = await call('supervisor', 'GET', '/api/v1/deadline-change-requests?status=pending&pageSize=100');
    expect(requests.items.find((r: { milestoneId: string }) => r.milestoneId === key.id)).toMatchObject({ kind: 'removal', status: 'pending' });
    expect((await call('editor-zjj', 'GET', `/api/v1/milestones/${key.id}`)).status).toBe('pending');

    // Asked again while the request waits: the API's 409 in words.
    await settled(page);
    await page.getByRole('button', { name: `删除节点 ${key.name}` }).click();
    const keyAgain = page.getByRole('dialog', { name: `删除节点：${key.name}` });
    await keyAgain.getByLabel('原因').fill('再次申请');
    await keyAgain.getByRole('button', { name: '删除' }).click();
    await keyAgain.getByText('该节点有待督查室审核的申请，审核完成前不能删除').waitFor();
  });
});
