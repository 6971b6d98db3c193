import { Injectable, Logger } from '@nestjs/common';
import { isWorkday } from 'chinese-days';
import calendarData from 'chinese-days/dist/chinese-days.json';
import { isCalendarDate } from '@app/domain';

const DAY_MS = 86_400_000;

function toOrdinal(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / DAY_MS;
}

function fromOrdinal(ordinal: number): string {
  return new Date(ordinal * DAY_MS).toISOString().slice(0, 10);
}

/** Years for which the package publishes the State Council's holiday schedule. */
const COVERED_YEARS: ReadonlySet<number> = new Set(
  Object.keys((calendarData as { holidays: Record<string, string> }).holidays).map((date) => Number(date.slice(0, 4))),
);

/**
 * 工作日: working days of the Chinese official calendar — statutory holidays off,
 * 调休 make-up weekends on — from the maintained `chinese-days` package.
 *
 * A year the package has no schedule for (the State Council publishes each year's
 * in November or December) falls back to Monday–Friday, and says so: a warning in
 * the log and `uncoveredYears()` for health checks, never a silent guess.
 */
@Injectable()
export class WorkingDayCalendar {
  private readonly logger = new Logger(WorkingDayCalendar.name);
  private readonly workingByOrdinal = new Map<number, boolean>();
  private readonly warnedYears = new Set<number>();

  isCovered(year: number): boolean {
    return COVERED_YEARS.has(year);
  }

  /** Years asked about that the calendar had no data for (Monday–Friday was assumed). */
  uncoveredYears(): number[] {
    return [...this.warnedYears].sort();
  }

  coveredYears(): number[] {
    return [...COVERED_YEARS].sort();
  }

  isWorkingDay(date: string): boolean {
    return this.isWorkingOrdinal(toOrdinal(this.checked(date)));
  }

  /**
   * The date `days` working days after (positive) or before (negative) `date`,
   * not counting `date` itself. addWorkingDays(d, 0) is d.
   */
  addWorkingDays(date: string, days: number): string {
    let ordinal = toOrdinal(this.checked(date));
    const step = Math.sign(days);
    for (let remaining = Math.abs(days); remaining > 0; ) {
      ordinal += step;
      if (this.isWorkingOrdinal(ordinal)) remaining--;
    }
    return fromOrdinal(ordinal);
  }

  /**
   * Working days in (from, to]: how many working days late a milestone due on
   * `from` is on `to`. Negative when `to` is before `from`.
   */
  workingDaysBetween(from: string, to: string): number {
    const start = toOrdinal(this.checked(from));
    const end = toOrdinal(this.checked(to));
    if (end < start) return -this.workingDaysBetween(to, from);
    let count = 0;
    for (let ordinal = start + 1; ordinal <= end; ordinal++) if (this.isWorkingOrdinal(ordinal)) count++;
    return count;
  }

  /** `date` if it is a working day, else the next one. */
  onOrAfter(date: string): string {
    return this.isWorkingDay(date) ? date : this.addWorkingDays(date, 1);
  }

  private isWorkingOrdinal(ordinal: number): boolean {
    const cached = this.workingByOrdinal.get(ordinal);
    if (cached !== undefined) return cached;
    const date = fromOrdinal(ordinal);
    const year = Number(date.slice(0, 4));
    let working: boolean;
    if (COVERED_YEARS.has(year)) {
      working = isWorkday(date);
    } else {
      if (!this.warnedYears.has(year)) {
        this.warnedYears.add(year);
        this.logger.warn(
          `No official holiday schedule for ${year} in chinese-days: assuming Monday–Friday. Update the chinese-days package once the State Council publishes it.`,
        );
      }
      const weekday = new Date(ordinal * DAY_MS).getUTCDay();
      working = weekday !== 0 && weekday !== 6;
    }
    this.workingByOrdinal.set(ordinal, working);
    return working;
  }

  private checked(date: string): string {
    if (!isCalendarDate(date)) throw new RangeError(`not a calendar date: ${date}`);
    return date;
  }
}
