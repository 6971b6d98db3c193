import { Logger } from '@nestjs/common';
import { isWorkday } from 'chinese-days';
import { WorkingDayCalendar } from './working-day-calendar';

describe('WorkingDayCalendar (Chinese official calendar)', () => {
  const calendar = new WorkingDayCalendar();

  it('knows National Day 2026 is off and the 调休 Saturday 2026-10-10 is a working day', () => {
    expect(calendar.isWorkingDay('2026-10-01')).toBe(false);
    expect(calendar.isWorkingDay('2026-10-07')).toBe(false);
    expect(calendar.isWorkingDay('2026-10-08')).toBe(true);
    expect(calendar.isWorkingDay('2026-10-10')).toBe(true);
    expect(calendar.isWorkingDay('2026-10-11')).toBe(false);
  });

  it('counts back over the Spring Festival 2026 holiday', () => {
    // 2026-02-24 is the first working day after the 春节 break (02-15 … 02-23 off; 02-14 is a make-up Saturday).
    expect(calendar.addWorkingDays('2026-02-24', -1)).toBe('2026-02-14');
    expect(calendar.addWorkingDays('2026-02-14', 1)).toBe('2026-02-24');
  });

  it('counts working days late across National Day', () => {
    // Due Wed 2026-09-30; on Fri 10-09 it is late by 10-08, 10-09 = 2 working days.
    expect(calendar.workingDaysBetween('2026-09-30', '2026-10-09')).toBe(2);
    expect(calendar.workingDaysBetween('2026-10-09', '2026-09-30')).toBe(-2);
    expect(calendar.workingDaysBetween('2026-11-20', '2026-11-20')).toBe(0);
  });

  it('falls back to Monday–Friday for a year without data, and reports the year', () => {
    expect(calendar.isCovered(2026)).toBe(true);
    const year = 2099;
    expect(calendar.isCovered(year)).toBe(false);
    expect(calendar.isWorkingDay('2099-10-01')).toBe(true); // a Thursday
    expect(calendar.isWorkingDay('2099-10-03')).toBe(false); // a Saturday
    expect(calendar.uncoveredYears()).toContain(year);
  });

  it('refuses a malformed date', () => {
    expect(() => calendar.isWorkingDay('2026-02-30')).toThrow(RangeError);
  });
});

/** The obvious, slow definition: walk day by day asking chinese-days (memoised: the package's own check is slow). */
const referenceDays = new Map<string, boolean>();
function referenceWorking(date: string): boolean {
  let working = referenceDays.get(date);
  if (working === undefined) {
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    working = new WorkingDayCalendar().isCovered(Number(date.slice(0, 4))) ? isWorkday(date) : weekday !== 0 && weekday !== 6;
    referenceDays.set(date, working);
  }
  return working;
}

