import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { IsoWeek, weekInstants } from '../iso-week';
import { PortfolioReader } from '../portfolio/portfolio.reader';
import { MilestoneCounts } from '../warning-lights/project-light';
import { composeWeeklyReport, ProjectInvestment, WeekMilestoneCounts, WeekProblems } from './weekly-report.composer';
import type { OldestOpenProblemRow, ProblemLedgerRow, ProgressEvidenceRow, SupervisionNoticeRow, WeeklyReportContent } from './weekly-report.content';

/** How many of the oldest open problems the 周报 lists. */
export const OLDEST_OPEN_PROBLEMS = 10;

/**
 * Builds a week's 周报 from the data "as of" its Sunday: milestones count as
 * done only when their actual date is on or before the Sunday, investment
 * counts the months up to the Sunday's month, notices and 形象进度 count up to
 * the end of the Sunday (Asia/Shanghai). All reads run in one REPEATABLE READ
 * transaction, so the figures come from one consistent moment; every
 * aggregation is set-based (no query per project), and the pure composer
 * (weekly-report.composer.ts) does the rest in one pass.
 */
@Injectable()
export class WeeklyReportBuilder {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly portfolio: PortfolioReader,
  ) {}

  build(week: IsoWeek): Promise<WeeklyReportContent> {
    return this.dataSource.transaction('REPEATABLE READ', (manager) => this.buildWith(manager, week));
  }

  async buildWith(manager: EntityManager, week: IsoWeek): Promise<WeeklyReportContent> {
    const sunday = week.end;
    const { until } = weekInstants(week);
    // Sequential on purpose: one transaction is one connection.
    const rules = await this.portfolio.rules(manager);
    const projects = await this.portfolio.projects({ percentAsOfInstant: until }, manager);
    const open = await this.portfolio.openMilestones(sunday, {}, manager);
    const weekCounts = await this.weekCounts(manager, week);
    const investment = await this.investment(manager, sunday);
    const notices = await this.notices(manager, week);
    const evidence = await this.evidence(manager, week);
    const problems = await this.problems(manager, week);

    const scheduleCounts = new Map<string, MilestoneCounts>();
    for (const [projectId, counts] of weekCounts) scheduleCounts.set(projectId, { due: counts.dueToDate, met: counts.doneToDate });
    const assessed = this.portfolio.assessLoaded(projects, open, scheduleCounts, sunday, rules);
    return composeWeeklyReport({ week, rules, projects: assessed, weekCounts, investment, notices, evidence, problems, days: this.portfolio.workingDays });
  }

  private async weekCounts(manager: EntityManager, week: IsoWeek): Promise<Map<string, WeekMilestoneCounts & { doneToDate: number }>> {
    const rows: Array<Record<string, string>> = await manager.query(
      `SELECT m.project_id AS "projectId",
              count(*) FILTER (WHERE m.planned_date BETWEEN $1 AND $2) AS "dueInWeek",
              count(*) FILTER (WHERE m.planned_date BETWEEN $1 AND $2 AND m.status = 'done' AND m.actual_date <= m.planned_date) AS "metOnTimeInWeek",
              count(*) FILTER (WHERE m.planned_date BETWEEN $1 AND $2 AND m.status = 'done' AND m.actual_date > m.planned_date AND m.actual_date <= $2) AS "doneLateInWeek",
              count(*) FILTER (WHERE m.status = 'done' AND m.actual_date BETWEEN $1 AND $2) AS "completedInWeek",
              count(*) FILTER (WHERE m.planned_date <= $2) AS "dueToDate",
              count(*) FILTER (WHERE m.planned_date <= $2 AND m.status = 'done' AND m.actual_date <= m.planned_date) AS "metOnTimeToDate",
              count(*) FILTER (WHERE m.status = 'done' AND m.actual_date <= $2) AS "doneToDate"
         FROM milestones m
         JOIN projects p ON p.id = m.project_id
        WHERE m.status NOT IN ('cancelled', 'removed') AND p.status <> 'cancelled'
        GROUP BY m.project_id`,
      [week.start, week.end],
    );
    return new Map(
      rows.map((row) => [
        row.projectId,
        {
          dueInWeek: Number(row.dueInWeek),
          metOnTimeInWeek: Number(row.metOnTimeInWeek),
          doneLateInWeek: Number(row.doneLateInWeek),
          completedInWeek: Number(row.completedInWeek),
          dueToDate: Number(row.dueToDate),
          metOnTimeToDate: Number(row.metOnTimeToDate),
          doneToDate: Number(row.doneToDate),
        },
      ]),
    );
  }

  /** Annual plan of the Sunday's year; completed = months January … the Sunday's month of that year. Exact (numeric sums of bigint). */
  private async investment(manager: EntityManager, sunday: string): Promise<Map<string, ProjectInvestment>> {
    const year = Number(sunday.slice(0, 4));
    const rows: Array<{ projectId: string; annualPlanYuan: string; completedYuan: string }> = await manager.query(
      `SELECT project_id AS "projectId", sum(plan)::text AS "annualPlanYuan", sum(completed)::text AS "completedYuan"
         FROM (SELECT project_id, amount_yuan AS plan, 0::bigint AS completed FROM project_annual_plans WHERE year = $1
               UNION ALL
               SELECT project_id, 0::bigint, amount_yuan FROM project_monthly_investments WHERE month BETWEEN $2 AND $3) money
        GROUP BY project_id`,
      [year, `${year}-01`, sunday.slice(0, 7)],
    );
    return new Map(rows.map((row) => [row.projectId, { annualPlanYuan: row.annualPlanYuan, completedYuan: row.completedYuan }]));
  }

  /** 督办单 per owner unit: issued and closed during the week, open at its end (instants, Asia/Shanghai). */
  private async notices(manager: EntityManager, week: IsoWeek): Promise<SupervisionNoticeRow[]> {
    const { from, until } = weekInstants(week);
    const rows: Array<{ ownerUnitId: string; name: string; issued: string; closed: string; openAtWeekEnd: string }> = await manager.query(
      `SELECT n.owner_department_id AS "ownerUnitId", d.name,
              count(*) FILTER (WHERE n.issued_at >= $1 AND n.issued_at < $2) AS issued,
              count(*) FILTER (WHERE n.closed_at >= $1 AND n.closed_at < $2) AS closed,
              count(*) FILTER (WHERE n.closed_at IS NULL OR n.closed_at >= $2) AS "openAtWeekEnd"
         FROM supervision_notices n
         JOIN departments d ON d.id = n.owner_department_id
        WHERE n.issued_at < $2 AND (n.closed_at IS NULL OR n.closed_at >= $1)
        GROUP BY n.owner_department_id, d.name`,
      [from.toISOString(), until.toISOString()],
    );
    return rows.map((row) => ({
      ownerUnitId: row.ownerUnitId,
      name: row.name,
      issued: Number(row.issued),
      closed: Number(row.closed),
      openAtWeekEnd: Number(row.openAtWeekEnd),
    }));
  }

  /**
   * 进展填报佐证 per owner unit: reports filed in the week and not withdrawn by its end, with or without an
   * attachment standing at that instant. Every unit owning a project that is not cancelled appears (0 when it filed
   * nothing), and so does a unit whose project has since been cancelled if it filed in the week.
   */
  private async evidence(manager: EntityManager, week: IsoWeek): Promise<ProgressEvidenceRow[]> {
    const { from, until } = weekInstants(week);
    const rows: Array<{ ownerUnitId: string | null; name: string | null; reports: string; withEvidence: string }> = await manager.query(
      `WITH week_reports AS (
         SELECT r.id, r.project_id,
                EXISTS (SELECT 1 FROM attachments a
                         WHERE a.record_type = 'progress_report' AND a.record_id = r.id AND a.uploaded_at < $2
                           AND (a.withdrawn_at IS NULL OR a.withdrawn_at >= $2)) AS with_evidence
           FROM progress_reports r
          WHERE r.created_at >= $1 AND r.created_at < $2
            AND NOT EXISTS (SELECT 1 FROM progress_report_withdrawals w WHERE w.report_id = r.id AND w.withdrawn_at < $2))
       SELECT p.owner_department_id AS "ownerUnitId", d.name,
              count(wr.id) AS reports, count(wr.id) FILTER (WHERE wr.with_evidence) AS "withEvidence"
         FROM projects p
         LEFT JOIN departments d ON d.id = p.owner_department_id
         LEFT JOIN week_reports wr ON wr.project_id = p.id
        WHERE p.status <> 'cancelled' OR wr.id IS NOT NULL
        GROUP BY p.owner_department_id, d.name`,
      [from.toISOString(), until.toISOString()],
    );
    return rows.map((row) => ({
      ownerUnitId: row.ownerUnitId,
      name: row.name ?? '未明确责任单位',
      reports: Number(row.reports),
      withEvidence: Number(row.withEvidence),
      withoutEvidence: Number(row.reports) - Number(row.withEvidence),
    }));
  }

  /**
   * 问题台账 per raising unit: raised, carried into the week, closed in it (on time: the closing day, Asia/Shanghai,
   * not after the needed-by date), open at its end; the oldest open at Sunday 24:00 with their state then (the last
   * step before that instant); and per unit the problems closed up to Sunday, for the ranking.
   */
  private async problems(manager: EntityManager, week: IsoWeek): Promise<WeekProblems> {
    const { from, until } = weekInstants(week);
    const onTime = `(cp.closed_at AT TIME ZONE 'Asia/Shanghai')::date <= cp.needed_by_date`;
    const rows: Array<Record<string, string>> = await manager.query(
      `SELECT cp.raising_department_id AS "ownerUnitId", d.name,
              count(*) FILTER (WHERE cp.raised_at >= $1 AND cp.raised_at < $2) AS raised,
              count(*) FILTER (WHERE cp.raised_at < $1 AND (cp.closed_at IS NULL OR cp.closed_at >= $1)) AS carried,
              count(*) FILTER (WHERE cp.closed_at >= $1 AND cp.closed_at < $2) AS closed,
              count(*) FILTER (WHERE cp.closed_at >= $1 AND cp.closed_at < $2 AND ${onTime}) AS "closedOnTime",
              count(*) FILTER (WHERE cp.raised_at < $2 AND (cp.closed_at IS NULL OR cp.closed_at >= $2)) AS "openAtWeekEnd",
              count(*) FILTER (WHERE cp.raised_at < $2 AND (cp.closed_at IS NULL OR cp.closed_at >= $2) AND cp.needed_by_date < $3) AS "overdueAtWeekEnd",
              count(*) FILTER (WHERE cp.closed_at < $2) AS "closedToDate",
              count(*) FILTER (WHERE cp.closed_at < $2 AND ${onTime}) AS "closedOnTimeToDate"
         FROM coordination_problems cp
         JOIN departments d ON d.id = cp.raising_department_id
        WHERE cp.raised_at < $2
        GROUP BY cp.raising_department_id, d.name`,
      [from.toISOString(), until.toISOString(), week.end],
    );
    const oldest: Array<Record<string, string | number>> = await manager.query(
      `SELECT cp.id, cp.year, cp.sequence, cp.title, t.name AS type_name, cp.project_id, p.name AS project_name,
              cp.raising_department_id, d.name AS unit_name, cp.needed_by_date,
              to_char(cp.raised_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS raised_on,
              (SELECT e.to_state FROM coordination_problem_events e WHERE e.problem_id = cp.id AND e.occurred_at < $1
                ORDER BY e.occurred_at DESC, e.id DESC LIMIT 1) AS state_at_week_end
         FROM coordination_problems cp
         JOIN projects p ON p.id = cp.project_id
         JOIN departments d ON d.id = cp.raising_department_id
         JOIN problem_types t ON t.code = cp.type_code
        WHERE cp.raised_at < $1 AND (cp.closed_at IS NULL OR cp.closed_at >= $1)
        ORDER BY cp.raised_at, cp.year, cp.sequence
        LIMIT ${OLDEST_OPEN_PROBLEMS}`,
      [until.toISOString()],
    );
    const byOwnerUnit: ProblemLedgerRow[] = rows
      .map((row) => ({
        ownerUnitId: row.ownerUnitId,
        name: row.name,
        raised: Number(row.raised),
        carried: Number(row.carried),
        closed: Number(row.closed),
        closedOnTime: Number(row.closedOnTime),
        openAtWeekEnd: Number(row.openAtWeekEnd),
        overdueAtWeekEnd: Number(row.overdueAtWeekEnd),
      }))
      .filter((row) => row.raised + row.carried > 0);
    const oldestOpen: OldestOpenProblemRow[] = oldest.map((row) => ({
      problemId: String(row.id),
      number: `${row.year}-${String(row.sequence).padStart(4, '0')}`,
      title: String(row.title),
      typeName: String(row.type_name),
      projectId: String(row.project_id),
      projectName: String(row.project_name),
      ownerUnitId: String(row.raising_department_id),
      ownerUnitName: String(row.unit_name),
      stateAtWeekEnd: String(row.state_at_week_end ?? 'new'),
      raisedOn: String(row.raised_on),
      neededByDate: String(row.needed_by_date),
      workingDaysOpen: Math.max(0, this.portfolio.workingDays.between(String(row.raised_on), week.end)),
    }));
    const closedToDate = new Map(rows.map((row) => [row.ownerUnitId, { closed: Number(row.closedToDate), closedOnTime: Number(row.closedOnTimeToDate) }]));
    return { byOwnerUnit, oldestOpen, closedToDate };
  }
}
