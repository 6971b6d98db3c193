/**
 * 手续办结率 per template node, computed in one SQL statement over the projects created from the template (any
 * version; nodes matched by code). Working days are counted in SQL against a day table built from the official
 * calendar in force (holidays and 调休 of every covered year, Monday–Friday outside them), the same days as
 * WorkingDayCalendar counts.
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, WorkingDayCalendar } from '@app/calendar';
import { KEY_MILESTONE_KINDS, MilestoneKind } from '@app/domain';
import { CURRENT_PLAN_ID_SQL } from '../plan/current-plan';
import { NodeStatisticsQuery } from './dto/node-statistics.query';
import { NodeStatisticsResponse } from './dto/node-statistics.response';
import { NodeTemplateErrors } from './node-template.errors';

/** The statistics statement, also run bare by the bench (bench/node-statistics.bench.ts) as its limit. */
export const NODE_STATISTICS_SQL = `
WITH days AS (
  -- Running count of working days; holidays and 调休 days joined as sets (hash joins), not searched per day.
  SELECT g.day::date AS day,
         sum(CASE WHEN w.d IS NOT NULL OR (extract(isodow FROM g.day) < 6 AND h.d IS NULL) THEN 1 ELSE 0 END) OVER (ORDER BY g.day) AS n
    FROM generate_series($7::date, $8::date, interval '1 day') AS g(day)
    LEFT JOIN (SELECT DISTINCT d FROM unnest($5::date[]) AS holiday(d)) h ON h.d = g.day::date
    LEFT JOIN (SELECT DISTINCT d FROM unnest($6::date[]) AS workday(d)) w ON w.d = g.day::date
),
ms AS MATERIALIZED (
  SELECT m.id, m.project_id, m.template_node_id, m.status, m.planned_date, m.actual_date, n.code, p.planned_start_date
    FROM projects p
    JOIN node_template_versions v ON v.id = p.template_version_id
    JOIN milestones m ON m.project_id = p.id AND m.template_node_id IS NOT NULL AND m.status <> 'removed'
    JOIN node_template_nodes n ON n.id = m.template_node_id
   WHERE v.template_id = $1 AND p.status <> 'cancelled'
     AND ($2::int IS NULL OR p.column_id IN (SELECT c.id FROM plan_columns c WHERE c.number = $2 AND c.plan_id = ${CURRENT_PLAN_ID_SQL}))
     AND ($3::uuid IS NULL OR p.owner_department_id = $3)
     AND ($4::text IS NULL OR p.kind = $4)
),
pred AS (
  SELECT ms.id, count(*) FILTER (WHERE pm.status = 'pending') AS open, max(pm.actual_date) AS last_met
    FROM ms
    JOIN node_template_dependencies d ON d.node_id = ms.template_node_id
    JOIN ms pm ON pm.project_id = ms.project_id AND pm.template_node_id = d.depends_on_node_id
   GROUP BY ms.id
),
per AS (
  SELECT ms.code, ms.status, ms.project_id,
         ms.status = 'pending' AND COALESCE(pred.open, 0) = 0 AND ms.planned_date < $9::date AS stuck,
         ms.status = 'pending' AND COALESCE(pred.open, 0) = 0 AND ms.planned_date >= $9::date AS in_progress,
         CASE WHEN ms.status = 'done' THEN greatest(0, ce.n - cs.n) END AS spent
    FROM ms
    LEFT JOIN pred ON pred.id = ms.id
    LEFT JOIN days cs ON cs.day = COALESCE(pred.last_met, ms.planned_start_date)
    LEFT JOIN days ce ON ce.day = ms.actual_date AND ms.status = 'done'
)
SELECT code,
       count(*)::int AS projects,
       count(*) FILTER (WHERE status = 'done')::int AS passed,
       count(*) FILTER (WHERE stuck)::int AS stuck,
       count(*) FILTER (WHERE in_progress)::int AS in_progress,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY spent) AS median,
       (SELECT count(DISTINCT project_id)::int FROM ms) AS project_count
  FROM per GROUP BY code`;

