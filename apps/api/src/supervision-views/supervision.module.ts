import { Module } from '@nestjs/common';
import { ReportingModule } from '@app/reporting';
import { SupervisionController } from './supervision.controller';
import { SupervisionService } from './supervision.service';

/** 督查室 views of the portfolio: overdue milestones, lights by bucket, week-on-week trends. */
@Module({
  imports: [ReportingModule],
  controllers: [SupervisionController],
  providers: [SupervisionService],
})
export class SupervisionModule {}
