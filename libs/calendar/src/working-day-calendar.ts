import { Injectable, Logger } from '@nestjs/common';
import calendarData from 'chinese-days/dist/chinese-days.json';
import { isCalendarDate } from '@app/domain';

const DAY_MS = 86_400_000;
/** Ordinals of 0001-01-01 and 9999-12-31: the dates 'YYYY-MM-DD' can name. */
const MIN_ORDINAL = Math.round(new Date('0001-01-01T00:00:00Z').getTime() / DAY_MS);
const MAX_ORDINAL = Math.round(new Date('9999-12-31T00:00:00Z').getTime() / DAY_MS);

function toOrdinal(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / DAY_MS;
}

function fromOrdinal(ordinal: number): string {
  return new Date(ordinal * DAY_MS).toISOString().slice(0, 10);
}

function yearOf(ordinal: number): number {
  return new Date(ordinal * DAY_MS).getUTCFullYear();
}

/** 0 = Monday … 6 = Sunday (ordinal 0, 1970-01-01, was a Thursday). */
function weekdayOf(ordinal: number): number {
  return (((ordinal + 3) % 7) + 7) % 7;
}

/**
 * Monday–Friday days up to and including `ordinal`, counted from an arbitrary
 * origin (only differences matter): a closed formula, no walk.
 */
function weekdaysThrough(ordinal: number): number {
  const shifted = ordinal + 3; // 0 = Monday 1969-12-29
  return 5 * Math.floor(shifted / 7) + Math.min((((shifted % 7) + 7) % 7) + 1, 5);
}

/** The smallest ordinal whose weekdaysThrough is at least `count`. */
function firstOrdinalWithWeekdays(count: number): number {
  const weeks = Math.floor((count - 1) / 5);
  return 7 * weeks + (count - 5 * weeks) - 1 - 3;
}

interface YearTable {
  first: number;
  /** 1 = working day, by day of the year. */
  working: Uint8Array;
  /** Running sum, through each day of the year, of (working − Mon–Fri): −1 for a weekday holiday, +1 for a 调休 weekend. */
  correction: Int16Array;
  /** The same sum over all earlier covered years. */
  before: number;
}

/**
 * The official schedule, precomputed once per process: for every year the
 * package covers, its working days and the running difference from a plain
 * Monday–Friday week. Counting working days between any two dates is then the
 * Monday–Friday formula plus two table reads — whatever the distance.
 */
class OfficialSchedule {
  readonly years = new Map<number, YearTable>();
  readonly coveredYears: readonly number[];
  /** Correction carried past the end of each covered year (for the uncovered years after it). */
  private readonly carried = new Map<number, number>();
  /** Extremes of the running correction, which bound how far the formula can be off. */
  readonly minCorrection: number;
  readonly maxCorrection: number;

  /** `extraYears`: years covered even without a holiday listed (an office-published year may list none). */
  constructor(data: { holidays: Record<string, string>; workdays: Record<string, string> }, extraYears: readonly number[] = []) {
    const listed = Object.keys(data.holidays).map((date) => Number(date.slice(0, 4)));
    this.coveredYears = [...new Set([...listed, ...extraYears])].sort((a, b) => a - b);
    let running = 0;
    let min = 0;
    let max = 0;
    for (const year of this.coveredYears) {
      const first = toOrdinal(`${year}-01-01`);
      const length = toOrdinal(`${year + 1}-01-01`) - first;
      const working = new Uint8Array(length);
      const correction = new Int16Array(length);
      const before = running;
      let sum = 0;
      for (let day = 0; day < length; day++) {
        const date = fromOrdinal(first + day);
        const weekday = weekdayOf(first + day) < 5;
        // As chinese-days' isWorkday: a 调休 working day, or a weekday that is not a holiday.
        const isWorking = date in data.workdays || (weekday && !(date in data.holidays));
        working[day] = isWorking ? 1 : 0;
        sum += (isWorking ? 1 : 0) - (weekday ? 1 : 0);
        correction[day] = sum;
        min = Math.min(min, before + sum);
        max = Math.max(max, before + sum);
      }
      running += sum;
      this.years.set(year, { first, working, correction, before });
      this.carried.set(year, running);
    }
    this.minCorrection = min;
    this.maxCorrection = max;
  }

