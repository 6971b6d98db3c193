import { Milestone } from '@app/domain';
import { changedFields, classifyChange, nextMilestoneFields } from './milestone-change';

const TODAY = '2026-03-12';
const milestone = (fields: Partial<Milestone> = {}): Milestone =>
  Object.assign(new Milestone(), {
    id: 'm1',
    projectId: 'p1',
    kind: 'construction_start',
    name: '开工',
    baselineDate: '2026-03-01',
    plannedDate: '2026-03-20',
    actualDate: null,
    status: 'pending',
    note: null,
    version: 1,
    ...fields,
  });
const codeOf = (action: () => unknown) => {
  try {
    action();
    return undefined;
  } catch (error) {
    return (error as { code: string }).code;
  }
};

describe('a PATCH on a milestone: the fields it will have', () => {
  it('an actual date marks it done; clearing it reopens a done milestone', () => {
    expect(nextMilestoneFields(milestone(), { actualDate: '2026-03-10' }, TODAY)).toMatchObject({ status: 'done', actualDate: '2026-03-10' });
    expect(nextMilestoneFields(milestone({ status: 'done', actualDate: '2026-03-10' }), { actualDate: null }, TODAY)).toMatchObject({ status: 'pending', actualDate: null });
  });

  it('refuses a done date after today, and actualDate with status together', () => {
    expect(codeOf(() => nextMilestoneFields(milestone(), { actualDate: '2026-03-13' }, TODAY))).toBe('ACTUAL_DATE_IN_FUTURE');
    expect(nextMilestoneFields(milestone(), { actualDate: TODAY }, TODAY).status).toBe('done');
    expect(codeOf(() => nextMilestoneFields(milestone(), { actualDate: '2026-03-10', status: 'pending' }, TODAY))).toBe('MILESTONE_STATUS_CONFLICT');
  });

  it('cancels a pending milestone, never a done one; status pending reopens and clears the date', () => {
    expect(nextMilestoneFields(milestone(), { status: 'cancelled' }, TODAY).status).toBe('cancelled');
    expect(codeOf(() => nextMilestoneFields(milestone({ status: 'done', actualDate: '2026-03-10' }), { status: 'cancelled' }, TODAY))).toBe('MILESTONE_NOT_PENDING');
    expect(nextMilestoneFields(milestone({ status: 'done', actualDate: '2026-03-10' }), { status: 'pending' }, TODAY)).toMatchObject({ status: 'pending', actualDate: null });
  });

  it('renames only custom milestones, and reschedules only pending ones', () => {
    expect(codeOf(() => nextMilestoneFields(milestone(), { name: '提前开工' }, TODAY))).toBe('MILESTONE_NAME_FIXED');
    expect(nextMilestoneFields(milestone({ kind: 'custom', name: '桩基完成' }), { name: '桩基检测完成' }, TODAY).name).toBe('桩基检测完成');
    expect(nextMilestoneFields(milestone(), { plannedDate: '2026-04-01' }, TODAY).plannedDate).toBe('2026-04-01');
    expect(codeOf(() => nextMilestoneFields(milestone({ status: 'cancelled' }), { plannedDate: '2026-04-01' }, TODAY))).toBe('MILESTONE_NOT_PENDING');
    // Done and moved in one request: it is done first, so the move is refused.
    expect(codeOf(() => nextMilestoneFields(milestone(), { actualDate: '2026-03-10', plannedDate: '2026-04-01' }, TODAY))).toBe('MILESTONE_NOT_PENDING');
  });

  it('keeps only what differs', () => {
    const before = milestone();
    expect(changedFields(before, nextMilestoneFields(before, { note: '已取得施工许可证', plannedDate: before.plannedDate }, TODAY))).toEqual({ note: '已取得施工许可证' });
    expect(changedFields(before, nextMilestoneFields(before, {}, TODAY))).toEqual({});
  });
});

describe('what a change means for reminders', () => {
  const pending = { status: 'pending' as const, actualDate: null, plannedDate: '2026-03-20' };
  it.each([
    ['done', pending, { ...pending, status: 'done' as const, actualDate: '2026-03-10' }, 'completed'],
    ['a done date corrected', { ...pending, status: 'done' as const, actualDate: '2026-03-10' }, { ...pending, status: 'done' as const, actualDate: '2026-03-09' }, 'completed'],
    ['cancelled', pending, { ...pending, status: 'cancelled' as const }, 'cancelled'],
    ['reopened after done', { ...pending, status: 'done' as const, actualDate: '2026-03-10' }, pending, 'reopened'],
    ['reopened after cancelled', { ...pending, status: 'cancelled' as const }, pending, 'reopened'],
    ['moved', pending, { ...pending, plannedDate: '2026-04-01' }, 'rescheduled'],
    ['reopened and moved: the transition wins', { ...pending, status: 'cancelled' as const }, { ...pending, plannedDate: '2026-04-01' }, 'reopened'],
    ['a note', pending, pending, 'updated'],
  ] as const)('%s → %s', (_what, before, after, change) => {
    expect(classifyChange(before, after)).toBe(change);
  });
});
