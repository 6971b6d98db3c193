import { Module } from '@nestjs/common';
import { ReportingModule } from '@app/reporting';
import { RenderedReportCache } from './rendered-report.cache';
import { ReportRateLimitGuard } from './report-rate-limit.guard';
import { WeeklyReportsController } from './weekly-reports.controller';
import { WeeklyReportsService } from './weekly-reports.service';

/** 周报 routes: read stored weeks as JSON, CSV or XLSX; build past weeks on demand. */
@Module({
  imports: [ReportingModule],
  controllers: [WeeklyReportsController],
  providers: [WeeklyReportsService, ReportRateLimitGuard, { provide: RenderedReportCache, useFactory: () => new RenderedReportCache() }],
})
export class WeeklyReportsModule {}
