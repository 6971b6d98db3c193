import { Module } from '@nestjs/common';
import { ReportingModule } from '@app/reporting';
import { BuildWeeklyReportProcessor } from './build-weekly-report.processor';
import { WeeklyReportScheduler } from './weekly-report.scheduler';

/** 周报 in the worker: every Monday morning, last week's report is built and stored. */
@Module({
  imports: [ReportingModule],
  providers: [BuildWeeklyReportProcessor, WeeklyReportScheduler],
  exports: [WeeklyReportScheduler],
})
export class WeeklyReportsWorkerModule {}