  /** Σ (working − Mon–Fri) over every covered day up to and including `ordinal`. */
  correctionThrough(ordinal: number): number {
    const year = yearOf(ordinal);
    const table = this.years.get(year);
    if (table) return table.before + table.correction[ordinal - table.first];
    if (this.coveredYears.length === 0 || year < this.coveredYears[0]) return 0;
    // After the last covered year, or in a gap between covered years: what the covered years before it left.
    for (let previous = Math.min(year - 1, this.coveredYears[this.coveredYears.length - 1]); previous >= this.coveredYears[0]; previous--) {
      const carried = this.carried.get(previous);
      if (carried !== undefined) return carried;
    }
    return 0;
  }
}

interface ScheduleData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

const PACKAGE_DATA = calendarData as ScheduleData;
const PACKAGE_YEARS = new Set(Object.keys(PACKAGE_DATA.holidays).map((date) => Number(date.slice(0, 4))));

/** A year's schedule as the office (督查室/admin) published it: weekday holidays and 调休 working weekends. */
export interface OfficeYear {
  year: number;
  /** Days off (statutory holidays, including the weekend days of a holiday stretch). */
  holidays: string[];
  /** 调休: weekend days that are working days. */
  workdays: string[];
}

export type CalendarSource = 'office' | 'package' | 'none';

/** The package's schedule with every office-published year put in place of the package's own. */
function mergedSchedule(office: readonly OfficeYear[]): OfficialSchedule {
  const replaced = new Set(office.map((year) => year.year));
  const keep = (entries: Record<string, string>) =>
    Object.fromEntries(Object.entries(entries).filter(([date]) => !replaced.has(Number(date.slice(0, 4)))));
  const holidays = keep(PACKAGE_DATA.holidays);
  const workdays = keep(PACKAGE_DATA.workdays);
  for (const year of office) {
    for (const date of year.holidays) holidays[date] = 'office';
    for (const date of year.workdays) workdays[date] = 'office';
  }
  return new OfficialSchedule({ holidays, workdays }, [...replaced]);
}

/** The package's own schedule, built once per process: every calendar starts from it until the office publishes a year. */
let packageSchedule: OfficialSchedule | undefined;
function packageOnlySchedule(): OfficialSchedule {
  packageSchedule ??= mergedSchedule([]);
  return packageSchedule;
}

/**
 * 工作日: working days of the Chinese official calendar — statutory holidays off,
 * 调休 make-up weekends on — from the maintained `chinese-days` package, with every
 * year the office published (calendar_years, applyOfficeYears) in place of the package's.
 *
 * A year the package has no schedule for (the State Council publishes each year's
 * in November or December) falls back to Monday–Friday, and says so: a warning in
 * the log and `uncoveredYears()` for health checks, never a silent guess.
 *
 * Every answer takes the same time whatever the distance between the dates
 * (counts per year, precomputed): a mistyped 9999-12-30 costs what 2026-12-30 does.
 */
@Injectable()
export class WorkingDayCalendar {
  private readonly logger = new Logger(WorkingDayCalendar.name);
  private readonly warnedYears = new Set<number>();
  private schedule = packageOnlySchedule();
  private office = new Map<number, OfficeYear>();
  private officeVersion = 0;

  /**
   * Puts the office-published years (calendar_years in Postgres) in force, in place of
   * the package's schedule for those years. `version` is the database's calendar
   * version; OfficeCalendarSync calls this in the API and the worker alike.
   */
  applyOfficeYears(years: readonly OfficeYear[], version: number): void {
    this.schedule = mergedSchedule(years);
    this.office = new Map(years.map((year) => [year.year, year]));
    this.officeVersion = version;
    for (const year of years) this.warnedYears.delete(year.year);
  }

  /** The calendar version in force (0: no office-published year). */
  version(): number {
    return this.officeVersion;
  }

  sourceOf(year: number): CalendarSource {
    if (this.office.has(year)) return 'office';
    return PACKAGE_YEARS.has(year) ? 'package' : 'none';
  }

  /** The package's own entries for a year (holidays and 调休 working days), as it ships them. */
  packageYear(year: number): OfficeYear {
    const of = (entries: Record<string, string>) => Object.keys(entries).filter((date) => date.startsWith(`${year}-`)).sort();
    return { year, holidays: of(PACKAGE_DATA.holidays), workdays: of(PACKAGE_DATA.workdays) };
  }

  officeYear(year: number): OfficeYear | undefined {
    return this.office.get(year);
  }

  isCovered(year: number): boolean {
    return this.schedule.years.has(year);
  }

