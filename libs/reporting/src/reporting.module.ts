import { Module } from '@nestjs/common';
import { AuditWriter } from '@app/database';
import { PortfolioReader } from './portfolio/portfolio.reader';
import { ReportingDisciplineReader } from './reporting-discipline/reporting-discipline.reader';
import { WeeklyReportBuilder } from './weekly-report/weekly-report.builder';
import { WeeklyReportStore } from './weekly-report/weekly-report.store';

/**
 * Warning lights and the 周报, shared by the API (supervisor views, reports on
 * demand) and the worker (the Monday job). Needs the database and calendar
 * modules, which both apps register globally.
 */
@Module({
  providers: [PortfolioReader, ReportingDisciplineReader, WeeklyReportBuilder, WeeklyReportStore, AuditWriter],
  exports: [PortfolioReader, ReportingDisciplineReader, WeeklyReportBuilder, WeeklyReportStore],
})
export class ReportingModule {}
