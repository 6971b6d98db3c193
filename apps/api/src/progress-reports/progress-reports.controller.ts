import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AllowApiKey, AllowRoles, CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiDoc } from '../common/api-doc.decorator';
import { UuidParam } from '../common/uuid-param.pipe';
import { CreateProgressReportDto } from './dto/create-progress-report.dto';
import { ProgressReportPage, ProgressReportResponse } from './dto/progress-report.response';
import { ListProgressReportsQuery } from './dto/list-progress-reports.query';
import { WithdrawProgressReportDto } from './dto/withdraw-progress-report.dto';
import { ProgressReportsService } from './progress-reports.service';

/** 进展填报: progress reports of a project, newest first. */
@ApiTags('progress-reports')
@Controller('projects/:projectId/progress-reports')
export class ProgressReportsController {
  constructor(private readonly reports: ProgressReportsService) {}

  @Get()
  @AllowApiKey('projects:read')
  @ApiDoc({ summary: 'Progress reports of a project, newest first (withdrawn ones with includeWithdrawn=true)', type: ProgressReportPage, errors: [400, 403, 404] })
  list(@Param('projectId', UuidParam('projectId')) projectId: string, @Query() query: ListProgressReportsQuery): Promise<ProgressReportPage> {
    return this.reports.list(projectId, query);
  }

  @Post()
  @AllowRoles('admin', 'department_editor')
  @ApiDoc({
    summary: 'File a progress report (进展填报); adds its investment to the month and sets the project’s percent complete',
    type: ProgressReportResponse,
    status: 201,
    errors: [400, 403, 404, 409],
  })
  async file(
    @CurrentPrincipal() principal: Principal,
    @Param('projectId', UuidParam('projectId')) projectId: string,
    @Body() body: CreateProgressReportDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ProgressReportResponse> {
    const { report, replayed } = await this.reports.file(principal, projectId, body, idempotencyKey);
    if (replayed) void reply.status(200).header('idempotent-replayed', 'true');
    return report;
  }

  @Post(':reportId/withdraw')
  @HttpCode(200)
  @AllowRoles('admin', 'department_editor')
  @ApiDoc({
    summary: 'Withdraw a report (撤回) with a reason: the owner unit within 24 h of posting, an admin at any time',
    description:
      'The report stays readable (includeWithdrawn=true) and in the audit trail; its investment leaves the month and the project\'s percent complete ' +
      'falls back to the latest report still standing. Lights and the weekly report ignore it.',
    type: ProgressReportResponse,
    errors: [400, 403, 404, 409],
  })
  withdraw(
    @CurrentPrincipal() principal: Principal,
    @Param('projectId', UuidParam('projectId')) projectId: string,
    @Param('reportId', UuidParam('reportId')) reportId: string,
    @Body() dto: WithdrawProgressReportDto,
  ): Promise<ProgressReportResponse> {
    return this.reports.withdraw(principal, projectId, reportId, dto);
  }
}
