import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AllowRoles, CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiDoc } from '../common/api-doc.decorator';
import { UuidParam } from '../common/uuid-param.pipe';
import { JobRunPage, JobRunResponse, StartedJobRunResponse } from './dto/job-run.response';
import { ListJobRunsQuery } from './dto/list-job-runs.query';
import { RunJobBody } from './dto/run-job.body';
import { JobRunsService } from './job-runs.service';

@ApiTags('job-runs')
@Controller('admin')
export class JobRunsController {
  constructor(private readonly runs: JobRunsService) {}

  @Get('job-runs')
  @AllowRoles('admin')
  @ApiDoc({
    summary: 'Runs of the scheduled jobs (reminder scan, notice-reminder scan, weekly report), newest first (admin)',
    type: JobRunPage,
    errors: [400, 403, 429],
  })
  list(@Query() query: ListJobRunsQuery): Promise<JobRunPage> {
    return this.runs.list(query);
  }

  @Get('job-runs/:id')
  @AllowRoles('admin')
  @ApiDoc({ summary: 'One run with its status, attempts and counts (admin)', type: JobRunResponse, errors: [400, 403, 404, 429] })
  get(@Param('id', UuidParam()) id: string): Promise<JobRunResponse> {
    return this.runs.get(id);
  }

  @Post('jobs/:name/run')
  @HttpCode(202)
  @AllowRoles('admin')
  @ApiDoc({
    summary: 'Run a scheduled job now (admin): reminder-scan, notice-reminder-scan or weekly-report',
    description:
      'Answers 202 with the run’s id at once; the worker runs it (GET /admin/job-runs/{id} for its counts). A scan run twice the same day sends no reminder twice.',
    type: StartedJobRunResponse,
    status: 202,
    errors: [400, 403, 404, 409, 429],
  })
  run(@CurrentPrincipal() principal: Principal, @Param('name') name: string, @Body() body: RunJobBody): Promise<StartedJobRunResponse> {
    return this.runs.start(principal, name, body ?? {});
  }
}
