import type { MilestoneKind, ProjectKind, ProjectStatus } from '@app/domain';
import type { WarningLight, WarningReason } from '../warning-lights/warning-light';

/**
 * The content of a 周报 snapshot (weekly_reports.content). Every figure is as
 * of the Sunday that ends the week (see weekly-report.builder.ts for each
 * definition); money is exact (whole yuan as strings, 万元 from them).
 */
/**
 * The version of the snapshot format the composer writes. Raise it when a section or field is added, and say in
 * apps/api/src/weekly-reports/render/report-tables.ts (SECTION_FIELDS) which fields the new section reads: stored
 * snapshots keep the version they were written with, and a section an older one lacks is rendered as absent.
 */
export const WEEKLY_REPORT_SCHEMA_VERSION = 3;
/**
 * What each version added: 2 — progressEvidence (进展填报佐证: reports with and without attachments); 3 — problemLedger
 * (问题台账: new, carried, closed in the week, the oldest open) and the ranking rows' problemsClosed / problemsClosedOnTime.
 */

export interface WeeklyReportContent {
  /** The format this snapshot was written in (WEEKLY_REPORT_SCHEMA_VERSION of the build). */
  schemaVersion: number;
  isoWeek: string;
  /** Monday */
  weekStart: string;
  /** Sunday: the date every rule is evaluated on. */
  weekEnd: string;
  timeZone: 'Asia/Shanghai';
  rules: { dueSoonWorkingDays: number; baselineSlipWorkingDays: number; progressLagPoints: number; text: string[] };
  /** How each figure is counted, in Chinese, for the reader of the report. */
  definitions: string[];
  investmentPeriod: { year: number; fromMonth: string; toMonth: string };
  overview: BucketFigures;
  byColumn: ColumnBucket[];
  byOwnerUnit: OwnerUnitBucket[];
  byKind: KindBucket[];
  overdueMilestones: OverdueMilestoneRow[];
  /** Every project that is not green on the Sunday, worst first. */
  projectLights: ProjectLightRow[];
  ranking: { rule: string; items: RankingRow[] };
  supervisionNotices: SupervisionNoticeSection;
  /** Since schemaVersion 2: progress reports filed in the week with and without evidence (附件), per owner unit. */
  progressEvidence: ProgressEvidenceSection;
  /** Since schemaVersion 3: the problem ledger (问题台账) of the week, per raising unit, and the oldest open problems. */
  problemLedger: ProblemLedgerSection;
}

export interface BucketFigures {
  projects: { total: number; byStatus: Record<ProjectStatus, number> };
  milestones: {
    /** Due in the week (plannedDate Monday…Sunday). */
    dueInWeek: number;
    /** Of those: done on or before the planned date (按期完成). */
    metOnTime: number;
    /** Of those: done in the week but after the planned date. */
    doneLate: number;
    /** Of those: not done by Sunday. */
    notDone: number;
    /** doneLate + notDone (未按期完成). */
    missed: number;
    /** Done in the week (actualDate Monday…Sunday), whenever they were due. */
    completedInWeek: number;
  };
  overdue: { newly: number; still: number; total: number };
  investment: {
    annualPlanYuan: string;
    annualPlanWan: string;
    completedYuan: string;
    completedWan: string;
    /** completed ÷ annual plan, %, two decimals; null without a plan. */
    completionPercent: string | null;
  };
  lights: Record<WarningLight, number>;
}

export interface ColumnBucket extends BucketFigures {
  columnId: string;
  columnNumber: number;
  title: string;
}

export interface OwnerUnitBucket extends BucketFigures {
  /** Null: projects without an owner unit (未明确责任单位). */
  ownerUnitId: string | null;
  name: string;
}

export interface KindBucket extends BucketFigures {
  kind: ProjectKind;
  label: string;
}

export interface OverdueMilestoneRow {
  milestoneId: string;
  milestoneName: string;
  milestoneKind: MilestoneKind;
  baselineDate: string;
  plannedDate: string;
  workingDaysLate: number;
  /** Became overdue during the week (was not overdue on the previous Sunday). */
  newly: boolean;
  projectId: string;
  projectName: string;
  projectKind: ProjectKind;
  columnNumber: number;
  columnTitle: string;
  ownerUnitId: string | null;
  ownerUnitName: string | null;
}

