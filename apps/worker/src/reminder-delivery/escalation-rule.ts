import type { WorkingDayCalendar } from '@app/calendar';
import type { ReminderRuleSet } from '@app/domain';

/** The reminder rules' numbers that decide when a late thing is reminded and how far it has climbed. */
export type EscalationRules = Pick<ReminderRuleSet, 'overdueRepeatEvery' | 'escalateLeadAfter' | 'escalateSupervisorAfter'>;

export interface LateOccurrence {
  /** Working days in (dueDate, today] of the official calendar (调休 included). */
  workingDaysLate: number;
  /** 0 the owner unit, 1 + the lead official (E1), 2 + the 督查室 (E2). */
  escalationLevel: 0 | 1 | 2;
}

/** The escalation level of something `workingDaysLate` working days late. */
export function escalationLevelOf(workingDaysLate: number, rules: EscalationRules): 0 | 1 | 2 {
  return workingDaysLate >= rules.escalateSupervisorAfter ? 2 : workingDaysLate >= rules.escalateLeadAfter ? 1 : 0;
}

/**
 * The one overdue rule of every reminder planner (milestones, supervision notices, …): whether something due on
 * `dueDate` and still open is reminded on `today`, and at which escalation level. Pure.
 *
 * - Nothing on days off, nothing before the 1st working day late.
 * - On the 1st working day late, then every overdueRepeatEvery working days (1, 4, 7, … with 3), plus the days the
 *   escalation thresholds are reached, so an escalation is never silent.
 * - E1 from escalateLeadAfter working days late, E2 from escalateSupervisorAfter.
 */
export function lateOccurrenceOn(
  dueDate: string,
  today: string,
  rules: EscalationRules,
  calendar: Pick<WorkingDayCalendar, 'isWorkingDay' | 'workingDaysBetween'>,
): LateOccurrence | null {
  if (!calendar.isWorkingDay(today) || dueDate >= today) return null;
  const late = calendar.workingDaysBetween(dueDate, today);
  if (late < 1) return null;
  const repeat = Math.max(1, rules.overdueRepeatEvery);
  const fires = (late - 1) % repeat === 0 || late === rules.escalateLeadAfter || late === rules.escalateSupervisorAfter;
  return fires ? { workingDaysLate: late, escalationLevel: escalationLevelOf(late, rules) } : null;
}
