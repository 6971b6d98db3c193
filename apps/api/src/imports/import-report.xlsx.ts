/**
 * The import report as XLSX, for the clerk who fixes the file: 导入结果 (every row: what
 * the import did or would do, field by field) and 未通过的行 (the rejected rows with the
 * template's columns as they were read and a 原因 column — fix them there and import
 * that sheet again; its headers are the template's).
 */
import ExcelJS from 'exceljs';
import type { ImportRun } from '@app/domain';
import { columnsOf, SHEET_NAMES } from './import-columns';
import type { ImportReportRow } from './import-report';

const ACTION_LABELS: Record<ImportReportRow['action'], string> = { create: '新增', update: '更新', unchanged: '无变化', rejected: '未通过' };

export async function renderImportReport(run: ImportRun): Promise<Buffer> {
  const rows = run.report as ImportReportRow[];
  const workbook = new ExcelJS.Workbook();
  const result = workbook.addWorksheet('导入结果', { views: [{ state: 'frozen', ySplit: 1 }] });
  result.columns = [
    { header: '行号', key: 'row', width: 8 },
    { header: '结果', key: 'action', width: 10 },
    { header: '项目', key: 'key', width: 44 },
    { header: '列', key: 'header', width: 18 },
    { header: '原值', key: 'before', width: 30 },
    { header: '新值', key: 'after', width: 30 },
    { header: '原因', key: 'reason', width: 60 },
  ];
  result.getRow(1).font = { bold: true };
  for (const row of rows) {
    const base = { row: row.row, action: ACTION_LABELS[row.action], key: row.key };
    if (row.errors?.length) for (const error of row.errors) result.addRow({ ...base, header: error.header, reason: error.reason });
    else if (row.changes?.length) for (const change of row.changes) result.addRow({ ...base, header: change.header, before: change.before, after: change.after });
    else result.addRow(base);
  }
  const status = run.dryRun ? '试导入：未写入' : run.applied ? '已导入' : '未导入：有未通过的行（全部导入或全部不导入）';
  result.addRow({});
  result.addRow({ row: '说明', key: `${run.fileName}，${status}；导入编号 ${run.id}` });

  const columns = columnsOf(run.kind);
  const rejected = workbook.addWorksheet('未通过的行');
  rejected.columns = [...columns.map((column) => ({ header: column.header, key: column.header, width: column.width })), { header: '原因', key: '原因', width: 60 }, { header: '原行号', key: '原行号', width: 10 }];
  rejected.getRow(1).font = { bold: true };
  for (const row of rows.filter((r) => r.action === 'rejected')) {
    rejected.addRow({
      ...row.values,
      原因: (row.errors ?? []).map((error) => `${error.header}：${error.reason}`).join('；'),
      原行号: row.row,
    });
  }
  // Re-importable: the import reads the sheet named like the template's.
  rejected.name = SHEET_NAMES[run.kind];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
