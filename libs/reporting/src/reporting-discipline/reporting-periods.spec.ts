import { WorkingDayCalendar } from '@app/calendar';
import { DEFAULT_DEADLINE_RULE as rule, periodContaining, periodsWithDeadlineIn } from './reporting-periods';
import { reportingStatus } from './reporting-status';

const calendar = new WorkingDayCalendar();

describe('reporting periods and deadlines (Asia/Shanghai, official calendar)', () => {
  it('is due Friday 17:00 of the ISO week by default', () => {
    const week = periodContaining('week', '2026-11-25', rule, calendar);
    expect(week).toMatchObject({ kind: 'week', key: '2026-W48', start: '2026-11-23', end: '2026-11-29', deadlineDate: '2026-11-27' });
    expect(week.deadline!.toISOString()).toBe('2026-11-27T09:00:00.000Z');
    expect(week.from.toISOString()).toBe('2026-11-22T16:00:00.000Z');
    expect(week.until.toISOString()).toBe('2026-11-29T16:00:00.000Z');
  });

  it('moves to the last working day before a holiday Friday (劳动节, 国庆)', () => {
    // 2026-05-01 (Fri) is 劳动节: due Thursday 04-30.
    expect(periodContaining('week', '2026-04-29', rule, calendar)).toMatchObject({ key: '2026-W18', deadlineDate: '2026-04-30' });
    // 国庆 10-01…10-07: in W40 Thursday and Friday are off → Wednesday 09-30.
    expect(periodContaining('week', '2026-10-02', rule, calendar)).toMatchObject({ key: '2026-W40', deadlineDate: '2026-09-30' });
    // W41: Friday 10-09 is a working day; the 调休 Saturday 10-10 does not move the deadline later.
    expect(periodContaining('week', '2026-10-06', rule, calendar)).toMatchObject({ key: '2026-W41', deadlineDate: '2026-10-09' });
  });

  it('owes nothing in a week without a working day, and takes a 调休 day only when nothing comes before the target', () => {
    // 春节 2026-02-16…22: the whole week is off.
    expect(periodContaining('week', '2026-02-18', rule, calendar)).toMatchObject({ deadlineDate: null, deadline: null });
    // Deadline weekday Sunday: 02-15 is off, the 调休 Saturday 02-14 before it is the deadline.
    expect(periodContaining('week', '2026-02-10', { ...rule, weeklyDeadlineWeekday: 7 }, calendar)).toMatchObject({ deadlineDate: '2026-02-14' });
    // Deadline weekday Wednesday in W41 (Mon–Wed off): the first working day after it, Thursday 10-08.
    expect(periodContaining('week', '2026-10-06', { ...rule, weeklyDeadlineWeekday: 3 }, calendar)).toMatchObject({ deadlineDate: '2026-10-08' });
  });

  it('is due the last working day of the month for monthly projects, at the configured time', () => {
    const october = periodContaining('month', '2026-10-15', { ...rule, deadlineTime: '12:00' }, calendar);
    expect(october).toMatchObject({ key: '2026-10', start: '2026-10-01', end: '2026-10-31', deadlineDate: '2026-10-30' });
    expect(october.deadline!.toISOString()).toBe('2026-10-30T04:00:00.000Z');
    // February 2026 ends on Saturday 02-28, a 调休 working day: that is the deadline.
    expect(periodContaining('month', '2026-02-01', rule, calendar)).toMatchObject({ end: '2026-02-28', deadlineDate: '2026-02-28' });
  });

  it('lists the periods whose deadline falls in a range', () => {
    expect(periodsWithDeadlineIn('week', '2026-11-02', '2026-11-26', rule, calendar).map((period) => period.key)).toEqual(['2026-W45', '2026-W46', '2026-W47']);
    expect(periodsWithDeadlineIn('week', '2026-11-02', '2026-11-27', rule, calendar).map((period) => period.key)).toEqual(['2026-W45', '2026-W46', '2026-W47', '2026-W48']);
    expect(periodsWithDeadlineIn('month', '2026-10-26', '2026-11-29', rule, calendar).map((period) => period.key)).toEqual(['2026-10']);
    expect(periodsWithDeadlineIn('month', '2026-10-31', '2026-11-29', rule, calendar)).toEqual([]);
    // The 春节 week owes nothing and is left out.
    expect(periodsWithDeadlineIn('week', '2026-02-09', '2026-02-27', rule, calendar).map((period) => period.key)).toEqual(['2026-W07', '2026-W09']);
  });

  it('says on time, late or missing against the deadline', () => {
    const week = periodContaining('week', '2026-11-25', rule, calendar);
    const at = (iso: string) => new Date(iso);
    expect(reportingStatus(week, at('2026-11-27T17:00:00+08:00'), at('2026-11-30T09:00:00+08:00'))).toBe('on_time');
    expect(reportingStatus(week, at('2026-11-27T17:00:01+08:00'), at('2026-11-30T09:00:00+08:00'))).toBe('late');
    expect(reportingStatus(week, null, at('2026-11-27T17:00:01+08:00'))).toBe('missing');
    expect(reportingStatus(week, null, at('2026-11-27T16:59:59+08:00'))).toBe('not_due');
    expect(reportingStatus(week, at('2026-11-24T10:00:00+08:00'), at('2026-11-25T10:00:00+08:00'))).toBe('on_time');
  });
});
