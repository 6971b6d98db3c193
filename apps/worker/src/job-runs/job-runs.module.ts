import { Global, Module } from '@nestjs/common';
import { JobRuns } from './job-runs.service';

/** Run records of the scheduled jobs (job_runs), catch-up at start and the watchdog that finishes killed runs. */
@Global()
@Module({ providers: [JobRuns], exports: [JobRuns] })
export class JobRunsModule {}
