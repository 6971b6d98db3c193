import { Module } from '@nestjs/common';
import { QueueModule } from '@app/queue';
import { JobRunsModule } from '../job-runs/job-runs.module';
import { ReportingModule } from '@app/reporting';
import { BuildWeeklyReportProcessor } from './build-weekly-report.processor';

/** 周报 in the worker: every Monday morning, last week's report is built and stored ('build-weekly-report'). */
@Module({
  imports: [QueueModule, JobRunsModule, ReportingModule],
  providers: [BuildWeeklyReportProcessor],
})
export class WeeklyReportsWorkerModule {}
