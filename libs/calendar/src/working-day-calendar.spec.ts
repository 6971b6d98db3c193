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
