import { addCalendarDays } from '@app/domain';
import { isoWeekOf } from '../iso-week';

/**
 * 按时填报: every live project owes a progress report (进展填报) each period —
 * a week (Monday–Sunday, ISO) by default, or a calendar month, set per 专栏 and
 * per project. Its deadline is a working day at a time of day (Asia/Shanghai):
 *
 * - weekly: the configured weekday (default Friday) if it is a working day;
 *   otherwise the last working day of the week before it (Friday a holiday →
 *   Thursday…); if none comes before it, the first working day after it in the
 *   week — only then can a make-up Saturday (调休) be the deadline: a 调休
 *   Saturday never moves a deadline whose Friday is a working day;
 * - monthly: the last working day of the month (a 调休 weekend day counts: it is a
 *   working day);
 * - a period without any working day (all holiday) owes nothing.
 *
 * A report counts for the period in which it was made (its created_at in
 * [period start 00:00, period end + 1 day 00:00) +08:00); on time when made by
 * the deadline, late (迟报) when made later in the period, missing (未报) when
 * the period ended without one. Withdrawn (撤回) reports count nowhere.
 */
export const REPORTING_PERIOD_KINDS = ['week', 'month'] as const;
export type ReportingPeriodKind = (typeof REPORTING_PERIOD_KINDS)[number];

export const REPORTING_PERIOD_LABELS: Record<ReportingPeriodKind, string> = { week: '每周', month: '每月' };

export interface DeadlineRule {
  /** 1 = Monday … 7 = Sunday; weekly periods only. */
  weeklyDeadlineWeekday: number;
  /** 'HH:MM', Asia/Shanghai. */
  deadlineTime: string;
}

export const DEFAULT_DEADLINE_RULE: Readonly<DeadlineRule> = { weeklyDeadlineWeekday: 5, deadlineTime: '17:00' };

export interface ReportingPeriod {
  kind: ReportingPeriodKind;
  /** '2026-W48' or '2026-11'. */
  key: string;
  /** First and last calendar day. */
  start: string;
  end: string;
  /** The deadline's calendar date; null when the period has no working day (nothing is owed). */
  deadlineDate: string | null;
  /** The deadline instant; null with deadlineDate. */
  deadline: Date | null;
  /** [start 00:00, end + 1 day 00:00) +08:00: when a report counts for this period. */
  from: Date;
  until: Date;
}

interface Calendar {
  isWorkingDay(date: string): boolean;
}

const instant = (date: string, time = '00:00') => new Date(`${date}T${time}:00+08:00`);
const weekday = (date: string) => {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
};

/** The period of a kind that contains a date. */
export function periodContaining(kind: ReportingPeriodKind, date: string, rule: DeadlineRule, calendar: Calendar): ReportingPeriod {
  let key: string;
  let start: string;
  let end: string;
  if (kind === 'week') {
    const week = isoWeekOf(date);
    ({ name: key, start, end } = week);
  } else {
    key = date.slice(0, 7);
    start = `${key}-01`;
    const [year, month] = key.split('-').map(Number);
    end = `${key}-${String(new Date(Date.UTC(year, month, 0)).getUTCDate()).padStart(2, '0')}`;
  }
  const deadlineDate = kind === 'week' ? weeklyDeadline(start, rule.weeklyDeadlineWeekday, calendar) : lastWorkingDay(start, end, calendar);
  return {
    kind,
    key,
    start,
    end,
    deadlineDate,
    deadline: deadlineDate === null ? null : instant(deadlineDate, rule.deadlineTime),
    from: instant(start),
    until: instant(addCalendarDays(end, 1)),
  };
}

function weeklyDeadline(monday: string, deadlineWeekday: number, calendar: Calendar): string | null {
  const target = addCalendarDays(monday, deadlineWeekday - 1);
  for (let date = target; date >= monday; date = addCalendarDays(date, -1)) if (calendar.isWorkingDay(date)) return date;
  const sunday = addCalendarDays(monday, 6);
  for (let date = addCalendarDays(target, 1); date <= sunday; date = addCalendarDays(date, 1)) if (calendar.isWorkingDay(date)) return date;
  return null;
}

function lastWorkingDay(start: string, end: string, calendar: Calendar): string | null {
  for (let date = end; date >= start; date = addCalendarDays(date, -1)) if (calendar.isWorkingDay(date)) return date;
  return null;
}

/**
 * The periods of a kind whose deadline date falls in [from, to] (the weekly report asks for its week; the 未按时填报
 * list for a range), oldest first. Periods without a deadline are left out.
 */
export function periodsWithDeadlineIn(kind: ReportingPeriodKind, from: string, to: string, rule: DeadlineRule, calendar: Calendar): ReportingPeriod[] {
  const periods: ReportingPeriod[] = [];
  const seen = new Set<string>();
  // A deadline lies inside its period, so every period with one in [from, to] contains a date of [from, to].
  for (let date = from; date <= to; date = addCalendarDays(date, kind === 'week' ? 7 : 1)) {
    const period = periodContaining(kind, date, rule, calendar);
    if (seen.has(period.key)) continue;
    seen.add(period.key);
    if (period.deadlineDate !== null && period.deadlineDate >= from && period.deadlineDate <= to) periods.push(period);
  }
  // The week containing `to` when the weekly step jumped past it.
  const last = periodContaining(kind, to, rule, calendar);
  if (!seen.has(last.key) && last.deadlineDate !== null && last.deadlineDate >= from && last.deadlineDate <= to) periods.push(last);
  return periods;
}

export { weekday as isoWeekday };
