import { Module } from '@nestjs/common';
import { ReportingModule } from '@app/reporting';
import { RenderedReportCache } from './rendered-report.cache';
import { ReportRateLimitGuard } from './report-rate-limit.guard';
import { WeeklyReportsController } from './weekly-reports.controller';
import { WeeklyReportsService } from './weekly-reports.service';
import { WeeklyReportReadsService } from './weekly-report-reads.service';
import { WeeklyReportReader } from './weekly-report-reader';

/** 周报 routes: read stored weeks as JSON, CSV or XLSX, or lightly (summary, a section a page at a time, the ranking history); build past weeks on demand. */
@Module({
  imports: [ReportingModule],
  controllers: [WeeklyReportsController],
  providers: [WeeklyReportsService, WeeklyReportReadsService, WeeklyReportReader, ReportRateLimitGuard, { provide: RenderedReportCache, useFactory: () => new RenderedReportCache() }],
})
export class WeeklyReportsModule {}
