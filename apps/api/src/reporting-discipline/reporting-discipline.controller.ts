import { Body, Controller, Get, Headers, Param, Put, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AllowApiKey, AllowRoles, CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiDoc } from '../common/api-doc.decorator';
import { versionEtag } from '../common/etag';
import { UuidParam } from '../common/uuid-param.pipe';
import { DisciplineRangeQuery, LateReportPageDto, ListLateReportsQuery, UnitReportingRatesDto } from './dto/reporting-discipline.dto';
import { ProjectReportingPeriodResponse, ReportingSettingsResponse, SetProjectReportingPeriodDto, UpdateReportingSettingsDto } from './dto/reporting-settings.dto';
import { ReportingDisciplineService } from './reporting-discipline.service';
import { ReportingSettingsService } from './reporting-settings.service';

@ApiTags('reporting-discipline 按时填报')
@Controller()
export class ReportingDisciplineController {
  constructor(
    private readonly discipline: ReportingDisciplineService,
    private readonly settings: ReportingSettingsService,
  ) {}

  @Get('reporting-discipline/late')
  @AllowApiKey('reports:read')
  @ApiDoc({
    summary: '未按时填报: project-periods past their deadline without a report by it (迟报 or 未报), newest deadline first',
    description:
      'A 前期 or 在建 project owes one progress report per period (weekly by default; per 专栏 or project monthly) by its deadline ' +
      '(see GET /settings/reporting). Periods whose deadline date falls in [from, to]; a project owes a period only if it existed when the period began.',
    type: LateReportPageDto,
    errors: [400, 403],
  })
  late(@Query() query: ListLateReportsQuery): Promise<LateReportPageDto> {
    return this.discipline.late(query);
  }

  @Get('reporting-discipline/units')
  @AllowApiKey('reports:read')
  @ApiDoc({ summary: '按时填报率 per unit: periods past their deadline in [from, to], on time / late / missing', type: UnitReportingRatesDto, errors: [400, 403] })
  units(@Query() query: DisciplineRangeQuery): Promise<UnitReportingRatesDto> {
    return this.discipline.units(query);
  }

  @Get('settings/reporting')
  @AllowApiKey('reports:read')
  @ApiDoc({ summary: '按时填报 settings: default period, deadline weekday and time, stale threshold, the 专栏 periods; ETag = version', type: ReportingSettingsResponse, errors: [403] })
  async getSettings(@Res({ passthrough: true }) reply: FastifyReply): Promise<ReportingSettingsResponse> {
    const settings = await this.settings.get();
    void reply.header('ETag', versionEtag(settings.version));
    return settings;
  }

  @Put('settings/reporting')
  @AllowRoles('admin')
  @ApiDoc({
    summary: 'Change the 按时填报 settings and 专栏 periods (admin; If-Match; audited)',
    description: 'columns lists only the 专栏 to change (reportingPeriod null = back to the default). Needs If-Match (428 without, 412 when stale).',
    type: ReportingSettingsResponse,
    errors: [400, 403, 412, 428],
  })
  async updateSettings(
    @CurrentPrincipal() principal: Principal,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateReportingSettingsDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReportingSettingsResponse> {
    const settings = await this.settings.update(principal, body, ifMatch);
    void reply.header('ETag', versionEtag(settings.version));
    return settings;
  }

  @Put('projects/:id/reporting-period')
  @AllowRoles('admin')
  @ApiDoc({
    summary: "A project's own reporting period (admin; If-Match with the project's ETag; audited)",
    description: 'null = its 专栏\'s period, else the default. Returns the project\'s new version.',
    type: ProjectReportingPeriodResponse,
    errors: [400, 403, 404, 412, 428],
  })
  async setProjectPeriod(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidParam()) projectId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: SetProjectReportingPeriodDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ProjectReportingPeriodResponse> {
    const result = await this.settings.setProjectPeriod(principal, projectId, body, ifMatch);
    void reply.header('ETag', versionEtag(result.version));
    return result;
  }
}
