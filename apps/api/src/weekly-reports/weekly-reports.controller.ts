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
import { RankingHistoryDto, RankingHistoryQuery, SectionPageQuery, WeeklyReportSectionPageDto, WeeklyReportSummaryDto } from './dto/weekly-report-reads.dto';
import { ReportRateLimitGuard } from './report-rate-limit.guard';
import { REPORT_MEDIA_TYPES } from './report-format';
import { REPORT_SECTIONS } from './render/report-tables';
import { WeeklyReportReadsService } from './weekly-report-reads.service';

/** CSV and XLSX, as their bare media types (the CSV is sent with `; charset=utf-8`). */
const REPORT_BINARY_MEDIA_TYPES = ['text/csv', REPORT_MEDIA_TYPES.xlsx];
import { ReportRepresentation, WeeklyReportsService } from './weekly-reports.service';

const READ_DESCRIPTION =
  'JSON, CSV or XLSX, by ?format= or the Accept header (406 for anything else). CSV: UTF-8 with BOM, one section per file (?section=, default overview). ' +
  'XLSX: one sheet per section with Chinese headers. ETag = content hash + format (+ section); send it back as If-None-Match for a 304. ' +
  'A stored week never changes (only an admin rebuild makes a new revision, with a new hash). A week not built is a 404 whose message says how to build it: ' +
  'reads never build. Limited to REPORT_RATE_LIMIT_PER_MINUTE requests a minute per API key or user (429 with Retry-After).';

const LIGHT_READ_DESCRIPTION =
  'A light read of the stored snapshot, computed in Postgres from its jsonb (the whole report of a 10,000-project portfolio is ~10 MiB). ' +
  'isoWeek may be `latest` (the newest stored week). ETag from the snapshot\'s content hash; If-None-Match → 304. ' +
  'Same access as the report itself (reports:read for API keys) and the same REPORT_RATE_LIMIT_PER_MINUTE limit.';

const lightWeekParam = ApiParam({ name: 'isoWeek', example: '2026-W47', description: 'ISO week (YYYY-Www) or `latest`; malformed → 400, not stored → 404' });

const weekParam = ApiParam({ name: 'isoWeek', example: '2026-W47', description: 'ISO week (Monday–Sunday, Asia/Shanghai); malformed → 400' });

function send(reply: FastifyReply, representation: ReportRepresentation): void {
  void reply.status(representation.status).headers(representation.headers).send(representation.body);
}

/** 周报: stored weekly snapshots, built by the worker every Monday or on demand. */
@ApiTags('reports')
@Controller('reports/weekly')
@UseGuards(ReportRateLimitGuard)
export class WeeklyReportsController {
  constructor(
    private readonly reports: WeeklyReportsService,
    private readonly reads: WeeklyReportReadsService,
  ) {}

  @Get()
  @AllowRoles('supervisor', 'admin', 'viewer', 'leader', 'department_editor')
  @AllowApiKey('reports:read')
  @ApiDoc({ summary: 'The stored weeks, newest first (without their content)', type: WeeklyReportPageDto, errors: [400, 403, 429] })
  list(@Query() query: PageQuery): Promise<WeeklyReportPageDto> {
    return this.reports.list(query);
  }

  @Get('ranking-history')
  @AllowRoles('supervisor', 'admin', 'viewer', 'leader', 'department_editor')
  @AllowApiKey('reports:read')
  @ApiDoc({
    summary: 'Each owner unit\'s 按期完成率 and red projects over the newest stored weeks (比拼晾晒 history)',
    description:
      'From the stored snapshots\' ranking (比拼晾晒) and per-unit (按责任单位) sections, read in Postgres: what each week reported, not recomputed. ' +
      'Also each week\'s district red/yellow/green counts. The ETag changes when a week is built or rebuilt; If-None-Match → 304. ' +
      'No stored week: empty lists.',
    type: RankingHistoryDto,
    errors: [400, 429],
  })
  async rankingHistory(@Query() query: RankingHistoryQuery, @Headers('if-none-match') ifNoneMatch: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    send(reply, await this.reads.rankingHistory(query.weeks, ifNoneMatch));
  }

  @Get(':isoWeek/summary')
  @AllowRoles('supervisor', 'admin', 'viewer', 'leader', 'department_editor')
  @AllowApiKey('reports:read')
  @lightWeekParam
  @ApiDoc({
    summary: 'The headline figures of a stored 周报: 总览, investment and lights per 专栏 and 责任单位, the ranking with its rule, the sections and their sizes',
    description: LIGHT_READ_DESCRIPTION,
    type: WeeklyReportSummaryDto,
    errors: [400, 404, 429],
  })
  async summary(@Param('isoWeek') isoWeek: string, @Headers('if-none-match') ifNoneMatch: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    send(reply, await this.reads.summary(isoWeek, ifNoneMatch));
  }

  @Get(':isoWeek/sections/:section')
  @AllowRoles('supervisor', 'admin', 'viewer', 'leader', 'department_editor')
  @AllowApiKey('reports:read')
  @lightWeekParam
  @ApiParam({ name: 'section', enum: REPORT_SECTIONS, description: 'overview 总览, columns 按专栏, owner-units 按责任单位, kinds 按类型, overdue 逾期节点, project-lights 亮灯项目, ranking 比拼晾晒, notices 督办, evidence 填报佐证, problems 问题台账, open-problems 久未销号问题; unknown → 400' })
  @ApiDoc({
    summary: 'One section of a stored 周报 as a table, a page at a time (the Chinese headers and rows of the CSV and XLSX)',
    description:
      LIGHT_READ_DESCRIPTION +
      ' Money cells (kind wan) are 万元 with four decimals, exact. A section the snapshot lacks (written before it existed) answers present=false with the note saying so.',
    type: WeeklyReportSectionPageDto,
    errors: [400, 404, 429],
  })
  async section(
    @Param('isoWeek') isoWeek: string,
    @Param('section') section: string,
    @Query() query: SectionPageQuery,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    send(reply, await this.reads.section(isoWeek, section, query, ifNoneMatch));
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
