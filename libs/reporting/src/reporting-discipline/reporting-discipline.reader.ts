import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { WorkingDayCalendar } from '@app/calendar';
import { addCalendarDays, percentOf, ProjectStatus } from '@app/domain';
import { DeadlineRule, DEFAULT_DEADLINE_RULE, periodsWithDeadlineIn, ReportingPeriod, ReportingPeriodKind, REPORTING_PERIOD_KINDS } from './reporting-periods';
import { ReportingStatus, reportingStatus } from './reporting-status';

/** The office's 按时填报 settings as the rules read them. */
export interface ReportingConfig {
  defaultPeriod: ReportingPeriodKind;
  rule: DeadlineRule;
  staleWorkingDays: number;
}

export const DEFAULT_REPORTING_CONFIG: Readonly<ReportingConfig> = { defaultPeriod: 'week', rule: DEFAULT_DEADLINE_RULE, staleWorkingDays: 10 };

/** Projects that owe reports: 前期 and 在建. 谋划 (an idea), 竣工, 投产, 暂停 and 取消 owe none. */
export const REPORTING_STATUSES_DUE: readonly ProjectStatus[] = ['preparation', 'under_construction'];

/** Projects that can go stale (久未更新): those still moving, 谋划 included. */
export const STALE_STATUSES: readonly ProjectStatus[] = ['planning', 'preparation', 'under_construction'];

export interface DisciplineFilter {
  ownerUnit?: string;
  column?: number;
  projectIds?: readonly string[];
}

export interface DisciplineProject {
  id: string;
  name: string;
  status: ProjectStatus;
  column: { number: number; title: string };
  ownerUnit: { id: string; name: string } | null;
}

/** One project in one period it owes a report for. */
export interface ProjectPeriodReport {
  project: DisciplineProject;
  period: ReportingPeriod;
  /** Where its period kind comes from. */
  periodSource: 'project' | 'column' | 'default';
  status: ReportingStatus;
  /** Its first standing report in the period, null when none yet. */
  firstReportAt: Date | null;
  /** Whether the deadline had passed at `now`: only those periods count in the rates. */
  deadlinePassed: boolean;
}

/** Per unit: periods past their deadline, and how they were reported. */
export interface UnitReportingRate {
  ownerUnit: { id: string; name: string } | null;
  due: number;
  onTime: number;
  late: number;
  missing: number;
  /** onTime ÷ due, %, two decimals; null when nothing was due. */
  onTimeRate: string | null;
}

interface ProjectRow {
  id: string;
  name: string;
  status: ProjectStatus;
  createdAt: Date;
  projectPeriod: ReportingPeriodKind | null;
  columnPeriod: ReportingPeriodKind | null;
  columnNumber: number;
  columnTitle: string;
  ownerUnitId: string | null;
  ownerUnitName: string | null;
}

/**
 * Reads who reported what when (按时填报), set-based: one query for the projects that owe reports, one that finds
 * each project's first standing report in each of its periods (the periods passed as arrays, joined to the
 * project's own period kind in Postgres); the statuses are then worked out in memory (reporting-status.ts).
 */
