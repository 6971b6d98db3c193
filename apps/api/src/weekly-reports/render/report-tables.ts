import { COORDINATION_PROBLEM_STATE_LABELS, MILESTONE_KIND_LABELS, PROJECT_KIND_LABELS, PROJECT_STATUS_LABELS, PROJECT_STATUSES } from '@app/domain';

const PROBLEM_STATE_LABELS: Record<string, string> = COORDINATION_PROBLEM_STATE_LABELS;
import { BucketFigures, WARNING_LIGHT_LABELS, WARNING_REASON_LABELS, WeeklyReportContent } from '@app/reporting';

/**
 * The 周报 as tables, one per section, for the CSV and XLSX renderers (one
 * definition, two outputs). Cells carry raw values; the column kind says how
 * to show them: 'wan' cells hold whole yuan and are shown in 万元 with four
 * decimals, computed exactly; 'percent' cells hold the two-decimal string.
 */
export const REPORT_SECTIONS = ['overview', 'columns', 'owner-units', 'kinds', 'overdue', 'project-lights', 'ranking', 'notices', 'evidence', 'problems', 'open-problems'] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];
export const DEFAULT_CSV_SECTION: ReportSection = 'overview';

/** Sheet (and CSV section) names, in Chinese, as the 督查室 reads them. */
export const SHEET_NAMES: Record<ReportSection, string> = {
  overview: '总览',
  columns: '按专栏',
  'owner-units': '按责任单位',
  kinds: '按类型',
  overdue: '逾期节点',
  'project-lights': '亮灯项目',
  ranking: '比拼晾晒',
  notices: '督办',
  evidence: '填报佐证',
  problems: '问题台账',
  'open-problems': '久未销号问题',
};

/**
 * The snapshot fields each section is drawn from. A stored snapshot keeps the format it was written in
 * (`schemaVersion`): one written before a section existed lacks its fields, and that section is rendered as absent —
 * with a note saying so — instead of failing the whole download. A new section lists its fields here.
 */
export const SECTION_FIELDS: Record<ReportSection, ReadonlyArray<keyof WeeklyReportContent>> = {
  overview: ['overview', 'rules', 'definitions', 'investmentPeriod'],
  columns: ['byColumn', 'overview'],
  'owner-units': ['byOwnerUnit', 'overview'],
  kinds: ['byKind', 'overview'],
  overdue: ['overdueMilestones'],
  'project-lights': ['projectLights'],
  ranking: ['ranking'],
  notices: ['supervisionNotices'],
  evidence: ['progressEvidence'],
  problems: ['problemLedger'],
  'open-problems': ['problemLedger'],
};

export type ColumnKind = 'text' | 'int' | 'wan' | 'percent' | 'decimal';
export type Cell = string | number | null;

export interface ReportColumn {
  header: string;
  kind: ColumnKind;
  /** Excel column width, in characters. */
  width: number;
}

export interface ReportTable {
  section: ReportSection;
  sheetName: string;
  columns: ReportColumn[];
  rows: Cell[][];
  /** Lines printed under the table (rules in words). */
  notes: string[];
  /** For a two-column label/value table (总览): the kind of each row's value. */
  rowKinds?: ColumnKind[];
}

const text = (header: string, width = 12): ReportColumn => ({ header, kind: 'text', width });
const int = (header: string, width = 10): ReportColumn => ({ header, kind: 'int', width });
const wan = (header: string): ReportColumn => ({ header, kind: 'wan', width: 18 });
const percent = (header: string): ReportColumn => ({ header, kind: 'percent', width: 14 });

const figureColumns: ReportColumn[] = [
  int('项目数', 8),
  ...PROJECT_STATUSES.map((status) => int(PROJECT_STATUS_LABELS[status], 7)),
  int('本周应完成节点', 14),
  int('按期完成', 9),
  int('逾期完成', 9),
  int('未完成', 8),
  int('未按期完成', 10),
  int('本周完成节点', 12),
  int('本周新增逾期', 12),
  int('持续逾期', 9),
  int('逾期节点合计', 12),
  wan('年度计划投资（万元）'),
  wan('累计完成投资（万元）'),
  percent('投资完成率（%）'),
  int('红灯', 6),
  int('黄灯', 6),
  int('绿灯', 6),
];

