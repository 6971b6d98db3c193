import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AllowRoles, CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiDoc } from '../common/api-doc.decorator';
import { BullBoardSessionService } from './bull-board-session.service';
import { BullBoardSessionResponse, FailedJobPage, RetriedJobResponse } from './dto/failed-job.response';
import { ListFailedJobsQuery } from './dto/list-failed-jobs.query';
import { FailedJobsService } from './failed-jobs.service';

@ApiTags('queue-admin')
@Controller('admin')
export class QueueAdminController {
  constructor(
    private readonly failedJobs: FailedJobsService,
    private readonly boardSessions: BullBoardSessionService,
  ) {}

  @Get('failed-jobs')
  @AllowRoles('admin', 'supervisor')
  @ApiDoc({ summary: 'Failed background jobs (reminders, scans, domain events), newest failure first', type: FailedJobPage, errors: [400, 403] })
  list(@Query() query: ListFailedJobsQuery): Promise<FailedJobPage> {
    return this.failedJobs.list(query);
  }

  @Post('failed-jobs/:queue/:jobId/retry')
  @HttpCode(200)
  @AllowRoles('admin')
  @ApiDoc({ summary: 'Put a failed job back in its queue (admin)', type: RetriedJobResponse, errors: [403, 404, 409] })
  retry(@CurrentPrincipal() principal: Principal, @Param('queue') queue: string, @Param('jobId') jobId: string): Promise<RetriedJobResponse> {
    return this.failedJobs.retry(principal, queue, jobId);
  }

  @Get('queues/session')
  @AllowRoles('admin')
  @ApiDoc({
    summary: 'Open Bull Board in a browser: sets a 15-minute HttpOnly cookie for /admin/queues (admin)',
    description: 'Call with the Bearer token, then navigate to boardUrl. API clients may instead send the Bearer token to /admin/queues directly.',
    type: BullBoardSessionResponse,
    errors: [403],
  })
  async openBoard(
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BullBoardSessionResponse> {
    const session = await this.boardSessions.open(principal, request.protocol === 'https');
    void reply.header('set-cookie', session.cookie);
    return session.response;
  }
}
