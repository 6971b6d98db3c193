import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import ExcelJS from 'exceljs';
import { DEFAULT_DEMO_PASSWORD, seedDemo } from '../seeds/demo.seed';
import { seedPlanCatalogue } from '../seeds/plan-catalogue.seed';
import { signIn } from './support/factories';
import { createTestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { unzip, zip } from './support/zip';

/**
 * Excel import end to end: templates downloaded and filled with exceljs (the library
 * the system itself uses), good and bad rows, the dry run's report, the real run, the
 * re-import that changes nothing, the 月报 moving investment figures with its audit,
 * and every bad file a 400 with nothing written.
 */
const TODAY = '2026-06-15';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const NEW_CODE = '2601-150104-04-01-000777';
const NEW_NAME = '玉泉区第二实验小学新建项目';

function multipart(fields: Record<string, string>, file?: { name: string; data: Buffer }) {
  const boundary = `----kpt${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${encodeURIComponent(file.name)}"\r\nContent-Type: ${XLSX}\r\n\r\n`));
    parts.push(file.data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('Excel import: 台账 and 月报', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let admin: { authorization: string };
  let editor: { authorization: string }; // 区教育局
  const query = <T = any>(sql: string, params: unknown[] = []): Promise<T[]> => database.dataSource.query(sql, params);

  const upload = (caller: { authorization: string }, fields: Record<string, string>, file?: Buffer) => {
    const body = multipart(fields, file ? { name: '项目台账.xlsx', data: file } : undefined);
    return app.inject({ method: 'POST', url: '/api/v1/imports', headers: { ...caller, ...body.headers }, payload: body.payload });
  };
  const download = async (url: string, caller = admin) => {
    const response = await app.inject({ method: 'GET', url, headers: caller });
    expect([response.statusCode, response.headers['content-type']]).toEqual([200, XLSX]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    return workbook;
  };
  const toBuffer = async (workbook: ExcelJS.Workbook) => Buffer.from(await workbook.xlsx.writeBuffer());
  /** Every row a write could touch, as text: equal snapshots mean nothing was written. */
  const snapshot = async () => ({
    projects: await query(`SELECT p.*::text AS row FROM projects p ORDER BY id`),
    monthly: await query(`SELECT m.*::text AS row FROM project_monthly_investments m ORDER BY 1`),
    audit: await query(`SELECT count(*)::int AS n FROM audit_log`),
    imports: await query(`SELECT count(*)::int AS n FROM import_runs`),
  });
  const projectNamed = async (name: string) => (await query(`SELECT * FROM projects WHERE name = $1`, [name]))[0];

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedPlanCatalogue(database.dataSource);
    await seedDemo(database.dataSource, { password: DEFAULT_DEMO_PASSWORD, today: TODAY });
    app = await createTestApp(database, {
      KPT_FIXED_NOW: `${TODAY}T10:00:00+08:00`,
      IMPORT_MAX_ROWS: '40',
      IMPORT_MAX_UNCOMPRESSED_BYTES: String(4 * 1024 * 1024),
    });
    admin = await signIn(app, 'admin', DEFAULT_DEMO_PASSWORD);
    editor = await signIn(app, 'editor-jyj', DEFAULT_DEMO_PASSWORD);
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('gives templates with Chinese headers, an example row, dropdowns and a notes sheet', async () => {
    const workbook = await download('/api/v1/imports/templates/projects.xlsx', editor);
    const sheet = workbook.getWorksheet('项目台账')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
      '项目代码', '专栏', '分组', '项目名称', '项目类型', '责任单位', '项目状态', '包联领导', '建设地点', '计划开工日期', '计划完工日期', '总投资（万元）', '建设内容及规模',
    ]);
    expect(String(sheet.getCell('D2').value)).toMatch(/^【示例】/);
    for (const [cell, list] of [['B3', 'A'], ['C3', 'B'], ['E3', 'C'], ['F3', 'D'], ['G3', 'E']]) {
      expect(sheet.getCell(cell).dataValidation).toMatchObject({ type: 'list', formulae: [expect.stringMatching(new RegExp(`^'选项'!\\$${list}\\$2:\\$${list}\\$\\d+$`))] });
    }
    const choices = workbook.getWorksheet('选项')!;
    expect(choices.getColumn(1).values).toContain('8 现代化基础设施重点工程');
    expect(choices.getColumn(2).values).toContain('8.3 能源基础设施建设工程重点工程');
    expect(choices.getColumn(3).values).toContain('学校/幼儿园');
    expect(choices.getColumn(4).values).toContain('区教育局');
    expect(choices.getColumn(5).values).toEqual(expect.arrayContaining(['谋划', '前期', '在建', '竣工', '投产', '暂停', '取消']));
    const notes = workbook.getWorksheet('填写说明')!;
    expect(notes.getColumn(1).values).toContain('总投资（万元）');
    expect(notes.getColumn(4).values).toContain('万元，最多 4 位小数；可带千分位逗号或「万元」');

    const monthly = await download('/api/v1/imports/templates/monthly-report.xlsx');
    expect((monthly.getWorksheet('投资月报')!.getRow(1).values as unknown[]).slice(1)).toEqual(['项目代码', '专栏', '项目名称', '月份', '本月完成投资（万元）']);
    const viewer = await signIn(app, 'viewer', DEFAULT_DEMO_PASSWORD);
    expect((await app.inject({ method: 'GET', url: '/api/v1/imports/templates/projects.xlsx', headers: viewer })).statusCode).toBe(403);
  });

  describe('the 台账 (projects)', () => {
    let file: Buffer;
    let school: any;
    let substation: any;
    let importId: string;

    beforeAll(async () => {
      school = await projectNamed('昭君路小学新建项目');
      substation = await projectNamed('玉泉变 220 千伏变电站工程');
      const workbook = await download('/api/v1/imports/templates/projects.xlsx', editor);
      const sheet = workbook.getWorksheet('项目台账')!;
      // Row 3: a new project of the editor's unit; a date cell, an Excel serial, an amount with 万元 and separators.
      sheet.getRow(3).values = [NEW_CODE, '10 人口高质量发展重点工程', '10.1 高质量教育重点工程', NEW_NAME, '学校/幼儿园', null, '前期', '王副区长', '昭君路街道', new Date(Date.UTC(2026, 8, 1)), 46691, '12,500.5万元', '新建 36 班小学'];
      // Row 4: the unit's existing school, found by 专栏 + name; total investment as a formula with its saved result.
      sheet.getRow(4).values = [null, '10', null, '昭君路小学新建项目', null, null, null, '张副区长', null, null, null, { formula: '6000+2000', result: 8000 }, null];
      // Row 5: another unit's project.
      sheet.getRow(5).values = [null, '8 现代化基础设施重点工程', null, '玉泉变 220 千伏变电站工程', null, null, null, '李副区长'];
      // Row 6: a date that is none; row 7: an amount in 亿元; row 8: a kind that is not in the list.
      sheet.getRow(6).values = [null, '10', '10.1', '某幼儿园新建项目', '学校/幼儿园', null, null, null, null, '2026-13-01'];
      sheet.getRow(7).values = [null, '10', '10.1', '某中学新建项目', '学校/幼儿园', null, null, null, null, null, null, '1.2亿'];
      sheet.getRow(8).values = [null, '10', '10.1', '某体育馆新建项目', '体育馆'];
      file = await toBuffer(workbook);
    });

    it('a dry run reports every row exactly and writes nothing', async () => {
      const before = await snapshot();
      const response = await upload(editor, { kind: 'projects', dryRun: 'true' }, file);
      expect(response.statusCode).toBe(201);
      const body = response.json();
      expect(body).toMatchObject({ kind: 'projects', mode: 'all-or-nothing', dryRun: true, applied: false, summary: { rows: 6, create: 1, update: 1, unchanged: 0, rejected: 4 } });
      expect(body.rows.map((row: any) => [row.row, row.action])).toEqual([
        [3, 'create'],
        [4, 'update'],
        [5, 'rejected'],
        [6, 'rejected'],
        [7, 'rejected'],
        [8, 'rejected'],
      ]);
      expect(body.rows[0].changes).toEqual([
        { field: 'projectCode', header: '项目代码', before: null, after: NEW_CODE },
        { field: 'name', header: '项目名称', before: null, after: NEW_NAME },
        { field: 'group', header: '分组', before: null, after: '10.1 高质量教育重点工程' },
        { field: 'kind', header: '项目类型', before: null, after: '学校/幼儿园' },
        { field: 'ownerUnit', header: '责任单位', before: null, after: '区教育局' },
        { field: 'status', header: '项目状态', before: null, after: '前期' },
        { field: 'leadOfficial', header: '包联领导', before: null, after: '王副区长' },
        { field: 'location', header: '建设地点', before: null, after: '昭君路街道' },
        { field: 'plannedStartDate', header: '计划开工日期', before: null, after: '2026-09-01' },
        { field: 'plannedEndDate', header: '计划完工日期', before: null, after: '2027-10-31' },
        { field: 'totalInvestment', header: '总投资（万元）', before: null, after: '12500.5' },
        { field: 'description', header: '建设内容及规模', before: null, after: '新建 36 班小学' },
      ]);
      expect(body.rows[1]).toMatchObject({
        projectId: school.id,
        key: '专栏 10「昭君路小学新建项目」',
        changes: [
          { field: 'leadOfficial', header: '包联领导', before: school.lead_official, after: '张副区长' },
          { field: 'totalInvestment', header: '总投资（万元）', before: school.total_investment_yuan === null ? null : String(Number(school.total_investment_yuan) / 10000), after: '8000' },
        ],
      });
      expect(body.rows[2]).toMatchObject({ projectId: substation.id, errors: [{ header: '责任单位', reason: '不是本单位的项目：部门填报员只能导入本单位的项目' }] });
      expect(body.rows[3].errors).toEqual([{ header: '计划开工日期', reason: '「2026-13-01」 is not a calendar date between 2000-01-01 and 2100-12-31' }]);
      expect(body.rows[4].errors).toEqual([{ header: '总投资（万元）', reason: '「1.2亿」: write the amount in 万元 (1 亿元 = 10000 万元)' }]);
      expect(body.rows[5].errors).toEqual([{ header: '项目类型', reason: '「体育馆」不是项目类型，请从下拉列表选择' }]);
      const after = await snapshot();
      expect({ ...after, imports: undefined }).toEqual({ ...before, imports: undefined });
    });

    it('all-or-nothing (the default) writes nothing while a row is rejected', async () => {
      const before = await snapshot();
      const body = (await upload(editor, { kind: 'projects' }, file)).json();
      expect(body).toMatchObject({ dryRun: false, applied: false, summary: { rejected: 4 } });
      const after = await snapshot();
      expect([after.projects, after.audit]).toEqual([before.projects, before.audit]);
    });

    it('valid-rows writes the valid rows, audited as the importing user with the import id', async () => {
      const response = await upload(editor, { kind: 'projects', mode: 'valid-rows', dryRun: 'false' }, file);
      expect(response.statusCode).toBe(201);
      const body = response.json();
      importId = body.importId;
      expect(body).toMatchObject({ applied: true, summary: { create: 1, update: 1, rejected: 4 } });
      const created = await projectNamed(NEW_NAME);
      const [owner] = await query(`SELECT id FROM departments WHERE name = '区教育局'`);
      expect(created).toMatchObject({
        project_code: NEW_CODE,
        kind: 'school',
        status: 'preparation',
        owner_department_id: owner.id,
        planned_start_date: '2026-09-01',
        planned_end_date: '2027-10-31',
        total_investment_yuan: '125005000',
        lead_official: '王副区长',
        description: '新建 36 班小学',
      });
      const updated = await projectNamed('昭君路小学新建项目');
      expect(updated).toMatchObject({ lead_official: '张副区长', total_investment_yuan: '80000000', version: school.version + 1, name: school.name, kind: school.kind });
      await expect(projectNamed('玉泉变 220 千伏变电站工程')).resolves.toMatchObject({ lead_official: substation.lead_official, version: substation.version });
      await expect(projectNamed('某幼儿园新建项目')).resolves.toBeUndefined();

      const audit = await query(
        `SELECT entity_id, action, actor_name, before->>'total_investment_yuan' AS before_total, after->>'total_investment_yuan' AS after_total, after->>'importId' AS import_id
           FROM audit_log WHERE after->>'importId' = $1 ORDER BY id`,
        [importId],
      );
      expect(audit).toEqual([
        { entity_id: created.id, action: 'create', actor_name: 'editor-jyj', before_total: null, after_total: '125005000', import_id: importId },
        { entity_id: school.id, action: 'update', actor_name: 'editor-jyj', before_total: school.total_investment_yuan, after_total: '80000000', import_id: importId },
      ]);
      // The API shows it as any other write.
      const read = await app.inject({ method: 'GET', url: `/api/v1/audit?entity=project&entityId=${created.id}`, headers: admin });
      expect(read.statusCode).toBe(200);
    });

    it('importing the same file again changes nothing', async () => {
      const before = await snapshot();
      const body = (await upload(editor, { kind: 'projects', mode: 'valid-rows' }, file)).json();
      expect(body).toMatchObject({ applied: true, summary: { create: 0, update: 0, unchanged: 2, rejected: 4 } });
      const after = await snapshot();
      expect([after.projects, after.audit]).toEqual([before.projects, before.audit]);
    });

    it('lets an admin import for any unit', async () => {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('项目台账');
      sheet.addRow(['专栏', '项目名称', '包联领导']);
      sheet.addRow(['8', '玉泉变 220 千伏变电站工程', '李副区长']);
      const body = (await upload(admin, { kind: 'projects' }, await toBuffer(workbook))).json();
      expect(body).toMatchObject({ applied: true, summary: { update: 1, rejected: 0 } });
      await expect(projectNamed('玉泉变 220 千伏变电站工程')).resolves.toMatchObject({ lead_official: '李副区长' });
    });

    it('gives the report as XLSX, the rejected rows with a reason column, ready to fix and import again', async () => {
      const workbook = await download(`/api/v1/imports/${importId}/report.xlsx`, editor);
      const result = workbook.getWorksheet('导入结果')!;
      expect((result.getRow(1).values as unknown[]).slice(1)).toEqual(['行号', '结果', '项目', '列', '原值', '新值', '原因']);
      const rejected = workbook.getWorksheet('项目台账')!;
      const header = (rejected.getRow(1).values as unknown[]).slice(1);
      expect(header.slice(-2)).toEqual(['原因', '原行号']);
      const rows = [2, 3, 4, 5].map((n) => rejected.getRow(n).values as unknown[]);
      expect(rows.map((r) => [r[4], r[header.length]])).toEqual([
        ['玉泉变 220 千伏变电站工程', 5],
        ['某幼儿园新建项目', 6],
        ['某中学新建项目', 7],
        ['某体育馆新建项目', 8],
      ]);
      expect(rows[0][header.length - 1]).toBe('责任单位：不是本单位的项目：部门填报员只能导入本单位的项目');
      // Someone else's import is not theirs to read.
      const other = await signIn(app, 'editor-fgw', DEFAULT_DEMO_PASSWORD);
      expect((await app.inject({ method: 'GET', url: `/api/v1/imports/${importId}/report.xlsx`, headers: other })).statusCode).toBe(404);
    });
  });

  describe('the 月报 (monthly completed investment)', () => {
    it('moves the investment figures, audited with the import id; a re-import changes nothing', async () => {
      const school = await projectNamed('昭君路小学新建项目');
      const created = await projectNamed(NEW_NAME);
      const [previous] = await query(`SELECT amount_yuan FROM project_monthly_investments WHERE project_id = $1 AND month = '2026-06'`, [school.id]);
      const workbook = await download('/api/v1/imports/templates/monthly-report.xlsx', editor);
      const sheet = workbook.getWorksheet('投资月报')!;
      sheet.getRow(3).values = [NEW_CODE, null, null, '2026-05', '1,200.5'];
      sheet.getRow(4).values = [null, '10 人口高质量发展重点工程', '昭君路小学新建项目', new Date(Date.UTC(2026, 5, 1)), 300];
      sheet.getRow(5).values = [null, '10', '昭君路小学新建项目', '2026-07', 10]; // a month still to come
      const file = await toBuffer(workbook);

      const body = (await upload(editor, { kind: 'monthly-report', mode: 'valid-rows' }, file)).json();
      expect(body.rows.map((row: any) => [row.row, row.action, row.changes?.[0]?.before ?? null, row.changes?.[0]?.after ?? null])).toEqual([
        [3, 'create', null, '1200.5'],
        [4, previous ? 'update' : 'create', previous ? String(Number(previous.amount_yuan) / 10000) : null, '300'],
        [5, 'rejected', null, null],
      ]);
      expect(body.rows[2].errors).toEqual([{ header: '月份', reason: '2026-07 还没到，最晚填到 2026-06' }]);
      await expect(query(`SELECT month, amount_yuan FROM project_monthly_investments WHERE project_id = $1`, [created.id])).resolves.toEqual([
        { month: '2026-05', amount_yuan: '12005000' },
      ]);
      await expect(query(`SELECT amount_yuan FROM project_monthly_investments WHERE project_id = $1 AND month = '2026-06'`, [school.id])).resolves.toEqual([
        { amount_yuan: '3000000' },
      ]);
      const investment = await app.inject({ method: 'GET', url: `/api/v1/projects/${created.id}`, headers: editor });
      expect(investment.json().investment).toMatchObject({ completedToDateWan: '1200.5' });
      const audit = await query(
        `SELECT entity_type, entity_id, actor_name, after->>'amountYuan' AS amount FROM audit_log WHERE after->>'importId' = $1 ORDER BY id`,
        [body.importId],
      );
      expect(audit).toEqual([
        { entity_type: 'monthly_investment', entity_id: `${created.id}:2026-05`, actor_name: 'editor-jyj', amount: '12005000' },
        { entity_type: 'monthly_investment', entity_id: `${school.id}:2026-06`, actor_name: 'editor-jyj', amount: '3000000' },
      ]);

      const before = await snapshot();
      const again = (await upload(editor, { kind: 'monthly-report', mode: 'valid-rows' }, file)).json();
      expect(again.summary).toMatchObject({ create: 0, update: 0, unchanged: 2, rejected: 1 });
      const after = await snapshot();
      expect([after.projects, after.monthly, after.audit]).toEqual([before.projects, before.monthly, before.audit]);
    });
  });

  describe('bad files: a 400 and nothing written', () => {
    let template: Buffer;

    beforeAll(async () => {
      const workbook = await download('/api/v1/imports/templates/projects.xlsx');
      workbook.getWorksheet('项目台账')!.getRow(3).values = [null, '10', '10.1', '某坏文件里的新项目', '学校/幼儿园'];
      template = await toBuffer(workbook);
    });

    async function expectRefused(file: Buffer | undefined, code: string, fields: Record<string, string> = { kind: 'projects', mode: 'valid-rows' }) {
      const before = await snapshot();
      const response = await upload(admin, fields, file);
      expect([response.statusCode, response.json().code]).toEqual([400, code]);
      expect(response.json().details.length).toBeGreaterThan(0);
      await expect(snapshot()).resolves.toEqual(before);
      await expect(projectNamed('某坏文件里的新项目')).resolves.toBeUndefined();
    }

    it('the good version of the file would import (so the refusals below are about the defect)', async () => {
      const body = (await upload(admin, { kind: 'projects', dryRun: 'true' }, template)).json();
      expect(body.summary).toMatchObject({ create: 1, rejected: 0 });
    });

    it('not an XLSX', async () => {
      await expectRefused(Buffer.from('项目代码,项目名称\n1,某项目\n'), 'IMPORT_NOT_XLSX');
      await expectRefused(zip([{ name: 'readme.txt', data: Buffer.from('not a workbook') }]), 'IMPORT_NOT_XLSX');
      // An old .xls is an OLE compound file without encryption streams.
      await expectRefused(Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]), 'IMPORT_NOT_XLSX');
    });

    it('a macro-enabled workbook (.xlsm)', async () => {
      const parts = unzip(template);
      const types = parts.find((p) => p.name === '[Content_Types].xml')!;
      types.data = Buffer.from(
        types.data.toString('utf8').replace('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml', 'application/vnd.ms-excel.sheet.macroEnabled.main+xml'),
      );
      await expectRefused(zip(parts), 'IMPORT_MACRO_ENABLED');
      await expectRefused(zip([...unzip(template), { name: 'xl/vbaProject.bin', data: Buffer.from('VBA') }]), 'IMPORT_MACRO_ENABLED');
    });

    it('a password-protected (encrypted) workbook', async () => {
      // Excel saves an encrypted workbook as an OLE compound file holding EncryptionInfo and EncryptedPackage.
      const header = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
      await expectRefused(Buffer.concat([header, Buffer.alloc(504), Buffer.from('EncryptionInfo', 'utf16le'), Buffer.from('EncryptedPackage', 'utf16le'), Buffer.alloc(2048)]), 'IMPORT_FILE_ENCRYPTED');
    });

    it('a zip bomb, whether its headers tell its size or lie about it', async () => {
      const bomb = Buffer.alloc(8 * 1024 * 1024); // 8 MiB of zeros: a few KiB zipped, over the 4 MiB limit unzipped
      await expectRefused(zip([...unzip(template), { name: 'xl/media/bomb.bin', data: bomb }]), 'IMPORT_FILE_TOO_LARGE_UNZIPPED');
      await expectRefused(zip([...unzip(template), { name: 'xl/media/bomb.bin', data: bomb, declaredSize: 10 }]), 'IMPORT_FILE_TOO_LARGE_UNZIPPED');
    });

    it('more rows than IMPORT_MAX_ROWS', async () => {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('项目台账');
      sheet.addRow(['专栏', '分组', '项目名称', '项目类型']);
      for (let i = 0; i < 41; i += 1) sheet.addRow(['10', '10.1', `某坏文件里的新项目${i}`, '学校/幼儿园']);
      await expectRefused(await toBuffer(workbook), 'IMPORT_TOO_MANY_ROWS');
    });

    it('a formula with no saved value (a formula with one is read by its value, above)', async () => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(template as unknown as ArrayBuffer);
      workbook.getWorksheet('项目台账')!.getCell('L3').value = { formula: 'L2*2' } as ExcelJS.CellFormulaValue;
      await expectRefused(await toBuffer(workbook), 'IMPORT_FORMULA_WITHOUT_VALUE');
    });

    it('merged header cells', async () => {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('项目台账');
      sheet.addRow(['项目基本信息', null, '项目名称', '项目类型']);
      sheet.addRow(['10', '10.1', '某坏文件里的新项目', '学校/幼儿园']);
      sheet.mergeCells('A1:B1');
      await expectRefused(await toBuffer(workbook), 'IMPORT_MERGED_HEADER');
    });

    it('a header row without the needed columns, a bad kind/mode, no file, not multipart', async () => {
      const workbook = new ExcelJS.Workbook();
      workbook.addWorksheet('项目台账').addRow(['名称', '金额']);
      await expectRefused(await toBuffer(workbook), 'VALIDATION_FAILED');
      await expectRefused(template, 'VALIDATION_FAILED', { kind: 'ledger', mode: 'some' });
      await expectRefused(undefined, 'IMPORT_FILE_MISSING');
      const json = await app.inject({ method: 'POST', url: '/api/v1/imports', headers: admin, payload: { kind: 'projects' } });
      expect([json.statusCode, json.json().code]).toEqual([400, 'IMPORT_NOT_MULTIPART']);
      const viewer = await signIn(app, 'viewer', DEFAULT_DEMO_PASSWORD);
      expect((await upload(viewer, { kind: 'projects' }, template)).statusCode).toBe(403);
    });

    it('JSON routes are untouched by the multipart parser', async () => {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ username: 'admin', password: DEFAULT_DEMO_PASSWORD }),
      });
      expect(response.statusCode).toBe(200);
    });
  });
});