function figureCells(f: BucketFigures): Cell[] {
  return [
    f.projects.total,
    ...PROJECT_STATUSES.map((status) => f.projects.byStatus[status]),
    f.milestones.dueInWeek,
    f.milestones.metOnTime,
    f.milestones.doneLate,
    f.milestones.notDone,
    f.milestones.missed,
    f.milestones.completedInWeek,
    f.overdue.newly,
    f.overdue.still,
    f.overdue.total,
    f.investment.annualPlanYuan,
    f.investment.completedYuan,
    f.investment.completionPercent,
    f.lights.red,
    f.lights.yellow,
    f.lights.green,
  ];
}

function overview(report: WeeklyReportContent): ReportTable {
  const f = report.overview;
  // Absent from a snapshot written before the 督办 section: those rows stay empty.
  const n: Partial<Record<'issued' | 'closed' | 'openAtWeekEnd', number>> = report.supervisionNotices?.totals ?? {};
  const rows: Array<[string, Cell, ColumnKind]> = [
    ['周次', report.isoWeek, 'text'],
    ['统计周期', `${report.weekStart} 至 ${report.weekEnd}`, 'text'],
    ['统计截至', `${report.weekEnd}（周日，北京时间）`, 'text'],
    ['项目总数', f.projects.total, 'int'],
    ...PROJECT_STATUSES.map((status): [string, Cell, ColumnKind] => [`其中：${PROJECT_STATUS_LABELS[status]}`, f.projects.byStatus[status], 'int']),
    ['本周应完成节点', f.milestones.dueInWeek, 'int'],
    ['按期完成', f.milestones.metOnTime, 'int'],
    ['逾期完成', f.milestones.doneLate, 'int'],
    ['未完成', f.milestones.notDone, 'int'],
    ['未按期完成', f.milestones.missed, 'int'],
    ['本周完成节点', f.milestones.completedInWeek, 'int'],
    ['逾期节点合计', f.overdue.total, 'int'],
    ['其中：本周新增逾期', f.overdue.newly, 'int'],
    ['其中：持续逾期', f.overdue.still, 'int'],
    [`${report.investmentPeriod.year}年度计划投资（万元）`, f.investment.annualPlanYuan, 'wan'],
    [`累计完成投资（万元，${report.investmentPeriod.fromMonth} 至 ${report.investmentPeriod.toMonth}）`, f.investment.completedYuan, 'wan'],
    ['投资完成率（%）', f.investment.completionPercent, 'percent'],
    ['红灯项目', f.lights.red, 'int'],
    ['黄灯项目', f.lights.yellow, 'int'],
    ['绿灯项目', f.lights.green, 'int'],
    ['本周下发督办单', n.issued ?? null, 'int'],
    ['本周销号督办单', n.closed ?? null, 'int'],
    ['周末未销号督办单', n.openAtWeekEnd ?? null, 'int'],
  ];
  return {
    section: 'overview',
    sheetName: SHEET_NAMES.overview,
    columns: [text('指标', 44), text('数值', 28)],
    rows: rows.map(([label, value]) => [label, value]),
    notes: ['亮灯规则：', ...report.rules.text, '统计口径：', ...report.definitions],
    rowKinds: rows.map(([, , kind]) => kind),
  };
}

function buckets(
  section: ReportSection,
  sheetName: string,
  keyColumns: ReportColumn[],
  items: Array<{ keys: Cell[]; figures: BucketFigures }>,
  total: BucketFigures,
): ReportTable {
  return {
    section,
    sheetName,
    columns: [...keyColumns, ...figureColumns],
    rows: [
      ...items.map((item) => [...item.keys, ...figureCells(item.figures)]),
      [...keyColumns.map((_, index) => (index === keyColumns.length - 1 ? '合计' : null)), ...figureCells(total)],
    ],
    notes: [],
  };
}

