/**
 * The SQL the raw handler runs: the best hand-written form of what the API's
 * GET /projects and PATCH /milestones/:id do. Keep it in step with the API's
 * queries (searched via kpt_search_normalize on the trigram-indexed column).
 */
export const PROJECT_LIST_SQL = {
  page: `
    SELECT p.id, p.name, p.kind, p.status, p.attributes, p.total_investment_yuan, p.version,
           c.number AS column_number, c.title AS column_title, g.number AS group_number, g.title AS group_title,
           d.id AS owner_id, d.name AS owner_name
      FROM projects p
      JOIN plan_columns c ON c.id = p.column_id
      JOIN plan_groups g ON g.id = p.group_id
      LEFT JOIN departments d ON d.id = p.owner_department_id
     WHERE ($1 = '' OR p.search_text LIKE '%' || kpt_search_normalize($1) || '%')
       AND ($2::text IS NULL OR p.status = $2)
     ORDER BY c.number, g.number, p.sort_order, p.id
     LIMIT $3 OFFSET $4`,
  count: `
    SELECT count(*) AS total FROM projects p
     WHERE ($1 = '' OR p.search_text LIKE '%' || kpt_search_normalize($1) || '%')
       AND ($2::text IS NULL OR p.status = $2)`,
};

export const MILESTONE_UPDATE_SQL = {
  update: `
    UPDATE milestones SET note = $3, version = version + 1, updated_at = now()
     WHERE id = $1 AND version = $2
     RETURNING id, project_id, kind, name, baseline_date, planned_date, actual_date, status, note, version`,
  audit: `
    INSERT INTO audit_log (actor_type, actor_name, action, entity_type, entity_id, after)
    VALUES ('system', 'bench', 'update', 'milestone', $1, $2)`,
  outbox: `
    INSERT INTO outbox_events (topic, aggregate_type, aggregate_id, payload)
    VALUES ('milestone.changed', 'milestone', $1, $2)`,
};
