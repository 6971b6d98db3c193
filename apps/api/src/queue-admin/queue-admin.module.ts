import { Module } from '@nestjs/common';
import { QueueModule } from '@app/queue';
import { UserAccessModule } from '../users/user-access.module';
import { AdminQueues } from './admin-queues';
import { BullBoardMount } from './bull-board.mount';
import { BullBoardSessionService } from './bull-board-session.service';
import { FailedJobsService } from './failed-jobs.service';
import { QueueAdminController } from './queue-admin.controller';

/** Operating the background queues from the API: Bull Board at /admin/queues (admins) and the failed-jobs API. */
@Module({
  imports: [QueueModule, UserAccessModule],
  controllers: [QueueAdminController],
  providers: [AdminQueues, FailedJobsService, BullBoardSessionService, BullBoardMount],
  exports: [AdminQueues],
})
export class QueueAdminModule {}
