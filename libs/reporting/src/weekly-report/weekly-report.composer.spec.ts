import { WorkingDayCalendar } from '@app/calendar';
import { parseIsoWeek } from '../iso-week';
import type { AssessedProject } from '../portfolio/portfolio.reader';
import { DEFAULT_WARNING_LIGHT_RULES } from '../warning-lights/warning-light';
import { WorkingDayIndex } from '../working-days';
import { composeWeeklyReport, WeekMilestoneCounts } from './weekly-report.composer';

const week = parseIsoWeek('2026-W47')!;
const days = new WorkingDayIndex(new WorkingDayCalendar());

function project(id: string, unit: string, status: AssessedProject['status'] = 'under_construction'): AssessedProject {
  return {
    id,
    name: `项目${id}`,
    kind: 'road',
    status,
    column: { id: 'c2', number: 2, title: '专栏' },
    group: { id: 'g1', number: 1, title: '组' },
    ownerUnit: { id: unit, name: `单位${unit}` },
    plannedStartDate: null,
    plannedEndDate: null,
    percentComplete: null,
    openMilestones: [],
    assessment: {
      light: 'green', reasons: [], overdueCount: 0, worstWorkingDaysLate: 0, slipWorkingDays: null, scheduleIndex: null, dueCount: 0, metCount: 0, progress: null, start: null, investment: null, problems: null,
    },
  };
}

const counts = (dueToDate: number, metOnTimeToDate: number): WeekMilestoneCounts => ({
  dueInWeek: 0, metOnTimeInWeek: 0, doneLateInWeek: 0, completedInWeek: 0, dueToDate, metOnTimeToDate,
});

describe('比拼晾晒 ranking', () => {
  it('ranks by exact on-time rate, ties share a rank (1, 2, 2, 4), more commitments first among ties, nothing due last', () => {
    const projects = ['a', 'b', 'c', 'd', 'e', 'f'].map((unit) => project(unit, unit));
    const weekCounts = new Map<string, WeekMilestoneCounts>([
      ['a', counts(3, 2)], // 66.67 %
      ['b', counts(2, 2)], // 100 %
      ['c', counts(6, 4)], // 66.67 %, more due than a
      ['d', counts(3, 1)], // 33.33 %
      ['e', counts(0, 0)], // nothing due
      ['f', counts(1000, 333)], // 33.30 %: below d although both round near 33.3
    ]);
    const report = composeWeeklyReport({ week, rules: DEFAULT_WARNING_LIGHT_RULES, projects, weekCounts, investment: new Map(), notices: [], evidence: [], days });
    expect(report.ranking.items.map((item) => [item.rank, item.ownerUnitId, item.onTimeRate])).toEqual([
      [1, 'b', '100.00'],
      [2, 'c', '66.67'],
      [2, 'a', '66.67'],
      [4, 'd', '33.33'],
      [5, 'f', '33.30'],
      [null, 'e', null],
    ]);
  });

  it('leaves cancelled projects out of milestones, lights and ranking but counts them by status and in investment', () => {
    const projects = [project('p', 'u'), project('q', 'u', 'cancelled')];
    const report = composeWeeklyReport({
      week,
      rules: DEFAULT_WARNING_LIGHT_RULES,
      projects,
      weekCounts: new Map([['p', counts(2, 1)], ['q', counts(5, 5)]]),
      investment: new Map([['q', { annualPlanYuan: '10000', completedYuan: '2500' }]]),
      notices: [],
      evidence: [],
      days,
    });
    expect(report.overview.projects).toMatchObject({ total: 2, byStatus: { under_construction: 1, cancelled: 1 } });
    expect(report.overview.lights).toEqual({ red: 0, yellow: 0, green: 1 });
    expect(report.overview.investment).toEqual({ annualPlanYuan: '10000', annualPlanWan: '1', completedYuan: '2500', completedWan: '0.25', completionPercent: '25.00' });
    expect(report.ranking.items).toEqual([{ rank: 1, ownerUnitId: 'u', name: '单位u', due: 2, metOnTime: 1, onTimeRate: '50.00', problemsClosed: 0, problemsClosedOnTime: 0 }]);
  });
});
