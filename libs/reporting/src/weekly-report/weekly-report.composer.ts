import {
  addCalendarDays,
  percentOf,
  PROJECT_KIND_LABELS,
  PROJECT_KINDS,
  PROJECT_STATUSES,
  ProjectKind,
  ProjectStatus,
  yuanToWan,
} from '@app/domain';
import type { IsoWeek } from '../iso-week';
import type { AssessedProject } from '../portfolio/portfolio.reader';
import { WarningLight, WarningLightRules, warningLightRuleText } from '../warning-lights/warning-light';
import type { WorkingDays } from '../working-days';
import type {
  BucketFigures,
  OldestOpenProblemRow,
  OverdueMilestoneRow,
  ProblemLedgerFigures,
  ProblemLedgerRow,
  ProgressEvidenceRow,
  ProjectLightRow,
  RankingRow,
  SupervisionNoticeRow,
  WeeklyReportContent,
} from './weekly-report.content';
import { WEEKLY_REPORT_SCHEMA_VERSION } from './weekly-report.content';

/** Per project, counted in SQL over its milestones that are not cancelled (see WeeklyReportBuilder). */
export interface WeekMilestoneCounts {
  dueInWeek: number;
  metOnTimeInWeek: number;
  doneLateInWeek: number;
  completedInWeek: number;
  dueToDate: number;
  metOnTimeToDate: number;
}

export interface ProjectInvestment {
  annualPlanYuan: string;
  completedYuan: string;
}

export interface WeeklyReportInput {
  week: IsoWeek;
  rules: WarningLightRules;
  /** Every project, cancelled ones included, lit up as of the Sunday. */
  projects: readonly AssessedProject[];
  weekCounts: ReadonlyMap<string, WeekMilestoneCounts>;
  investment: ReadonlyMap<string, ProjectInvestment>;
  notices: readonly SupervisionNoticeRow[];
  /** Progress reports of the week with and without evidence, per owner unit (any order). */
  evidence: readonly ProgressEvidenceRow[];
  /** The problem ledger of the week per raising unit, the oldest open, and per unit the problems closed up to Sunday. */
  problems?: WeekProblems;
  days: WorkingDays;
}

export interface WeekProblems {
  byOwnerUnit: readonly ProblemLedgerRow[];
  oldestOpen: readonly OldestOpenProblemRow[];
  /** Per raising unit: closed (销号) up to Sunday, and of those on or before the needed-by date. */
  closedToDate: ReadonlyMap<string, { closed: number; closedOnTime: number }>;
}

const NO_PROBLEMS: WeekProblems = { byOwnerUnit: [], oldestOpen: [], closedToDate: new Map() };
const PROBLEM_FIGURES: ReadonlyArray<keyof ProblemLedgerFigures> = ['raised', 'carried', 'closed', 'closedOnTime', 'openAtWeekEnd', 'overdueAtWeekEnd'];

export const RANKING_RULE =
  '比拼晾晒按节点按期完成率排名：按期完成率 = 截至本周日（含）计划完成的节点中，实际完成日期不晚于计划完成日期的节点数 ÷ 应完成节点数' +
  '（不含已取消的节点和已取消项目的节点）。完成率相同者并列同一名次，列出时应完成节点多者在前；截至本周日尚无应完成节点的单位不参与排名，列于表末。';

export const WEEKLY_REPORT_DEFINITIONS: readonly string[] = [
  '统计周期为周一至周日（北京时间），所有数据均按本周日当天的情况统计（“截至周日”）；周报生成后即固定保存，此后数据修改不影响已生成的周报。',
  '节点完成情况按实际完成日期判断：实际完成日期晚于本周日的节点视为本周日时尚未完成。项目状态、节点计划日期和灯色阈值按生成周报时的数据和规则。',
  '本周应完成节点：计划完成日期在本周内的节点；按期完成：实际完成日期不晚于计划日期；逾期完成：本周内完成但晚于计划日期；未完成：截至本周日仍未完成；未按期完成 = 逾期完成 + 未完成。本周完成：实际完成日期在本周内的节点。',
  '逾期节点：截至本周日未完成且计划完成日期早于本周日的节点；本周新增逾期：上周日时尚未逾期（计划完成日期在上周日至本周六之间）；持续逾期：上周日时已逾期。逾期工作日数 = 计划日期之后至本周日（含）的工作日数。',
  '投资：年度计划投资为本周日所在年度的计划；累计完成投资为该年 1 月至本周日所在月份（整月）的月度完成投资之和；金额以元为单位精确计算，万元保留四位小数。投资统计包括全部项目。',
  '已取消（取消状态）的项目只计入项目状态统计和投资统计，不参与节点、逾期、亮灯和排名统计；已取消的节点不参与任何统计。',
  '形象进度取本周日（含）前最近一次进展填报的形象进度；从未填报过的项目取项目登记的形象进度。',
  '问题台账：新增 = 本周内（北京时间）提出的问题；结转 = 本周一之前提出且本周一 0:00 时尚未销号的问题；已销号 = 本周内销号；按时销号 = 销号日期不晚于需解决时限；周末未销号 = 截至本周日 24:00 尚未销号（含挂起）；按提出单位统计。比拼晾晒表中的问题销号数为截至本周日累计。',
  '进展填报佐证：本周内（北京时间）提交且截至本周日未撤回的进展填报，有佐证 = 截至本周日 24:00 至少有一个未撤回的附件（现场照片或文件）；按项目的责任单位统计，未填报的单位计 0。',
];

