/**
 * The limit for building a 周报: the best single SQL statement computing the
 * per-owner-unit figures of the report — projects by status, milestones due /
 * met / done late / not done / completed in the week, newly and still overdue,
 * annual plan and completed investment, red / yellow / green lights (with the
 * working-day rules: the calendar passed in as one array of cumulative
 * working-day numbers, read by subscript), and the ranking counts — with the same definitions as
 * libs/reporting. The benchmark checks that both give the same figures.
 */
import { DataSource } from 'typeorm';
import { WorkingDayCalendar } from '@app/calendar';
import { addCalendarDays, PROJECT_STATUSES } from '@app/domain';
import { IsoWeek, weekInstants, WarningLightRules, WeeklyReportContent } from '@app/reporting';

export const WEEKLY_REPORT_RAW_SQL = `
WITH proj AS MATERIALIZED ( -- 形象进度 as of the week's end, once per project
  SELECT p.id, p.owner_department_id AS unit, p.status, p.planned_start_date AS s, p.planned_end_date AS e,
         CASE WHEN EXISTS (SELECT 1 FROM progress_reports r WHERE r.project_id = p.id AND r.percent_complete IS NOT NULL)
              THEN (SELECT r.percent_complete FROM progress_reports r
                     WHERE r.project_id = p.id AND r.percent_complete IS NOT NULL AND r.created_at < $7::timestamptz
                     ORDER BY r.created_at DESC LIMIT 1)
              ELSE p.percent_complete END AS pct
    FROM projects p
),
ms AS (
  SELECT m.project_id,
         count(*) FILTER (WHERE m.planned_date BETWEEN $1::date AND $2::date) AS due_week,
         count(*) FILTER (WHERE m.planned_date BETWEEN $1::date AND $2::date AND m.status = 'done' AND m.actual_date <= m.planned_date) AS met_week,
         count(*) FILTER (WHERE m.planned_date BETWEEN $1::date AND $2::date AND m.status = 'done' AND m.actual_date > m.planned_date AND m.actual_date <= $2::date) AS late_week,
         count(*) FILTER (WHERE m.status = 'done' AND m.actual_date BETWEEN $1::date AND $2::date) AS completed_week,
         count(*) FILTER (WHERE m.planned_date <= $2::date) AS due_to_date,
         count(*) FILTER (WHERE m.planned_date <= $2::date AND m.status = 'done' AND m.actual_date <= m.planned_date) AS met_to_date,
         count(*) FILTER (WHERE m.open AND m.planned_date < $2::date AND m.planned_date >= $3::date) AS newly,
         count(*) FILTER (WHERE m.open AND m.planned_date < $3::date) AS still,
         -- n(d) = $11[d − $12 + 1], the cumulative number of working days: an array read per date, no join.
         bool_or(m.open AND m.planned_date >= $2::date
                 AND ($11::int[])[m.planned_date - $12::date + 1] - ($11::int[])[$2::date - $12::date + 1] <= $8::int) AS due_soon,
         bool_or(m.open AND m.planned_date >= $2::date
                 AND ($11::int[])[m.planned_date - $12::date + 1] - ($11::int[])[m.baseline_date - $12::date + 1] > $9::int) AS slipped
    FROM (SELECT m.*, NOT (m.status = 'done' AND m.actual_date <= $2::date) AS open FROM milestones m WHERE m.status <> 'cancelled') m
    JOIN projects p ON p.id = m.project_id AND p.status <> 'cancelled'
   GROUP BY m.project_id
),
money AS (
  SELECT project_id, sum(plan) AS plan, sum(completed) AS completed
    FROM (SELECT project_id, amount_yuan AS plan, 0::bigint AS completed FROM project_annual_plans WHERE year = $4::int
          UNION ALL
          SELECT project_id, 0::bigint, amount_yuan FROM project_monthly_investments WHERE month BETWEEN $5::text AND $6::text) x
   GROUP BY project_id
),
lit AS (
  SELECT proj.unit, proj.status, ms.*, COALESCE(money.plan, 0) AS plan, COALESCE(money.completed, 0) AS completed,
         CASE WHEN proj.status = 'cancelled' THEN NULL
              WHEN COALESCE(ms.newly, 0) + COALESCE(ms.still, 0) > 0 THEN 'red'
              WHEN COALESCE(ms.due_soon, false) OR COALESCE(ms.slipped, false)
                OR (proj.pct IS NOT NULL AND proj.s IS NOT NULL AND proj.e IS NOT NULL AND proj.status NOT IN ('completed', 'in_service')
                    AND CASE WHEN proj.e = proj.s THEN (CASE WHEN $2::date >= proj.e THEN 10000 ELSE 0 END) - proj.pct * 100 > $10::int * 100
                             ELSE LEAST(GREATEST($2::date - proj.s, 0), proj.e - proj.s) * 10000 - proj.pct * 100 * (proj.e - proj.s) > $10::int * 100 * (proj.e - proj.s)
                        END)
              THEN 'yellow'
              ELSE 'green' END AS light
    FROM proj
    LEFT JOIN ms ON ms.project_id = proj.id
    LEFT JOIN money ON money.project_id = proj.id
)
SELECT unit,
       count(*)::int AS total,
       ${PROJECT_STATUSES.map((status) => `count(*) FILTER (WHERE status = '${status}')::int AS "${status}"`).join(',\n       ')},
       COALESCE(sum(due_week), 0)::int AS due_week, COALESCE(sum(met_week), 0)::int AS met_week,
       COALESCE(sum(late_week), 0)::int AS late_week, COALESCE(sum(completed_week), 0)::int AS completed_week,
       COALESCE(sum(newly), 0)::int AS newly, COALESCE(sum(still), 0)::int AS still,
       sum(plan)::text AS plan_yuan, sum(completed)::text AS completed_yuan,
       count(*) FILTER (WHERE light = 'red')::int AS red, count(*) FILTER (WHERE light = 'yellow')::int AS yellow,
       count(*) FILTER (WHERE light = 'green')::int AS green,
       COALESCE(sum(due_to_date), 0)::int AS due_to_date, COALESCE(sum(met_to_date), 0)::int AS met_to_date
  FROM lit
 GROUP BY unit`;