@Injectable()
export class ReportingDisciplineReader {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendar: WorkingDayCalendar,
  ) {}

  async config(manager: EntityManager = this.dataSource.manager): Promise<ReportingConfig> {
    const [row]: Array<{ defaultPeriod: ReportingPeriodKind; weekday: number; time: string; stale: number }> = await manager.query(
      `SELECT default_period AS "defaultPeriod", weekly_deadline_weekday AS weekday, deadline_time AS time, stale_working_days AS stale
         FROM reporting_settings WHERE id = 1`,
    );
    if (!row) return { ...DEFAULT_REPORTING_CONFIG };
    return { defaultPeriod: row.defaultPeriod, rule: { weeklyDeadlineWeekday: Number(row.weekday), deadlineTime: row.time }, staleWorkingDays: Number(row.stale) };
  }

  /** Every period with its deadline date in [from, to], per kind, under the office's rule. */
  periods(config: ReportingConfig, from: string, to: string): Map<ReportingPeriodKind, ReportingPeriod[]> {
    return new Map(REPORTING_PERIOD_KINDS.map((kind) => [kind, periodsWithDeadlineIn(kind, from, to, config.rule, this.calendar)]));
  }

  /**
   * Each project that owes reports, in each of its periods whose deadline date falls in [from, to], with where it
   * stands at `now`. A project owes a period only if it existed when the period began.
   */
  async assess(from: string, to: string, now: Date, filter: DisciplineFilter = {}, manager: EntityManager = this.dataSource.manager): Promise<ProjectPeriodReport[]> {
    const config = await this.config(manager);
    const periods = this.periods(config, from, to);
    const all = [...periods.values()].flat();
    if (all.length === 0) return [];
    const params: unknown[] = [REPORTING_STATUSES_DUE];
    const conditions = [`p.status = ANY($1::varchar[])`];
    if (filter.ownerUnit !== undefined) conditions.push(`p.owner_department_id = $${params.push(filter.ownerUnit)}`);
    if (filter.column !== undefined) conditions.push(`c.number = $${params.push(filter.column)}`);
    if (filter.projectIds !== undefined) conditions.push(`p.id = ANY($${params.push(filter.projectIds)}::uuid[])`);
    const projects: ProjectRow[] = await manager.query(
      `SELECT p.id, p.name, p.status, p.created_at AS "createdAt", p.reporting_period AS "projectPeriod", c.reporting_period AS "columnPeriod",
              c.number AS "columnNumber", c.title AS "columnTitle", d.id AS "ownerUnitId", d.name AS "ownerUnitName"
         FROM projects p
         JOIN plan_columns c ON c.id = p.column_id
         JOIN plan_groups g ON g.id = p.group_id
         LEFT JOIN departments d ON d.id = p.owner_department_id
        WHERE ${conditions.join(' AND ')}
        ORDER BY c.number, g.number, p.sort_order, p.id`,
      params,
    );
    if (projects.length === 0) return [];

    const firstReports = await this.firstReports(projects, all, config.defaultPeriod, manager);
    const rows: ProjectPeriodReport[] = [];
    for (const row of projects) {
      const kind = row.projectPeriod ?? row.columnPeriod ?? config.defaultPeriod;
      const periodSource = row.projectPeriod ? 'project' : row.columnPeriod ? 'column' : 'default';
      const project: DisciplineProject = {
        id: row.id,
        name: row.name,
        status: row.status,
        column: { number: Number(row.columnNumber), title: row.columnTitle },
        ownerUnit: row.ownerUnitId ? { id: row.ownerUnitId, name: row.ownerUnitName! } : null,
      };
      for (const period of periods.get(kind) ?? []) {
        if (new Date(row.createdAt).getTime() >= period.from.getTime()) continue;
        const firstReportAt = firstReports.get(`${row.id}|${kind}|${period.key}`) ?? null;
        rows.push({
          project,
          period,
          periodSource,
          status: reportingStatus(period, firstReportAt, now),
          firstReportAt,
          deadlinePassed: period.deadline !== null && now.getTime() > period.deadline.getTime(),
        });
      }
    }
    return rows;
  }

  /** Per project and period of its own kind: the first standing (not withdrawn) report made in the period. */
  private async firstReports(projects: ProjectRow[], periods: ReportingPeriod[], defaultPeriod: ReportingPeriodKind, manager: EntityManager): Promise<Map<string, Date>> {
    const from = new Date(Math.min(...periods.map((period) => period.from.getTime())));
    const until = new Date(Math.max(...periods.map((period) => period.until.getTime())));
    const rows: Array<{ projectId: string; kind: string; key: string; firstAt: Date }> = await manager.query(
      `WITH periods AS (
         SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::timestamptz[], $4::timestamptz[]) AS t(kind, key, starts, ends)
       )
       SELECT r.project_id AS "projectId", t.kind, t.key, min(r.created_at) AS "firstAt"
         FROM progress_reports r
         JOIN projects p ON p.id = r.project_id
         JOIN plan_columns c ON c.id = p.column_id
         JOIN periods t ON t.kind = COALESCE(p.reporting_period, c.reporting_period, $5)
                       AND r.created_at >= t.starts AND r.created_at < t.ends
        WHERE r.project_id = ANY($6::uuid[]) AND r.created_at >= $7 AND r.created_at < $8
          AND NOT EXISTS (SELECT 1 FROM progress_report_withdrawals w WHERE w.report_id = r.id)
        GROUP BY r.project_id, t.kind, t.key`,
      [
        periods.map((period) => period.kind),
        periods.map((period) => period.key),
        periods.map((period) => period.from.toISOString()),
        periods.map((period) => period.until.toISOString()),
        defaultPeriod,
        projects.map((project) => project.id),
        from.toISOString(),
        until.toISOString(),
      ],
    );
    return new Map(rows.map((row) => [`${row.projectId}|${row.kind}|${row.key}`, new Date(row.firstAt)]));
  }

  /**
   * 久未更新: a project is stale when its last update of any kind was more than N working days ago, i.e. its
   * activity date (Asia/Shanghai) is before the date this returns (working days in (date, today] ≤ N from here on).
   */
  staleCutoff(today: string, staleWorkingDays: number): string {
    let date = today;
    while (this.calendar.workingDaysBetween(addCalendarDays(date, -1), today) <= staleWorkingDays) date = addCalendarDays(date, -1);
    return date;
  }
}

/** Per unit (责任单位, in zh-CN name order, no unit last): the periods past their deadline and how they went. */
export function unitReportingRates(rows: readonly ProjectPeriodReport[]): UnitReportingRate[] {
  const byUnit = new Map<string, UnitReportingRate>();
  for (const row of rows) {
    if (!row.deadlinePassed || row.status === 'not_due') continue;
    const key = row.project.ownerUnit?.id ?? '';
    let entry = byUnit.get(key);
    if (!entry) byUnit.set(key, (entry = { ownerUnit: row.project.ownerUnit, due: 0, onTime: 0, late: 0, missing: 0, onTimeRate: null }));
    entry.due++;
    if (row.status === 'on_time') entry.onTime++;
    else if (row.status === 'late') entry.late++;
    else entry.missing++;
  }
  const collator = new Intl.Collator('zh-Hans-CN');
  return [...byUnit.values()]
    .map((entry) => ({ ...entry, onTimeRate: percentOf(BigInt(entry.onTime), BigInt(entry.due)) }))
    .sort((a, b) => (a.ownerUnit === null ? 1 : b.ownerUnit === null ? -1 : collator.compare(a.ownerUnit.name, b.ownerUnit.name)));
}
