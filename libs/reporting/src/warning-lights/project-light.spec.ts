import { WorkingDayCalendar } from '@app/calendar';
import { WorkingDayIndex } from '../working-days';
import { MilestoneDates } from './milestone-light';
import { assessProject } from './project-light';
import { ProjectProgressFacts } from './progress-lag';
import { scheduleIndex } from './schedule-index';
import { DEFAULT_WARNING_LIGHT_RULES as rules } from './warning-light';

const days = new WorkingDayIndex(new WorkingDayCalendar());
const building: ProjectProgressFacts = { status: 'under_construction', plannedStartDate: null, plannedEndDate: null, percentComplete: null };
const m = (plannedDate: string, extra: Partial<MilestoneDates> = {}): MilestoneDates => ({
  status: extra.actualDate ? 'done' : 'pending',
  baselineDate: plannedDate,
  plannedDate,
  actualDate: null,
  ...extra,
});

describe('project light', () => {
  const asOf = '2026-11-22'; // Sunday

  it('takes the worst light of its milestones, with counts, days late, slip and schedule index', () => {
    const milestones = [
      m('2026-11-12', { baselineDate: '2026-10-29' }), // overdue 6 working days, slip 10
      m('2026-11-17'), // overdue 3
      m('2027-06-30'),
      m('2026-03-10', { actualDate: '2026-03-10' }),
    ];
    expect(assessProject(building, milestones, asOf, rules, days)).toEqual({
      light: 'red',
      reasons: ['milestone_overdue'],
      overdueCount: 2,
      worstWorkingDaysLate: 6,
      slipWorkingDays: 10,
      scheduleIndex: 0.33, // met 1 (03-10) of due 3
      dueCount: 3,
      metCount: 1,
      progress: null,
      start: null,
      investment: null,
      problems: null,
    });
  });

  it('is yellow from the progress rule alone, and lists every reason found', () => {
    const lagging: ProjectProgressFacts = { status: 'under_construction', plannedStartDate: '2026-01-01', plannedEndDate: '2026-12-31', percentComplete: '30.00' };
    const result = assessProject(lagging, [m('2026-11-24')], asOf, rules, days);
    expect(result).toMatchObject({ light: 'yellow', reasons: ['milestone_due_soon', 'progress_lag'], overdueCount: 0, scheduleIndex: null });
    expect(result.progress).toMatchObject({ expectedPercent: '89.29', lagging: true });
  });

  it('is green with nothing pending; slip is null then; cancelled milestones are ignored', () => {
    const result = assessProject(building, [m('2026-11-16', { actualDate: '2026-11-13' }), m('2026-09-30', { status: 'cancelled' })], asOf, rules, days);
    expect(result).toMatchObject({ light: 'green', reasons: [], slipWorkingDays: null, scheduleIndex: 1, dueCount: 1, metCount: 1 });
  });

  it('counts a milestone finished early as met (index above 1 = ahead)', () => {
    const result = assessProject(building, [m('2026-11-16', { actualDate: '2026-11-13' }), m('2026-12-16', { actualDate: '2026-11-20' })], asOf, rules, days);
    expect(result.scheduleIndex).toBe(2);
  });

  it('does not assess a cancelled project', () => {
    expect(assessProject({ ...building, status: 'cancelled' }, [m('2026-11-10')], asOf, rules, days)).toMatchObject({ light: 'green', overdueCount: 0 });
  });

  it('rounds the schedule index to two decimals and gives null when nothing is due', () => {
    expect(scheduleIndex(2, 3)).toBe(0.67);
    expect(scheduleIndex(0, 0)).toBeNull();
    expect(scheduleIndex(0, 4)).toBe(0);
  });
});
