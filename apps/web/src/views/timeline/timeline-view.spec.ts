import { describe, expect, it } from 'vitest';
import { dayOf, MARK, markerCounts, markerData, milestoneText, printPages, queryFromTimelineFilters, type TimelineMilestone, type TimelineProject, timelineFiltersFromQuery, timeSpan, zoomWindow } from './timeline-view';

const milestone = (over: Partial<TimelineMilestone>): TimelineMilestone => ({
  id: 'm', name: '开工', kind: 'construction_start', kindLabel: '开工', isKey: true, baselineDate: '2026-04-01', plannedDate: '2026-04-15',
  actualDate: null, status: 'pending', light: 'green', reasons: [], workingDaysLate: null, ...over,
});
const project = (milestones: TimelineMilestone[]): TimelineProject => ({
  id: 'p', name: '玉泉变 220 千伏变电站工程', status: 'under_construction', statusLabel: '在建', group: { number: 3, title: '能源' }, ownerUnit: null,
  warning: { light: 'green', reasons: [], overdueCount: 0, worstWorkingDaysLate: 0, details: [] }, milestones,
});

describe('timeline view', () => {
  it('reads and writes its filter in the URL, dropping what is default or malformed', () => {
    expect(timelineFiltersFromQuery({ column: '8', ownerUnit: 'u', zoom: 'month' })).toEqual({ column: 8, ownerUnit: 'u', zoom: 'month' });
    expect(timelineFiltersFromQuery({ column: 'x', zoom: 'year' })).toEqual({ column: undefined, ownerUnit: undefined, zoom: 'all' });
    expect(queryFromTimelineFilters({ column: 2, zoom: 'all' })).toEqual({ column: '2' });
  });

  it('zooms to the calendar quarter or month of today, in district time', () => {
    const span: [number, number] = [0, 1];
    expect(zoomWindow('all', '2026-12-07', span)).toBe(span);
    expect(zoomWindow('quarter', '2026-11-25', span)).toEqual([dayOf('2026-10-01'), dayOf('2027-01-01') - 1]);
    expect(zoomWindow('month', '2026-02-10', span)).toEqual([dayOf('2026-02-01'), dayOf('2026-03-01') - 1]);
  });

  it('spans every date and today, with room at both ends', () => {
    const [min, max] = timeSpan([project([milestone({ baselineDate: '2025-01-01', plannedDate: '2027-06-30', actualDate: null })])], '2026-12-07');
    expect(min).toBe(dayOf('2024-12-17'));
    expect(max).toBe(dayOf('2027-07-15'));
  });

  it('gives one marker per milestone, coded by the API light, and counts them', () => {
    const projects = [
      project([milestone({ light: 'red', reasons: ['milestone_overdue'], workingDaysLate: 12 }), milestone({ light: 'yellow' })]),
      project([milestone({ status: 'done', actualDate: '2026-04-10', isKey: false }), milestone({})]),
    ];
    const data = markerData(projects, 28);
    expect(data.map((d) => [d[0], d[4], d[5], d[6], d[7]])).toEqual([
      [0, MARK.red, 1, 28, 0],
      [0, MARK.yellow, 1, 28, 1],
      [1, MARK.done, 0, 29, 0],
      [1, MARK.onTrack, 1, 29, 1],
    ]);
    expect(Number.isNaN(data[0][3])).toBe(true);
    expect(markerCounts(projects)).toEqual({ milestones: 4, red: 1, yellow: 1, done: 1 });
    expect(milestoneText(projects[0].milestones[0])).toBe('开工（关键节点）：基线 2026-04-01，计划 2026-04-15，实际 未完成；红灯：逾期 12 个工作日');
  });

  it('cuts the rows into print pages without splitting any', () => {
    const pages = printPages(Array.from({ length: 61 }, (_, i) => i), 28);
    expect(pages.map((p) => [p.offset, p.rows.length])).toEqual([[0, 28], [28, 28], [56, 5]]);
    expect(printPages([])).toEqual([]);
  });
});
