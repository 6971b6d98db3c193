import { Module } from '@nestjs/common';
import { ReportingModule } from '@app/reporting';
import { WarningLightRulesController } from './warning-light-rules.controller';
import { WarningLightRulesService } from './warning-light-rules.service';
import { WarningLightsController } from './warning-lights.controller';
import { WarningLightsService } from './warning-lights.service';

/** 红黄绿灯: the editable thresholds and today's lights of the portfolio (rules in libs/reporting). */
@Module({
  imports: [ReportingModule],
  controllers: [WarningLightRulesController, WarningLightsController],
  providers: [WarningLightRulesService, WarningLightsService],
})
export class WarningLightsModule {}
