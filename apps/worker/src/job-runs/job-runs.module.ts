import { Global, Module } from '@nestjs/common';
import { QueueModule } from '@app/queue';
import { JobSchedules } from './job-schedules';
import { JobRuns } from './job-runs.service';

/**
 * The scheduled jobs: their schedules in Redis (JobSchedules, one keeper for all), their run records (job_runs),
 * catch-up at start and the watchdog that finishes killed runs (JobRuns).
 */
@Global()
@Module({ imports: [QueueModule], providers: [JobRuns, JobSchedules], exports: [JobRuns, JobSchedules] })
export class JobRunsModule {}
