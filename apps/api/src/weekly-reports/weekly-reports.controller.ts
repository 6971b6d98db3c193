import { Controller, Get, Headers, HttpStatus, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AllowApiKey, AllowRoles, CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiDoc } from '../common/api-doc.decorator';
import { PageQuery } from '../common/pagination';
import {
  BuildWeeklyReportQuery,
  BuildWeeklyReportResponse,
  ReadWeeklyReportQuery,
  WeeklyReportDto,
  WeeklyReportPageDto,
} from './dto/weekly-report.dto';
import { ReportRateLimitGuard } from './report-rate-limit.guard';
import { REPORT_MEDIA_TYPES } from './report-format';

/** CSV and XLSX, as their bare media types (the CSV is sent with `; charset=utf-8`). */
const REPORT_BINARY_MEDIA_TYPES = ['text/csv', REPORT_MEDIA_TYPES.xlsx];
import { ReportRepresentation, WeeklyReportsService } from './weekly-reports.service';

const READ_DESCRIPTION =
  'JSON, CSV or XLSX, by ?format= or the Accept header (406 for anything else). CSV: UTF-8 with BOM, one section per file (?section=, default overview). ' +
  'XLSX: one sheet per section with Chinese headers. ETag = content hash + format (+ section); send it back as If-None-Match for a 304. ' +
  'A stored week never changes (only an admin rebuild makes a new revision, with a new hash). A week not built is a 404 whose message says how to build it: ' +
  'reads never build. Limited to REPORT_RATE_LIMIT_PER_MINUTE requests a minute per API key or user (429 with Retry-After).';

const weekParam = ApiParam({ name: 'isoWeek', example: '2026-W47', description: 'ISO week (Monday–Sunday, Asia/Shanghai); malformed → 400' });

function send(reply: FastifyReply, representation: ReportRepresentation): void {
  void reply.status(representation.status).headers(representation.headers).send(representation.body);
}

/** 周报: stored weekly snapshots, built by the worker every Monday or on demand. */
@ApiTags('reports')
@Controller('reports/weekly')
@UseGuards(ReportRateLimitGuard)
export class WeeklyReportsController {
  constructor(private readonly reports: WeeklyReportsService) {}

  @Get()
  @AllowRoles('supervisor', 'admin', 'viewer', 'leader', 'department_editor')
  @AllowApiKey('reports:read')
  @ApiDoc({ summary: 'The stored weeks, newest first (without their content)', type: WeeklyReportPageDto, errors: [400, 403, 429] })
  list(@Query() query: PageQuery): Promise<WeeklyReportPageDto> {
    return this.reports.list(query);
  }

  @Get('latest')
  @AllowRoles('supervisor', 'admin', 'viewer', 'leader', 'department_editor')
  @AllowApiKey('reports:read')
  @ApiDoc({ summary: 'The most recent stored weekly report (周报)', description: READ_DESCRIPTION, type: WeeklyReportDto, binary: REPORT_BINARY_MEDIA_TYPES, errors: [404, 406] })
  async latest(
    @Query() query: ReadWeeklyReportQuery,
    @Headers('accept') accept: string | undefined,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    send(reply, await this.reports.latest({ ...query, accept, ifNoneMatch }));
  }

  @Get(':isoWeek')
  @AllowRoles('supervisor', 'admin', 'viewer', 'leader', 'department_editor')
  @AllowApiKey('reports:read')
  @weekParam
  @ApiDoc({ summary: 'The weekly report (周报) of one ISO week', description: READ_DESCRIPTION, type: WeeklyReportDto, binary: REPORT_BINARY_MEDIA_TYPES, errors: [404, 406] })
  async byWeek(
    @Param('isoWeek') isoWeek: string,
    @Query() query: ReadWeeklyReportQuery,
    @Headers('accept') accept: string | undefined,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    send(reply, await this.reports.byWeek(isoWeek, { ...query, accept, ifNoneMatch }));
  }

  @Post(':isoWeek/build')
  @AllowRoles('supervisor', 'admin')
  @weekParam
  @ApiResponse({ status: 200, type: BuildWeeklyReportResponse, description: 'Already stored: returned untouched (or, with rebuild, recomputed and unchanged / rebuilt)' })
  @ApiDoc({
    summary: 'Build a past week\'s report now (supervisor, admin)',
    description:
      'Builds the week as of its Sunday from the current data and stores it (201). A week already stored is returned as is (200, outcome existing): ' +
      'a snapshot is never rebuilt silently. ?rebuild=true (admin only) recomputes it and stores a new revision if anything differs (audited). ' +
      'The week must have ended (409 otherwise).',
    type: BuildWeeklyReportResponse,
    status: 201,
    errors: [400, 403, 409, 429],
  })
  async build(
    @CurrentPrincipal() principal: Principal,
    @Param('isoWeek') isoWeek: string,
    @Query() query: BuildWeeklyReportQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BuildWeeklyReportResponse> {
    const result = await this.reports.build(principal, isoWeek, query.rebuild ?? false);
    void reply.status(result.outcome === 'built' ? HttpStatus.CREATED : HttpStatus.OK);
    return result;
  }
}
