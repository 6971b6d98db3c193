import { Module } from '@nestjs/common';
import { DeadlineChangesModule } from '../deadline-changes/deadline-changes.module';
import { MilestoneOutboxModule } from './milestone-outbox.module';
import { MilestonesController } from './milestones.controller';
import { MilestoneDependents } from './milestone-dependents';
import { MilestonesService } from './milestones.service';

/** 节点: project milestones, their writes announced through the transactional outbox; date moves follow the deadline-change rules. */
@Module({
  imports: [MilestoneOutboxModule, DeadlineChangesModule],
  controllers: [MilestonesController],
  providers: [MilestonesService, MilestoneDependents],
  exports: [MilestonesService],
})
export class MilestonesModule {}
