import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { AllowApiKey, AllowRoles, CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiDoc } from '../common/api-doc.decorator';
import { UuidParam } from '../common/uuid-param.pipe';
import { SetInvestmentAmountDto } from './dto/set-investment-amount.dto';
import { InvestmentSummaryDto } from './dto/investment-summary.response';
import { InvestmentService } from './investment.service';

@ApiTags('investment')
@ApiParam({ name: 'id', format: 'uuid', description: 'Project id' })
@Controller('projects/:id/investment')
export class InvestmentController {
  constructor(private readonly investment: InvestmentService) {}

  @Get()
  @AllowApiKey('projects:read')
  @ApiDoc({
    summary: 'Investment of a project: total, annual plans, completed by month, this year against plan (投资完成情况)',
    type: InvestmentSummaryDto,
    errors: [400, 403, 404],
  })
  get(@Param('id', UuidParam()) id: string): Promise<InvestmentSummaryDto> {
    return this.investment.get(id);
  }

  @Put('annual-plans/:year')
  @AllowRoles('admin', 'department_editor')
  @ApiParam({ name: 'year', schema: { type: 'integer', minimum: 2000, maximum: 2100, example: 2026 }, description: 'Calendar year, e.g. 2026' })
  @ApiDoc({
    summary: 'Set the planned investment of a year (年度计划投资), in 万元',
    description: 'Admin, or the editor of the owning department. Replaces the year\'s amount. Returns the new summary.',
    type: InvestmentSummaryDto,
    errors: [400, 403, 404],
  })
  setAnnualPlan(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidParam()) id: string,
    @Param('year') year: string,
    @Body() body: SetInvestmentAmountDto,
  ): Promise<InvestmentSummaryDto> {
    return this.investment.setAnnualPlan(principal, id, year, body);
  }

  @Put('monthly/:month')
  @AllowRoles('admin', 'department_editor')
  @ApiParam({ name: 'month', example: '2026-03' })
  @ApiDoc({
    summary: 'Set the investment completed in a month (月度完成投资), in 万元',
    description: 'Admin, or the editor of the owning department. Replaces the month\'s amount; a month still to come is refused. Returns the new summary.',
    type: InvestmentSummaryDto,
    errors: [400, 403, 404],
  })
  setMonthlyCompleted(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidParam()) id: string,
    @Param('month') month: string,
    @Body() body: SetInvestmentAmountDto,
  ): Promise<InvestmentSummaryDto> {
    return this.investment.setMonthlyCompleted(principal, id, month, body);
  }
}