function shift(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function referenceBetween(from: string, to: string): number {
  if (to < from) return -referenceBetween(to, from);
  let count = 0;
  for (let date = shift(from, 1); date <= to; date = shift(date, 1)) if (referenceWorking(date)) count++;
  return count;
}

function referenceAdd(date: string, days: number): string {
  let current = date;
  for (let remaining = Math.abs(days); remaining > 0; ) {
    current = shift(current, Math.sign(days));
    if (referenceWorking(current)) remaining--;
  }
  return current;
}

/** mulberry32: a fixed-seed generator, so a failure can be replayed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe('WorkingDayCalendar arithmetic without walking', () => {
  // The uncovered-year warnings are expected here; keep the output readable.
  beforeAll(() => Logger.overrideLogger(['error']));
  afterAll(() => Logger.overrideLogger(['log', 'error', 'warn', 'debug', 'verbose']));
  const calendar = new WorkingDayCalendar();
  const random = seeded(20261203);
  const randomDate = (fromYear: number, toYear: number) => {
    const start = Date.UTC(fromYear, 0, 1);
    const end = Date.UTC(toYear, 11, 31);
    return new Date(start + Math.floor(random() * ((end - start) / 86_400_000 + 1)) * 86_400_000).toISOString().slice(0, 10);
  };

  it('agrees with chinese-days on every day of every covered year', () => {
    for (const year of calendar.coveredYears()) {
      for (let date = `${year}-01-01`; date <= `${year}-12-31`; date = shift(date, 1)) {
        if (calendar.isWorkingDay(date) !== isWorkday(date)) throw new Error(`${date}: ${calendar.isWorkingDay(date)} vs ${isWorkday(date)}`);
      }
    }
  });

  it('counts like the day-by-day walk on random ranges, across 调休 weekends, holidays and uncovered years', () => {
    for (let i = 0; i < 300; i++) {
      const from = randomDate(2001, 2031);
      // Mostly short ranges (where 调休 and holidays decide), some spanning years.
      const to = random() < 0.85 ? shift(from, Math.floor(random() * 120) - 60) : randomDate(2001, 2031);
      expect([from, to, calendar.workingDaysBetween(from, to)]).toEqual([from, to, referenceBetween(from, to)]);
    }
  });

  it('adds working days like the walk, forwards and back, starting on working days and days off', () => {
    const starts = ['2026-02-14', '2026-02-15', '2026-02-23', '2026-10-01', '2026-10-10', '2026-12-31', '2025-01-26', '2024-02-18'];
    for (let i = 0; i < 200; i++) starts.push(randomDate(2003, 2030));
    for (const date of starts) {
      const days = Math.floor(random() * 80) - 40;
      expect([date, days, calendar.addWorkingDays(date, days)]).toEqual([date, days, referenceAdd(date, days)]);
    }
  });

  it('handles the far future at once (a mistyped 9999-12-30) and reports only this century as guessed', () => {
    const fresh = new WorkingDayCalendar();
    const late = fresh.workingDaysBetween('2026-03-02', '9999-12-30');
    // Mon–Fri beyond 2026: about 5/7 of the days, within a few weeks of holidays.
    expect(late).toBeGreaterThan(((Date.parse('9999-12-30') - Date.parse('2026-03-02')) / 86_400_000) * (5 / 7) - 300);
    expect(fresh.workingDaysBetween('9999-12-30', '2026-03-02')).toBe(-late);
    expect(fresh.addWorkingDays('2026-03-02', late)).toBe('9999-12-30');
    expect(fresh.uncoveredYears()[0]).toBe(2027);
    expect(Math.max(...fresh.uncoveredYears())).toBe(2100);
    expect(() => fresh.addWorkingDays('9999-12-30', 10)).toThrow(RangeError);
  });
});

describe('WorkingDayCalendar with a year published by the office', () => {
  beforeAll(() => Logger.overrideLogger(['error']));
  afterAll(() => Logger.overrideLogger(['log', 'error', 'warn', 'debug', 'verbose']));
  // An illustrative 2027 schedule (not the State Council's): 元旦 Fri 01-01 off, and Sat 01-09 worked (调休).
  const office2027 = { year: 2027, holidays: ['2027-01-01'], workdays: ['2027-01-09'] };

  it('puts the office year in force: its holiday is off, its 调休 Saturday is worked, counts and sources follow', () => {
    const calendar = new WorkingDayCalendar();
    expect(calendar.sourceOf(2027)).toBe('none');
    expect(calendar.isWorkingDay('2027-01-01')).toBe(true); // Monday–Friday assumed
    expect(calendar.workingDaysBetween('2026-12-31', '2027-01-04')).toBe(2);

    calendar.applyOfficeYears([office2027], 1);
    expect(calendar.sourceOf(2027)).toBe('office');
    expect(calendar.isCovered(2027)).toBe(true);
    expect(calendar.version()).toBe(1);
    expect(calendar.isWorkingDay('2027-01-01')).toBe(false);
    expect(calendar.isWorkingDay('2027-01-09')).toBe(true);
    expect(calendar.workingDaysBetween('2026-12-31', '2027-01-04')).toBe(1);
    expect(calendar.addWorkingDays('2027-01-04', -1)).toBe('2026-12-31');
    expect(calendar.addWorkingDays('2027-01-08', 1)).toBe('2027-01-09');
    // The package's years before it are untouched.
    expect(calendar.isWorkingDay('2026-10-01')).toBe(false);
  });

  it('covers a published year that lists no holiday at all, and replaces the package year it overrides', () => {
    const calendar = new WorkingDayCalendar();
    calendar.applyOfficeYears([{ year: 2026, holidays: [], workdays: [] }], 2);
    expect(calendar.sourceOf(2026)).toBe('office');
    expect(calendar.isCovered(2026)).toBe(true);
    expect(calendar.isWorkingDay('2026-10-01')).toBe(true); // the package said off; the office year says nothing is
    expect(calendar.isWorkingDay('2026-10-10')).toBe(false); // nor is the package's 调休 Saturday worked
    expect(calendar.uncoveredYears()).not.toContain(2026);
  });
});
