import { WorkingDayCalendar } from '@app/calendar';
import { WorkingDayIndex } from '../working-days';
import { assessMilestone, MilestoneDates, milestoneStateAsOf } from './milestone-light';
import { DEFAULT_WARNING_LIGHT_RULES as rules } from './warning-light';

const days = new WorkingDayIndex(new WorkingDayCalendar());
const pending = (plannedDate: string, baselineDate = plannedDate): MilestoneDates => ({ status: 'pending', baselineDate, plannedDate, actualDate: null });

describe('milestone light (N = 5, M = 10 working days)', () => {
  const today = '2026-11-25'; // a Wednesday

  it('is red when pending and the planned date has passed, with working days late', () => {
    // Due Thu 11-12: late by 11-13, 11-16…20, 11-23…25 = 9 working days.
    expect(assessMilestone(pending('2026-11-12'), today, rules, days)).toMatchObject({ light: 'red', reasons: ['milestone_overdue'], workingDaysLate: 9 });
    // Due yesterday: 1 working day late.
    expect(assessMilestone(pending('2026-11-24'), today, rules, days)).toMatchObject({ light: 'red', workingDaysLate: 1 });
  });

  it('flags a date outside 2000–2100 instead of counting from it', () => {
    expect(assessMilestone(pending('9999-12-30'), today, rules, days)).toEqual({
      state: 'pending', light: 'yellow', reasons: ['milestone_date_implausible'], workingDaysLate: null, workingDaysUntilDue: null, slipWorkingDays: 0,
    });
    // Only the baseline is off: the planned date still decides overdue, the slip is not counted.
    expect(assessMilestone(pending('2026-11-12', '1900-01-01'), today, rules, days)).toMatchObject({
      light: 'red', reasons: ['milestone_overdue', 'milestone_date_implausible'], workingDaysLate: 9, slipWorkingDays: 0,
    });
    expect(assessMilestone(pending('2027-06-30', '0001-01-01'), today, rules, days)).toMatchObject({ light: 'yellow', reasons: ['milestone_date_implausible'] });
    expect(assessMilestone({ status: 'done', baselineDate: '9999-01-01', plannedDate: '2026-11-01', actualDate: '2026-11-01' }, today, rules, days)).toMatchObject({
      light: 'green', reasons: ['milestone_date_implausible'],
    });
  });

  it('can be red with 0 working days late: due Friday, seen on Sunday', () => {
    expect(assessMilestone(pending('2026-11-20'), '2026-11-22', rules, days)).toMatchObject({ light: 'red', workingDaysLate: 0 });
  });

  it('is yellow when due within N working days, today included, and green just beyond', () => {
    expect(assessMilestone(pending('2026-11-25'), today, rules, days)).toMatchObject({ light: 'yellow', reasons: ['milestone_due_soon'], workingDaysUntilDue: 0 });
    // Wed 12-02 is 5 working days after Wed 11-25 (26, 27, 30, 1, 2): still yellow.
    expect(assessMilestone(pending('2026-12-02'), today, rules, days)).toMatchObject({ light: 'yellow', workingDaysUntilDue: 5 });
    expect(assessMilestone(pending('2026-12-03'), today, rules, days)).toMatchObject({ light: 'green', workingDaysUntilDue: 6 });
  });

  it('counts "due soon" in working days across a holiday', () => {
    // On Wed 2026-09-30, Fri 10-09 is 2 working days away (National Day 10-01…10-07 is off).
    expect(assessMilestone(pending('2026-10-09'), '2026-09-30', rules, days)).toMatchObject({ light: 'yellow', workingDaysUntilDue: 2 });
  });

  it('is yellow when the planned date slipped more than M working days from the baseline, and not at exactly M', () => {
    // Baseline Thu 12-10 → planned Thu 12-24 is 10 working days: not more than M.
    expect(assessMilestone(pending('2026-12-24', '2026-12-10'), today, rules, days)).toMatchObject({ light: 'green', slipWorkingDays: 10 });
    expect(assessMilestone(pending('2026-12-24', '2026-12-09'), today, rules, days)).toMatchObject({
      light: 'yellow',
      reasons: ['milestone_slipped'],
      slipWorkingDays: 11,
    });
    // Across National Day, with the 调休 Saturday 10-10 counted: 10-01 → 10-30 is 18 working days.
    expect(assessMilestone(pending('2026-10-30', '2026-10-01'), '2026-10-20', rules, days).slipWorkingDays).toBe(18);
  });

  it('is green when done or cancelled, even if late', () => {
    expect(assessMilestone({ status: 'done', baselineDate: '2026-10-01', plannedDate: '2026-10-01', actualDate: '2026-11-20' }, today, rules, days)).toMatchObject({
      state: 'done',
      light: 'green',
    });
    expect(assessMilestone({ status: 'cancelled', baselineDate: '2026-10-01', plannedDate: '2026-10-01', actualDate: null }, today, rules, days).light).toBe('green');
  });

  it('treats a milestone done after the as-of date as still pending then', () => {
    const doneLater: MilestoneDates = { status: 'done', baselineDate: '2026-11-19', plannedDate: '2026-11-19', actualDate: '2026-11-23' };
    expect(milestoneStateAsOf(doneLater, '2026-11-22')).toBe('pending');
    expect(assessMilestone(doneLater, '2026-11-22', rules, days)).toMatchObject({ light: 'red', workingDaysLate: 1 });
    expect(milestoneStateAsOf(doneLater, '2026-11-23')).toBe('done');
  });

  it('follows edited thresholds', () => {
    const strict = { ...rules, dueSoonWorkingDays: 10, baselineSlipWorkingDays: 0 };
    expect(assessMilestone(pending('2026-12-03'), today, strict, days).light).toBe('yellow');
    expect(assessMilestone(pending('2027-03-01', '2027-02-26'), today, strict, days).reasons).toEqual(['milestone_slipped']);
  });
});