export interface RawUnitFigures {
  unit: string | null;
  total: number;
  due_week: number;
  met_week: number;
  late_week: number;
  completed_week: number;
  newly: number;
  still: number;
  plan_yuan: string;
  completed_yuan: string;
  red: number;
  yellow: number;
  green: number;
  due_to_date: number;
  met_to_date: number;
  [status: string]: number | string | null;
}

/** Cumulative working-day numbers for every date from `from` to `to`: n(b) − n(a) = working days in (a, b]. */
export function calendarArrays(calendar: WorkingDayCalendar, from: string, to: string): { first: string; numbers: number[] } {
  const numbers: number[] = [];
  let n = 0;
  for (let date = from; date <= to; date = addCalendarDays(date, 1)) {
    if (calendar.isWorkingDay(date)) n++;
    numbers.push(n);
  }
  return { first: from, numbers };
}

export async function runRawWeeklyAggregation(
  dataSource: DataSource,
  week: IsoWeek,
  rules: WarningLightRules,
  calendar: { first: string; numbers: number[] },
): Promise<RawUnitFigures[]> {
  const sunday = week.end;
  const year = Number(sunday.slice(0, 4));
  return dataSource.query(WEEKLY_REPORT_RAW_SQL, [
    week.start,
    sunday,
    addCalendarDays(sunday, -7),
    year,
    `${year}-01`,
    sunday.slice(0, 7),
    weekInstants(week).until.toISOString(),
    rules.dueSoonWorkingDays,
    rules.baselineSlipWorkingDays,
    rules.progressLagPoints,
    calendar.numbers,
    calendar.first,
  ]);
}

/** Differences between the builder's per-unit figures (and ranking counts) and the raw SQL's; empty = the same numbers. */
export function compareWithReport(report: WeeklyReportContent, raw: RawUnitFigures[]): string[] {
  const problems: string[] = [];
  const rawByUnit = new Map(raw.map((row) => [row.unit, row]));
  const ranking = new Map(report.ranking.items.map((item) => [item.ownerUnitId, item]));
  if (rawByUnit.size !== report.byOwnerUnit.length) problems.push(`units: report ${report.byOwnerUnit.length}, raw ${rawByUnit.size}`);
  for (const bucket of report.byOwnerUnit) {
    const row = rawByUnit.get(bucket.ownerUnitId);
    if (!row) {
      problems.push(`unit ${bucket.name} missing from raw`);
      continue;
    }
    const pairs: Array<[string, unknown, unknown]> = [
      ['total', bucket.projects.total, row.total],
      ...PROJECT_STATUSES.map((status): [string, unknown, unknown] => [status, bucket.projects.byStatus[status], row[status]]),
      ['dueInWeek', bucket.milestones.dueInWeek, row.due_week],
      ['metOnTime', bucket.milestones.metOnTime, row.met_week],
      ['doneLate', bucket.milestones.doneLate, row.late_week],
      ['completedInWeek', bucket.milestones.completedInWeek, row.completed_week],
      ['newly', bucket.overdue.newly, row.newly],
      ['still', bucket.overdue.still, row.still],
      ['annualPlanYuan', bucket.investment.annualPlanYuan, row.plan_yuan],
      ['completedYuan', bucket.investment.completedYuan, row.completed_yuan],
      ['red', bucket.lights.red, row.red],
      ['yellow', bucket.lights.yellow, row.yellow],
      ['green', bucket.lights.green, row.green],
    ];
    if (bucket.ownerUnitId) {
      const ranked = ranking.get(bucket.ownerUnitId);
      pairs.push(['rankingDue', ranked?.due ?? 0, row.due_to_date], ['rankingMet', ranked?.metOnTime ?? 0, row.met_to_date]);
    }
    for (const [name, ours, theirs] of pairs) if (String(ours) !== String(theirs)) problems.push(`${bucket.name} ${name}: report ${ours}, raw ${theirs}`);
  }
  return problems;
}
