import { isoWeekOf, lastCompletedIsoWeek, parseIsoWeek, previousIsoWeek, weekInstants, weeksInIsoYear } from './iso-week';

describe('ISO weeks', () => {
  it('names 2026-W47 as Monday 16 to Sunday 22 November 2026', () => {
    expect(parseIsoWeek('2026-W47')).toEqual({ name: '2026-W47', year: 2026, week: 47, start: '2026-11-16', end: '2026-11-22' });
    expect(isoWeekOf('2026-11-16').name).toBe('2026-W47');
    expect(isoWeekOf('2026-11-22').name).toBe('2026-W47');
    expect(isoWeekOf('2026-11-23').name).toBe('2026-W48');
  });

  it('knows which years have 53 weeks and refuses weeks that do not exist', () => {
    expect(weeksInIsoYear(2026)).toBe(53); // 2026 starts on a Thursday
    expect(weeksInIsoYear(2025)).toBe(52);
    expect(parseIsoWeek('2026-W53')).toMatchObject({ start: '2026-12-28', end: '2027-01-03' });
    expect(parseIsoWeek('2025-W53')).toBeNull();
    expect(parseIsoWeek('2026-W00')).toBeNull();
    expect(parseIsoWeek('2026-47')).toBeNull();
    expect(parseIsoWeek('2026-W7')).toBeNull();
    expect(parseIsoWeek('latest')).toBeNull();
  });

  it('puts early January and late December days in the right ISO year', () => {
    expect(isoWeekOf('2027-01-01').name).toBe('2026-W53');
    expect(isoWeekOf('2025-12-29').name).toBe('2026-W01');
    expect(isoWeekOf('2026-01-01').name).toBe('2026-W01');
  });

  it('steps back a week across a year boundary, and finds the last completed week', () => {
    expect(previousIsoWeek(parseIsoWeek('2026-W01')!).name).toBe('2025-W52');
    expect(lastCompletedIsoWeek('2026-11-23').name).toBe('2026-W47'); // a Monday
    expect(lastCompletedIsoWeek('2026-11-22').name).toBe('2026-W46'); // a Sunday: its week has not ended
  });

  it('gives the week as instants in Asia/Shanghai', () => {
    const { from, until } = weekInstants(parseIsoWeek('2026-W47')!);
    expect(from.toISOString()).toBe('2026-11-15T16:00:00.000Z');
    expect(until.toISOString()).toBe('2026-11-22T16:00:00.000Z');
  });
});
