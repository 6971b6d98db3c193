import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, WorkingDayCalendar } from '@app/calendar';
import { addCalendarDays, KEY_MILESTONE_KINDS, PROJECT_KIND_LABELS, PROJECT_KINDS } from '@app/domain';
import {
  AssessedProject,
  compareLateness,
  Lateness,
  lastCompletedIsoWeek,
  PortfolioFilter,
  portfolioConditions,
  PortfolioReader,
  ProjectLightRow,
  PROJECT_PLACE_SQL,
  WARNING_LIGHT_LABELS,
  WARNING_LIGHTS,
  Trend,
  WarningLight,
} from '@app/reporting';
import type { Principal } from '../auth/principal';
import { Errors } from '../common/app-error';
import { PagedPortfolioFilterQuery, PortfolioFilterQuery } from '../warning-lights/dto/portfolio-filter.query';
import {
  OverdueMilestoneDto,
  OverdueMilestonePageDto,
  OverdueQuery,
  ProjectTrendDto,
  SummaryBucketDto,
  SummaryDto,
  SummaryQuery,
  TrendsDto,
} from './dto/supervision.dto';

const NO_OWNER_UNIT = '未明确责任单位';

interface TrendSubject {
  projectId: string;
  projectName: string;
  projectKind: AssessedProject['kind'];
  columnNumber: number;
  ownerUnit: { id: string; name: string } | null;
}

function filterOf(query: PortfolioFilterQuery): PortfolioFilter {
  return { column: query.column, ownerUnit: query.ownerUnit, kind: query.kind };
}

/**
 * Whose overdue milestones a caller gets: a department editor its own unit's
 * unless it asks for the district (scope=all); everyone else the district
 * unless it asks for its own unit. An ownerUnit filter narrows the district.
 */
function overdueOwnerUnit(principal: Principal, query: OverdueQuery): string | undefined {
  const scope = query.scope ?? (principal.role === 'department_editor' ? 'unit' : 'all');
  if (scope === 'all') return query.ownerUnit;
  if (!principal.departmentId) {
    throw Errors.validation([{ field: 'scope', reason: 'scope=unit needs an account that belongs to a unit; use scope=all' }]);
  }
  if (query.ownerUnit !== undefined && query.ownerUnit !== principal.departmentId) {
    throw Errors.validation([{ field: 'ownerUnit', reason: "another unit's list needs scope=all" }]);
  }
  return principal.departmentId;
}