function emptyFigures(): BucketFigures {
  return {
    projects: { total: 0, byStatus: Object.fromEntries(PROJECT_STATUSES.map((status) => [status, 0])) as Record<ProjectStatus, number> },
    milestones: { dueInWeek: 0, metOnTime: 0, doneLate: 0, notDone: 0, missed: 0, completedInWeek: 0 },
    overdue: { newly: 0, still: 0, total: 0 },
    investment: { annualPlanYuan: '0', annualPlanWan: '0', completedYuan: '0', completedWan: '0', completionPercent: null },
    lights: { red: 0, yellow: 0, green: 0 },
  };
}

/** One project's contribution to a bucket; money summed as bigint and formatted once at the end. */
interface ProjectFigures {
  status: ProjectStatus;
  cancelled: boolean;
  light: WarningLight;
  counts: WeekMilestoneCounts;
  overdueNewly: number;
  overdueStill: number;
  planYuan: bigint;
  completedYuan: bigint;
}

class Bucket {
  readonly figures = emptyFigures();
  private plan = 0n;
  private completed = 0n;

  add(project: ProjectFigures): void {
    const f = this.figures;
    f.projects.total++;
    f.projects.byStatus[project.status]++;
    this.plan += project.planYuan;
    this.completed += project.completedYuan;
    if (project.cancelled) return;
    const { dueInWeek, metOnTimeInWeek, doneLateInWeek, completedInWeek } = project.counts;
    f.milestones.dueInWeek += dueInWeek;
    f.milestones.metOnTime += metOnTimeInWeek;
    f.milestones.doneLate += doneLateInWeek;
    f.milestones.notDone += dueInWeek - metOnTimeInWeek - doneLateInWeek;
    f.milestones.missed += dueInWeek - metOnTimeInWeek;
    f.milestones.completedInWeek += completedInWeek;
    f.overdue.newly += project.overdueNewly;
    f.overdue.still += project.overdueStill;
    f.overdue.total += project.overdueNewly + project.overdueStill;
    f.lights[project.light]++;
  }

  finish(): BucketFigures {
    this.figures.investment = {
      annualPlanYuan: this.plan.toString(),
      annualPlanWan: yuanToWan(this.plan),
      completedYuan: this.completed.toString(),
      completedWan: yuanToWan(this.completed),
      completionPercent: percentOf(this.completed, this.plan),
    };
    return this.figures;
  }
}

const NO_COUNTS: WeekMilestoneCounts = { dueInWeek: 0, metOnTimeInWeek: 0, doneLateInWeek: 0, completedInWeek: 0, dueToDate: 0, metOnTimeToDate: 0 };
const lightOrder: Record<WarningLight, number> = { red: 0, yellow: 1, green: 2 };
const byChineseName = (a: string, b: string) => a.localeCompare(b, 'zh-Hans-CN');

/**
 * Composes the 周报 from data already read as of the week's Sunday. Pure: the
 * same input gives the same content (and the same content hash).
 */