  /** Years asked about that the calendar had no data for (Monday–Friday was assumed). */
  uncoveredYears(): number[] {
    return [...this.warnedYears].sort((a, b) => a - b);
  }

  coveredYears(): number[] {
    return [...this.schedule.coveredYears];
  }

  isWorkingDay(date: string): boolean {
    const ordinal = toOrdinal(this.checked(date));
    this.noteUncovered(ordinal, ordinal);
    return this.isWorkingOrdinal(ordinal);
  }

  /**
   * The date `days` working days after (positive) or before (negative) `date`,
   * not counting `date` itself. addWorkingDays(d, 0) is d.
   * RangeError when the answer would be beyond 0001-01-01 … 9999-12-31.
   */
  addWorkingDays(date: string, days: number): string {
    if (!Number.isSafeInteger(days)) throw new RangeError(`not a whole number of working days: ${days}`);
    const start = toOrdinal(this.checked(date));
    if (days === 0) return date;
    // Positive: the first day whose running count reaches count(date) + days.
    // Negative: the first day whose running count reaches count(date − 1) − |days| + 1 — that day and the
    // working days after it, up to the day before `date`, are exactly |days|.
    const target = days > 0 ? this.countThrough(start) + days : this.countThrough(start - 1) + days + 1;
    const result = this.firstOrdinalWithCount(target);
    if (result < MIN_ORDINAL || result > MAX_ORDINAL) throw new RangeError(`${days} working days from ${date} is beyond the calendar`);
    this.noteUncovered(Math.min(start, result), Math.max(start, result));
    return fromOrdinal(result);
  }

  /**
   * Working days in (from, to]: how many working days late a milestone due on
   * `from` is on `to`. Negative when `to` is before `from`.
   */
  workingDaysBetween(from: string, to: string): number {
    const start = toOrdinal(this.checked(from));
    const end = toOrdinal(this.checked(to));
    this.noteUncovered(Math.min(start, end), Math.max(start, end));
    return this.countThrough(end) - this.countThrough(start);
  }

  /** `date` if it is a working day, else the next one. */
  onOrAfter(date: string): string {
    return this.isWorkingDay(date) ? date : this.addWorkingDays(date, 1);
  }

  /** Working days up to and including `ordinal`, from an arbitrary origin (only differences mean anything). */
  private countThrough(ordinal: number): number {
    return weekdaysThrough(ordinal) + this.schedule.correctionThrough(ordinal);
  }

  /**
   * The smallest ordinal whose count reaches `target` (necessarily a working day).
   * The count differs from the Monday–Friday formula by a correction bounded by
   * the schedule's extremes, so the answer lies in a window of a few hundred days
   * found by formula; a binary search in it takes under a dozen steps.
   */
  private firstOrdinalWithCount(target: number): number {
    let low = firstOrdinalWithWeekdays(target - this.schedule.maxCorrection) - 1;
    let high = firstOrdinalWithWeekdays(target - this.schedule.minCorrection);
    // Invariant: count(low) < target ≤ count(high).
    while (high - low > 1) {
      const middle = low + Math.floor((high - low) / 2);
      if (this.countThrough(middle) >= target) high = middle;
      else low = middle;
    }
    return high;
  }

  private isWorkingOrdinal(ordinal: number): boolean {
    const table = this.schedule.years.get(yearOf(ordinal));
    if (table) return table.working[ordinal - table.first] === 1;
    return weekdayOf(ordinal) < 5;
  }

  /**
   * Records (and logs once) the years in [from, to] that Monday–Friday was assumed
   * for. Only years within this century are listed: dates beyond it are refused at
   * the API's edge, and one stored by other means must not flood the log and the
   * health report with thousands of years.
   */
  private noteUncovered(from: number, to: number): void {
    const first = Math.max(yearOf(from), 2000);
    const last = Math.min(yearOf(to), 2100);
    for (let year = first; year <= last; year++) {
      if (this.schedule.years.has(year) || this.warnedYears.has(year)) continue;
      this.warnedYears.add(year);
      this.logger.warn(
        `No official holiday schedule for ${year} (neither in chinese-days nor published by the office): assuming Monday–Friday. An admin can publish it: PUT /api/v1/calendar/years/${year}.`,
      );
    }
  }

  private checked(date: string): string {
    if (!isCalendarDate(date)) throw new RangeError(`not a calendar date: ${date}`);
    return date;
  }
}
