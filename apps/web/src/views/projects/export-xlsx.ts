/**
 * 导出 Excel of the project list as it is filtered: every page of GET /projects with the same filter, written by
 * exceljs in the browser (loaded only when someone clicks the button), figures as the API gave them.
 */
import { api, unwrap } from '@/api/client';
import type { components } from '@/api/schema';
import { apiQueryFromFilters, type ProjectFilters } from '@/composables/project-filters';
import { formatDate, todayInShanghai } from '@/utils/format';
import { LIGHT_LABELS, WARNING_REASON_LABELS } from '@/utils/labels';

type Row = components['schemas']['ProjectListItemDto'];

export async function exportProjectList(filters: ProjectFilters): Promise<number> {
  const rows: Row[] = [];
  for (let page = 1; ; page++) {
    const query = { ...apiQueryFromFilters({ ...filters, page, pageSize: 200 }) };
    const result = await unwrap(api.GET('/api/v1/projects', { params: { query: query as never } }));
    rows.push(...(result.items as Row[]));
    if (rows.length >= result.total || result.items.length === 0) break;
  }
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('项目库');
  sheet.columns = [
    { header: '序号', key: 'index', width: 6 },
    { header: '项目名称', key: 'name', width: 48 },
    { header: '专栏', key: 'column', width: 30 },
    { header: '工程组', key: 'group', width: 30 },
    { header: '项目类型', key: 'kind', width: 14 },
    { header: '责任单位', key: 'owner', width: 22 },
    { header: '包联领导', key: 'lead', width: 18 },
    { header: '项目状态', key: 'status', width: 10 },
    { header: '红黄绿灯', key: 'light', width: 10 },
    { header: '预警原因', key: 'reasons', width: 30 },
    { header: '最长逾期（工作日）', key: 'late', width: 18 },
    { header: '总投资（万元）', key: 'total', width: 16 },
    { header: '形象进度（%）', key: 'percent', width: 14 },
    { header: '计划开工', key: 'start', width: 12 },
    { header: '计划竣工', key: 'end', width: 12 },
  ];
  rows.forEach((row, index) =>
    sheet.addRow({
      index: index + 1,
      name: row.name,
      column: `专栏${row.column.number} ${row.column.title}`,
      group: `${row.group.number}. ${row.group.title}`,
      kind: row.kindLabel,
      owner: (row.ownerUnit as { name?: string } | null)?.name ?? '',
      lead: (row.leadOfficial as string | null) ?? '',
      status: row.statusLabel,
      light: row.warning ? LIGHT_LABELS[row.warning.light] : '',
      reasons: row.warning ? row.warning.reasons.map((reason) => WARNING_REASON_LABELS[reason] ?? reason).join('、') : '',
      late: row.warning?.worstWorkingDaysLate ?? '',
      total: row.totalInvestmentWan === null ? '' : Number(row.totalInvestmentWan),
      percent: row.percentComplete === null ? '' : Number(row.percentComplete),
      start: formatDate(row.plannedStartDate as string | null).replace('—', ''),
      end: formatDate(row.plannedEndDate as string | null).replace('—', ''),
    }),
  );
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  sheet.getColumn('total').numFmt = '#,##0.00';
  const buffer = await workbook.xlsx.writeBuffer();
  const blob = new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = `项目库-${todayInShanghai()}.xlsx`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  return rows.length;
}
