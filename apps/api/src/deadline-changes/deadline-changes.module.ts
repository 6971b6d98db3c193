import { Module } from '@nestjs/common';
import { MilestoneOutboxModule } from '../milestones/milestone-outbox.module';
import { DeadlineChangeRules } from './deadline-change-rules';
import { DeadlineChangeSettingsController } from './deadline-change-settings.controller';
import { DeadlineChangeSettingsService } from './deadline-change-settings.service';
import { DeadlineChangesController } from './deadline-changes.controller';
import { DeadlineChangesService } from './deadline-changes.service';

/**
 * 节点延期: moving a milestone's planned date. The rules (exported to the
 * milestones feature, whose PATCH applies them), the 督查室's decisions, the
 * date history and the admin-set threshold.
 */
@Module({
  imports: [MilestoneOutboxModule],
  controllers: [DeadlineChangesController, DeadlineChangeSettingsController],
  providers: [DeadlineChangeRules, DeadlineChangesService, DeadlineChangeSettingsService],
  exports: [DeadlineChangeRules],
})
export class DeadlineChangesModule {}
