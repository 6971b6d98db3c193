/**
 * The plan the API serves when a request names a 专栏 by number: the newest
 * plan (by start year). The district has one plan at a time (the 十五五 outline);
 * should an older one stay in the database, numbers resolve against the newest.
 * A scalar subquery, so callers can use it inside their own SQL.
 */
export const CURRENT_PLAN_ID_SQL = `(SELECT pl.id FROM plans pl ORDER BY pl.start_year DESC, pl.code ASC LIMIT 1)`;
