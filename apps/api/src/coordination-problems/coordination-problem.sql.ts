/**
 * The SQL of the ledger's reads, in one place: the API's service and the benchmark's bare-Node limit
 * (bench/problems-raw-server.ts) run these same statements.
 */

export const OPEN_STATES_SQL = `('new', 'coordinating', 'resolved')`;

/** The columns of a problem's row in every read, over cp (the problem) and p (its project). */
export const PROBLEM_COLUMNS = `cp.id, cp.year, cp.sequence, cp.project_id, p.name AS project_name, cp.raising_department_id, rd.name AS raising_name,
  p.lead_official, p.lead_official_user_id, cp.type_code, t.name AS type_name, cp.title, cp.need, cp.needed_by_date, cp.severity, cp.state,
  cp.suspended_from_state, cp.progress_report_id, cp.raised_by_id, ru.display_name AS raised_by_name, cp.raised_at, cp.last_moved_at,
  cp.resolved_at, cp.closed_at, cp.closed_by_id, cu.display_name AS closed_by_name, cp.version,
  (SELECT COALESCE(MAX((e.payload->>'step')::int), 0)::int FROM coordination_problem_events e
    WHERE e.problem_id = cp.id AND e.type = 'escalated' AND e.occurred_at >= cp.last_moved_at) AS climb_step`;

export const PROBLEM_FROM = `coordination_problems cp
  JOIN projects p ON p.id = cp.project_id
  JOIN departments rd ON rd.id = cp.raising_department_id
  JOIN problem_types t ON t.code = cp.type_code
  JOIN users ru ON ru.id = cp.raised_by_id
  LEFT JOIN users cu ON cu.id = cp.closed_by_id`;

export const ORDER_BY: Record<'recent' | 'oldest-open' | 'needed-by', string> = {
  recent: 'cp.raised_at DESC, cp.year DESC, cp.sequence DESC',
  'oldest-open': `CASE WHEN cp.state IN ${OPEN_STATES_SQL} THEN 0 WHEN cp.state = 'suspended' THEN 1 ELSE 2 END, cp.raised_at ASC, cp.year, cp.sequence`,
  'needed-by': 'cp.needed_by_date ASC, cp.raised_at ASC, cp.year, cp.sequence',
};

/**
 * The week's counts over `where` (a WHERE over cp and p); its last four parameters, ending at $n, are the week's Monday,
 * the Monday after, the time zone and the day the needed-by dates are compared with.
 */
export function weekCountsSql(where: string, n: number): string {
  const start = `(CAST($${n - 3} AS date)::timestamp AT TIME ZONE $${n - 1})`;
  const end = `(CAST($${n - 2} AS date)::timestamp AT TIME ZONE $${n - 1})`;
  return `SELECT count(*) FILTER (WHERE cp.raised_at >= ${start} AND cp.raised_at < ${end})::int AS raised,
              count(*) FILTER (WHERE cp.closed_at >= ${start} AND cp.closed_at < ${end})::int AS closed,
              count(*) FILTER (WHERE cp.raised_at < ${end} AND (cp.closed_at IS NULL OR cp.closed_at >= ${end}))::int AS in_progress,
              count(*) FILTER (WHERE cp.raised_at < ${end} AND cp.state = 'suspended')::int AS suspended,
              count(*) FILTER (WHERE cp.raised_at < ${end} AND (cp.closed_at IS NULL OR cp.closed_at >= ${end})
                                 AND cp.needed_by_date < CAST($${n} AS date))::int AS overdue
         FROM coordination_problems cp JOIN projects p ON p.id = cp.project_id ${where}`;
}

/** The coordinating departments of a page of problems. */
export const UNITS_OF_SQL = `SELECT cd.problem_id, cd.department_id, d.name, cd.position, cd.measure, cd.measure_date, cd.accepted_at, u.display_name AS accepted_by_name
         FROM coordination_problem_departments cd JOIN departments d ON d.id = cd.department_id LEFT JOIN users u ON u.id = cd.accepted_by_id
        WHERE cd.problem_id = ANY($1::uuid[]) ORDER BY cd.problem_id, cd.position`;