export function composeWeeklyReport(input: WeeklyReportInput): WeeklyReportContent {
  const { week, rules, days } = input;
  const sunday = week.end;
  const previousSunday = addCalendarDays(sunday, -7);

  const overview = new Bucket();
  const columns = new Map<string, { number: number; title: string; bucket: Bucket }>();
  const units = new Map<string | null, { name: string; bucket: Bucket }>();
  const kinds = new Map<ProjectKind, Bucket>();
  const overdueMilestones: Array<OverdueMilestoneRow & { order: number }> = [];
  const projectLights: Array<ProjectLightRow & { order: number }> = [];
  const ranking = new Map<string, { name: string; due: number; metOnTime: number }>();

  input.projects.forEach((project, order) => {
    const cancelled = project.status === 'cancelled';
    const counts = cancelled ? NO_COUNTS : (input.weekCounts.get(project.id) ?? NO_COUNTS);
    let overdueNewly = 0;
    let overdueStill = 0;
    if (!cancelled) {
      for (const milestone of project.openMilestones) {
        if (milestone.plannedDate >= sunday) continue;
        const newly = milestone.plannedDate >= previousSunday;
        if (newly) overdueNewly++;
        else overdueStill++;
        overdueMilestones.push({
          order,
          milestoneId: milestone.id,
          milestoneName: milestone.name,
          milestoneKind: milestone.kind,
          baselineDate: milestone.baselineDate,
          plannedDate: milestone.plannedDate,
          workingDaysLate: days.between(milestone.plannedDate, sunday),
          newly,
          projectId: project.id,
          projectName: project.name,
          projectKind: project.kind,
          columnNumber: project.column.number,
          columnTitle: project.column.title,
          ownerUnitId: project.ownerUnit?.id ?? null,
          ownerUnitName: project.ownerUnit?.name ?? null,
        });
      }
      const { assessment } = project;
      if (assessment.light !== 'green') {
        projectLights.push({
          order,
          projectId: project.id,
          projectName: project.name,
          projectKind: project.kind,
          projectStatus: project.status,
          columnNumber: project.column.number,
          ownerUnitId: project.ownerUnit?.id ?? null,
          ownerUnitName: project.ownerUnit?.name ?? null,
          light: assessment.light,
          reasons: assessment.reasons,
          overdueCount: assessment.overdueCount,
          worstWorkingDaysLate: assessment.worstWorkingDaysLate,
          slipWorkingDays: assessment.slipWorkingDays,
          scheduleIndex: assessment.scheduleIndex,
          expectedPercent: assessment.progress?.expectedPercent ?? null,
          actualPercent: assessment.progress?.actualPercent ?? null,
        });
      }
    }
    const money = input.investment.get(project.id);
    const figures: ProjectFigures = {
      status: project.status,
      cancelled,
      light: project.assessment.light,
      counts,
      overdueNewly,
      overdueStill,
      planYuan: BigInt(money?.annualPlanYuan ?? 0),
      completedYuan: BigInt(money?.completedYuan ?? 0),
    };

    overview.add(figures);
    const column = columns.get(project.column.id) ?? { number: project.column.number, title: project.column.title, bucket: new Bucket() };
    columns.set(project.column.id, column);
    column.bucket.add(figures);
    const unitId = project.ownerUnit?.id ?? null;
    const unit = units.get(unitId) ?? { name: project.ownerUnit?.name ?? '未明确责任单位', bucket: new Bucket() };
    units.set(unitId, unit);
    unit.bucket.add(figures);
    const kind = kinds.get(project.kind) ?? new Bucket();
    kinds.set(project.kind, kind);
    kind.add(figures);

    if (project.ownerUnit) {
      const entry = ranking.get(project.ownerUnit.id) ?? { name: project.ownerUnit.name, due: 0, metOnTime: 0 };
      ranking.set(project.ownerUnit.id, entry);
      entry.due += counts.dueToDate;
      entry.metOnTime += counts.metOnTimeToDate;
    }
  });

  const problems = input.problems ?? NO_PROBLEMS;
  const problemTotals = Object.fromEntries(PROBLEM_FIGURES.map((key) => [key, problems.byOwnerUnit.reduce((sum, row) => sum + row[key], 0)])) as unknown as ProblemLedgerFigures;
  const year = Number(sunday.slice(0, 4));
  return {
    schemaVersion: WEEKLY_REPORT_SCHEMA_VERSION,
    isoWeek: week.name,
    weekStart: week.start,
    weekEnd: week.end,
    timeZone: 'Asia/Shanghai',
    rules: { ...rules, text: warningLightRuleText(rules) },
    definitions: [...WEEKLY_REPORT_DEFINITIONS],
    investmentPeriod: { year, fromMonth: `${year}-01`, toMonth: sunday.slice(0, 7) },
    overview: overview.finish(),
    byColumn: [...columns.entries()]
      .sort(([, a], [, b]) => a.number - b.number)
      .map(([columnId, column]) => ({ columnId, columnNumber: column.number, title: column.title, ...column.bucket.finish() })),
    byOwnerUnit: [...units.entries()]
      .sort(([idA, a], [idB, b]) => (idA === null ? 1 : 0) - (idB === null ? 1 : 0) || byChineseName(a.name, b.name))
      .map(([ownerUnitId, unit]) => ({ ownerUnitId, name: unit.name, ...unit.bucket.finish() })),
    byKind: PROJECT_KINDS.filter((kind) => kinds.has(kind)).map((kind) => ({ kind, label: PROJECT_KIND_LABELS[kind], ...kinds.get(kind)!.finish() })),
    overdueMilestones: overdueMilestones
      .sort((a, b) => b.workingDaysLate - a.workingDaysLate || a.plannedDate.localeCompare(b.plannedDate) || a.order - b.order || a.milestoneId.localeCompare(b.milestoneId))
      .map(({ order: _order, ...row }) => row),
    projectLights: projectLights
      .sort((a, b) => lightOrder[a.light] - lightOrder[b.light] || b.worstWorkingDaysLate - a.worstWorkingDaysLate || b.overdueCount - a.overdueCount || a.order - b.order)
      .map(({ order: _order, ...row }) => row),
    ranking: {
      rule: RANKING_RULE,
      items: rank([...ranking.entries()].map(([ownerUnitId, entry]) => ({ ownerUnitId, ...entry }))).map((row) => ({
        ...row,
        problemsClosed: problems.closedToDate.get(row.ownerUnitId)?.closed ?? 0,
        problemsClosedOnTime: problems.closedToDate.get(row.ownerUnitId)?.closedOnTime ?? 0,
      })),
    },
    supervisionNotices: {
      totals: {
        issued: input.notices.reduce((sum, row) => sum + row.issued, 0),
        closed: input.notices.reduce((sum, row) => sum + row.closed, 0),
        openAtWeekEnd: input.notices.reduce((sum, row) => sum + row.openAtWeekEnd, 0),
      },
      byOwnerUnit: [...input.notices].sort((a, b) => byChineseName(a.name, b.name) || a.ownerUnitId.localeCompare(b.ownerUnitId)),
    },
    progressEvidence: {
      totals: {
        reports: input.evidence.reduce((sum, row) => sum + row.reports, 0),
        withEvidence: input.evidence.reduce((sum, row) => sum + row.withEvidence, 0),
        withoutEvidence: input.evidence.reduce((sum, row) => sum + row.withoutEvidence, 0),
      },
      byOwnerUnit: [...input.evidence].sort(
        (a, b) => (a.ownerUnitId === null ? 1 : 0) - (b.ownerUnitId === null ? 1 : 0) || byChineseName(a.name, b.name) || (a.ownerUnitId ?? '').localeCompare(b.ownerUnitId ?? ''),
      ),
    },
    problemLedger: {
      totals: problemTotals,
      byOwnerUnit: [...problems.byOwnerUnit].sort((a, b) => byChineseName(a.name, b.name) || a.ownerUnitId.localeCompare(b.ownerUnitId)),
      oldestOpen: [...problems.oldestOpen],
    },
  };
}

