/**
 * The columns of the two import templates — header (Chinese, as clerks know them),
 * whether a new row needs it, what it means and how to write it. The templates, the
 * notes sheet, the parser and the report all read these lists, so a header is
 * written in one place.
 */
import type { ImportKind } from '@app/domain';

export type ProjectField =
  | 'projectCode'
  | 'column'
  | 'group'
  | 'name'
  | 'kind'
  | 'ownerUnit'
  | 'status'
  | 'leadOfficial'
  | 'location'
  | 'plannedStartDate'
  | 'plannedEndDate'
  | 'totalInvestment'
  | 'description';

export type MonthlyField = 'projectCode' | 'column' | 'name' | 'month' | 'completedInvestment';

/** Which list of the 选项 sheet feeds a column's dropdown. */
export type ChoiceList = 'columns' | 'groups' | 'kinds' | 'ownerUnits' | 'statuses';

export interface ImportColumn<F extends string> {
  field: F;
  header: string;
  /** Needed to create a row (an update may leave any cell but the key blank: blank = no change). */
  requiredForCreate: boolean;
  meaning: string;
  format: string;
  width: number;
  choices?: ChoiceList;
}

export const PROJECT_COLUMNS: ReadonlyArray<ImportColumn<ProjectField>> = [
  { field: 'projectCode', header: '项目代码', requiredForCreate: false, meaning: '全国投资项目在线审批监管平台的项目代码；有则据此找到项目', format: '文本，如 2301-150104-04-01-123456', width: 26 },
  { field: 'column', header: '专栏', requiredForCreate: true, meaning: '规划纲要的专栏', format: '从下拉列表选，如「8 现代化基础设施重点工程」（只写数字 8 也可）', width: 30, choices: 'columns' },
  { field: 'group', header: '分组', requiredForCreate: true, meaning: '专栏内的分组', format: '从下拉列表选，如「8.3 能源基础设施建设工程重点工程」（或写 3）', width: 34, choices: 'groups' },
  { field: 'name', header: '项目名称', requiredForCreate: true, meaning: '项目全称，按规划原文；没有项目代码时，同一专栏内按名称找到项目', format: '文本', width: 40 },
  { field: 'kind', header: '项目类型', requiredForCreate: true, meaning: '建设内容的类别', format: '从下拉列表选', width: 16, choices: 'kinds' },
  { field: 'ownerUnit', header: '责任单位', requiredForCreate: false, meaning: '牵头负责的部门或街道；部门填报员只能填本单位（空着即本单位）', format: '从下拉列表选', width: 28, choices: 'ownerUnits' },
  { field: 'status', header: '项目状态', requiredForCreate: false, meaning: '谋划 → 前期 → 在建 → 竣工 → 投产；暂停、取消', format: '从下拉列表选；新项目空着即「谋划」', width: 12, choices: 'statuses' },
  { field: 'leadOfficial', header: '包联领导', requiredForCreate: false, meaning: '包联的区领导', format: '文本', width: 16 },
  { field: 'location', header: '建设地点', requiredForCreate: false, meaning: '所在街道/镇', format: '文本', width: 18 },
  { field: 'plannedStartDate', header: '计划开工日期', requiredForCreate: false, meaning: '计划开工日期', format: 'YYYY-MM-DD（Excel 日期格式也可）', width: 16 },
  { field: 'plannedEndDate', header: '计划完工日期', requiredForCreate: false, meaning: '计划完工日期，不早于计划开工日期', format: 'YYYY-MM-DD（Excel 日期格式也可）', width: 16 },
  { field: 'totalInvestment', header: '总投资（万元）', requiredForCreate: false, meaning: '项目总投资', format: '万元，最多 4 位小数；可带千分位逗号或「万元」', width: 18 },
  { field: 'description', header: '建设内容及规模', requiredForCreate: false, meaning: '主要建设内容和规模', format: '文本', width: 40 },
];

export const MONTHLY_COLUMNS: ReadonlyArray<ImportColumn<MonthlyField>> = [
  { field: 'projectCode', header: '项目代码', requiredForCreate: false, meaning: '项目代码；有则据此找到项目', format: '文本', width: 26 },
  { field: 'column', header: '专栏', requiredForCreate: false, meaning: '没有项目代码时，与项目名称一起找到项目', format: '从下拉列表选', width: 30, choices: 'columns' },
  { field: 'name', header: '项目名称', requiredForCreate: false, meaning: '没有项目代码时必填，按系统中的名称', format: '文本', width: 40 },
  { field: 'month', header: '月份', requiredForCreate: true, meaning: '填报的月份，不能是以后的月份', format: 'YYYY-MM，如 2026-06', width: 12 },
  { field: 'completedInvestment', header: '本月完成投资（万元）', requiredForCreate: true, meaning: '当月完成的投资额（同一项目同一月份再次导入即改为新数）', format: '万元，最多 4 位小数；可带千分位逗号或「万元」', width: 22 },
];

export const SHEET_NAMES: Record<ImportKind, string> = { projects: '项目台账', 'monthly-report': '投资月报' };
export const CHOICES_SHEET = '选项';
export const NOTES_SHEET = '填写说明';
/** An example row's 项目名称 starts with this; the import skips such rows. */
export const EXAMPLE_MARK = '【示例】';

export function columnsOf(kind: ImportKind): ReadonlyArray<ImportColumn<string>> {
  return kind === 'projects' ? PROJECT_COLUMNS : MONTHLY_COLUMNS;
}
