/**
 * 挂图作战: a 专栏's projects with every milestone and today's lights, in one read for the timeline page. Four set-based
 * queries whatever the column's size (the lights of PortfolioReader, the milestones of the column, the column and the
 * unit), no query per project; each milestone's light comes from the same pure rules as GET /warning-lights/projects/:id.
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@app/calendar';
import { KEY_MILESTONE_KINDS, MILESTONE_KIND_LABELS, MilestoneKind, MilestoneStatus, PROJECT_STATUS_LABELS } from '@app/domain';
import { assessMilestone, describeReasons, PortfolioReader } from '@app/reporting';
import { Errors } from '../common/app-error';
import { CURRENT_PLAN_ID_SQL } from '../plan/current-plan';
import { PlanErrors } from '../plan/plan.errors';
import { TimelineQuery } from './dto/timeline.query';
import { TimelineDto, TimelineMilestoneDto, TimelineUnitDto } from './dto/timeline.response';

interface MilestoneRow {
  id: string;
  projectId: string;
  name: string;
  kind: MilestoneKind;
  status: MilestoneStatus;
  baselineDate: string;
  plannedDate: string;
  actualDate: string | null;
}

@Injectable()
export class TimelineService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly portfolio: PortfolioReader,
    private readonly clock: Clock,
  ) {}

  async read(query: TimelineQuery): Promise<TimelineDto> {
    const asOf = this.clock.today();
    const [column, ownerUnit, rules] = await Promise.all([this.column(query.column), this.unit(query.ownerUnit), this.portfolio.rules()]);
    const filter = { column: column.number, ownerUnit: query.ownerUnit };
    const [projects, milestones] = await Promise.all([
      this.portfolio.assess(asOf, { filter, excludeCancelled: true, rules }),
      this.milestones(column.id, query.ownerUnit),
    ]);
    const byProject = new Map<string, TimelineMilestoneDto[]>();
    for (const row of milestones) {
      const assessment = assessMilestone(row, asOf, rules, this.portfolio.workingDays);
      const dto: TimelineMilestoneDto = {
        id: row.id,
        name: row.name,
        kind: row.kind,
        kindLabel: MILESTONE_KIND_LABELS[row.kind],
        isKey: KEY_MILESTONE_KINDS.includes(row.kind),
        baselineDate: row.baselineDate,
        plannedDate: row.plannedDate,
        actualDate: row.actualDate,
        status: row.status,
        light: assessment.light,
        reasons: assessment.reasons,
        workingDaysLate: assessment.workingDaysLate,
      };
      const list = byProject.get(row.projectId);
      if (list) list.push(dto);
      else byProject.set(row.projectId, [dto]);
    }
    const rows = projects.map((project) => {
      const { light, reasons, overdueCount, worstWorkingDaysLate } = project.assessment;
      return {
        id: project.id,
        name: project.name,
        status: project.status,
        statusLabel: PROJECT_STATUS_LABELS[project.status],
        group: { number: project.group.number, title: project.group.title },
        ownerUnit: project.ownerUnit,
        warning: { light, reasons, overdueCount, worstWorkingDaysLate, details: describeReasons(project.assessment) },
        milestones: byProject.get(project.id) ?? [],
      };
    });
    return {
      asOf,
      column: { number: column.number, title: column.title },
      ownerUnit,
      projectCount: rows.length,
      milestoneCount: rows.reduce((sum, row) => sum + row.milestones.length, 0),
      projects: rows,
    };
  }

  /** The asked-for column of the current plan, or the one with the most projects; an unknown number is a 400 (a filter, not a path). */
  private async column(number: number | undefined): Promise<{ id: string; number: number; title: string }> {
    const rows: Array<{ id: string; number: number; title: string }> =
      number === undefined
        ? await this.dataSource.query(
            `SELECT c.id, c.number, c.title FROM plan_columns c
              WHERE c.plan_id = ${CURRENT_PLAN_ID_SQL}
              ORDER BY (SELECT count(*) FROM projects p WHERE p.column_id = c.id) DESC, c.number
              LIMIT 1`,
          )
        : await this.dataSource.query(`SELECT c.id, c.number, c.title FROM plan_columns c WHERE c.plan_id = ${CURRENT_PLAN_ID_SQL} AND c.number = $1`, [number]);
    if (rows.length === 0) {
      if (number === undefined) throw PlanErrors.noPlan();
      throw Errors.validation([{ field: 'column', reason: `the plan has no 专栏 ${number}` }]);
    }
    return { ...rows[0], number: Number(rows[0].number) };
  }

  private async unit(id: string | undefined): Promise<TimelineUnitDto | null> {
    if (id === undefined) return null;
    const [row]: TimelineUnitDto[] = await this.dataSource.query(`SELECT id, name FROM departments WHERE id = $1`, [id]);
    if (!row) throw Errors.validation([{ field: 'ownerUnit', reason: 'no owner unit (department) with this id' }]);
    return row;
  }

  /** Pending and done milestones of the column's live projects, by planned date (cancelled and removed ones are not on the axis). */
  private milestones(columnId: string, ownerUnit: string | undefined): Promise<MilestoneRow[]> {
    const params: unknown[] = [columnId];
    if (ownerUnit) params.push(ownerUnit);
    return this.dataSource.query(
      `SELECT m.id, m.project_id AS "projectId", m.name, m.kind, m.status,
              m.baseline_date AS "baselineDate", m.planned_date AS "plannedDate", m.actual_date AS "actualDate"
         FROM milestones m
         JOIN projects p ON p.id = m.project_id
        WHERE p.column_id = $1 AND p.status <> 'cancelled' AND m.status IN ('pending', 'done')
          ${ownerUnit ? 'AND p.owner_department_id = $2' : ''}
        ORDER BY m.planned_date, m.id`,
      params,
    );
  }
}
