import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expectAccessible, settled, waitUntilTrue } from './support/browser';
import { sitePhoto } from './support/evidence-files';
import { createDepartment, createMilestone, createProject, createUser, signIn, TEST_PASSWORD } from './support/factories';
import { DESKTOP, Workbench } from './support/workbench';

/**
 * Attachments in a real browser (Debian's Chromium through playwright-core) against the real API: the owner unit's
 * editor uploads a site photo on a progress report and sees its thumbnail, its shot time beside the upload time (a
 * photo taken weeks earlier marked as such) and its SHA-256; a user of another unit sees it without upload or 撤回.
 * With ATTACHMENT_SCREENSHOTS=<dir> it saves the report at 1440 and 390 px.
 */
const SHOTS = process.env.ATTACHMENT_SCREENSHOTS;
jest.setTimeout(240_000);

describe('attachments on the project page, in Chromium', () => {
  let workbench: Workbench;
  let storeDir: string;
  let projectId: string;
  let editorName: string;
  let otherName: string;

  beforeAll(async () => {
    storeDir = await mkdtemp(join(tmpdir(), 'kpt-web-attachments-'));
    workbench = await Workbench.start({ demoToday: false, env: { ATTACHMENTS_DIR: storeDir } });
    const ds = workbench.database.dataSource;
    const unit = await createDepartment(ds, { name: '区住房和城乡建设局' });
    const other = await createDepartment(ds, { name: '区教育局' });
    const editor = await createUser(ds, 'department_editor', { departmentId: unit.id, displayName: '住建局 王工' });
    editorName = editor.username;
    otherName = (await createUser(ds, 'department_editor', { departmentId: other.id })).username;
    const project = await createProject(ds, { name: '玉祥·安泽园（范家营棚改回迁房）项目', kind: 'resettlement_housing', ownerDepartmentId: unit.id });
    projectId = project.id;
    await createMilestone(ds, project.id, { kind: 'construction_permit', plannedDate: '2026-02-01', actualDate: '2026-02-03' });
    const filed = await workbench.app.inject({
      method: 'POST',
      url: `/api/v1/projects/${project.id}/progress-reports`,
      headers: await signIn(workbench.app, editor.username),
      payload: { period: '2026-03', text: '主体结构封顶，开始砌体施工。', percentComplete: '60' },
    });
    expect(filed.statusCode).toBe(201);
  });

  afterAll(async () => {
    await workbench?.close();
    if (storeDir) await rm(storeDir, { recursive: true, force: true });
  });

  /** A page signed in (factories' test password) on the project's 进展填报 tab. */
  async function signedInPage(username: string, viewport = DESKTOP): Promise<Page> {
    const page = await workbench.newPage(viewport);
    await workbench.signInAs(page, username, `/projects/${projectId}`, TEST_PASSWORD);
    await page.getByRole('tab', { name: '进展填报' }).click();
    await page.getByText('主体结构封顶，开始砌体施工。').waitFor();
    await settled(page);
    return page;
  }

  it('an editor uploads a photo on a progress report and sees its thumbnail, shot and upload time, SHA-256', async () => {
    const page = await signedInPage(editorName);
    const section = page.getByRole('region', { name: '现场照片和佐证材料' });
    await section.getByText('还没有附件').waitFor();
    const photo = await sitePhoto('#8a6d3b', 1600, 1200);
    await section.locator('input[type=file]').setInputFiles({ name: '主体结构封顶现场照片.jpg', mimeType: 'image/jpeg', buffer: photo });
    const thumbnail = section.getByRole('img', { name: '主体结构封顶现场照片.jpg 缩略图' });
    await thumbnail.waitFor();
    await waitUntilTrue(page, `[...document.querySelectorAll('img')].some((img) => img.alt === '主体结构封顶现场照片.jpg 缩略图' && img.complete && img.naturalWidth > 0)`);
    const width = await thumbnail.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth);
    expect(width).toBeGreaterThan(0);
    expect(width).toBeLessThanOrEqual(480);
    await section.getByText('拍摄 2026-01-15 09:30').waitFor();
    await section.getByText(/拍摄于上传前 \d+ 天/).waitFor();
    const [row] = await workbench.database.dataSource.query(`SELECT sha256 FROM attachments WHERE file_name = '主体结构封顶现场照片.jpg'`);
    await section.getByText(row.sha256).waitFor();
    await section.getByRole('link', { name: '下载 主体结构封顶现场照片.jpg' }).waitFor();
    await section.getByRole('button', { name: '撤回 主体结构封顶现场照片.jpg' }).waitFor();
    await page.locator('.el-message').first().waitFor({ state: 'detached' });
    await expectAccessible(page, 'progress report with a photo');
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'report-attachment-1440.png'), fullPage: true });
  });

  it('another unit’s editor sees the photo but neither upload nor 撤回; the milestone with an actual date offers its evidence', async () => {
    const page = await signedInPage(otherName, { width: 390, height: 844 });
    const section = page.getByRole('region', { name: '现场照片和佐证材料' });
    await section.getByRole('img', { name: '主体结构封顶现场照片.jpg 缩略图' }).waitFor();
    expect(await section.getByRole('button', { name: '上传照片或文件' }).count()).toBe(0);
    expect(await section.getByRole('button', { name: /^撤回/ }).count()).toBe(0);
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'report-attachment-390.png'), fullPage: true });
    await page.getByRole('tab', { name: '节点' }).click();
    await page.getByRole('button', { name: '施工许可 的佐证材料' }).click();
    await page.getByRole('dialog').getByText('没有附件').waitFor();
  });
});