/** A section the stored snapshot has no data for: its sheet, empty, and why. */
export function absentSection(report: WeeklyReportContent, section: ReportSection): ReportTable {
  return {
    section,
    sheetName: SHEET_NAMES[section],
    columns: [text('说明', 60)],
    rows: [],
    notes: [`本周报按第 ${report.schemaVersion ?? 1} 版格式生成，当时尚无「${SHEET_NAMES[section]}」栏目，没有这部分数据。`],
  };
}

export function reportTable(report: WeeklyReportContent, section: ReportSection): ReportTable {
  if (SECTION_FIELDS[section].some((field) => report[field] === undefined || report[field] === null)) return absentSection(report, section);
  switch (section) {
    case 'overview':
      return overview(report);
    case 'columns':
      return buckets(
        'columns',
        SHEET_NAMES.columns,
        [int('专栏', 6), text('专栏名称', 30)],
        report.byColumn.map((c) => ({ keys: [c.columnNumber, c.title], figures: c })),
        report.overview,
      );
    case 'owner-units':
      return buckets('owner-units', SHEET_NAMES['owner-units'], [text('责任单位', 24)], report.byOwnerUnit.map((u) => ({ keys: [u.name], figures: u })), report.overview);
    case 'kinds':
      return buckets('kinds', SHEET_NAMES.kinds, [text('项目类型', 16)], report.byKind.map((k) => ({ keys: [k.label], figures: k })), report.overview);
    case 'overdue':
      return {
        section,
        sheetName: SHEET_NAMES.overdue,
        columns: [
          int('序号', 6),
          int('专栏', 6),
          text('项目名称', 40),
          text('责任单位', 22),
          text('节点', 16),
          text('基准日期', 12),
          text('计划日期', 12),
          int('逾期工作日', 11),
          text('本周新增逾期', 12),
        ],
        rows: report.overdueMilestones.map((m, index) => [
          index + 1,
          m.columnNumber,
          m.projectName,
          m.ownerUnitName ?? '未明确责任单位',
          m.milestoneName || MILESTONE_KIND_LABELS[m.milestoneKind],
          m.baselineDate,
          m.plannedDate,
          m.workingDaysLate,
          m.newly ? '是' : '否',
        ]),
        notes: [],
      };
    case 'project-lights':
      return {
        section,
        sheetName: SHEET_NAMES['project-lights'],
        columns: [
          int('专栏', 6),
          text('项目名称', 40),
          text('项目类型', 14),
          text('项目状态', 9),
          text('责任单位', 22),
          text('灯色', 6),
          text('原因', 36),
          int('逾期节点数', 10),
          int('最长逾期工作日', 14),
          int('较基准推迟工作日', 16),
          { header: '进度指数', kind: 'decimal', width: 9 },
          percent('序时进度（%）'),
          percent('形象进度（%）'),
        ],
        rows: report.projectLights.map((p) => [
          p.columnNumber,
          p.projectName,
          PROJECT_KIND_LABELS[p.projectKind],
          PROJECT_STATUS_LABELS[p.projectStatus],
          p.ownerUnitName ?? '未明确责任单位',
          WARNING_LIGHT_LABELS[p.light],
          p.reasons.map((reason) => WARNING_REASON_LABELS[reason]).join('；'),
          p.overdueCount,
          p.worstWorkingDaysLate,
          p.slipWorkingDays,
          p.scheduleIndex,
          p.expectedPercent,
          p.actualPercent,
        ]),
        notes: [],
      };
    case 'ranking':
      return {
        section,
        sheetName: SHEET_NAMES.ranking,
        columns: [
          int('名次', 6),
          text('责任单位', 24),
          int('应完成节点', 11),
          int('按期完成', 9),
          percent('按期完成率（%）'),
          int('问题销号（累计）', 14),
          int('按时销号（累计）', 14),
        ],
        // Snapshots before format 3 did not count problems: those cells are empty.
        rows: report.ranking.items.map((r) => [r.rank, r.name, r.due, r.metOnTime, r.onTimeRate, r.problemsClosed ?? null, r.problemsClosedOnTime ?? null]),
        notes: [
          `排名规则：${report.ranking.rule}`,
          '问题销号（累计）：该单位提出的问题截至本周日 24:00 已销号的个数；按时销号：其中销号日期不晚于需解决时限的个数（不参与名次计算）。',
        ],
      };
    case 'notices': {
      const t = report.supervisionNotices.totals;
      return {
        section,
        sheetName: SHEET_NAMES.notices,
        columns: [text('责任单位', 24), int('本周下发', 9), int('本周销号', 9), int('周末未销号', 10)],
        rows: [
          ...report.supervisionNotices.byOwnerUnit.map((n) => [n.name, n.issued, n.closed, n.openAtWeekEnd]),
          ['合计', t.issued, t.closed, t.openAtWeekEnd],
        ],
        notes: ['督办单按下发时间和销号时间（北京时间）统计；周末未销号 = 本周日 24:00 前下发且当时尚未销号。'],
      };
    }
    case 'problems': {
      const t = report.problemLedger.totals;
      const figures = (f: typeof t) => [f.raised, f.carried, f.closed, f.closedOnTime, f.openAtWeekEnd, f.overdueAtWeekEnd];
      return {
        section,
        sheetName: SHEET_NAMES.problems,
        columns: [text('提出单位', 24), int('本周新增', 9), int('上周结转', 9), int('本周销号', 9), int('按时销号', 9), int('周末未销号', 10), int('其中超时限', 10)],
        rows: [...report.problemLedger.byOwnerUnit.map((row) => [row.name, ...figures(row)]), ['合计', ...figures(t)]],
        notes: [
          '新增 = 本周内（北京时间）提出；上周结转 = 本周一之前提出且本周一 0:00 时尚未销号；按时销号 = 销号日期不晚于需解决时限；周末未销号 = 本周日 24:00 时尚未销号（含挂起），其中超时限 = 需解决时限早于本周日。',
        ],
      };
    }
    case 'open-problems':
      return {
        section,
        sheetName: SHEET_NAMES['open-problems'],
        columns: [
          text('问题编号', 11),
          text('问题', 30),
          text('类型', 10),
          text('项目', 30),
          text('提出单位', 20),
          text('周末状态', 9),
          text('提出日期', 11),
          text('需解决时限', 11),
          int('已历工作日', 10),
        ],
        rows: report.problemLedger.oldestOpen.map((row) => [
          row.number,
          row.title,
          row.typeName,
          row.projectName,
          row.ownerUnitName,
          PROBLEM_STATE_LABELS[row.stateAtWeekEnd] ?? row.stateAtWeekEnd,
          row.raisedOn,
          row.neededByDate,
          row.workingDaysOpen,
        ]),
        notes: ['本周日 24:00 时尚未销号的问题中提出最早的 10 个；已历工作日 = 提出次日至本周日的工作日数（法定节假日和调休按官方日历）。'],
      };
    case 'evidence': {
      const t = report.progressEvidence.totals;
      return {
        section,
        sheetName: SHEET_NAMES.evidence,
        columns: [text('责任单位', 24), int('本周进展填报', 12), int('有佐证', 9), int('无佐证', 9)],
        rows: [
          ...report.progressEvidence.byOwnerUnit.map((row) => [row.name, row.reports, row.withEvidence, row.withoutEvidence]),
          ['合计', t.reports, t.withEvidence, t.withoutEvidence],
        ],
        notes: ['本周内（北京时间）提交且截至本周日未撤回的进展填报；有佐证 = 截至本周日 24:00 至少有一个未撤回的附件（现场照片或文件）。'],
      };
    }
  }
}

/** The kind of each cell of a row: the column's, except in the overview's value column, where each row has its own. */
export function cellKind(table: ReportTable, rowIndex: number, columnIndex: number): ColumnKind {
  if (table.rowKinds && columnIndex === 1) return table.rowKinds[rowIndex];
  return table.columns[columnIndex].kind;
}

/** Whole yuan → 万元 with exactly four decimals, e.g. '293456789' → '29345.6789', '-5' → '-0.0005'. */
export function wanWithFourDecimals(yuan: string): string {
  const value = BigInt(yuan);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  return `${negative ? '-' : ''}${abs / 10000n}.${(abs % 10000n).toString().padStart(4, '0')}`;
}
