/**
 * 月报导入, the planning half: each row sets one project's completed investment for one
 * month (natural key: project + month; the project by 项目代码, else 专栏 + exact
 * name). A month still to come is refused, as the investment API refuses it; editors
 * write only their own unit's projects.
 */
import { yuanToWan } from '@app/domain';
import type { Principal } from '../auth/principal';
import { MONTHLY_COLUMNS, MonthlyField } from './import-columns';
import { cellText, parseMonthCell, parseWanCell } from './import-cells';
import type { ImportReportRow, ImportRowError } from './import-report';
import { mayWriteForUnit } from '../access/access';
import type { SheetRow } from './import-sheet';
import type { ExistingProject } from './project-import.plan';

export interface MonthlyOperation {
  row: number;
  projectId: string;
  month: string;
  amountYuan: string;
  previousYuan: string | null;
}

const HEADER = Object.fromEntries(MONTHLY_COLUMNS.map((c) => [c.field, c.header])) as Record<MonthlyField, string>;

export function planMonthlyImport(
  rows: SheetRow[],
  projects: ExistingProject[],
  monthly: Map<string, string>,
  principal: Principal,
  currentMonth: string,
): { report: ImportReportRow[]; operations: MonthlyOperation[] } {
  const report: ImportReportRow[] = [];
  const operations: MonthlyOperation[] = [];
  const byCode = new Map(projects.filter((p) => p.project_code).map((p) => [p.project_code!, p]));
  const seen = new Map<string, number>();

  for (const sheetRow of rows) {
    const errors: ImportRowError[] = [];
    const text = (field: MonthlyField) => cellText(sheetRow.cells.get(field) ?? null) ?? undefined;
    const values = Object.fromEntries(MONTHLY_COLUMNS.map((c) => [c.header, cellText(sheetRow.cells.get(c.field) ?? null)]));
    const code = text('projectCode');
    const name = text('name');
    const columnText = text('column');
    const columnNumber = columnText ? Number(/^(?:专栏\s*)?(\d{1,2})/.exec(columnText)?.[1] ?? NaN) : undefined;

    let project: ExistingProject | undefined;
    if (code) {
      project = byCode.get(code);
      if (!project) errors.push({ header: HEADER.projectCode, reason: `没有项目代码为 ${code} 的项目` });
    } else if (!name) {
      errors.push({ header: HEADER.name, reason: '项目代码和项目名称至少填一个' });
    } else if (columnNumber === undefined || Number.isNaN(columnNumber)) {
      errors.push({ header: HEADER.column, reason: '没有项目代码时必须填写专栏' });
    } else {
      const candidates = projects.filter((p) => p.column_number === columnNumber && p.name === name);
      if (candidates.length === 0) errors.push({ header: HEADER.name, reason: `专栏 ${columnNumber} 中没有名为「${name}」的项目` });
      else if (candidates.length > 1) errors.push({ header: HEADER.name, reason: `专栏 ${columnNumber} 中有 ${candidates.length} 个同名项目，请填写项目代码` });
      else project = candidates[0];
    }

    const month = sheetRow.cells.get('month') ?? null;
    let monthValue: string | undefined;
    if (month === null) errors.push({ header: HEADER.month, reason: '必须填写' });
    else {
      const parsed = parseMonthCell(month);
      if (!parsed.ok) errors.push({ header: HEADER.month, reason: parsed.reason });
      else if (parsed.value > currentMonth) errors.push({ header: HEADER.month, reason: `${parsed.value} 还没到，最晚填到 ${currentMonth}` });
      else monthValue = parsed.value;
    }
    const amount = sheetRow.cells.get('completedInvestment') ?? null;
    let amountYuan: string | undefined;
    if (amount === null) errors.push({ header: HEADER.completedInvestment, reason: '必须填写' });
    else {
      const parsed = parseWanCell(amount);
      if (parsed.ok) amountYuan = parsed.value;
      else errors.push({ header: HEADER.completedInvestment, reason: parsed.reason });
    }
    if (project && !mayWriteForUnit(principal, project.owner_department_id)) {
      errors.push({ header: HEADER.name, reason: '不是本单位的项目：部门填报员只能导入本单位的项目' });
    }
    const key = `${code ? `项目代码 ${code}` : `专栏 ${columnNumber ?? '?'}「${name ?? ''}」`} ${monthValue ?? ''}`.trim();
    const identity = project && monthValue ? `${project.id}:${monthValue}` : undefined;
    if (identity && seen.has(identity)) errors.push({ header: HEADER.month, reason: `与第 ${seen.get(identity)} 行是同一项目同一月份` });
    if (errors.length > 0 || !project || !monthValue || amountYuan === undefined) {
      report.push({ row: sheetRow.row, action: 'rejected', key, projectId: project?.id, errors, values });
      continue;
    }
    seen.set(identity!, sheetRow.row);
    const previous = monthly.get(identity!) ?? null;
    if (previous === amountYuan) {
      report.push({ row: sheetRow.row, action: 'unchanged', key, projectId: project.id, values });
      continue;
    }
    operations.push({ row: sheetRow.row, projectId: project.id, month: monthValue, amountYuan, previousYuan: previous });
    report.push({
      row: sheetRow.row,
      action: previous === null ? 'create' : 'update',
      key,
      projectId: project.id,
      values,
      changes: [
        { field: 'completedInvestment', header: HEADER.completedInvestment, before: previous === null ? null : yuanToWan(previous), after: yuanToWan(amountYuan) },
      ],
    });
  }
  return { report, operations };
}
