import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AllowRoles, CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiDoc } from '../common/api-doc.decorator';
import { Errors } from '../common/app-error';
import { versionEtag } from '../common/etag';
import { AcceptSupervisionNoticeDto } from './dto/accept-supervision-notice.dto';
import { CreateSupervisionNoticeDto } from './dto/create-supervision-notice.dto';
import { ListSupervisionNoticesQuery } from './dto/list-supervision-notices.query';
import { ReplySupervisionNoticeDto } from './dto/reply-supervision-notice.dto';
import { ReturnSupervisionNoticeDto } from './dto/return-supervision-notice.dto';
import { SupervisionNoticePageResponse, SupervisionNoticeResponse } from './dto/supervision-notice.response';
import { SupervisionNoticesService } from './supervision-notices.service';

/** A malformed id is the caller's mistake: 400 naming it, not a 500 from Postgres. */
const NoticeId = new ParseUUIDPipe({ exceptionFactory: () => Errors.validation([{ field: 'id', reason: 'id must be a UUID' }]) });

/** 督办单: supervision notices from the 督查室 to owner units. */
@ApiTags('supervision-notices')
@Controller('supervision-notices')
export class SupervisionNoticesController {
  constructor(private readonly notices: SupervisionNoticesService) {}

  @Post()
  @AllowRoles('supervisor', 'admin')
  @ApiDoc({
    summary: 'Issue a notice (下发督办单) to an owner unit about its late projects or milestones',
    type: SupervisionNoticeResponse,
    status: 201,
    errors: [400, 403],
  })
  async create(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: CreateSupervisionNoticeDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SupervisionNoticeResponse> {
    return withEtag(reply, await this.notices.create(principal, dto));
  }

  @Get()
  @ApiDoc({
    summary: 'List notices: by status, owner unit, or a named list (open, late-replies, closed-this-week)',
    description: 'Department editors see their own unit\'s notices only.',
    type: SupervisionNoticePageResponse,
    errors: [400, 403],
  })
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListSupervisionNoticesQuery): Promise<SupervisionNoticePageResponse> {
    return this.notices.list(principal, query);
  }

  @Get(':id')
  @ApiDoc({ summary: 'A notice with its items and full history', type: SupervisionNoticeResponse, errors: [400, 403, 404] })
  async findOne(
    @CurrentPrincipal() principal: Principal,
    @Param('id', NoticeId) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SupervisionNoticeResponse> {
    return withEtag(reply, await this.notices.findOne(principal, id));
  }

  @Post(':id/reply')
  @HttpCode(200)
  @AllowRoles('department_editor', 'admin')
  @ApiDoc({
    summary: 'Reply (回复) with measures (整改措施) and a committed date per item; the notice must be issued or returned',
    type: SupervisionNoticeResponse,
    errors: [400, 403, 404, 409, 412],
  })
  async reply(
    @CurrentPrincipal() principal: Principal,
    @Param('id', NoticeId) id: string,
    @Body() dto: ReplySupervisionNoticeDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SupervisionNoticeResponse> {
    return withEtag(reply, await this.notices.reply(principal, id, dto, ifMatch));
  }

  @Post(':id/accept')
  @HttpCode(200)
  @AllowRoles('supervisor', 'admin')
  @ApiDoc({ summary: 'Accept the reply and close the notice (销号); the notice must be replied', type: SupervisionNoticeResponse, errors: [400, 403, 404, 409, 412] })
  async accept(
    @CurrentPrincipal() principal: Principal,
    @Param('id', NoticeId) id: string,
    @Body() dto: AcceptSupervisionNoticeDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SupervisionNoticeResponse> {
    return withEtag(reply, await this.notices.accept(principal, id, dto ?? {}, ifMatch));
  }

  @Post(':id/return')
  @HttpCode(200)
  @AllowRoles('supervisor', 'admin')
  @ApiDoc({
    summary: 'Return the reply (退回) with a comment, optionally with a new reply due date; the notice must be replied',
    type: SupervisionNoticeResponse,
    errors: [400, 403, 404, 409, 412],
  })
  async sendBack(
    @CurrentPrincipal() principal: Principal,
    @Param('id', NoticeId) id: string,
    @Body() dto: ReturnSupervisionNoticeDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SupervisionNoticeResponse> {
    return withEtag(reply, await this.notices.sendBack(principal, id, dto, ifMatch));
  }
}

function withEtag(reply: FastifyReply, notice: SupervisionNoticeResponse): SupervisionNoticeResponse {
  void reply.header('ETag', versionEtag(notice.version));
  return notice;
}
