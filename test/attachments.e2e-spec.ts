import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import exifr from 'exifr';
import sharp from 'sharp';
import { Department, Project } from '@app/domain';
import { WEEKLY_REPORT_SCHEMA_VERSION } from '@app/reporting';
import { executable, onePagePdf, PHOTO_GPS, sitePhoto, wordDocument, workbook } from './support/evidence-files';
import { createDepartment, createMilestone, createProject, createUser, signIn } from './support/factories';
import { multipart, MultipartFile } from './support/multipart';
import { apiKeyHeaders } from './support/portfolio';
import { createTestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { zip } from './support/zip';

// 10:00 on Tuesday 2026-03-10 in Asia/Shanghai.
const NOW = '2026-03-10T02:00:00Z';
const MAX_FILE = 256 * 1024;
const MAX_REQUEST = 600 * 1024;
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

type Headers = Record<string, string>;
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('attachments (附件): evidence on reports, milestones and notice replies — local disk store', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let storeDir: string;
  let unitA: Department;
  let unitB: Department;
  let project: Project;
  let admin: Headers;
  let editorA: Headers;
  let editorB: Headers;
  let viewer: Headers;
  let supervisor: Headers;
  let apiKey: Headers;
  let reportId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    storeDir = await mkdtemp(join(tmpdir(), 'kpt-attachments-'));
    app = await createTestApp(database, {
      KPT_FIXED_NOW: NOW,
      ATTACHMENTS_DIR: storeDir,
      ATTACHMENTS_MAX_FILE_BYTES: String(MAX_FILE),
      ATTACHMENTS_MAX_REQUEST_BYTES: String(MAX_REQUEST),
    });
    const ds = database.dataSource;
    unitA = await createDepartment(ds, { name: '区住建局' });
    unitB = await createDepartment(ds, { name: '区教育局' });
    admin = await signIn(app, (await createUser(ds, 'admin')).username);
    editorA = await signIn(app, (await createUser(ds, 'department_editor', { departmentId: unitA.id, displayName: '住建局 王工' })).username);
    editorB = await signIn(app, (await createUser(ds, 'department_editor', { departmentId: unitB.id })).username);
    viewer = await signIn(app, (await createUser(ds, 'viewer')).username);
    supervisor = await signIn(app, (await createUser(ds, 'supervisor', { displayName: '督查室张科长' })).username);
    apiKey = await apiKeyHeaders(ds, ['projects:read']);
    project = await createProject(ds, { kind: 'resettlement_housing', ownerDepartmentId: unitA.id });
    const filed = await app.inject({
      method: 'POST',
      url: `/api/v1/projects/${project.id}/progress-reports`,
      headers: editorA,
      payload: { period: '2026-03', text: '主体结构封顶', percentComplete: '60', investmentCompletedWan: '100' },
    });
    expect(filed.statusCode).toBe(201);
    reportId = filed.json().id;
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
    if (storeDir) await rm(storeDir, { recursive: true, force: true });
  });

  const reportUrl = () => `/api/v1/projects/${project.id}/progress-reports/${reportId}/attachments`;
  const upload = (url: string, headers: Headers, files: MultipartFile[]) => {
    const body = multipart(files);
    return app.inject({ method: 'POST', url, headers: { ...headers, ...body.headers }, payload: body.payload });
  };
  const storedFiles = async (): Promise<string[]> => {
    const found: string[] = [];
    const walk = async (dir: string) => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        if (entry.isDirectory()) await walk(join(dir, entry.name));
        else found.push(join(dir, entry.name));
      }
    };
    await walk(storeDir);
    return found;
  };

  it('stores a photo, a PDF and a DOCX with a Chinese name; types from the bytes, SHA-256, shot time and GPS; thumbnail without GPS', async () => {
    const photo = await sitePhoto();
    const pdf = onePagePdf();
    const docx = wordDocument();
    const response = await upload(reportUrl(), editorA, [
      // The client's Content-Type and extension are not believed: the bytes decide.
      { name: '主体结构封顶现场照片.jpg', content: photo, contentType: 'application/octet-stream' },
      { name: '竣工验收备案表.pdf', content: pdf, contentType: 'image/png' },
      { name: '..\\..\\etc/批复\u202e文件.docx', content: docx },
    ]);
    expect(response.statusCode).toBe(201);
    const { attached, alreadyAttached } = response.json();
    expect(alreadyAttached).toEqual([]);
    expect(attached).toHaveLength(3);
    const [jpeg, document, word] = attached;
    expect(jpeg).toMatchObject({
      recordType: 'progress_report',
      recordId: reportId,
      projectId: project.id,
      fileName: '主体结构封顶现场照片.jpg',
      mediaType: 'image/jpeg',
      sizeBytes: photo.length,
      sha256: sha256(photo),
      uploadedByName: '住建局 王工',
      // 09:30 in Asia/Shanghai on the EXIF clock, weeks before the upload.
      shotAt: '2026-01-15T01:30:00.000Z',
      // An editor does not see where it was taken; the 督查室 does (below).
      gps: null,
      thumbnailUrl: `/api/v1/attachments/${jpeg.id}/thumbnail`,
      withdrawal: null,
    });
    expect(new Date(jpeg.uploadedAt).getTime()).toBeGreaterThan(new Date(jpeg.shotAt).getTime());
    expect(document).toMatchObject({ mediaType: 'application/pdf', sha256: sha256(pdf), shotAt: null, thumbnailUrl: null });
    // No path, no bidi override.
    expect(word).toMatchObject({ mediaType: DOCX, fileName: '批复文件.docx' });

    // Stored under generated keys, not under the names.
    const files = await storedFiles();
    expect(files.some((path) => path.includes('主体') || path.includes('批复'))).toBe(false);
    expect(files.filter((path) => !path.includes('.incoming'))).toHaveLength(4); // three files and one thumbnail
    expect(await readdir(join(storeDir, '.incoming'))).toEqual([]);

    const bySupervisor = await app.inject({ method: 'GET', url: reportUrl(), headers: supervisor });
    expect(bySupervisor.statusCode).toBe(200);
    expect(bySupervisor.json().find((a: { id: string }) => a.id === jpeg.id).gps).toEqual(PHOTO_GPS);

    const thumbnail = await app.inject({ method: 'GET', url: jpeg.thumbnailUrl, headers: viewer });
    expect(thumbnail.statusCode).toBe(200);
    expect(thumbnail.headers['content-type']).toBe('image/jpeg');
    const meta = await sharp(thumbnail.rawPayload).metadata();
    expect(Math.max(meta.width!, meta.height!)).toBeLessThanOrEqual(480);
    expect(meta.exif).toBeUndefined();
    expect(await exifr.gps(thumbnail.rawPayload).catch(() => undefined)).toBeUndefined();
    // The original is the evidence: kept byte for byte, GPS included.
    const original = await app.inject({ method: 'GET', url: jpeg.downloadUrl, headers: supervisor });
    expect(sha256(original.rawPayload)).toBe(sha256(photo));
    expect(await exifr.gps(original.rawPayload)).toEqual(PHOTO_GPS);
  });

  it('downloads with Content-Disposition attachment and the Chinese name (RFC 5987), nosniff — by another unit, a viewer and an API key', async () => {
    const docx = wordDocument('下载测试');
    const uploaded = await upload(reportUrl(), editorA, [{ name: '玉泉区 批复（2026）第3号.docx', content: docx }]);
    const { id, downloadUrl } = uploaded.json().attached[0];
    for (const headers of [editorB, viewer, apiKey]) {
      const response = await app.inject({ method: 'GET', url: downloadUrl, headers });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe(DOCX);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(Number(response.headers['content-length'])).toBe(docx.length);
      const disposition = String(response.headers['content-disposition']);
      expect(disposition.startsWith('attachment;')).toBe(true);
      const encoded = /filename\*=UTF-8''([^;]+)/.exec(disposition)![1];
      expect(decodeURIComponent(encoded)).toBe('玉泉区 批复（2026）第3号.docx');
      expect(response.rawPayload.equals(docx)).toBe(true);
    }
    const listed = await app.inject({ method: 'GET', url: reportUrl(), headers: apiKey });
    expect(listed.statusCode).toBe(200);
    expect(listed.json().map((a: { id: string }) => a.id)).toContain(id);
  });

  it('refuses a renamed executable and a zip that is no Office document with 415, storing nothing', async () => {
    const before = await storedFiles();
    const exe = await upload(reportUrl(), editorA, [
      { name: '照片.jpg', content: await sitePhoto('#123456', 64, 64) },
      { name: '验收报告.pdf', content: executable(), contentType: 'application/pdf' },
    ]);
    expect(exe.statusCode).toBe(415);
    expect(exe.json()).toMatchObject({ code: 'UNSUPPORTED_FILE_TYPE', details: [{ field: 'file', reason: expect.stringContaining('验收报告.pdf') }] });
    const plainZip = await upload(reportUrl(), editorA, [{ name: '资料.docx', content: zip([{ name: 'readme.txt', data: Buffer.from('hi') }]) }]);
    expect(plainZip.statusCode).toBe(415);
    const macro = await upload(reportUrl(), editorA, [
      { name: '宏.docx', content: zip([{ name: '[Content_Types].xml', data: Buffer.from('<Types/>') }, { name: 'word/document.xml', data: Buffer.from('<w/>') }, { name: 'word/vbaProject.bin', data: Buffer.alloc(8) }]) },
    ]);
    expect(macro.statusCode).toBe(415);
    expect(await storedFiles()).toEqual(before);
  });

  it('accepts an XLSX and a PNG', async () => {
    const png = await (await import('sharp')).default({ create: { width: 40, height: 30, channels: 3, background: '#0a0' } }).png().toBuffer();
    const response = await upload(reportUrl(), editorA, [
      { name: '进度表.xlsx', content: await workbook() },
      { name: 'site.png', content: png },
    ]);
    expect(response.statusCode).toBe(201);
    expect(response.json().attached.map((a: { mediaType: string }) => a.mediaType)).toEqual([
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'image/png',
    ]);
  });

  it('refuses a file over the per-file limit and files over the per-request limit with 413, storing nothing', async () => {
    const before = await storedFiles();
    const big = Buffer.concat([onePagePdf(), Buffer.alloc(MAX_FILE)]);
    const tooLarge = await upload(reportUrl(), editorA, [{ name: '大文件.pdf', content: big }]);
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json().code).toBe('FILE_TOO_LARGE');
    const part = (n: number) => Buffer.concat([onePagePdf(`part ${n}`), Buffer.alloc(MAX_FILE - 2048, n)]);
    const tooMuch = await upload(reportUrl(), editorA, [1, 2, 3].map((n) => ({ name: `${n}.pdf`, content: part(n) })));
    expect(tooMuch.statusCode).toBe(413);
    expect(tooMuch.json().code).toBe('REQUEST_TOO_LARGE');
    expect(await storedFiles()).toEqual(before);
    expect(await readdir(join(storeDir, '.incoming'))).toEqual([]);
  });

  it('stores the same file on the same record once (and twice in one request once)', async () => {
    const pdf = onePagePdf('same file');
    const first = await upload(reportUrl(), editorA, [
      { name: '批复.pdf', content: pdf },
      { name: '批复-副本.pdf', content: pdf },
    ]);
    expect(first.statusCode).toBe(201);
    expect(first.json().attached).toHaveLength(1);
    const before = await storedFiles();
    const again = await upload(reportUrl(), editorA, [{ name: '批复（再传）.pdf', content: pdf }]);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toMatchObject({ attached: [], alreadyAttached: [{ id: first.json().attached[0].id, fileName: '批复.pdf' }] });
    expect(await storedFiles()).toEqual(before);
    const [{ count }] = await database.dataSource.query(`SELECT count(*)::int AS count FROM attachments WHERE sha256 = $1`, [sha256(pdf)]);
    expect(count).toBe(1);
  });

  it('lets only the owner unit’s editors (and admins) attach: another unit’s editor, a viewer and an API key get 403', async () => {
    const pdf = onePagePdf('not yours');
    for (const headers of [editorB, viewer, supervisor]) {
      const response = await upload(reportUrl(), headers, [{ name: 'x.pdf', content: pdf }]);
      expect(response.statusCode).toBe(403);
    }
    const byKey = await upload(reportUrl(), apiKey, [{ name: 'x.pdf', content: pdf }]);
    expect(byKey.statusCode).toBe(403);
    const byAdmin = await upload(reportUrl(), admin, [{ name: 'x.pdf', content: pdf }]);
    expect(byAdmin.statusCode).toBe(201);
  });

  it('withdraws with a reason: audited, hidden from the list unless asked, the file kept and still downloadable', async () => {
    const pdf = onePagePdf('to withdraw');
    const { id, downloadUrl } = (await upload(reportUrl(), editorA, [{ name: '错传.pdf', content: pdf }])).json().attached[0];
    const byOther = await app.inject({ method: 'POST', url: `/api/v1/attachments/${id}/withdraw`, headers: editorB, payload: { reason: '不是我的' } });
    expect(byOther.statusCode).toBe(403);
    const blank = await app.inject({ method: 'POST', url: `/api/v1/attachments/${id}/withdraw`, headers: editorA, payload: { reason: '  ' } });
    expect(blank.statusCode).toBe(400);
    const withdrawn = await app.inject({ method: 'POST', url: `/api/v1/attachments/${id}/withdraw`, headers: editorA, payload: { reason: '上传错了文件' } });
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json().withdrawal).toMatchObject({ reason: '上传错了文件', withdrawnByName: '住建局 王工' });
    const twice = await app.inject({ method: 'POST', url: `/api/v1/attachments/${id}/withdraw`, headers: editorA, payload: { reason: '再撤' } });
    expect(twice.statusCode).toBe(409);

    const listed = await app.inject({ method: 'GET', url: reportUrl(), headers: viewer });
    expect(listed.json().map((a: { id: string }) => a.id)).not.toContain(id);
    const all = await app.inject({ method: 'GET', url: `${reportUrl()}?includeWithdrawn=true`, headers: viewer });
    expect(all.json().find((a: { id: string }) => a.id === id).withdrawal.reason).toBe('上传错了文件');
    const file = await app.inject({ method: 'GET', url: downloadUrl, headers: supervisor });
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(pdf)).toBe(true);

    const audit = await app.inject({ method: 'GET', url: `/api/v1/audit?entity=attachment&entityId=${id}`, headers: supervisor });
    expect(audit.statusCode).toBe(200);
    const actions = audit.json().items.map((entry: { action: string }) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['attach', 'withdraw']));
    // Withdrawn, the same file may be attached again.
    const reattached = await upload(reportUrl(), editorA, [{ name: '错传.pdf', content: pdf }]);
    expect(reattached.json().attached).toHaveLength(1);
  });

  it('takes milestone evidence once the actual date is set, and refuses a withdrawn report', async () => {
    const open = await createMilestone(database.dataSource, project.id, { kind: 'completion_acceptance', plannedDate: '2026-06-30' });
    const pdf = onePagePdf('竣工验收');
    const early = await upload(`/api/v1/milestones/${open.id}/attachments`, editorA, [{ name: '验收.pdf', content: pdf }]);
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('MILESTONE_NOT_DONE');
    const done = await createMilestone(database.dataSource, project.id, { kind: 'construction_permit', plannedDate: '2026-03-01', actualDate: '2026-03-02' });
    const response = await upload(`/api/v1/milestones/${done.id}/attachments`, editorA, [{ name: '施工许可证.pdf', content: pdf }]);
    expect(response.statusCode).toBe(201);
    const byOther = await upload(`/api/v1/milestones/${done.id}/attachments`, editorB, [{ name: '施工许可证.pdf', content: pdf }]);
    expect(byOther.statusCode).toBe(403);
    const listed = await app.inject({ method: 'GET', url: `/api/v1/milestones/${done.id}/attachments`, headers: editorB });
    expect(listed.json()).toHaveLength(1);

    const filed = await app.inject({
      method: 'POST',
      url: `/api/v1/projects/${project.id}/progress-reports`,
      headers: editorA,
      payload: { period: '2026-03', text: '误填', percentComplete: '61' },
    });
    const wrong = filed.json().id;
    await app.inject({ method: 'POST', url: `/api/v1/projects/${project.id}/progress-reports/${wrong}/withdraw`, headers: editorA, payload: { reason: '误填' } });
    const late = await upload(`/api/v1/projects/${project.id}/progress-reports/${wrong}/attachments`, editorA, [{ name: 'a.pdf', content: pdf }]);
    expect(late.statusCode).toBe(409);
    const elsewhere = await upload(`/api/v1/projects/${(await createProject(database.dataSource, { ownerDepartmentId: unitA.id })).id}/progress-reports/${reportId}/attachments`, editorA, [
      { name: 'a.pdf', content: pdf },
    ]);
    expect(elsewhere.statusCode).toBe(404);
  });

  it('keeps notice-reply evidence to those who may see the notice; API keys get 403', async () => {
    const milestone = await createMilestone(database.dataSource, project.id, { kind: 'construction_start', plannedDate: '2026-03-02' });
    const issued = await app.inject({
      method: 'POST',
      url: '/api/v1/supervision-notices',
      headers: supervisor,
      payload: { ownerUnitId: unitA.id, title: '关于开工节点滞后的督办通知', body: '请报送整改措施。', items: [{ projectId: project.id, milestoneId: milestone.id }] },
    });
    expect(issued.statusCode).toBe(201);
    const url = `/api/v1/supervision-notices/${issued.json().id}/attachments`;
    const signed = onePagePdf('signed reply');
    const response = await upload(url, editorA, [{ name: '整改回复（盖章）.pdf', content: signed }]);
    expect(response.statusCode).toBe(201);
    const { downloadUrl } = response.json().attached[0];
    expect((await upload(url, editorB, [{ name: 'x.pdf', content: signed }])).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url, headers: supervisor })).json()).toHaveLength(1);
    // Not theirs: 403 NOT_OWN_DEPARTMENT, as the notice itself answers (404 only ever means it does not exist).
    for (const read of [url, downloadUrl]) {
      const refused = await app.inject({ method: 'GET', url: read, headers: editorB });
      expect({ status: refused.statusCode, code: refused.json().code }).toEqual({ status: 403, code: 'NOT_OWN_DEPARTMENT' });
    }
    expect((await app.inject({ method: 'GET', url: downloadUrl, headers: apiKey })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: downloadUrl, headers: viewer })).statusCode).toBe(200);
  });

  it('answers 400 to a body that is not multipart and to no file', async () => {
    const json = await app.inject({ method: 'POST', url: reportUrl(), headers: editorA, payload: { file: 'x' } });
    expect([400, 415]).toContain(json.statusCode);
    const none = multipart([]);
    const empty = await app.inject({ method: 'POST', url: reportUrl(), headers: { ...editorA, ...none.headers }, payload: none.payload });
    expect(empty.statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: '/api/v1/attachments/00000000-0000-4000-8000-000000000000/file', headers: viewer })).statusCode).toBe(404);
  });

  it('counts in the weekly report, per owner unit, the week’s progress reports with and without evidence', async () => {
    const ds = database.dataSource;
    const other = await createProject(ds, { ownerDepartmentId: unitB.id });
    const [author] = await ds.query(`SELECT id FROM users WHERE role = 'admin' LIMIT 1`);
    // Week 2026-W10: Monday 2 March … Sunday 8 March (Asia/Shanghai).
    const report = async (projectId: string, at: string): Promise<string> =>
      (
        await ds.query(
          `INSERT INTO progress_reports (project_id, period, text, author_id, author_name, created_at) VALUES ($1, '2026-03', '周进展', $2, 'admin', $3) RETURNING id`,
          [projectId, author.id, at],
        )
      )[0].id;
    const attach = (reportId: string, uploadedAt: string, withdrawnAt: string | null = null) =>
      ds.query(
        `INSERT INTO attachments (record_type, record_id, project_id, file_name, media_type, size_bytes, sha256, storage_key, uploaded_by_id, uploaded_by_name, uploaded_at,
                                  withdrawn_at, withdrawn_by_id, withdrawn_by_name, withdrawal_reason)
         VALUES ('progress_report', $1, $2, 'a.pdf', 'application/pdf', 1, md5(random()::text) || md5(random()::text), '2026/03/00000000-0000-4000-8000-000000000000', $3, 'admin', $4,
                 $5, CASE WHEN $5::timestamptz IS NULL THEN NULL ELSE $3::uuid END, CASE WHEN $5::timestamptz IS NULL THEN NULL ELSE 'admin' END, CASE WHEN $5::timestamptz IS NULL THEN NULL ELSE '撤回' END)`,
        [reportId, project.id, author.id, uploadedAt, withdrawnAt],
      );
    const withPhoto = await report(project.id, '2026-03-03T10:00:00+08:00');
    await attach(withPhoto, '2026-03-03T10:05:00+08:00');
    const withdrawnPhoto = await report(project.id, '2026-03-04T10:00:00+08:00');
    await attach(withdrawnPhoto, '2026-03-04T10:05:00+08:00', '2026-03-05T09:00:00+08:00');
    const lateEvidence = await report(project.id, '2026-03-08T23:00:00+08:00');
    await attach(lateEvidence, '2026-03-09T08:00:00+08:00'); // after the Sunday: not evidence in W10
    await report(other.id, '2026-03-06T10:00:00+08:00');
    await report(other.id, '2026-03-09T10:00:00+08:00'); // the next week
    const gone = await report(other.id, '2026-03-05T10:00:00+08:00');
    await ds.query(`INSERT INTO progress_report_withdrawals (report_id, reason, withdrawn_by_id, withdrawn_by_name, withdrawn_at) VALUES ($1, '误填', $2, 'admin', '2026-03-05T11:00:00+08:00')`, [
      gone,
      author.id,
    ]);

    const built = await app.inject({ method: 'POST', url: '/api/v1/reports/weekly/2026-W10/build', headers: supervisor });
    expect(built.statusCode).toBeLessThan(300);
    const week = await app.inject({ method: 'GET', url: '/api/v1/reports/weekly/2026-W10', headers: supervisor });
    const { report: content } = week.json();
    // Written in the current format, which has had the section since version 2.
    expect(content.schemaVersion).toBe(WEEKLY_REPORT_SCHEMA_VERSION);
    expect(content.progressEvidence.byOwnerUnit).toEqual(
      expect.arrayContaining([
        { ownerUnitId: unitA.id, name: '区住建局', reports: 3, withEvidence: 1, withoutEvidence: 2 },
        { ownerUnitId: unitB.id, name: '区教育局', reports: 1, withEvidence: 0, withoutEvidence: 1 },
      ]),
    );
    const csv = await app.inject({ method: 'GET', url: '/api/v1/reports/weekly/2026-W10?format=csv&section=evidence', headers: supervisor });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('有佐证');
    expect(csv.body).toMatch(/区住建局,3,1,2/);
  });
});
