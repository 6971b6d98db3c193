import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { CalendarModule } from '@app/calendar';
import { AppConfig, AppConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { QueueWorkersModule } from '@app/queue';
import { ChannelsModule } from './external-channels/channels.module';
import { EventNotificationsModule } from './event-notifications/event-notifications.module';
import { WorkerHealthModule } from './health/worker-health.module';
import { JobRunsModule } from './job-runs/job-runs.module';
import { NoticeRemindersModule } from './notice-reminders/notice-reminders.module';
import { ProblemRemindersModule } from './problem-reminders/problem-reminders.module';
import { OutboxModule } from './outbox/outbox.module';
import { RemindersModule } from './reminders/reminders.module';
import { WeeklyReportsWorkerModule } from './weekly-reports/weekly-reports-worker.module';

/**
 * The background process: reminders, escalation, weekly reports. No HTTP but its health endpoint. QueueWorkers runs
 * one BullMQ worker per queue of libs/queue's registry over every @HandlesJob provider below, and refuses to start
 * when a registered job has no handler, or two.
 */
@Module({
  imports: [
    AppConfigModule,
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ pinoHttp: { level: config.LOG_LEVEL, customProps: () => ({ app: 'worker' }) } }),
    }),
    DatabaseModule,
    CalendarModule,
    QueueWorkersModule,
    JobRunsModule,
    WorkerHealthModule,
    RemindersModule,
    OutboxModule,
    ChannelsModule,
    NoticeRemindersModule,
    ProblemRemindersModule,
    WeeklyReportsWorkerModule,
    EventNotificationsModule,
  ],
})
export class WorkerModule {}
