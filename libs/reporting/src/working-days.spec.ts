import { WorkingDayCalendar } from '@app/calendar';
import { WorkingDayIndex } from './working-days';

describe('WorkingDayIndex', () => {
  const calendar = new WorkingDayCalendar();
  const index = new WorkingDayIndex(calendar);

  it('counts like the calendar, across National Day 2026 and its 调休 Saturday', () => {
    expect(index.between('2026-09-30', '2026-10-09')).toBe(2);
    expect(index.between('2026-10-01', '2026-10-30')).toBe(18); // 10-08, 10-09, 10-10 (调休), then three full weeks
    expect(index.between('2026-10-09', '2026-09-30')).toBe(-2);
    expect(index.between('2026-11-20', '2026-11-20')).toBe(0);
  });

  it('agrees with WorkingDayCalendar on a spread of pairs, growing its range as asked', () => {
    const pairs: Array<[string, string]> = [
      ['2024-12-31', '2025-02-10'],
      ['2026-02-10', '2026-02-27'],
      ['2020-01-01', '2026-12-31'],
      ['2026-11-12', '2026-11-25'],
    ];
    for (const [from, to] of pairs) expect(index.between(from, to)).toBe(calendar.workingDaysBetween(from, to));
  });
});
