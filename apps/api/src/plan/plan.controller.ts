import { Controller, Get, Param, ParseIntPipe } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { AllowApiKey } from '../auth/auth.decorators';
import { ApiDoc } from '../common/api-doc.decorator';
import { Errors } from '../common/app-error';
import { PlanColumnDetailDto, PlanColumnSummaryDto, PlanIndicatorDto, PlanResponseDto } from './dto/plan.response';
import { PlanService } from './plan.service';

const columnNumberPipe = new ParseIntPipe({
  exceptionFactory: () => Errors.validation([{ field: 'number', reason: 'number must be a whole number (the 专栏 number)' }]),
});

/** The plan catalogue: readable by every signed-in role and by API keys with projects:read. */
@ApiTags('plan')
@AllowApiKey('projects:read')
@Controller()
export class PlanController {
  constructor(private readonly plan: PlanService) {}

  @Get('plan')
  @ApiDoc({ summary: 'The plan (规划纲要) with its columns (专栏) and main indicators (专栏 1)', type: PlanResponseDto, errors: [403, 404] })
  getPlan(): Promise<PlanResponseDto> {
    return this.plan.getPlan();
  }

  @Get('columns')
  @ApiDoc({ summary: 'The columns (专栏) with their group and project counts', type: [PlanColumnSummaryDto], errors: [403] })
  listColumns(): Promise<PlanColumnSummaryDto[]> {
    return this.plan.listColumns();
  }

  @Get('columns/:number')
  @ApiParam({ name: 'number', example: 8, description: '专栏 number' })
  @ApiDoc({ summary: 'One column (专栏) with its groups and their project counts', type: PlanColumnDetailDto, errors: [400, 403, 404] })
  getColumn(@Param('number', columnNumberPipe) number: number): Promise<PlanColumnDetailDto> {
    return this.plan.getColumn(number);
  }

  @Get('indicators')
  @ApiDoc({ summary: 'The main indicators of the plan (专栏 1 主要指标)', type: [PlanIndicatorDto], errors: [403] })
  listIndicators(): Promise<PlanIndicatorDto[]> {
    return this.plan.listIndicators();
  }
}
