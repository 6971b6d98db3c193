import type { WorkingDayCalendar } from '@app/calendar';
import type { ReminderRuleSet } from '@app/domain';
import { lateOccurrenceOn } from '../reminder-delivery/escalation-rule';

/** One reminder that is due on a given working day for one milestone. */
export interface ReminderOccurrence {
  /** Part of the deterministic identity: 'due-soon-<n>', 'due-today' or 'overdue'. */
  rule: string;
  kind: 'due_soon' | 'due_today' | 'overdue';
  /** Working days until the planned date (due soon), 0 otherwise. */
  workingDaysLeft: number;
  /** Working days in (plannedDate, today]: 0 unless overdue. */
  workingDaysLate: number;
  /** 0 owner unit, 1 + lead official (E1), 2 + 督查室 (E2). */
  escalationLevel: 0 | 1 | 2;
  /** The planned date falls on a day off; the due-day reminder goes out on the last working day before it. */
  plannedOnDayOff: boolean;
}

/**
 * Which reminder, if any, a pending milestone planned for `plannedDate` gets on
 * `today`. Pure: the rules and the official calendar decide, nothing else.
 *
 * - Nothing on days off: reminders go out on working days only.
 * - Due soon: on the working day that is n working days before the planned
 *   date, for each n of dueSoonOffsets ("3 working days before" a milestone due
 *   Thu 2026-10-08 is Mon 2026-09-28: 09-30, 09-29, 09-28 — the National Day
 *   week does not count).
 * - Due day (onDueDay): on the planned date; when that is a day off, on the last
 *   working day before it (the last day anyone can still act).
 * - Overdue, and its escalation: the delivery core's one late rule
 *   (lateOccurrenceOn: 1st working day late, then every overdueRepeatEvery,
 *   plus the threshold days; E1 from escalateLeadAfter, E2 from
 *   escalateSupervisorAfter). Late = working days in (plannedDate, today].
 * - At most one reminder per milestone and day: overdue beats due day beats due soon.
 */
export function reminderOccurrenceOn(
  plannedDate: string,
  today: string,
  rules: ReminderRuleSet,
  calendar: Pick<WorkingDayCalendar, 'isWorkingDay' | 'addWorkingDays' | 'workingDaysBetween'>,
): ReminderOccurrence | null {
  if (!calendar.isWorkingDay(today)) return null;

  if (plannedDate < today) {
    const late = lateOccurrenceOn(plannedDate, today, rules, calendar);
    if (!late) return null;
    return { rule: 'overdue', kind: 'overdue', workingDaysLeft: 0, ...late, plannedOnDayOff: !calendar.isWorkingDay(plannedDate) };
  }

  const plannedOnDayOff = !calendar.isWorkingDay(plannedDate);
  const dueDay = plannedOnDayOff ? calendar.addWorkingDays(plannedDate, -1) : plannedDate;
  if (rules.onDueDay && today === dueDay) {
    return { rule: 'due-today', kind: 'due_today', workingDaysLeft: 0, workingDaysLate: 0, escalationLevel: 0, plannedOnDayOff };
  }
  for (const offset of [...new Set(rules.dueSoonOffsets)].sort((a, b) => a - b)) {
    if (offset >= 1 && calendar.addWorkingDays(plannedDate, -offset) === today) {
      return { rule: `due-soon-${offset}`, kind: 'due_soon', workingDaysLeft: offset, workingDaysLate: 0, escalationLevel: 0, plannedOnDayOff };
    }
  }
  return null;
}

/**
 * The latest planned date that can have a reminder today: the milestone planned
 * furthest ahead that gets one is `max offset` working days away.
 */
export function scanHorizon(today: string, rules: ReminderRuleSet, calendar: Pick<WorkingDayCalendar, 'addWorkingDays'>): string {
  const furthest = Math.max(1, ...rules.dueSoonOffsets);
  return calendar.addWorkingDays(today, furthest);
}

/** Occurrences for one day, memoised by planned date: a scan meets the same dates again and again. */
export class DailyOccurrences {
  private readonly byPlannedDate = new Map<string, ReminderOccurrence | null>();

  constructor(
    readonly today: string,
    readonly rules: ReminderRuleSet,
    private readonly calendar: Pick<WorkingDayCalendar, 'isWorkingDay' | 'addWorkingDays' | 'workingDaysBetween'>,
  ) {}

  on(plannedDate: string): ReminderOccurrence | null {
    if (!this.byPlannedDate.has(plannedDate)) {
      this.byPlannedDate.set(plannedDate, reminderOccurrenceOn(plannedDate, this.today, this.rules, this.calendar));
    }
    return this.byPlannedDate.get(plannedDate)!;
  }
}
