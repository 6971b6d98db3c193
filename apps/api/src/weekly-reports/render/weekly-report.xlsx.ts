import ExcelJS from 'exceljs';
import { yuanToWan } from '@app/domain';
import { WeeklyReportContent } from '@app/reporting';
import { Cell, cellKind, ColumnKind, REPORT_SECTIONS, reportTable } from './report-tables';

const NUMBER_FORMATS: Partial<Record<ColumnKind, string>> = {
  int: '0',
  wan: '#,##0.0000',
  percent: '0.00',
  decimal: '0.00',
};

function value(cell: Cell, kind: ColumnKind): ExcelJS.CellValue {
  if (cell === null || cell === undefined) return null;
  switch (kind) {
    // A decimal string of at most 4 decimals (exact from yuan) → the nearest double, shown with 4 decimals: Excel displays the exact amount.
    case 'wan':
      return Number(yuanToWan(String(cell)));
    case 'percent':
      return Number(cell);
    default:
      return cell;
  }
}

/**
 * The 周报 as an Excel workbook, one sheet per section (总览, 按专栏, 按责任单位,
 * 按类型, 逾期节点, 亮灯项目, 比拼晾晒, 督办): Chinese headers in bold on a grey
 * band, the header row frozen and filterable, column widths set, numbers as
 * numbers (money in 万元 with four decimals), rules in words under the tables.
 */
export async function renderWeeklyReportXlsx(report: WeeklyReportContent): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'key-project-tracker';
  workbook.title = `玉泉区重点工程周报 ${report.isoWeek}`;
  // Fixed, so the same report always gives the same file (and the ETag stays honest).
  workbook.created = new Date(`${report.weekEnd}T16:00:00Z`);
  workbook.modified = workbook.created;

  for (const section of REPORT_SECTIONS) {
    const table = reportTable(report, section);
    const sheet = workbook.addWorksheet(table.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = table.columns.map((column) => ({ header: column.header, width: column.width }));
    const header = sheet.getRow(1);
    header.font = { bold: true };
    header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    header.eachCell((cell) => {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
    });
    table.rows.forEach((row, rowIndex) => {
      const added = sheet.addRow(row.map((cell, columnIndex) => value(cell, cellKind(table, rowIndex, columnIndex))));
      row.forEach((_, columnIndex) => {
        const format = NUMBER_FORMATS[cellKind(table, rowIndex, columnIndex)];
        if (format) added.getCell(columnIndex + 1).numFmt = format;
      });
      if (row.includes('合计')) added.font = { bold: true };
    });
    if (table.rows.length > 0 && section !== 'overview') {
      sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
    }
    if (table.notes.length > 0) {
      sheet.addRow([]);
      for (const note of table.notes) {
        const row = sheet.addRow([note]);
        row.getCell(1).alignment = { wrapText: false };
      }
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