export interface ProjectLightRow {
  projectId: string;
  projectName: string;
  projectKind: ProjectKind;
  projectStatus: ProjectStatus;
  columnNumber: number;
  ownerUnitId: string | null;
  ownerUnitName: string | null;
  light: WarningLight;
  reasons: WarningReason[];
  overdueCount: number;
  worstWorkingDaysLate: number;
  slipWorkingDays: number | null;
  scheduleIndex: number | null;
  expectedPercent: string | null;
  actualPercent: string | null;
}

export interface RankingRow {
  /** 1 = best; equal rates share a rank (1, 2, 2, 4); null for a unit with nothing due yet. */
  rank: number | null;
  ownerUnitId: string;
  name: string;
  /** Milestones due up to Sunday (plannedDate ≤ Sunday). */
  due: number;
  /** Of those, done on or before the planned date. */
  metOnTime: number;
  /** metOnTime ÷ due, %, two decimals. */
  onTimeRate: string | null;
  /** Since schemaVersion 3: the unit's problems (问题台账) closed (销号) up to Sunday, and of those closed by their needed-by date. */
  problemsClosed?: number;
  problemsClosedOnTime?: number;
}

export interface SupervisionNoticeRow {
  ownerUnitId: string;
  name: string;
  issued: number;
  closed: number;
  openAtWeekEnd: number;
}

export interface SupervisionNoticeSection {
  totals: { issued: number; closed: number; openAtWeekEnd: number };
  byOwnerUnit: SupervisionNoticeRow[];
}

export interface ProgressEvidenceFigures {
  /** Progress reports filed in the week (Monday 00:00 … Sunday 24:00, Asia/Shanghai), not withdrawn by Sunday. */
  reports: number;
  /** Of those: with at least one attachment (photo or document) standing at Sunday 24:00. */
  withEvidence: number;
  withoutEvidence: number;
}

export interface ProgressEvidenceRow extends ProgressEvidenceFigures {
  /** Null: projects without an owner unit. */
  ownerUnitId: string | null;
  name: string;
}

export interface ProgressEvidenceSection {
  totals: ProgressEvidenceFigures;
  /** Every unit owning a project that is not cancelled, those that filed nothing included (0). */
  byOwnerUnit: ProgressEvidenceRow[];
}

export interface ProblemLedgerFigures {
  /** 新增: raised in the week (Monday 00:00 … Sunday 24:00, Asia/Shanghai). */
  raised: number;
  /** 结转: raised before the week and not closed (销号) when it began. */
  carried: number;
  /** 已销号: closed in the week. */
  closed: number;
  /** Of those: closed on or before the needed-by date (the closing day in Asia/Shanghai). */
  closedOnTime: number;
  /** Not closed at Sunday 24:00 (suspended ones included). */
  openAtWeekEnd: number;
  /** Of those: the needed-by date is before Sunday. */
  overdueAtWeekEnd: number;
}

export interface ProblemLedgerRow extends ProblemLedgerFigures {
  /** The raising unit (提出单位). */
  ownerUnitId: string;
  name: string;
}

export interface OldestOpenProblemRow {
  problemId: string;
  /** 问题编号, e.g. 2026-0012. */
  number: string;
  title: string;
  typeName: string;
  projectId: string;
  projectName: string;
  ownerUnitId: string;
  ownerUnitName: string;
  /** Its state at Sunday 24:00 (new, coordinating, resolved, suspended). */
  stateAtWeekEnd: string;
  /** The day it was raised (Asia/Shanghai). */
  raisedOn: string;
  neededByDate: string;
  /** Working days from the day it was raised to Sunday. */
  workingDaysOpen: number;
}

export interface ProblemLedgerSection {
  totals: ProblemLedgerFigures;
  /** Every unit that had a problem open or moving in the week, by name. */
  byOwnerUnit: ProblemLedgerRow[];
  /** The ten open longest at Sunday 24:00, oldest first. */
  oldestOpen: OldestOpenProblemRow[];
}
