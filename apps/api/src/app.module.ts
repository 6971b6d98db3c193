import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { LoggerModule } from 'nestjs-pino';
import { CalendarModule } from '@app/calendar';
import { AppConfig, AppConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { AuditLogModule } from './audit-log/audit-log.module';
import { AttachmentsModule } from './attachments/attachments.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CoordinationProblemsModule } from './coordination-problems/coordination-problems.module';
import { DeadlineChangesModule } from './deadline-changes/deadline-changes.module';
import { DepartmentsModule } from './departments/departments.module';
import { ExportsModule } from './exports/exports.module';
import { ImportsModule } from './imports/imports.module';
import { CalendarApiModule } from './calendar/calendar.module';
import { HealthModule } from './health/health.module';
import { InvestmentModule } from './investment/investment.module';
import { loggerParams } from './logger.config';
import { MilestonesModule } from './milestones/milestones.module';
import { NotificationsInboxModule } from './inbox/notifications.module';
import { NodeTemplatesModule } from './node-templates/node-templates.module';
import { NotificationChannelsModule } from './unit-channels/notification-channels.module';
import { PlanModule } from './plan/plan.module';
import { ProgressReportsModule } from './progress-reports/progress-reports.module';
import { ProjectsModule } from './projects/projects.module';
import { JobRunsModule } from './job-runs/job-runs.module';
import { QueueAdminModule } from './queue-admin/queue-admin.module';
import { ReminderRulesModule } from './reminder-rules/reminder-rules.module';
import { SupervisionNoticesModule } from './supervision-notices/supervision-notices.module';
import { UsersModule } from './users/users.module';
import { SupervisionModule } from './supervision-views/supervision.module';
import { TimelineModule } from './timeline/timeline.module';
import { WarningLightsModule } from './warning-lights/warning-lights.module';
import { ReportingDisciplineModule } from './reporting-discipline/reporting-discipline.module';
import { WebAppModule } from './web-app/web-app.module';
import { WeeklyReportsModule } from './weekly-reports/weekly-reports.module';

@Module({
  imports: [
    AppConfigModule,
    LoggerModule.forRootAsync({ inject: [AppConfig], useFactory: loggerParams }),
    DatabaseModule,
    // Only its storage is used: the auth guard applies the general limit (auth/request-rate-limit.ts),
    // the report routes their own (weekly-reports/report-rate-limit.guard.ts).
    ThrottlerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => [{ name: 'default', ttl: 60_000, limit: config.RATE_LIMIT_PER_MINUTE }],
    }),
    CalendarModule,
    AuthModule,
    AuditModule,
    HealthModule,
    PlanModule,
    DepartmentsModule,
    UsersModule,
    ApiKeysModule,
    ProjectsModule,
    MilestonesModule,
    NodeTemplatesModule,
    ReminderRulesModule,
    NotificationsInboxModule,
    DeadlineChangesModule,
    ProgressReportsModule,
    AttachmentsModule,
    InvestmentModule,
    AuditLogModule,
    NotificationChannelsModule,
    QueueAdminModule,
    JobRunsModule,
    SupervisionNoticesModule,
    CoordinationProblemsModule,
    WarningLightsModule,
    ReportingDisciplineModule,
    SupervisionModule,
    TimelineModule,
    WeeklyReportsModule,
    ExportsModule,
    ImportsModule,
    CalendarApiModule,
    WebAppModule,
  ],
})
export class AppModule {}
