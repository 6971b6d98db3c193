import { Module } from '@nestjs/common';
import { MilestoneOutbox } from './milestone-outbox';
import { MilestonesController } from './milestones.controller';
import { MilestonesService } from './milestones.service';

/** 节点: project milestones, their writes announced through the transactional outbox. */
@Module({
  controllers: [MilestonesController],
  providers: [MilestonesService, MilestoneOutbox],
  exports: [MilestonesService, MilestoneOutbox],
})
export class MilestonesModule {}
