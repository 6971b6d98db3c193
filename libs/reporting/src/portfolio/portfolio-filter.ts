import type { ProjectKind } from '@app/domain';

/**
 * A project with its place in the plan and its owner unit, under the aliases every portfolio query uses:
 * p (projects), c (plan_columns), g (plan_groups), d (departments, the 责任单位; null when none).
 */
export const PROJECT_PLACE_SQL = `projects p
  JOIN plan_columns c ON c.id = p.column_id
  JOIN plan_groups g ON g.id = p.group_id
  LEFT JOIN departments d ON d.id = p.owner_department_id`;

/** Narrows a portfolio query: 专栏 number, 责任单位 (department id), project kind, one project. */
export interface PortfolioFilter {
  column?: number;
  ownerUnit?: string;
  kind?: ProjectKind;
  projectId?: string;
  /** Several projects by id (a page of a project list). */
  projectIds?: readonly string[];
}

/**
 * SQL conditions on `p` (projects) and `c` (plan_columns) for a filter,
 * numbering parameters after those the caller already has.
 */
export function portfolioConditions(filter: PortfolioFilter, params: unknown[]): string {
  const conditions: string[] = [];
  const add = (sql: (placeholder: string) => string, value: unknown) => {
    params.push(value);
    conditions.push(sql(`$${params.length}`));
  };
  if (filter.column !== undefined) add((p) => `c.number = ${p}`, filter.column);
  if (filter.ownerUnit !== undefined) add((p) => `p.owner_department_id = ${p}`, filter.ownerUnit);
  if (filter.kind !== undefined) add((p) => `p.kind = ${p}`, filter.kind);
  if (filter.projectId !== undefined) add((p) => `p.id = ${p}`, filter.projectId);
  if (filter.projectIds !== undefined) add((p) => `p.id = ANY(${p}::uuid[])`, filter.projectIds);
  return conditions.length ? conditions.join(' AND ') : 'TRUE';
}
