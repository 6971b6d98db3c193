import { Injectable } from '@nestjs/common';
import { Clock } from '@app/calendar';
import { AssessedProject, assessMilestone, describeReasons, PortfolioFilter, PortfolioReader, WarningLight } from '@app/reporting';
import { Errors } from '../common/app-error';
import { ListProjectLightsQuery } from './dto/list-project-lights.query';
import { ProjectLightDetailDto, ProjectLightDto, ProjectLightPageDto } from './dto/project-light.response';

const severity: Record<WarningLight, number> = { red: 0, yellow: 1, green: 2 };

/** Today's lights of the portfolio and of one project (live: recomputed on every read from the current data). */
@Injectable()
export class WarningLightsService {
  constructor(
    private readonly portfolio: PortfolioReader,
    private readonly clock: Clock,
  ) {}

  /** Every live project's light, worst first (red, then yellow by days late), paged in memory after one set-based read. */
  async list(query: ListProjectLightsQuery): Promise<ProjectLightPageDto> {
    const asOf = this.clock.today();
    const filter: PortfolioFilter = { column: query.column, ownerUnit: query.ownerUnit, kind: query.kind };
    const projects = (await this.portfolio.assess(asOf, { filter, excludeCancelled: true }))
      .map((project, order) => ({ project, order }))
      .filter(({ project }) => !query.light || project.assessment.light === query.light)
      .sort(
        (a, b) =>
          severity[a.project.assessment.light] - severity[b.project.assessment.light] ||
          b.project.assessment.worstWorkingDaysLate - a.project.assessment.worstWorkingDaysLate ||
          a.order - b.order,
      );
    const start = (query.page - 1) * query.pageSize;
    return {
      asOf,
      total: projects.length,
      page: query.page,
      pageSize: query.pageSize,
      items: projects.slice(start, start + query.pageSize).map(({ project }) => toProjectLight(project)),
    };
  }

  async forProject(projectId: string): Promise<ProjectLightDetailDto> {
    const asOf = this.clock.today();
    const [project] = await this.portfolio.assess(asOf, { filter: { projectId } });
    if (!project) throw Errors.notFound('project', projectId);
    const rules = await this.portfolio.rules();
    return {
      ...toProjectLight(project),
      asOf,
      openMilestones: project.openMilestones.map((milestone) => {
        const assessment = assessMilestone(milestone, asOf, rules, this.portfolio.workingDays);
        return {
          id: milestone.id,
          name: milestone.name,
          kind: milestone.kind,
          plannedDate: milestone.plannedDate,
          baselineDate: milestone.baselineDate,
          light: assessment.light,
          reasons: assessment.reasons,
          workingDaysLate: assessment.workingDaysLate,
          workingDaysUntilDue: assessment.workingDaysUntilDue,
          slipWorkingDays: assessment.slipWorkingDays,
        };
      }),
    };
  }
}

export function toProjectLight(project: AssessedProject): ProjectLightDto {
  const { assessment } = project;
  return {
    projectId: project.id,
    name: project.name,
    kind: project.kind,
    status: project.status,
    column: { number: project.column.number, title: project.column.title },
    ownerUnit: project.ownerUnit,
    light: assessment.light,
    reasons: assessment.reasons,
    overdueCount: assessment.overdueCount,
    worstWorkingDaysLate: assessment.worstWorkingDaysLate,
    slipWorkingDays: assessment.slipWorkingDays,
    scheduleIndex: assessment.scheduleIndex,
    progress: assessment.progress,
    start: assessment.start,
    investment: assessment.investment,
    problems: assessment.problems,
    details: describeReasons(assessment),
  };
}
