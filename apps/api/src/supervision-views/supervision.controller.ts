import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AllowApiKey, AllowRoles, CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiDoc } from '../common/api-doc.decorator';
import { PagedPortfolioFilterQuery } from '../warning-lights/dto/portfolio-filter.query';
import { OverdueMilestonePageDto, OverdueQuery, SummaryDto, SummaryQuery, TrendsDto } from './dto/supervision.dto';
import { SupervisionService } from './supervision.service';

/** 督查室 views; readable by supervisors, admins, viewers, leaders and API keys with reports:read; the overdue list by editors too. */
@ApiTags('supervision')
@Controller('supervision')
@AllowRoles('supervisor', 'admin', 'viewer', 'leader')
@AllowApiKey('reports:read')
export class SupervisionController {
  constructor(private readonly supervision: SupervisionService) {}

  @Get('overdue')
  @AllowRoles('supervisor', 'admin', 'viewer', 'leader', 'department_editor')
  @ApiDoc({
    summary: 'Overdue milestones (逾期节点), most working days late first',
    description:
      'Pending milestones whose planned date is before today, of projects not cancelled. Working days late = working days in (planned date, today]. ' +
      "Department editors see their own unit's by default and the district's with scope=all (the ranking is published to every unit).",
    type: OverdueMilestonePageDto,
    errors: [400, 403],
  })
  overdue(@CurrentPrincipal() principal: Principal, @Query() query: OverdueQuery): Promise<OverdueMilestonePageDto> {
    return this.supervision.overdue(principal, query);
  }

  @Get('summary')
  @ApiDoc({
    summary: 'Projects by light (红黄绿灯) within each column, group, kind, owner unit or light',
    description: "Today's lights of every project not cancelled; the same rules as GET /warning-lights/projects.",
    type: SummaryDto,
    errors: [400, 403],
  })
  summary(@Query() query: SummaryQuery): Promise<SummaryDto> {
    return this.supervision.summary(query);
  }

  @Get('trends')
  @ApiDoc({
    summary: 'Late projects this week against last week: getting better, worse or unchanged',
    description:
      'This week = today. Last week = the Sunday that ended the previous ISO week: taken from the stored weekly report of that week when there is one ' +
      '(lastWeek.source = snapshot), otherwise computed from the current data as of that Sunday (source = computed: milestones count as done by their ' +
      'actual dates; planned dates moved since are seen at their new dates). A project is listed when it is late on either side.',
    type: TrendsDto,
    errors: [400, 403],
  })
  trends(@Query() query: PagedPortfolioFilterQuery): Promise<TrendsDto> {
    return this.supervision.trends(query);
  }
}
