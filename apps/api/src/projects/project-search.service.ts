/**
 * Finds projects for lists, search boxes and the big screen: filters, sort
 * and paging in SQL — one query for the page (project + 专栏 + group + owner
 * joined) and one for the total, both over indexes. Name search goes through
 * kpt_search_normalize on both sides (the stored search_text is made by the
 * same function), so spacing, punctuation and full/half width never decide a
 * match; the trigram index makes the substring match fast.
 */

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';
import { Clock } from '@app/calendar';
import { AssessedProject, PortfolioReader } from '@app/reporting';
import { Errors } from '../common/app-error';
import { CURRENT_PLAN_ID_SQL } from '../plan/current-plan';
import { ListProjectsQuery, ProjectSort } from './dto/list-projects.query';
import { ProjectPageDto, ProjectWarningDto } from './dto/project.response';
import { PROJECT_COLUMNS_SQL, PROJECT_FROM_SQL, presentProject, ProjectRow } from './project-representation';

const ORDER_BY: Record<ProjectSort, (direction: 'ASC' | 'DESC') => string> = {
  planOrder: (d) => `c.number ${d}, g.number ${d}, p.sort_order ${d}, p.id ${d}`,
  name: (d) => `p.name ${d}, p.id ${d}`,
  // Projects without the value come last in both directions: they are the ones to fill in, not the extremes.
  plannedEndDate: (d) => `p.planned_end_date ${d} NULLS LAST, p.id ${d}`,
  totalInvestment: (d) => `p.total_investment_yuan ${d} NULLS LAST, p.id ${d}`,
  updatedAt: (d) => `p.updated_at ${d}, p.id ${d}`,
};

@Injectable()
export class ProjectSearchService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly portfolio: PortfolioReader,
    private readonly clock: Clock,
  ) {}

  /**
   * A page of projects, each with today's warning light. Lights are assessed in code (working days, rules), so a
   * light filter first assesses the projects the other filters allow and hands their ids to the SQL; the rows of
   * the page are then assessed by id — the same assessment as GET /warning-lights/projects.
   */
  async list(principal: Principal, query: ListProjectsQuery): Promise<ProjectPageDto> {
    const asOf = this.clock.today();
    const withLight = query.light
      ? (await this.portfolio.assess(asOf, { filter: { column: query.column, ownerUnit: query.ownerUnit, kind: query.kind }, excludeCancelled: true }))
          .filter((project) => project.assessment.light === query.light)
          .map((project) => project.id)
      : undefined;
    const { where, params } = this.filters(query, principal, withLight);
    const direction = query.order === 'desc' ? 'DESC' : 'ASC';
    const offset = (query.page - 1) * query.pageSize;
    const pageParams = [...params, query.pageSize, offset];
    const [rows, [{ total }]]: [ProjectRow[], Array<{ total: number }>] = await Promise.all([
      this.dataSource.query(
        `SELECT ${PROJECT_COLUMNS_SQL}
           FROM ${PROJECT_FROM_SQL}
          ${where}
          ORDER BY ${ORDER_BY[query.sort](direction)}
          LIMIT $${pageParams.length - 1} OFFSET $${pageParams.length}`,
        pageParams,
      ),
      // The filters only read the projects table (column/group numbers resolve
      // in subqueries), so the count needs no join.
      this.dataSource.query(`SELECT count(*)::int AS total FROM projects p ${where}`, params),
    ]);
    const assessed =
      rows.length === 0 ? [] : await this.portfolio.assess(asOf, { filter: { projectIds: rows.map((row) => row.id) }, excludeCancelled: true });
    const warnings = new Map(assessed.map((project) => [project.id, warningOf(project)]));
    return {
      items: rows.map((row) => ({ ...presentProject(row), warning: warnings.get(row.id) ?? null })),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /** The list's filters as SQL over `projects p` (also used by the OC4IDS export); parameters start at $1. mine=true needs the caller. */
  filters(query: Omit<ListProjectsQuery, 'page' | 'pageSize' | 'sort' | 'order'>, principal?: Principal, ids?: string[]): { where: string; params: unknown[] } {
    const conditions: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;

    if (query.group !== undefined && query.column === undefined) {
      throw Errors.validation([{ field: 'group', reason: 'group needs column: group numbers restart in every 专栏' }]);
    }
    if (query.q !== undefined && query.q.trim() !== '') {
      conditions.push(`p.search_text LIKE '%' || kpt_search_normalize(${param(query.q)}) || '%'`);
    }
    if (query.column !== undefined) {
      const column = param(query.column);
      if (query.group !== undefined) {
        conditions.push(
          `p.group_id IN (SELECT g2.id FROM plan_groups g2 JOIN plan_columns c2 ON c2.id = g2.column_id
                          WHERE c2.plan_id = ${CURRENT_PLAN_ID_SQL} AND c2.number = ${column} AND g2.number = ${param(query.group)})`,
        );
      } else {
        conditions.push(`p.column_id IN (SELECT c2.id FROM plan_columns c2 WHERE c2.plan_id = ${CURRENT_PLAN_ID_SQL} AND c2.number = ${column})`);
      }
    }
    if (query.kind !== undefined) conditions.push(`p.kind = ${param(query.kind)}`);
    if (query.ownerUnit !== undefined) conditions.push(`p.owner_department_id = ${param(query.ownerUnit)}`);
    if (query.status !== undefined && query.status.length > 0) conditions.push(`p.status = ANY(${param(query.status)}::varchar[])`);
    if (query.location !== undefined) conditions.push(`p.location = ${param(query.location)}`);
    if (query.mine) {
      if (principal?.kind !== 'user') throw Errors.validation([{ field: 'mine', reason: 'mine=true needs a signed-in user, not an API key' }]);
      const me = param(principal.id);
      conditions.push(
        principal.departmentId
          ? `(p.owner_department_id = ${param(principal.departmentId)} OR p.lead_official_user_id = ${me})`
          : `p.lead_official_user_id = ${me}`,
      );
    }
    if (ids !== undefined) conditions.push(`p.id = ANY(${param(ids)}::uuid[])`);

    return { where: conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '', params };
  }
}

function warningOf(project: AssessedProject): ProjectWarningDto {
  const { light, reasons, overdueCount, worstWorkingDaysLate } = project.assessment;
  return { light, reasons, overdueCount, worstWorkingDaysLate };
}
