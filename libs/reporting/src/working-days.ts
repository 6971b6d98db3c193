import type { WorkingDayCalendar } from '@app/calendar';
import { EARLIEST_PLAUSIBLE_DATE, LATEST_PLAUSIBLE_DATE } from '@app/domain';

/** The two working-day questions the rules ask; see WorkingDayCalendar for the meaning. */
export interface WorkingDays {
  /** Working days in (from, to]; negative when `to` is before `from`. */
  between(from: string, to: string): number;
  /** The date `days` working days after `date`. */
  add(date: string, days: number): string;
}

const DAY_MS = 86_400_000;
const ordinalOf = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const yearOf = (ordinal: number) => new Date(ordinal * DAY_MS).getUTCFullYear();
/** The index never grows beyond the plausible dates (37,000 days); dates outside go to the calendar's own O(1) count. */
const WINDOW_FIRST = ordinalOf(EARLIEST_PLAUSIBLE_DATE);
const WINDOW_LAST = ordinalOf(LATEST_PLAUSIBLE_DATE);

/**
 * WorkingDays over the official calendar with O(1) `between`: a prefix count of
 * working days over a range of dates that grows on demand, so counting days
 * late for 200,000 milestones costs two array reads each instead of a walk over
 * every day in between. Same answers as WorkingDayCalendar.workingDaysBetween.
 * A date outside 2000–2100 (stored by mistake) is counted by the calendar instead,
 * so it can neither blow the array up nor slow the portfolio down. When the office
 * publishes a calendar year (the calendar's version changes) the index starts over.
 */
export class WorkingDayIndex implements WorkingDays {
  private first = 0;
  /** prefix[i] = working days in [first + 1, first + i] */
  private prefix = new Int32Array(0);
  /** The calendar version the prefix was counted with: an office-published year makes it stale. */
  private countedWith: number;

  constructor(private readonly calendar: WorkingDayCalendar) {
    this.countedWith = calendar.version();
  }

  between(from: string, to: string): number {
    if (this.calendar.version() !== this.countedWith) {
      this.prefix = new Int32Array(0);
      this.countedWith = this.calendar.version();
    }
    const a = ordinalOf(from);
    const b = ordinalOf(to);
    if (Number.isNaN(a) || Number.isNaN(b)) throw new RangeError(`not a calendar date: ${Number.isNaN(a) ? from : to}`);
    if (Math.min(a, b) < WINDOW_FIRST || Math.max(a, b) > WINDOW_LAST) return this.calendar.workingDaysBetween(from, to);
    this.cover(Math.min(a, b), Math.max(a, b));
    return this.prefix[b - this.first] - this.prefix[a - this.first];
  }

  add(date: string, days: number): string {
    return this.calendar.addWorkingDays(date, days);
  }

  private padDown(ordinal: number): number {
    const year = yearOf(ordinal);
    const padded = this.calendar.isCovered(year) && !this.calendar.isCovered(year - 1) ? Math.max(ordinal - 366, ordinalOf(`${year}-01-01`)) : ordinal - 366;
    return Math.max(padded, WINDOW_FIRST);
  }

  private padUp(ordinal: number): number {
    const year = yearOf(ordinal);
    const padded = this.calendar.isCovered(year) && !this.calendar.isCovered(year + 1) ? Math.min(ordinal + 366, ordinalOf(`${year}-12-31`)) : ordinal + 366;
    return Math.min(padded, WINDOW_LAST);
  }

  private cover(low: number, high: number): void {
    const last = this.first + this.prefix.length - 1;
    if (this.prefix.length > 0 && low >= this.first && high <= last) return;
    // Grow by up to a year on each side that is too short, so a portfolio settles after one or two rebuilds —
    // but never pad into a year the calendar has no schedule for (it would warn about dates nobody asked for).
    const first = this.prefix.length === 0 ? this.padDown(low) : Math.min(this.first, this.padDown(low));
    const end = this.prefix.length === 0 ? this.padUp(high) : Math.max(last, this.padUp(high));
    const prefix = new Int32Array(end - first + 1);
    for (let i = 1; i < prefix.length; i++) {
      const date = new Date((first + i) * DAY_MS).toISOString().slice(0, 10);
      prefix[i] = prefix[i - 1] + (this.calendar.isWorkingDay(date) ? 1 : 0);
    }
    this.first = first;
    this.prefix = prefix;
  }
}
