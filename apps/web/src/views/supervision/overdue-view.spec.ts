import { describe, expect, it } from 'vitest';
import { apiQueryOf, draftNotice, type OverdueRow, overdueFiltersFromQuery, queryFromOverdueFilters, withOverdueChange } from './overdue-view';

const zjj = { id: 'd1', name: '区住房和城乡建设局' };
const row = (overrides: Partial<OverdueRow>): OverdueRow =>
  ({
    milestoneId: 'm1', milestoneName: '开工', milestoneKind: 'construction_start', plannedDate: '2026-10-30', baselineDate: '2026-10-01',
    workingDaysLate: 18, workingDaysSlipped: 18, isKeyMilestone: true, projectId: 'p1', projectName: '玉祥·安泽园（范家营棚改回迁房）项目',
    projectKind: 'resettlement_housing', projectStatus: 'under_construction', column: { number: 4, title: '民生' }, ownerUnit: zjj, leadOfficial: null,
    ...overrides,
  }) as OverdueRow;

describe('overdue review page', () => {
  it('keeps its filter in the URL, defaults left out, a filter change back to page 1', () => {
    const filters = overdueFiltersFromQuery({ column: '8', ownerUnit: 'd1', minLate: '10', page: '3', pageSize: '50', kind: 'road' });
    expect(filters).toEqual({ column: 8, ownerUnit: 'd1', kind: 'road', minLate: 10, page: 3, pageSize: 50 });
    expect(queryFromOverdueFilters(filters)).toEqual({ column: '8', ownerUnit: 'd1', kind: 'road', minLate: '10', page: '3', pageSize: '50' });
    expect(overdueFiltersFromQuery({ minLate: '0', pageSize: '33', column: 'x' })).toEqual({ page: 1, pageSize: 20, column: undefined, ownerUnit: undefined, kind: undefined, minLate: undefined });
    expect(queryFromOverdueFilters(withOverdueChange(filters, { minLate: 5 }))).toMatchObject({ minLate: '5' });
    expect(withOverdueChange(filters, { minLate: 5 }).page).toBe(1);
    expect(apiQueryOf(filters)).toEqual({ page: 3, pageSize: 50, scope: 'all', column: 8, ownerUnit: 'd1', kind: 'road', minWorkingDaysLate: 10 });
  });

  it('drafts one notice for one milestone, naming it, its planned date and working days late', () => {
    const result = draftNotice([row({})]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.draft.title).toBe('关于玉祥·安泽园（范家营棚改回迁房）项目开工节点滞后的督办通知');
    expect(result.draft.body).toContain('1. 玉祥·安泽园（范家营棚改回迁房）项目“开工”节点，计划 2026-10-30 完成，已逾期 18 个工作日（关键节点）');
    expect(result.draft.body.startsWith('区住房和城乡建设局：')).toBe(true);
    expect(result.draft.items).toEqual([{ projectId: 'p1', milestoneId: 'm1', label: '玉祥·安泽园（范家营棚改回迁房）项目 · 开工' }]);
  });

  it('drafts one notice for several milestones of one unit, and refuses a selection across units or without one', () => {
    const two = draftNotice([row({}), row({ milestoneId: 'm2', milestoneName: '主体完工', projectId: 'p2', projectName: '昭君路小学新建项目', isKeyMilestone: false })]);
    expect(two.ok && two.draft.title).toBe('关于区住房和城乡建设局2个项目节点滞后的督办通知');
    const sameProject = draftNotice([row({}), row({ milestoneId: 'm2', milestoneName: '主体完工' })]);
    expect(sameProject.ok && sameProject.draft.title).toBe('关于玉祥·安泽园（范家营棚改回迁房）项目2个节点滞后的督办通知');
    const across = draftNotice([row({}), row({ milestoneId: 'm3', ownerUnit: { id: 'd2', name: '区教育局' } })]);
    expect(across).toEqual({ ok: false, reason: expect.stringContaining('2 个责任单位（区住房和城乡建设局、区教育局）') });
    expect(draftNotice([])).toMatchObject({ ok: false });
    expect(draftNotice([row({ ownerUnit: null })])).toMatchObject({ ok: false, reason: expect.stringContaining('未明确责任单位') });
  });
});
