import { Module } from '@nestjs/common';
import { SupervisionNoticesController } from './supervision-notices.controller';
import { SupervisionNoticesService } from './supervision-notices.service';

/** 督办单: supervision notices issued by the 督查室, replied to by owner units, closed (销号) or returned. */
@Module({
  controllers: [SupervisionNoticesController],
  providers: [SupervisionNoticesService],
  exports: [SupervisionNoticesService],
})
export class SupervisionNoticesModule {}
