/**
 * Due dates are calendar dates in Asia/Shanghai, carried as 'YYYY-MM-DD' strings
 * (Postgres `date`, with the pg parser told not to turn them into JS Dates).
 */
export const DISTRICT_TIME_ZONE = 'Asia/Shanghai';
export const ISO_DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

const dateFormatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: DISTRICT_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date in Asia/Shanghai at the given instant. */
export function districtDate(instant: Date): string {
  return dateFormatter.format(instant);
}

/** Whether a 'YYYY-MM-DD' string names a real calendar date (rejects 2026-02-30). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !ISO_DATE_PATTERN.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return parsed.toISOString().slice(0, 10) === value;
}

/**
 * The dates the system plans with. A project of this portfolio runs within this
 * century; the API refuses dates beyond it (a typo like 9999-12-30), and the views
 * flag one that got stored anyway instead of counting working days up to it.
 */
export const EARLIEST_PLAUSIBLE_DATE = '2000-01-01';
export const LATEST_PLAUSIBLE_DATE = '2100-12-31';

/** A calendar date within EARLIEST_PLAUSIBLE_DATE … LATEST_PLAUSIBLE_DATE. */
export function isPlausibleDate(value: unknown): value is string {
  return isCalendarDate(value) && value >= EARLIEST_PLAUSIBLE_DATE && value <= LATEST_PLAUSIBLE_DATE;
}

export function addCalendarDays(date: string, days: number): string {
  const parsed = new Date(`${date}T00:00:00Z`);
  parsed.setUTCDate(parsed.getUTCDate() + days);
  return parsed.toISOString().slice(0, 10);
}

/** Whole calendar days from a to b (positive when b is later). */
export function calendarDaysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}
