import { Module } from '@nestjs/common';
import { ReportingModule } from '@app/reporting';
import { BuildWeeklyReportProcessor } from './build-weekly-report.processor';

/** 周报 in the worker: every Monday morning, last week's report is built and stored ('build-weekly-report'). */
@Module({
  imports: [ReportingModule],
  providers: [BuildWeeklyReportProcessor],
})
export class WeeklyReportsWorkerModule {}