/** Ranks by exact on-time rate (cross-multiplied, never rounded), ties sharing a rank. */
function rank(entries: Array<{ ownerUnitId: string; name: string; due: number; metOnTime: number }>): RankingRow[] {
  const compareRate = (a: { due: number; metOnTime: number }, b: { due: number; metOnTime: number }) => b.metOnTime * a.due - a.metOnTime * b.due;
  const ranked = entries
    .filter((entry) => entry.due > 0)
    .sort((a, b) => compareRate(a, b) || b.due - a.due || byChineseName(a.name, b.name));
  const unranked = entries.filter((entry) => entry.due === 0).sort((a, b) => byChineseName(a.name, b.name));
  const rows: RankingRow[] = [];
  ranked.forEach((entry, index) => {
    const previous = rows[index - 1];
    const tied = index > 0 && compareRate(ranked[index - 1], entry) === 0;
    rows.push({
      rank: tied ? previous.rank : index + 1,
      ownerUnitId: entry.ownerUnitId,
      name: entry.name,
      due: entry.due,
      metOnTime: entry.metOnTime,
      onTimeRate: percentOf(BigInt(entry.metOnTime), BigInt(entry.due)),
    });
  });
  for (const entry of unranked) {
    rows.push({ rank: null, ownerUnitId: entry.ownerUnitId, name: entry.name, due: 0, metOnTime: 0, onTimeRate: null });
  }
  return rows;
}