/** 督查室 views: overdue milestones, lights by bucket, and week-on-week trends — live, as of today. */
@Injectable()
export class SupervisionService {
  /** Last week's stored lights by ISO week, with the content hash they were read at. */
  private readonly snapshots = new Map<string, { contentHash: string; lights: ProjectLightRow[] }>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly portfolio: PortfolioReader,
    private readonly clock: Clock,
    private readonly calendar: WorkingDayCalendar,
  ) {}

  /**
   * Overdue milestones (pending, planned date before today) of live projects,
   * most working days late first. Working days late only grow as the planned
   * date gets older, so ordering by planned date in SQL is ordering by days late,
   * and paging stays in Postgres (the partial index on pending milestones).
   */
  async overdue(principal: Principal, query: OverdueQuery): Promise<OverdueMilestonePageDto> {
    const today = this.clock.today();
    const params: unknown[] = [today];
    const where = portfolioConditions({ ...filterOf(query), ownerUnit: overdueOwnerUnit(principal, query) }, params);
    let lateEnough = '';
    if (query.minWorkingDaysLate !== undefined) {
      params.push(this.latestPlannedDateLateBy(today, query.minWorkingDaysLate));
      lateEnough = ` AND m.planned_date <= $${params.length}`;
    }
    const from = `
        FROM milestones m
        JOIN (${PROJECT_PLACE_SQL}) ON p.id = m.project_id
       WHERE m.status = 'pending' AND m.planned_date < $1 AND p.status <> 'cancelled' AND ${where}${lateEnough}`;
    const pageParams = [...params, query.pageSize, (query.page - 1) * query.pageSize];
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query(
        `SELECT m.id AS "milestoneId", m.name AS "milestoneName", m.kind AS "milestoneKind",
                m.planned_date AS "plannedDate", m.baseline_date AS "baselineDate",
                p.id AS "projectId", p.name AS "projectName", p.kind AS "projectKind", p.status AS "projectStatus",
                c.number AS "columnNumber", c.title AS "columnTitle", d.id AS "ownerUnitId", d.name AS "ownerUnitName",
                COALESCE((SELECT u.display_name FROM users u WHERE u.id = p.lead_official_user_id), p.lead_official) AS "leadOfficial"
         ${from}
         ORDER BY m.planned_date, c.number, g.number, p.sort_order, m.id
         LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        pageParams,
      ),
      this.dataSource.query(`SELECT count(*)::int AS total ${from}`, params),
    ]);
    const days = this.portfolio.workingDays;
    return {
      asOf: today,
      total,
      page: query.page,
      pageSize: query.pageSize,
      items: rows.map(
        (row: Record<string, any>): OverdueMilestoneDto => ({
          milestoneId: row.milestoneId,
          milestoneName: row.milestoneName,
          milestoneKind: row.milestoneKind,
          plannedDate: row.plannedDate,
          baselineDate: row.baselineDate,
          workingDaysLate: days.between(row.plannedDate, today),
          workingDaysSlipped: days.between(row.baselineDate, row.plannedDate),
          isKeyMilestone: KEY_MILESTONE_KINDS.includes(row.milestoneKind),
          projectId: row.projectId,
          projectName: row.projectName,
          projectKind: row.projectKind,
          projectStatus: row.projectStatus,
          column: { number: Number(row.columnNumber), title: row.columnTitle },
          ownerUnit: row.ownerUnitId ? { id: row.ownerUnitId, name: row.ownerUnitName } : null,
          leadOfficial: row.leadOfficial ?? null,
        }),
      ),
    };
  }

  /**
   * The latest planned date that is at least `minimum` working days late today: days late only grow as the
   * planned date gets older, so the filter stays a range on the indexed column. Starts from the calendar's
   * answer and steps over the few holidays around it.
   */
  private latestPlannedDateLateBy(today: string, minimum: number): string {
    const days = this.portfolio.workingDays;
    let date = addCalendarDays(today, -1);
    try {
      date = this.calendar.addWorkingDays(today, -minimum);
    } catch {
      return '0001-01-01';
    }
    while (days.between(date, today) < minimum) date = addCalendarDays(date, -1);
    while (days.between(addCalendarDays(date, 1), today) >= minimum) date = addCalendarDays(date, 1);
    return date;
  }

  /** Live projects counted by light within each bucket of one dimension. */
  async summary(query: SummaryQuery): Promise<SummaryDto> {
    const today = this.clock.today();
    const projects = await this.portfolio.assess(today, { filter: filterOf(query), excludeCancelled: true });
    const buckets = new Map<string | null, SummaryBucketDto & { order: [number, number, string] }>();
    const totals = { red: 0, yellow: 0, green: 0, total: 0 };
    for (const project of projects) {
      const { key, label, order } = bucketOf(query.by, project);
      const bucket = buckets.get(key) ?? { key, label, order, red: 0, yellow: 0, green: 0, total: 0 };
      buckets.set(key, bucket);
      bucket[project.assessment.light]++;
      bucket.total++;
      totals[project.assessment.light]++;
      totals.total++;
    }
    if (query.by === 'light') {
      for (const light of WARNING_LIGHTS) {
        if (!buckets.has(light)) buckets.set(light, { key: light, label: WARNING_LIGHT_LABELS[light], order: [WARNING_LIGHTS.indexOf(light), 0, ''], red: 0, yellow: 0, green: 0, total: 0 });
      }
    }
    const sorted = [...buckets.values()].sort(
      (a, b) => a.order[0] - b.order[0] || a.order[1] - b.order[1] || a.order[2].localeCompare(b.order[2], 'zh-Hans-CN'),
    );
    return { asOf: today, by: query.by, buckets: sorted.map(({ order: _order, ...bucket }) => bucket), totals };
  }

  /**
   * Each late project, today against last Sunday. Last week comes from the
   * stored 周报 of that week when there is one (what was reported then), else it
   * is computed from today's data as of that Sunday; the answer says which.
   */
  async trends(query: PagedPortfolioFilterQuery): Promise<TrendsDto> {
    const today = this.clock.today();
    const lastWeek = lastCompletedIsoWeek(today);
    const filter = filterOf(query);

    const current = await this.portfolio.assess(today, { filter, excludeCancelled: true });
    const subjects = new Map<string, TrendSubject>();
    const thisWeek = new Map<string, Lateness>();
    for (const project of current) {
      subjects.set(project.id, {
        projectId: project.id,
        projectName: project.name,
        projectKind: project.kind,
        columnNumber: project.column.number,
        ownerUnit: project.ownerUnit,
      });
      if (project.assessment.overdueCount > 0) thisWeek.set(project.id, lateness(project.assessment));
    }

    const previous = new Map<string, Lateness>();
    const snapshot = await this.snapshotLights(lastWeek.name);
    if (snapshot) {
      for (const row of snapshot) {
        if (row.overdueCount === 0 || !matches(row, filter)) continue;
        previous.set(row.projectId, lateness(row));
        if (!subjects.has(row.projectId)) {
          subjects.set(row.projectId, {
            projectId: row.projectId,
            projectName: row.projectName,
            projectKind: row.projectKind,
            columnNumber: row.columnNumber,
            ownerUnit: row.ownerUnitId ? { id: row.ownerUnitId, name: row.ownerUnitName! } : null,
          });
        }
      }
    } else {
      const then = await this.portfolio.assess(lastWeek.end, { filter, excludeCancelled: true });
      for (const project of then) if (project.assessment.overdueCount > 0) previous.set(project.id, lateness(project.assessment));
    }

    const none: Lateness = { overdueCount: 0, worstWorkingDaysLate: 0 };
    const order: Record<Trend, number> = { worse: 0, unchanged: 1, better: 2 };
    const items: ProjectTrendDto[] = [...new Set([...thisWeek.keys(), ...previous.keys()])]
      .map((projectId) => {
        const now = thisWeek.get(projectId) ?? none;
        const then = previous.get(projectId) ?? none;
        return { ...subjects.get(projectId)!, thisWeek: now, lastWeek: then, trend: compareLateness(now, then) };
      })
      .sort(
        (a, b) =>
          order[a.trend] - order[b.trend] ||
          b.thisWeek.worstWorkingDaysLate - a.thisWeek.worstWorkingDaysLate ||
          b.lastWeek.worstWorkingDaysLate - a.lastWeek.worstWorkingDaysLate ||
          a.projectId.localeCompare(b.projectId),
      );
    const start = (query.page - 1) * query.pageSize;
    return {
      asOf: today,
      lastWeek: { isoWeek: lastWeek.name, asOf: lastWeek.end, source: snapshot ? 'snapshot' : 'computed' },
      totals: {
        worse: items.filter((item) => item.trend === 'worse').length,
        unchanged: items.filter((item) => item.trend === 'unchanged').length,
        better: items.filter((item) => item.trend === 'better').length,
      },
      total: items.length,
      page: query.page,
      pageSize: query.pageSize,
      items: items.slice(start, start + query.pageSize),
    };
  }

  /**
   * The non-green projects of a stored week, read inside Postgres (only that part of the jsonb). A stored week only
   * changes by an admin rebuild, which gives it a new content hash: the lights are kept per week and hash, so the
   * ~10 MiB snapshot is read once, not on every request.
   */
  private async snapshotLights(isoWeek: string): Promise<ProjectLightRow[] | null> {
    const [stored]: Array<{ content_hash: string }> = await this.dataSource.query(`SELECT content_hash FROM weekly_reports WHERE iso_week = $1`, [isoWeek]);
    if (!stored) return null;
    const kept = this.snapshots.get(isoWeek);
    if (kept?.contentHash === stored.content_hash) return kept.lights;
    const [row] = await this.dataSource.query(`SELECT content -> 'projectLights' AS lights, content_hash FROM weekly_reports WHERE iso_week = $1`, [isoWeek]);
    if (!row) return null;
    this.snapshots.clear(); // only last week's is ever asked for
    this.snapshots.set(isoWeek, { contentHash: row.content_hash, lights: row.lights as ProjectLightRow[] });
    return row.lights as ProjectLightRow[];
  }
}

function lateness(source: Lateness): Lateness {
  return { overdueCount: source.overdueCount, worstWorkingDaysLate: source.worstWorkingDaysLate };
}

function matches(row: ProjectLightRow, filter: PortfolioFilter): boolean {
  return (
    (filter.column === undefined || row.columnNumber === filter.column) &&
    (filter.ownerUnit === undefined || row.ownerUnitId === filter.ownerUnit) &&
    (filter.kind === undefined || row.projectKind === filter.kind)
  );
}

function bucketOf(by: SummaryQuery['by'], project: AssessedProject): { key: string | null; label: string; order: [number, number, string] } {
  switch (by) {
    case 'column':
      return { key: String(project.column.number), label: `专栏${project.column.number} ${project.column.title}`, order: [project.column.number, 0, ''] };
    case 'group':
      return {
        key: `${project.column.number}.${project.group.number}`,
        label: `专栏${project.column.number} ${project.group.number}.${project.group.title}`,
        order: [project.column.number, project.group.number, ''],
      };
    case 'kind':
      return { key: project.kind, label: PROJECT_KIND_LABELS[project.kind], order: [PROJECT_KINDS.indexOf(project.kind), 0, ''] };
    case 'ownerUnit':
      return project.ownerUnit
        ? { key: project.ownerUnit.id, label: project.ownerUnit.name, order: [0, 0, project.ownerUnit.name] }
        : { key: null, label: NO_OWNER_UNIT, order: [1, 0, ''] };
    case 'light': {
      const light: WarningLight = project.assessment.light;
      return { key: light, label: WARNING_LIGHT_LABELS[light], order: [WARNING_LIGHTS.indexOf(light), 0, ''] };
    }
  }
}
