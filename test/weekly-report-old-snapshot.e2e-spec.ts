import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import ExcelJS from 'exceljs';
import { signIn } from './support/factories';
import { createTestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { buildPortfolio, FIXED_NOW, REPORT_WEEK } from './weekly-report.fixture';

/**
 * Stored 周报 stay readable when the format grows (issue 16.7): a snapshot keeps the schemaVersion it was written
 * with, and one written before a section existed lacks that section's data. Here a stored v1 snapshot has no 督办
 * section (as if it predated it): its CSV and XLSX still download, the section says it is absent, the rest is whole.
 */
describe('weekly report: an older stored snapshot without a section', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let supervisor: { authorization: string };
  const url = `/api/v1/reports/weekly/${REPORT_WEEK}`;

  beforeAll(async () => {
    database = await createTestDatabase();
    const portfolio = await buildPortfolio(database.dataSource);
    app = await createTestApp(database, { KPT_FIXED_NOW: FIXED_NOW });
    supervisor = await signIn(app, portfolio.users.supervisor.username);
    expect((await app.inject({ method: 'POST', url: `${url}/build`, headers: supervisor })).statusCode).toBeLessThan(300);
    // The stored snapshot as an older build wrote it: version 1, no supervisionNotices (and a hash of its own, so no
    // rendering of the full snapshot can be served from a cache); the table lets a snapshot change only as a new revision.
    await database.dataSource.query(
      `UPDATE weekly_reports SET content = jsonb_set(content - 'supervisionNotices' - 'progressEvidence' - 'problemLedger', '{ranking,items}',
         (SELECT jsonb_agg(item - 'problemsClosed' - 'problemsClosedOnTime') FROM jsonb_array_elements(content #> '{ranking,items}') item))
         || '{"schemaVersion": 1}'::jsonb, content_hash = md5(random()::text) || md5(random()::text), revision = revision + 1`,
    );
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('downloads the absent section as CSV with a note instead of failing', async () => {
    const response = await app.inject({ method: 'GET', url: `${url}?format=csv&section=notices`, headers: supervisor });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('当时尚无「督办」栏目');
    const overview = await app.inject({ method: 'GET', url: `${url}?format=csv&section=overview`, headers: supervisor });
    expect(overview.statusCode).toBe(200);
    expect(overview.body).toContain('项目总数');
    expect(overview.body).toMatch(/本周下发督办单,\r\n/); // the row is there, empty
  });

  it('downloads the XLSX with every sheet: the other sections whole, the absent one saying so', async () => {
    const response = await app.inject({ method: 'GET', url: `${url}?format=xlsx`, headers: supervisor });
    expect(response.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      '总览', '按专栏', '按责任单位', '按类型', '逾期节点', '亮灯项目', '比拼晾晒', '督办', '填报佐证', '问题台账', '久未销号问题',
    ]);
    const notices = workbook.getWorksheet('督办')!;
    const texts: string[] = [];
    notices.eachRow((row) => row.eachCell((cell) => texts.push(String(cell.value))));
    expect(texts.join('\n')).toContain('当时尚无「督办」栏目');
    // Version 2's 填报佐证 (reports with and without attachments) is absent from a v1 snapshot in the same way.
    const evidence: string[] = [];
    workbook.getWorksheet('填报佐证')!.eachRow((row) => row.eachCell((cell) => evidence.push(String(cell.value))));
    expect(evidence.join('\n')).toContain('当时尚无「填报佐证」栏目');
    expect(workbook.getWorksheet('逾期节点')!.actualRowCount).toBeGreaterThan(1);
    // Version 3's 问题台账 sheets likewise; the ranking renders with its problem columns empty.
    for (const sheet of ['问题台账', '久未销号问题']) {
      const cells: string[] = [];
      workbook.getWorksheet(sheet)!.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value))));
      expect(cells.join('\n')).toContain(`当时尚无「${sheet}」栏目`);
    }
    const ranking = workbook.getWorksheet('比拼晾晒')!;
    expect(ranking.getRow(1).values).toEqual([undefined, '名次', '责任单位', '应完成节点', '按期完成', '按期完成率（%）', '问题销号（累计）', '按时销号（累计）']);
    expect(ranking.getRow(2).getCell(2).value).toBe('区教育局');
    expect(ranking.getRow(2).getCell(6).value).toBeNull();
  });

  it('serves the old snapshot as JSON, a CSV of the new section saying it is absent, and a summary without it', async () => {
    const json = await app.inject({ method: 'GET', url, headers: supervisor });
    expect(json.statusCode).toBe(200);
    expect(json.json().report).toMatchObject({ schemaVersion: 1 });
    expect(json.json().report.problemLedger).toBeUndefined();
    const csv = await app.inject({ method: 'GET', url: `${url}?format=csv&section=problems`, headers: supervisor });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('当时尚无「问题台账」栏目');
    const ranking = await app.inject({ method: 'GET', url: `${url}?format=csv&section=ranking`, headers: supervisor });
    expect(ranking.statusCode).toBe(200);
    expect(ranking.body).toContain('问题销号（累计）');
    const summary = await app.inject({ method: 'GET', url: `${url}/summary`, headers: supervisor });
    expect(summary.statusCode).toBe(200);
    expect(summary.json().problemLedger).toBeNull();
    expect(summary.json().sections.find((section: { section: string }) => section.section === 'problems')).toMatchObject({ present: false });
    const page = await app.inject({ method: 'GET', url: `${url}/sections/open-problems`, headers: supervisor });
    expect(page.statusCode).toBe(200);
  });
});
