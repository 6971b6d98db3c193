import { Module } from '@nestjs/common';
import { ReportingModule } from '@app/reporting';
import { ReportingDisciplineController } from './reporting-discipline.controller';
import { ReportingDisciplineService } from './reporting-discipline.service';
import { ReportingSettingsService } from './reporting-settings.service';

/** 按时填报: the settings (periods, deadlines, stale threshold) and the 未按时填报 views (rules in libs/reporting). */
@Module({
  imports: [ReportingModule],
  controllers: [ReportingDisciplineController],
  providers: [ReportingDisciplineService, ReportingSettingsService],
  exports: [ReportingSettingsService],
})
export class ReportingDisciplineModule {}
