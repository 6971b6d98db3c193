import { Module } from '@nestjs/common';
import { QueueAdminModule } from '../queue-admin/queue-admin.module';
import { UserAccessModule } from '../users/user-access.module';
import { JobRunsController } from './job-runs.controller';
import { JobRunsService } from './job-runs.service';

/** The scheduled jobs' run records (GET /admin/job-runs) and a manual run now (POST /admin/jobs/:name/run). */
@Module({
  imports: [QueueAdminModule, UserAccessModule],
  controllers: [JobRunsController],
  providers: [JobRunsService],
})
export class JobRunsModule {}
