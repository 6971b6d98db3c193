import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AllowRoles, CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiDoc } from '../common/api-doc.decorator';
import { Errors } from '../common/app-error';
import { versionEtag } from '../common/etag';
import { CoordinationProblemsService } from './coordination-problems.service';
import {
  CoordinationProblemPageResponse,
  CoordinationProblemResponse,
  CoordinationProblemWeekCountsResponse,
} from './dto/coordination-problem.response';
import { CoordinationProblemWeekCountsQuery, ListCoordinationProblemsQuery } from './dto/list-coordination-problems.query';
import { AcceptCoordinationProblemDto, CommentStepDto, ReasonStepDto } from './dto/problem-steps.dto';
import { RaiseCoordinationProblemDto, RaiseFromProgressReportDto } from './dto/raise-coordination-problem.dto';

/** A malformed id is the caller's mistake: 400 naming it, not a 500 from Postgres. */
const uuidOf = (field: string) => new ParseUUIDPipe({ exceptionFactory: () => Errors.validation([{ field, reason: `${field} must be a UUID` }]) });

const SCOPE =
  'Department editors see the problems their unit raised, coordinates or whose project it owns; leaders those of the projects they are the lead official of; other users all.';

/** 问题台账: problems that need coordination, raised by units, tracked to closure (销号). */
@ApiTags('coordination-problems')
@Controller()
export class CoordinationProblemsController {
  constructor(private readonly problems: CoordinationProblemsService) {}

