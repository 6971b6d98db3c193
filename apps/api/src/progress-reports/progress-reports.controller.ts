import { Body, Controller, Get, Headers, Param, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AllowApiKey, AllowRoles, CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiDoc } from '../common/api-doc.decorator';
import { PageQuery } from '../common/pagination';
import { UuidParam } from '../common/uuid-param.pipe';
import { CreateProgressReportDto } from './dto/create-progress-report.dto';
import { ProgressReportPage, ProgressReportResponse } from './dto/progress-report.response';
import { ProgressReportsService } from './progress-reports.service';

/** 进展填报: progress reports of a project, newest first. */
@ApiTags('progress-reports')
@Controller('projects/:projectId/progress-reports')
export class ProgressReportsController {
  constructor(private readonly reports: ProgressReportsService) {}

  @Get()
  @AllowApiKey('projects:read')
  @ApiDoc({ summary: 'Progress reports of a project, newest first', type: ProgressReportPage, errors: [400, 403, 404] })
  list(@Param('projectId', UuidParam('projectId')) projectId: string, @Query() query: PageQuery): Promise<ProgressReportPage> {
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
}