export interface CalendarDays {
  holidays: string[];
  workdays: string[];
  from: string;
  to: string;
}

/** The calendar's weekday holidays and 调休 working weekends of every covered year, and the day range to count over. */
export function calendarDays(calendar: WorkingDayCalendar): CalendarDays {
  const holidays: string[] = [];
  const workdays: string[] = [];
  const years = calendar.coveredYears();
  for (const year of years) {
    const entries = calendar.officeYear(year) ?? calendar.packageYear(year);
    holidays.push(...entries.holidays);
    workdays.push(...entries.workdays);
  }
  const last = Math.max(years[years.length - 1] ?? 2030, new Date().getUTCFullYear()) + 10;
  return { holidays, workdays, from: '2000-01-01', to: `${last}-12-31` };
}

interface StatisticsRow {
  code: string;
  projects: number;
  passed: number;
  stuck: number;
  in_progress: number;
  median: number | null;
  project_count: number;
}

@Injectable()
export class NodeStatisticsService {
  private cachedDays: { version: number; days: CalendarDays } | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendar: WorkingDayCalendar,
    private readonly clock: Clock,
  ) {}

  async forTemplate(templateId: string, query: NodeStatisticsQuery): Promise<NodeStatisticsResponse> {
    const [template]: Array<{ name: string; current_version_id: string | null }> = await this.dataSource.query(
      `SELECT name, current_version_id FROM node_templates WHERE id = $1`,
      [templateId],
    );
    if (!template) throw NodeTemplateErrors.notFound(templateId);
    const today = this.clock.today();
    const days = this.days();
    const rows: StatisticsRow[] = await this.dataSource.query(NODE_STATISTICS_SQL, [
      templateId,
      query.column ?? null,
      query.ownerUnit ?? null,
      query.kind ?? null,
      days.holidays,
      days.workdays,
      days.from,
      days.to,
      today,
    ]);
    // Names and order from the current version; a code only older versions have keeps its latest name and comes last.
    const names: Array<{ code: string; name: string; sort_order: number; is_key: boolean; milestone_kind: MilestoneKind; current: boolean }> =
      await this.dataSource.query(
        `SELECT DISTINCT ON (n.code) n.code, n.name, n.sort_order, n.is_key, n.milestone_kind, (n.version_id = $2) AS current
           FROM node_template_nodes n JOIN node_template_versions v ON v.id = n.version_id
          WHERE v.template_id = $1
          ORDER BY n.code, (n.version_id = $2) DESC, v.number DESC`,
        [templateId, template.current_version_id],
      );
    const byCode = new Map(rows.map((row) => [row.code, row]));
    const ordered = [...names].sort((a, b) => Number(b.current) - Number(a.current) || a.sort_order - b.sort_order);
    return {
      templateId,
      templateName: template.name,
      today,
      projectCount: rows[0]?.project_count ?? 0,
      nodes: ordered
        .filter((node) => node.current || byCode.has(node.code))
        .map((node, i) => {
          const row = byCode.get(node.code);
          const projects = row?.projects ?? 0;
          return {
            code: node.code,
            name: node.name,
            sortOrder: i + 1,
            isKey: node.is_key || KEY_MILESTONE_KINDS.includes(node.milestone_kind),
            projects,
            passed: row?.passed ?? 0,
            stuck: row?.stuck ?? 0,
            inProgress: row?.in_progress ?? 0,
            completionRate: projects === 0 ? 0 : Math.round(((row?.passed ?? 0) / projects) * 10_000) / 10_000,
            medianWorkingDays: row?.median === null || row?.median === undefined ? null : Number(row.median),
          };
        }),
    };
  }

  /** Rebuilt when the office publishes a calendar year (its version changes). */
  private days(): CalendarDays {
    const version = this.calendar.version();
    if (this.cachedDays?.version !== version) this.cachedDays = { version, days: calendarDays(this.calendar) };
    return this.cachedDays.days;
  }
}
