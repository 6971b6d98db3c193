import { addCalendarDays, calendarDaysBetween, isCalendarDate } from '@app/domain';

/**
 * ISO weeks (Monday–Sunday) named like '2026-W47'. The week's dates are
 * calendar dates in Asia/Shanghai, so a week's end instant is the Monday after
 * it at 00:00 +08:00.
 */
export interface IsoWeek {
  /** '2026-W47' */
  name: string;
  year: number;
  week: number;
  /** Monday, 'YYYY-MM-DD'. */
  start: string;
  /** Sunday, 'YYYY-MM-DD'. */
  end: string;
}

const ISO_WEEK_PATTERN = /^(\d{4})-W(\d{2})$/;

function weekday(date: string): number {
  // 1 = Monday … 7 = Sunday
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** Monday of ISO week 1 of `year`: the week holding 4 January. */
function firstMonday(year: number): string {
  const january4 = `${String(year).padStart(4, '0')}-01-04`;
  return addCalendarDays(january4, 1 - weekday(january4));
}

export function weeksInIsoYear(year: number): number {
  return calendarDaysBetween(firstMonday(year), firstMonday(year + 1)) / 7;
}

function build(year: number, week: number): IsoWeek {
  const start = addCalendarDays(firstMonday(year), (week - 1) * 7);
  return { name: `${year}-W${String(week).padStart(2, '0')}`, year, week, start, end: addCalendarDays(start, 6) };
}

/** The ISO week named, or null when the name is malformed or the week does not exist (2025-W53). */
export function parseIsoWeek(name: string): IsoWeek | null {
  const match = ISO_WEEK_PATTERN.exec(name);
  if (!match) return null;
  const year = Number(match[1]);
  const week = Number(match[2]);
  if (year < 1000 || week < 1 || week > weeksInIsoYear(year)) return null;
  return build(year, week);
}

/** The ISO week a calendar date falls in (its ISO year may differ from the date's year near 1 January). */
export function isoWeekOf(date: string): IsoWeek {
  if (!isCalendarDate(date)) throw new RangeError(`not a calendar date: ${date}`);
  const thursday = addCalendarDays(date, 4 - weekday(date));
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor(calendarDaysBetween(firstMonday(year), date) / 7) + 1;
  return build(year, week);
}

export function previousIsoWeek(week: IsoWeek): IsoWeek {
  return isoWeekOf(addCalendarDays(week.start, -1));
}

/** The last week that has fully ended on `today` (the week before today's). */
export function lastCompletedIsoWeek(today: string): IsoWeek {
  return previousIsoWeek(isoWeekOf(today));
}

/** Start and end instants of the week in Asia/Shanghai: [Monday 00:00 +08:00, next Monday 00:00 +08:00). */
export function weekInstants(week: IsoWeek): { from: Date; until: Date } {
  return { from: new Date(`${week.start}T00:00:00+08:00`), until: new Date(`${addCalendarDays(week.end, 1)}T00:00:00+08:00`) };
}
