import type { WorkingDayCalendar } from '@app/calendar';
import type { NoticeReminderKind } from '@app/domain';
import { EscalationRules, lateOccurrenceOn } from '../reminder-delivery/escalation-rule';

/** Working days before the reply due date on which the owner unit is reminded to reply. */
export const NOTICE_REPLY_DUE_SOON_WORKING_DAYS = 2;

/** The reminder rules' numbers a notice reminder uses. */
export type NoticeReminderRules = EscalationRules;

export interface NoticeReminderOccurrence {
  kind: NoticeReminderKind;
  /** Working days in (replyDueDate, today]; 0 before the deadline. */
  workingDaysLate: number;
  /** 0 owner unit, 1 + the projects' lead officials (E1), 2 + 督查室 (E2). */
  escalationLevel: 0 | 1 | 2;
}

/**
 * Which reminder, if any, a notice awaiting its reply (issued or returned) with
 * the given reply due date gets on `today`. Pure: the rules and the official
 * calendar decide.
 *
 * - Nothing on days off.
 * - Due soon: on the working day NOTICE_REPLY_DUE_SOON_WORKING_DAYS before the
 *   due date (a due date on a day off counts from it all the same).
 * - Late, and its escalation: the delivery core's one late rule
 *   (lateOccurrenceOn), with the milestone reminders' numbers (reminder_rules).
 */
export function noticeReminderOn(
  replyDueDate: string,
  today: string,
  rules: NoticeReminderRules,
  calendar: Pick<WorkingDayCalendar, 'isWorkingDay' | 'addWorkingDays' | 'workingDaysBetween'>,
): NoticeReminderOccurrence | null {
  if (!calendar.isWorkingDay(today)) return null;
  if (replyDueDate < today) {
    const late = lateOccurrenceOn(replyDueDate, today, rules, calendar);
    return late && { kind: 'notice_reply_overdue', ...late };
  }
  if (calendar.addWorkingDays(replyDueDate, -NOTICE_REPLY_DUE_SOON_WORKING_DAYS) === today) {
    return { kind: 'notice_reply_due', workingDaysLate: 0, escalationLevel: 0 };
  }
  return null;
}

/** The latest reply due date that can have a reminder today. */
export function noticeScanHorizon(today: string, calendar: Pick<WorkingDayCalendar, 'addWorkingDays'>): string {
  return calendar.addWorkingDays(today, NOTICE_REPLY_DUE_SOON_WORKING_DAYS);
}
