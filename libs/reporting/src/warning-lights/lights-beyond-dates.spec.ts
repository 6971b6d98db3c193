import { WorkingDayCalendar } from '@app/calendar';
import { WorkingDayIndex } from '../working-days';
import { assessInvestment, lastMonthEnd } from './investment-lag';
import { assessProblems } from './problem-age';
import { assessStart, StartFacts } from './start-light';
import { DEFAULT_WARNING_LIGHT_RULES, WarningLightRules } from './warning-light';

const days = new WorkingDayIndex(new WorkingDayCalendar());
const rules: WarningLightRules = { ...DEFAULT_WARNING_LIGHT_RULES, startRuleEnabled: true, investmentRuleEnabled: true, problemRuleEnabled: true };
const today = '2026-11-25'; // Wednesday

describe('开工 rule', () => {
  const facts = (overrides: Partial<StartFacts> = {}): StartFacts => ({
    status: 'preparation',
    plannedStartDate: '2026-11-02',
    openStartMilestoneDate: null,
    hasStartMilestone: false,
    ...overrides,
  });

  it('counts working days after the project planned start when there is no 开工 milestone', () => {
    // (11-02, 11-25] = 11-03…06, 09…13, 16…20, 23…25 = 4 + 5 + 5 + 3 = 17 > 10 → red
    expect(assessStart(facts(), today, rules, days)).toEqual({ plannedStartDate: '2026-11-02', source: 'project', workingDaysLate: 17, light: 'red' });
    // (11-16, 11-25] = 7: yellow (> 0, not > 10); exactly 10 is not more than 10
    expect(assessStart(facts({ plannedStartDate: '2026-11-16' }), today, rules, days)).toMatchObject({ workingDaysLate: 7, light: 'yellow' });
    expect(assessStart(facts({ plannedStartDate: '2026-11-11' }), today, rules, days)).toMatchObject({ workingDaysLate: 10, light: 'yellow' });
    expect(assessStart(facts({ plannedStartDate: '2026-11-10' }), today, rules, days)).toMatchObject({ workingDaysLate: 11, light: 'red' });
  });

  it('prefers the open 开工 milestone, and a done one means started', () => {
    expect(assessStart(facts({ hasStartMilestone: true, openStartMilestoneDate: '2026-11-20' }), today, rules, days)).toMatchObject({
      source: 'milestone',
      plannedStartDate: '2026-11-20',
      workingDaysLate: 3,
      light: 'yellow',
    });
    expect(assessStart(facts({ hasStartMilestone: true, openStartMilestoneDate: null }), today, rules, days)).toBeNull();
  });

  it('does not apply when started, not due, off, or paused; counts across National Day with the 调休 Saturday', () => {
    expect(assessStart(facts({ status: 'under_construction' }), today, rules, days)).toBeNull();
    expect(assessStart(facts({ status: 'suspended' }), today, rules, days)).toBeNull();
    expect(assessStart(facts({ plannedStartDate: today }), today, rules, days)).toBeNull();
    expect(assessStart(facts({ plannedStartDate: null }), today, rules, days)).toBeNull();
    expect(assessStart(facts(), today, { ...rules, startRuleEnabled: false }, days)).toBeNull();
    // (09-30, 10-12] = 10-08, 10-09, 10-10 (调休), 10-12 = 4
    expect(assessStart(facts({ plannedStartDate: '2026-09-30' }), '2026-10-12', rules, days)).toMatchObject({ workingDaysLate: 4 });
  });
});

describe('investment rule', () => {
  it('assesses the latest month end on or before the date', () => {
    expect(lastMonthEnd('2026-11-25')).toEqual({ year: 2026, month: 10 });
    expect(lastMonthEnd('2026-11-30')).toEqual({ year: 2026, month: 11 });
    expect(lastMonthEnd('2027-01-15')).toEqual({ year: 2026, month: 12 });
    expect(lastMonthEnd('2028-02-29')).toEqual({ year: 2028, month: 2 });
  });

  it('compares exactly: 20.00 points behind is yellow, one yuan more behind is red', () => {
    // Plan 12,000,000; at the end of October 10/12 = 83.33 % is expected, i.e. 10,000,000. 7,600,000 is 63.33 %: exactly 20 points.
    const exact = assessInvestment('under_construction', { planYuan: '12000000', completedYuan: '7600000' }, today, rules)!;
    expect(exact).toEqual({
      year: 2026,
      month: '2026-10',
      planYuan: '12000000',
      completedYuan: '7600000',
      expectedPercent: '83.33',
      actualPercent: '63.33',
      lagPoints: '20.00',
      light: 'yellow',
    });
    expect(assessInvestment('under_construction', { planYuan: '12000000', completedYuan: '7599999' }, today, rules)).toMatchObject({ lagPoints: '20.00', light: 'red' });
    // 10 points exactly is green
    expect(assessInvestment('under_construction', { planYuan: '12000000', completedYuan: '8800000' }, today, rules)).toMatchObject({ light: 'green', lagPoints: '10.00' });
    // A huge plan stays exact (beyond 2^53 when multiplied)
    expect(assessInvestment('preparation', { planYuan: '9000000000000000', completedYuan: '0' }, today, rules)).toMatchObject({ light: 'red', lagPoints: '83.33' });
  });

  it('does not apply without a positive plan, to finished projects, or when off', () => {
    expect(assessInvestment('under_construction', { planYuan: null, completedYuan: '0' }, today, rules)).toBeNull();
    expect(assessInvestment('under_construction', { planYuan: '0', completedYuan: '0' }, today, rules)).toBeNull();
    expect(assessInvestment('under_construction', undefined, today, rules)).toBeNull();
    expect(assessInvestment('completed', { planYuan: '100', completedYuan: '0' }, today, rules)).toBeNull();
    expect(assessInvestment('under_construction', { planYuan: '100', completedYuan: '0' }, today, { ...rules, investmentRuleEnabled: false })).toBeNull();
  });
});

describe('open-problems rule', () => {
  it('lights from the oldest open problem, in working days', () => {
    expect(assessProblems({ openRaisedDates: ['2026-11-20', '2026-11-10'] }, today, rules, days)).toEqual({
      openCount: 2,
      agedCount: 1,
      oldestRaisedDate: '2026-11-10',
      oldestWorkingDaysOpen: 11,
      light: 'red',
    });
    expect(assessProblems({ openRaisedDates: ['2026-11-17'] }, today, rules, days)).toMatchObject({ oldestWorkingDaysOpen: 6, light: 'yellow' });
    expect(assessProblems({ openRaisedDates: ['2026-11-18'] }, today, rules, days)).toMatchObject({ oldestWorkingDaysOpen: 5, light: 'green', agedCount: 0 });
    expect(assessProblems({ openRaisedDates: [] }, today, rules, days)).toBeNull();
    expect(assessProblems({ openRaisedDates: ['2026-11-10'] }, today, { ...rules, problemRuleEnabled: false }, days)).toBeNull();
  });
});