  @Post('coordination-problems')
  @AllowRoles('department_editor', 'supervisor', 'admin')
  @ApiDoc({
    summary: "Raise a problem (提出问题) on a project: an editor of the project's owner unit, or the 督查室",
    type: CoordinationProblemResponse,
    status: 201,
    errors: [400, 403],
  })
  async raise(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: RaiseCoordinationProblemDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CoordinationProblemResponse> {
    return withEtag(reply, await this.problems.raise(principal, dto));
  }

  @Post('projects/:projectId/progress-reports/:reportId/coordination-problems')
  @AllowRoles('department_editor', 'supervisor', 'admin')
  @ApiDoc({
    summary: "Turn a progress report's 需协调事项 into a problem (转为问题), linked both ways",
    description: 'Title and need default to the report\'s words. A withdrawn (撤回) report cannot be turned into a problem (409).',
    type: CoordinationProblemResponse,
    status: 201,
    errors: [400, 403, 404, 409],
  })
  async raiseFromReport(
    @CurrentPrincipal() principal: Principal,
    @Param('projectId', uuidOf('projectId')) projectId: string,
    @Param('reportId', uuidOf('reportId')) reportId: string,
    @Body() dto: RaiseFromProgressReportDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CoordinationProblemResponse> {
    return withEtag(reply, await this.problems.raiseFromReport(principal, projectId, reportId, dto));
  }

  @Get('coordination-problems')
  @ApiDoc({
    summary: 'List problems: by project, raising unit, coordinating department, type, state, severity, lead official; paged',
    description: SCOPE,
    type: CoordinationProblemPageResponse,
    errors: [400, 403],
  })
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListCoordinationProblemsQuery): Promise<CoordinationProblemPageResponse> {
    return this.problems.list(principal, query);
  }

  @Get('coordination-problems/week-counts')
  @ApiDoc({
    summary: "The week's 新增 / 推进中 / 已销号 counts, over the list's filters",
    description: SCOPE,
    type: CoordinationProblemWeekCountsResponse,
    errors: [400, 403],
  })
  weekCounts(@CurrentPrincipal() principal: Principal, @Query() query: CoordinationProblemWeekCountsQuery): Promise<CoordinationProblemWeekCountsResponse> {
    return this.problems.weekCounts(principal, query);
  }

  @Get('coordination-problems/:id')
  @ApiDoc({
    summary: 'A problem with its coordinating departments, full history and the steps the caller may take',
    description: SCOPE,
    type: CoordinationProblemResponse,
    errors: [400, 403, 404],
  })
  async findOne(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidOf('id')) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CoordinationProblemResponse> {
    return withEtag(reply, await this.problems.findOne(principal, id));
  }

  @Post('coordination-problems/:id/accept')
  @HttpCode(200)
  @AllowRoles('department_editor', 'admin')
  @ApiDoc({
    summary: 'Accept (受理) as a coordinating department, with the measure (协调措施) and the date committed to; new or coordinating',
    type: CoordinationProblemResponse,
    errors: [400, 403, 404, 409],
  })
  async accept(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidOf('id')) id: string,
    @Body() dto: AcceptCoordinationProblemDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CoordinationProblemResponse> {
    return withEtag(reply, await this.problems.accept(principal, id, dto, ifMatch));
  }

  @Post('coordination-problems/:id/claim')
  @HttpCode(200)
  @AllowRoles('department_editor', 'admin')
  @ApiDoc({
    summary: 'Claim it solved (申报已解决), by the raising unit; new or coordinating',
    type: CoordinationProblemResponse,
    errors: [400, 403, 404, 409],
  })
  async claim(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidOf('id')) id: string,
    @Body() dto: CommentStepDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CoordinationProblemResponse> {
    return withEtag(reply, await this.problems.claim(principal, id, dto ?? {}, ifMatch));
  }

  @Post('coordination-problems/:id/close')
  @HttpCode(200)
  @AllowRoles('supervisor', 'admin')
  @ApiDoc({ summary: 'Close (销号), by the 督查室; the problem must be claimed solved', type: CoordinationProblemResponse, errors: [400, 403, 404, 409] })
  async close(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidOf('id')) id: string,
    @Body() dto: CommentStepDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CoordinationProblemResponse> {
    return withEtag(reply, await this.problems.close(principal, id, dto ?? {}, ifMatch));
  }

  @Post('coordination-problems/:id/return')
  @HttpCode(200)
  @AllowRoles('supervisor', 'admin')
  @ApiDoc({
    summary: 'Return (退回) a claim with a comment, by the 督查室: back to coordinating (or new when nobody accepted)',
    type: CoordinationProblemResponse,
    errors: [400, 403, 404, 409],
  })
  async sendBack(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidOf('id')) id: string,
    @Body() dto: ReasonStepDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CoordinationProblemResponse> {
    return withEtag(reply, await this.problems.sendBack(principal, id, dto, ifMatch));
  }

  @Post('coordination-problems/:id/suspend')
  @HttpCode(200)
  @AllowRoles('department_editor', 'supervisor', 'admin')
  @ApiDoc({
    summary: 'Suspend (挂起) with a reason, by the 督查室 or the raising unit: it stops climbing until resumed',
    type: CoordinationProblemResponse,
    errors: [400, 403, 404, 409],
  })
  async suspend(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidOf('id')) id: string,
    @Body() dto: ReasonStepDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CoordinationProblemResponse> {
    return withEtag(reply, await this.problems.suspend(principal, id, dto, ifMatch));
  }

  @Post('coordination-problems/:id/resume')
  @HttpCode(200)
  @AllowRoles('department_editor', 'supervisor', 'admin')
  @ApiDoc({
    summary: 'Resume (恢复) a suspended problem to the state it had; the climb counts again from now',
    type: CoordinationProblemResponse,
    errors: [400, 403, 404, 409],
  })
  async resume(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidOf('id')) id: string,
    @Body() dto: CommentStepDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CoordinationProblemResponse> {
    return withEtag(reply, await this.problems.resume(principal, id, dto ?? {}, ifMatch));
  }
}

function withEtag(reply: FastifyReply, problem: CoordinationProblemResponse): CoordinationProblemResponse {
  void reply.header('ETag', versionEtag(problem.version));
  return problem;
}
