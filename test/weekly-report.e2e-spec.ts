import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import ExcelJS from 'exceljs';
import { contentHash } from '@app/reporting';
import { signIn } from './support/factories';
import { createTestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { buildPortfolio, createApiKey, expectedW47, FIXED_NOW, Portfolio, REPORT_WEEK } from './weekly-report.fixture';

/** RFC 4180 CSV → rows of cells (quoted fields, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += char;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

describe('weekly report (周报): build, read as JSON / CSV / XLSX, ETag, scopes, immutability', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let portfolio: Portfolio;
  let supervisor: { authorization: string };
  let admin: { authorization: string };
  let viewer: { authorization: string };
  let editor: { authorization: string };
  let readerKey: string;
  let projectsKey: string;
  const url = `/api/v1/reports/weekly/${REPORT_WEEK}`;

  beforeAll(async () => {
    database = await createTestDatabase();
    portfolio = await buildPortfolio(database.dataSource);
    app = await createTestApp(database, { KPT_FIXED_NOW: FIXED_NOW });
    supervisor = await signIn(app, portfolio.users.supervisor.username);
    admin = await signIn(app, portfolio.users.admin.username);
    viewer = await signIn(app, portfolio.users.viewer.username);
    editor = await signIn(app, portfolio.users.editor.username);
    readerKey = await createApiKey(database.dataSource, ['reports:read']);
    projectsKey = await createApiKey(database.dataSource, ['projects:read']);
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('answers 404 with a hint for a week not built, and for latest when nothing is built', async () => {
    const week = await app.inject({ method: 'GET', url, headers: supervisor });
    expect(week.statusCode).toBe(404);
    expect(week.json()).toMatchObject({ code: 'WEEKLY_REPORT_NOT_BUILT', message: expect.stringContaining(`POST /api/v1/reports/weekly/${REPORT_WEEK}/build`) });
    const latest = await app.inject({ method: 'GET', url: '/api/v1/reports/weekly/latest', headers: supervisor });
    expect(latest.statusCode).toBe(404);
    expect(latest.json()).toMatchObject({ code: 'WEEKLY_REPORT_NOT_BUILT' });
  });

  it('refuses malformed or non-existent weeks with 400, the current week with 409, and builds by viewers with 403', async () => {
    for (const bad of ['2026-47', '2026-W54', '2025-W53', 'W47', '2026-w47']) {
      const response = await app.inject({ method: 'GET', url: `/api/v1/reports/weekly/${bad}`, headers: supervisor });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'INVALID_ISO_WEEK', details: [{ field: 'isoWeek' }] });
    }
    const current = await app.inject({ method: 'POST', url: '/api/v1/reports/weekly/2026-W48/build', headers: supervisor });
    expect(current.statusCode).toBe(409);
    expect(current.json()).toMatchObject({ code: 'WEEK_NOT_ENDED' });
    const byViewer = await app.inject({ method: 'POST', url: `${url}/build`, headers: viewer });
    expect(byViewer.statusCode).toBe(403);
  });

  it('builds a past week on demand once; a second build returns the stored one untouched', async () => {
    const first = await app.inject({ method: 'POST', url: `${url}/build`, headers: supervisor });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      outcome: 'built',
      report: { isoWeek: REPORT_WEEK, weekStart: '2026-11-16', weekEnd: '2026-11-22', revision: 1, buildSource: 'on_demand', builtBy: portfolio.users.supervisor.username },
    });
    const second = await app.inject({ method: 'POST', url: `${url}/build`, headers: admin });
    expect(second.statusCode).toBe(200);
    expect(second.json()).toEqual({ outcome: 'existing', report: first.json().report });

    const audit = await database.dataSource.query(`SELECT action, actor_name FROM audit_log WHERE entity_type = 'weekly_report' AND entity_id = $1`, [REPORT_WEEK]);
    expect(audit).toEqual([{ action: 'build', actor_name: portfolio.users.supervisor.username }]);
  });

  it('holds exactly the figures worked out by hand (every section)', async () => {
    const response = await app.inject({ method: 'GET', url, headers: supervisor });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    const body = response.json();
    const expected = expectedW47(portfolio);
    // Section by section first, so a mismatch names its section; then the whole.
    for (const key of Object.keys(expected) as Array<keyof typeof expected>) expect({ [key]: body.report[key] }).toEqual({ [key]: expected[key] });
    expect(body.report).toEqual(expected);
    expect(body).toMatchObject({ isoWeek: REPORT_WEEK, revision: 1, contentHash: contentHash(expected) });
  });

  it('serves the latest week, with an ETag of content hash + format, and 304 for If-None-Match', async () => {
    const latest = await app.inject({ method: 'GET', url: '/api/v1/reports/weekly/latest', headers: viewer });
    expect(latest.statusCode).toBe(200);
    const etag = latest.headers.etag as string;
    expect(etag).toBe(`"${contentHash(expectedW47(portfolio))}-json"`);
    expect(latest.json().isoWeek).toBe(REPORT_WEEK);

    const unchanged = await app.inject({ method: 'GET', url: '/api/v1/reports/weekly/latest', headers: { ...viewer, 'if-none-match': etag } });
    expect(unchanged.statusCode).toBe(304);
    expect(unchanged.body).toBe('');
    expect(unchanged.headers.etag).toBe(etag);

    const listed = await app.inject({ method: 'GET', url, headers: { ...viewer, 'if-none-match': `"other", W/${etag}` } });
    expect(listed.statusCode).toBe(304);
    const otherFormat = await app.inject({ method: 'GET', url: `${url}?format=csv`, headers: { ...viewer, 'if-none-match': etag } });
    expect(otherFormat.statusCode).toBe(200);
  });

  it('gives CSV sections: UTF-8 with BOM, Chinese headers, exact 万元, the default section overview', async () => {
    const overview = await app.inject({ method: 'GET', url: `${url}?format=csv`, headers: supervisor });
    expect(overview.statusCode).toBe(200);
    expect(overview.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(overview.headers['content-disposition']).toContain('weekly-report-2026-W47-overview.csv');
    expect(overview.headers.etag).toMatch(/-csv-overview"$/);
    expect(overview.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = parseCsv(overview.rawPayload.subarray(3).toString('utf8'));
    expect(rows[0]).toEqual(['指标', '数值']);
    const value = (label: string) => rows.find((row) => row[0] === label)?.[1];
    expect(value('周次')).toBe('2026-W47');
    expect(value('项目总数')).toBe('7');
    expect(value('本周应完成节点')).toBe('5');
    expect(value('未按期完成')).toBe('3');
    expect(value('2026年度计划投资（万元）')).toBe('29345.6789');
    expect(value('累计完成投资（万元，2026-01 至 2026-11）')).toBe('9130.2468');
    expect(value('投资完成率（%）')).toBe('31.11');
    expect(value('红灯项目')).toBe('3');
    expect(rows.some((row) => row[0].startsWith('红灯：节点逾期'))).toBe(true);

    const units = await app.inject({ method: 'GET', url: `${url}?section=owner-units`, headers: { ...supervisor, accept: 'text/csv' } });
    expect(units.statusCode).toBe(200);
    const table = parseCsv(units.rawPayload.subarray(3).toString('utf8'));
    const header = table[0];
    expect(header.slice(0, 3)).toEqual(['责任单位', '项目数', '谋划']);
    const column = (name: string) => header.indexOf(name);
    const housing = table.find((row) => row[0] === '区住房和城乡建设局')!;
    expect(housing[column('项目数')]).toBe('2');
    expect(housing[column('逾期节点合计')]).toBe('3');
    expect(housing[column('年度计划投资（万元）')]).toBe('12345.6789');
    expect(housing[column('累计完成投资（万元）')]).toBe('2395.6789');
    expect(housing[column('投资完成率（%）')]).toBe('19.40');
    expect(housing[column('红灯')]).toBe('2');
    expect(table.map((row) => row[0])).toEqual(['责任单位', '区教育局', '区住房和城乡建设局', '小召前街街道', '未明确责任单位', '合计']);
    const none = table.find((row) => row[0] === '未明确责任单位')!;
    expect(none[column('投资完成率（%）')]).toBe('');
    expect(table.find((row) => row[0] === '合计')![column('年度计划投资（万元）')]).toBe('29345.6789');

    const ranking = parseCsv((await app.inject({ method: 'GET', url: `${url}?format=csv&section=ranking`, headers: supervisor })).rawPayload.subarray(3).toString('utf8'));
    expect(ranking.slice(0, 4)).toEqual([
      ['名次', '责任单位', '应完成节点', '按期完成', '按期完成率（%）', '问题销号（累计）', '按时销号（累计）'],
      ['1', '区教育局', '3', '2', '66.67', '0', '0'],
      ['2', '小召前街街道', '2', '1', '50.00', '1', '1'],
      ['3', '区住房和城乡建设局', '3', '0', '0.00', '1', '0'],
    ]);
    expect(ranking.some((row) => /^排名规则：比拼晾晒按节点按期完成率排名/.test(row[0]))).toBe(true);

    // 问题台账 (format 3): per raising unit with 合计, and the oldest open with their state at Sunday 24:00.
    const problems = parseCsv((await app.inject({ method: 'GET', url: `${url}?format=csv&section=problems`, headers: supervisor })).rawPayload.subarray(3).toString('utf8'));
    expect(problems.slice(0, 4)).toEqual([
      ['提出单位', '本周新增', '上周结转', '本周销号', '按时销号', '周末未销号', '其中超时限'],
      ['区住房和城乡建设局', '0', '1', '0', '0', '1', '1'],
      ['小召前街街道', '2', '0', '1', '1', '1', '1'],
      ['合计', '2', '1', '1', '1', '2', '2'],
    ]);
    const oldest = parseCsv((await app.inject({ method: 'GET', url: `${url}?format=csv&section=open-problems`, headers: supervisor })).rawPayload.subarray(3).toString('utf8'));
    expect(oldest.slice(1, 3).map((row) => [row[0], row[5], row[6], row[8]])).toEqual([
      ['2026-0001', '协调中', '2026-11-12', '6'],
      ['2026-0003', '已解决', '2026-11-18', '2'],
    ]);

    const overdue = parseCsv((await app.inject({ method: 'GET', url: `${url}?format=csv&section=overdue`, headers: supervisor })).rawPayload.subarray(3).toString('utf8'));
    expect(overdue.slice(1).map((row) => [row[2], row[4], row[7], row[8]])).toEqual([
      ['学府路道路拓宽改造工程', '可研批复', '15', '否'],
      ['玉泉变 220 千伏变电站工程', '施工许可', '6', '否'],
      ['玉泉变 220 千伏变电站工程', '开工', '3', '是'],
      ['昭君路小学新建项目', '交付前验收', '1', '是'],
    ]);

    const unknown = await app.inject({ method: 'GET', url: `${url}?format=csv&section=budget`, headers: supervisor });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ code: 'UNKNOWN_REPORT_SECTION', details: [{ field: 'section' }] });
  });

  it('gives an XLSX workbook a person can read: one sheet per section, bold frozen Chinese headers, numbers as numbers', async () => {
    const response = await app.inject({ method: 'GET', url, headers: { ...supervisor, accept: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers.etag).toMatch(/^W\/".+-xlsx"$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      '总览', '按专栏', '按责任单位', '按类型', '逾期节点', '亮灯项目', '比拼晾晒', '督办', '填报佐证', '问题台账', '久未销号问题',
    ]);

    const overview = workbook.getWorksheet('总览')!;
    expect(overview.getRow(1).values).toEqual([undefined, '指标', '数值']);
    expect(overview.getRow(1).font?.bold).toBe(true);
    expect(overview.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const byLabel = new Map<string, ExcelJS.Cell>();
    overview.eachRow((row) => byLabel.set(String(row.getCell(1).value), row.getCell(2)));
    expect(byLabel.get('项目总数')!.value).toBe(7);
    expect(byLabel.get('2026年度计划投资（万元）')!.value).toBe(29345.6789);
    expect(byLabel.get('2026年度计划投资（万元）')!.numFmt).toBe('#,##0.0000');
    expect(byLabel.get('投资完成率（%）')!.value).toBe(31.11);

    const columns = workbook.getWorksheet('按专栏')!;
    expect(columns.getRow(1).getCell(1).value).toBe('专栏');
    expect(columns.getColumn(2).width).toBeGreaterThanOrEqual(20);
    expect(columns.getRow(2).getCell(1).value).toBe(2);
    expect(columns.getRow(2).getCell(2).value).toBe('民生保障重点工程');
    expect(columns.getRow(3).getCell(2).value).toBe('基础设施建设重点工程');
    const header = columns.getRow(1).values as unknown[];
    expect(columns.getRow(3).getCell(header.indexOf('累计完成投资（万元）')).value).toBe(5345.6789);

    const ranking = workbook.getWorksheet('比拼晾晒')!;
    expect(ranking.getRow(2).values).toEqual([undefined, 1, '区教育局', 3, 2, 66.67, 0, 0]);
    expect(workbook.getWorksheet('问题台账')!.getRow(4).values).toEqual([undefined, '合计', 2, 1, 1, 1, 2, 2]);
    const notices = workbook.getWorksheet('督办')!;
    expect(notices.getRow(1).values).toEqual([undefined, '责任单位', '本周下发', '本周销号', '周末未销号']);
    expect(notices.getRow(5).values).toEqual([undefined, '合计', 2, 1, 3]);
  });

  it('negotiates the format: ?format wins, Accept with q-values, 406 for anything else', async () => {
    const pdf = await app.inject({ method: 'GET', url: `${url}?format=pdf`, headers: supervisor });
    expect(pdf.statusCode).toBe(406);
    expect(pdf.json()).toMatchObject({ statusCode: 406, code: 'UNSUPPORTED_REPORT_FORMAT', details: [{ field: 'format' }] });
    const acceptPdf = await app.inject({ method: 'GET', url, headers: { ...supervisor, accept: 'application/pdf' } });
    expect(acceptPdf.statusCode).toBe(406);
    expect(acceptPdf.json()).toMatchObject({ code: 'UNSUPPORTED_REPORT_FORMAT', details: [{ field: 'accept' }] });
    const preferCsv = await app.inject({ method: 'GET', url, headers: { ...supervisor, accept: 'application/json;q=0.5, text/csv' } });
    expect(preferCsv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const browser = await app.inject({ method: 'GET', url, headers: { ...supervisor, accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    expect(browser.headers['content-type']).toBe('application/json; charset=utf-8');
    const formatWins = await app.inject({ method: 'GET', url: `${url}?format=json`, headers: { ...supervisor, accept: 'text/csv' } });
    expect(formatWins.headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it('lets API keys with reports:read and department editors read; refuses a key without the scope, and builds by either', async () => {
    const withScope = await app.inject({ method: 'GET', url, headers: { 'x-api-key': readerKey } });
    expect(withScope.statusCode).toBe(200);
    const withoutScope = await app.inject({ method: 'GET', url, headers: { 'x-api-key': projectsKey } });
    expect(withoutScope.statusCode).toBe(403);
    expect(withoutScope.json()).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('reports:read') });
    const keyBuilds = await app.inject({ method: 'POST', url: `${url}/build`, headers: { 'x-api-key': readerKey } });
    expect(keyBuilds.statusCode).toBe(403);
    // The ranking (比拼晾晒) is published to the units on purpose: an editor reads the whole report, and cannot build one.
    const byEditor = await app.inject({ method: 'GET', url, headers: editor });
    expect(byEditor.statusCode).toBe(200);
    expect(byEditor.json().report.ranking.items.length).toBeGreaterThan(1);
    expect((await app.inject({ method: 'GET', url: '/api/v1/reports/weekly/latest', headers: editor })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: `${url}/build`, headers: editor })).statusCode).toBe(403);
  });

  it('keeps a past week identical after later edits (same content and ETag), and the database refuses to rewrite it', async () => {
    const before = await app.inject({ method: 'GET', url, headers: supervisor });
    const { P2m2, P4m1 } = portfolio.milestones;
    await database.dataSource.query(`UPDATE milestones SET status = 'done', actual_date = '2026-11-16' WHERE id = $1`, [P4m1.id]);
    await database.dataSource.query(`UPDATE milestones SET planned_date = '2026-11-30' WHERE id = $1`, [P2m2.id]);
    await database.dataSource.query(`UPDATE project_monthly_investments SET amount_yuan = amount_yuan + 1 WHERE month = '2026-10'`);

    const after = await app.inject({ method: 'GET', url, headers: supervisor });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).toBe(before.headers.etag);
    expect(after.body).toBe(before.body);
    expect(after.json().report).toEqual(expectedW47(portfolio));

    await expect(database.dataSource.query(`UPDATE weekly_reports SET content = '{}' WHERE iso_week = $1`, [REPORT_WEEK])).rejects.toThrow(/explicit rebuild/);
    await expect(database.dataSource.query(`DELETE FROM weekly_reports WHERE iso_week = $1`, [REPORT_WEEK])).rejects.toThrow(/never deleted/);
  });

  it('rebuilds a stored week only for an admin asking ?rebuild=true, as a new audited revision', async () => {
    const bySupervisor = await app.inject({ method: 'POST', url: `${url}/build?rebuild=true`, headers: supervisor });
    expect(bySupervisor.statusCode).toBe(403);
    expect(bySupervisor.json()).toMatchObject({ code: 'REBUILD_NEEDS_ADMIN' });

    const before = await app.inject({ method: 'GET', url, headers: admin });
    const rebuilt = await app.inject({ method: 'POST', url: `${url}/build?rebuild=true`, headers: admin });
    expect(rebuilt.statusCode).toBe(200);
    expect(rebuilt.json()).toMatchObject({ outcome: 'rebuilt', report: { revision: 2, buildSource: 'rebuild', builtBy: portfolio.users.admin.username } });

    const after = await app.inject({ method: 'GET', url, headers: admin });
    expect(after.headers.etag).not.toBe(before.headers.etag);
    const report = after.json().report;
    // P4m1 now done on 11-16 (met late, before D); P2m2 moved to 11-30 (no longer due in W47, not overdue).
    expect(report.overview.milestones).toEqual({ dueInWeek: 4, metOnTime: 2, doneLate: 1, notDone: 1, missed: 2, completedInWeek: 3 });
    expect(report.overview.overdue).toEqual({ newly: 1, still: 1, total: 2 });
    expect(report.overview.investment.completedYuan).toBe('91302469');

    const again = await app.inject({ method: 'POST', url: `${url}/build?rebuild=true`, headers: admin });
    expect(again.json()).toMatchObject({ outcome: 'unchanged', report: { revision: 2 } });
    const audit = await database.dataSource.query(`SELECT action FROM audit_log WHERE entity_type = 'weekly_report' ORDER BY id`);
    expect(audit.map((row: { action: string }) => row.action)).toEqual(['build', 'rebuild']);
  });

  it('lists the stored weeks', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/reports/weekly', headers: viewer });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ total: 1, page: 1, items: [{ isoWeek: REPORT_WEEK, revision: 2 }] });
  });
});
