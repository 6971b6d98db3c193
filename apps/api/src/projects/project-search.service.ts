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
import { districtDate } from '@app/domain';
import {
  AssessedProject,
  CurrentProject,
  describeReasons,
  ReportingDisciplineReader,
  STALE_STATUSES,
  PORTFOLIO_REFERENCE_VERSION_SQL,
  PortfolioReader,
  rulesOf,
  StoredRules,
  WARNING_LIGHT_RULES_SQL,
} from '@app/reporting';
import { Errors } from '../common/app-error';
import { CURRENT_PLAN_ID_SQL } from '../plan/current-plan';
import { ListProjectsQuery, ProjectSort } from './dto/list-projects.query';
import { ProjectActivityDto, ProjectPageDto, ProjectWarningDto } from './dto/project.response';
import { ProjectErrors } from './project.errors';
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
    private readonly discipline: ReportingDisciplineReader,
  ) {}

  /** 久未更新: projects whose last activity (Asia/Shanghai date) is before this are stale, if still moving. */
  async staleCutoff(today = this.clock.today()): Promise<string> {
    const config = await this.discipline.config();
    return this.discipline.staleCutoff(today, config.staleWorkingDays);
  }

  /**
   * A page of projects, each with today's warning light. Lights are assessed in code (working days, rules), so a
   * light filter first assesses the projects the other filters allow and hands their ids to the SQL. Otherwise
   * one statement reads the page, the total and the light rules, and the page's lights come from the portfolio's
   * assessment cache (re-assessed only for projects changed since) — the same assessment as GET /warning-lights/projects.
   */
  async list(principal: Principal, query: ListProjectsQuery): Promise<ProjectPageDto> {
    const asOf = this.clock.today();
    const withLight = query.light
      ? (await this.portfolio.assess(asOf, { filter: { column: query.column, ownerUnit: query.ownerUnit, kind: query.kind }, excludeCancelled: true }))
          .filter((project) => project.assessment.light === query.light)
          .map((project) => project.id)
      : undefined;
    const staleCutoff = await this.staleCutoff(asOf);
    const { where, params } = this.filters(query, principal, withLight, staleCutoff);
    const direction = query.order === 'desc' ? 'DESC' : 'ASC';
    const offset = (query.page - 1) * query.pageSize;
    const pageParams = [...params, query.pageSize, offset];
    // The count and the rules are uncorrelated subqueries: Postgres computes each once for the whole page. The
    // filters only read the projects table (column/group numbers resolve in subqueries), so the count needs no join.
    const rows: PageRow[] = await this.dataSource.query(
      `SELECT ${PROJECT_COLUMNS_SQL},
              (SELECT count(*)::int FROM projects p ${where}) AS page_total,
              ${WARNING_LIGHT_RULES_SQL} AS light_rules,
              ${PORTFOLIO_REFERENCE_VERSION_SQL} AS reference_version
         FROM ${PROJECT_FROM_SQL}
        ${where}
        ORDER BY ${ORDER_BY[query.sort](direction)}
        LIMIT $${pageParams.length - 1} OFFSET $${pageParams.length}`,
      pageParams,
    );
    if (rows.length === 0) {
      // Past the last page (or nothing matches): no row carries the total.
      const [{ total }]: Array<{ total: number }> = await this.dataSource.query(`SELECT count(*)::int AS total FROM projects p ${where}`, params);
      return { items: [], total, page: query.page, pageSize: query.pageSize };
    }
    const live = rows.filter((row) => row.status !== 'cancelled');
    const state = { rules: rulesOf(rows[0].light_rules), referenceVersion: rows[0].reference_version };
    const assessed = await this.portfolio.assessCurrent(asOf, state, live.map(currentProjectOf));
    const warnings = new Map(assessed.map((project) => [project.id, warningOf(project)]));
    return {
      items: rows.map((row) => ({
        ...presentProject(row),
        warning: warnings.get(row.id) ?? null,
        lastActivityAt: row.last_activity_at.toISOString(),
        stale: isStale(row.status, row.last_activity_at, staleCutoff),
      })),
      total: rows[0].page_total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /** 久未更新 of one project today. */
  async activity(projectId: string): Promise<ProjectActivityDto> {
    const [row]: Array<{ status: ProjectRow['status']; lastActivityAt: Date }> = await this.dataSource.query(
      `SELECT status, last_activity_at AS "lastActivityAt" FROM projects WHERE id = $1`,
      [projectId],
    );
    if (!row) throw ProjectErrors.notFound(projectId);
    const today = this.clock.today();
    const { staleWorkingDays } = await this.discipline.config();
    const activityDate = districtDate(row.lastActivityAt);
    return {
      projectId,
      lastActivityAt: row.lastActivityAt.toISOString(),
      workingDaysSinceActivity: Math.max(this.portfolio.workingDays.between(activityDate, today), 0),
      staleWorkingDays,
      stale: isStale(row.status, row.lastActivityAt, this.discipline.staleCutoff(today, staleWorkingDays)),
    };
  }

  /** The list's filters as SQL over `projects p` (also used by the OC4IDS export); parameters start at $1. mine=true needs the caller. */
  filters(
    query: Omit<ListProjectsQuery, 'page' | 'pageSize' | 'sort' | 'order'>,
    principal?: Principal,
    ids?: string[],
    staleCutoff?: string,
  ): { where: string; params: unknown[] } {
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
    if (query.stale !== undefined) {
      if (staleCutoff === undefined) throw new Error('stale filter without a cutoff');
      const stale = `(p.status = ANY(${param(STALE_STATUSES)}::varchar[]) AND (p.last_activity_at AT TIME ZONE 'Asia/Shanghai')::date < ${param(staleCutoff)}::date)`;
      conditions.push(query.stale ? stale : `NOT ${stale}`);
    }

    return { where: conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '', params };
  }
}

type PageRow = ProjectRow & { page_total: number; light_rules: StoredRules; reference_version: string };

function currentProjectOf(row: ProjectRow): CurrentProject {
  return {
    stateVersion: row.state_version,
    project: {
      id: row.id,
      name: row.name,
      kind: row.kind,
      status: row.status,
      column: { id: row.column_id, number: row.column_number, title: row.column_title },
      group: { id: row.group_id, number: row.group_number, title: row.group_title },
      ownerUnit: row.owner_id === null ? null : { id: row.owner_id, name: row.owner_name! },
      plannedStartDate: row.planned_start_date,
      plannedEndDate: row.planned_end_date,
      percentComplete: row.percent_complete,
    },
  };
}

/** The same test as the stale filter's SQL, for a row read. */
export function isStale(status: ProjectRow['status'], lastActivityAt: Date, staleCutoff: string): boolean {
  return STALE_STATUSES.includes(status) && districtDate(lastActivityAt) < staleCutoff;
}

function warningOf(project: AssessedProject): ProjectWarningDto {
  const { light, reasons, overdueCount, worstWorkingDaysLate } = project.assessment;
  return { light, reasons, overdueCount, worstWorkingDaysLate, details: describeReasons(project.assessment) };
}
