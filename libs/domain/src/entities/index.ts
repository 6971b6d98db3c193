export * from './api-key.entity';
export * from './attachment.entity';
export * from './audit-log.entity';
export * from './auth-session.entity';
export * from './calendar-year.entity';
export * from './reporting-settings.entity';
export * from './coordination-problem-department.entity';
export * from './coordination-problem-event.entity';
export * from './coordination-problem-settings.entity';
export * from './coordination-problem.entity';
export * from './deadline-change-request.entity';
export * from './deadline-change-request-dependent.entity';
export * from './deadline-change-settings.entity';
export * from './department.entity';
export * from './department-channel.entity';
export * from './import-run.entity';
export * from './login-throttle.entity';
export * from './milestone-date-change.entity';
export * from './milestone-removal.entity';
export * from './milestone.entity';
export * from './node-template.entity';
export * from './node-template-version.entity';
export * from './node-template-node.entity';
export * from './node-template-dependency.entity';
export * from './notice-reminder.entity';
export * from './event-delivery.entity';
export * from './notification-preference.entity';
export * from './notification.entity';
export * from './project-light-state.entity';
export * from './outbox-event.entity';
export * from './plan-column.entity';
export * from './plan-group.entity';
export * from './plan-indicator.entity';
export * from './plan.entity';
export * from './progress-report-withdrawal.entity';
export * from './problem-reminder.entity';
export * from './problem-type.entity';
export * from './progress-report.entity';
export * from './project-annual-plan.entity';
export * from './project-monthly-investment.entity';
export * from './project.entity';
export * from './reminder-delivery-columns';
export * from './reminder-rules.entity';
export * from './reminder.entity';
export * from './supervision-notice-event.entity';
export * from './supervision-notice-item.entity';
export * from './supervision-notice.entity';
export * from './user.entity';
export * from './warning-light-rule-set.entity';
export * from './weekly-report.entity';

import { ApiKey } from './api-key.entity';
import { Attachment } from './attachment.entity';
import { AuditLog } from './audit-log.entity';
import { AuthSession } from './auth-session.entity';
import { LoginThrottle } from './login-throttle.entity';
import { CalendarYear } from './calendar-year.entity';
import { CoordinationProblem } from './coordination-problem.entity';
import { CoordinationProblemDepartment } from './coordination-problem-department.entity';
import { CoordinationProblemEvent } from './coordination-problem-event.entity';
import { CoordinationProblemSettings } from './coordination-problem-settings.entity';
import { DeadlineChangeRequest } from './deadline-change-request.entity';
import { DeadlineChangeRequestDependent } from './deadline-change-request-dependent.entity';
import { DeadlineChangeSettings } from './deadline-change-settings.entity';
import { ReportingSettings } from './reporting-settings.entity';
import { Department } from './department.entity';
import { DepartmentChannel } from './department-channel.entity';
import { ImportRun } from './import-run.entity';
import { MilestoneDateChange } from './milestone-date-change.entity';
import { MilestoneRemoval } from './milestone-removal.entity';
import { Milestone } from './milestone.entity';
import { NodeTemplate } from './node-template.entity';
import { NodeTemplateDependency } from './node-template-dependency.entity';
import { NodeTemplateNode } from './node-template-node.entity';
import { NodeTemplateVersion } from './node-template-version.entity';
import { NoticeReminder } from './notice-reminder.entity';
import { EventDelivery } from './event-delivery.entity';
import { Notification } from './notification.entity';
import { NotificationPreference } from './notification-preference.entity';
import { ProjectLightState } from './project-light-state.entity';
import { OutboxEvent } from './outbox-event.entity';
import { PlanColumn } from './plan-column.entity';
import { PlanGroup } from './plan-group.entity';
import { PlanIndicator } from './plan-indicator.entity';
import { Plan } from './plan.entity';
import { ProblemReminder } from './problem-reminder.entity';
import { ProblemType } from './problem-type.entity';
import { ProgressReport } from './progress-report.entity';
import { ProgressReportWithdrawal } from './progress-report-withdrawal.entity';
import { ProjectAnnualPlan } from './project-annual-plan.entity';
import { ProjectMonthlyInvestment } from './project-monthly-investment.entity';
import { Project } from './project.entity';
import { ReminderRules } from './reminder-rules.entity';
import { Reminder } from './reminder.entity';
import { SupervisionNoticeEvent } from './supervision-notice-event.entity';
import { SupervisionNoticeItem } from './supervision-notice-item.entity';
import { SupervisionNotice } from './supervision-notice.entity';
import { User } from './user.entity';
import { WarningLightRuleSet } from './warning-light-rule-set.entity';
import { WeeklyReport } from './weekly-report.entity';

/** Every entity; a new feature appends its entities here (the data source reads this list). */
export const ENTITIES: Function[] = [
  Plan,
  PlanColumn,
  PlanGroup,
  PlanIndicator,
  Department,
  User,
  ApiKey,
  AuthSession,
  LoginThrottle,
  Project,
  ProjectAnnualPlan,
  ProjectMonthlyInvestment,
  Milestone,
  ProgressReport,
  AuditLog,
  OutboxEvent,
  DepartmentChannel,
  SupervisionNotice,
  SupervisionNoticeItem,
  SupervisionNoticeEvent,
  NoticeReminder,
  ReminderRules,
  Reminder,
  Notification,
  WarningLightRuleSet,
  WeeklyReport,
  DeadlineChangeRequest,
  MilestoneDateChange,
  DeadlineChangeSettings,
  ReportingSettings,
  ImportRun,
  NotificationPreference,
  EventDelivery,
  ProjectLightState,
  CalendarYear,
  ProgressReportWithdrawal,
  MilestoneRemoval,
  Attachment,
  ProblemType,
  CoordinationProblem,
  CoordinationProblemDepartment,
  CoordinationProblemEvent,
  CoordinationProblemSettings,
  NodeTemplate,
  NodeTemplateVersion,
  NodeTemplateNode,
  NodeTemplateDependency,
  DeadlineChangeRequestDependent,
  ProblemReminder,
];
