import { describe, expect, it } from 'vitest';
import type { SessionUser } from '@/composables/useSession';
import { canRaise, climbLabel, coordinatingNames, defaultSort, historyOf, type Problem, stalledLabel, stepButtons, tabFromQuery } from './problem-view';

const user = (role: SessionUser['role'], departmentId: string | null = null): SessionUser => ({ id: 'u', username: 'u', displayName: 'U', role, departmentId, departmentName: null });

describe('problem ledger pages', () => {
  it('reads the tab from the URL (未销号 by default) with the states behind it, and sorts oldest first for the 督查室', () => {
    expect(tabFromQuery({})).toMatchObject({ label: '未销号', states: ['new', 'coordinating', 'resolved'] });
    expect(tabFromQuery({ tab: 'resolved' }).states).toEqual(['resolved']);
    expect(tabFromQuery({ tab: 'all' }).states).toBeUndefined();
    expect(tabFromQuery({ tab: 'nonsense' }).key).toBe('open');
    expect(defaultSort(user('supervisor'))).toBe('oldest-open');
    expect(defaultSort(user('department_editor', 'd'))).toBe('recent');
  });

  it('shows the buttons of the steps the API allows, in the order of the flow', () => {
    expect(stepButtons({ actions: ['suspend', 'claim'] }).map((button) => button.label)).toEqual(['申报已解决', '挂起']);
    expect(stepButtons({ actions: ['close', 'return', 'suspend'] }).map((button) => button.needs)).toEqual(['comment', 'reason', 'reason']);
    expect(stepButtons({ actions: [] })).toEqual([]);
  });

  it('says the climb, the stall and the coordinating departments in words', () => {
    expect(climbLabel(0)).toBeNull();
    expect(climbLabel(2)).toBe('已升级至包联领导');
    expect(stalledLabel({ workingDaysSinceMove: 6 })).toBe('6 个工作日');
    expect(stalledLabel({ workingDaysSinceMove: null })).toBe('—');
    const units = [
      { id: 'a', name: '区自然资源局', lead: true, measure: null, measureDate: null, acceptedAt: null, acceptedByName: null },
      { id: 'b', name: '区财政局', lead: false, measure: null, measureDate: null, acceptedAt: null, acceptedByName: null },
    ];
    expect(coordinatingNames({ coordinatingUnits: units })).toBe('区自然资源局（牵头）、区财政局');
    expect(coordinatingNames({ coordinatingUnits: units.slice(0, 1) })).toBe('区自然资源局');
  });

  it('turns the history into lines: the measure and date, the return reason, the climb', () => {
    const actor = { id: 'u1', name: '李科长' };
    const problem = {
      events: [
        { id: '1', type: 'accepted', typeLabel: '受理', fromState: 'new', toState: 'coordinating', actor, department: { id: 'd', name: '区自然资源局' }, at: '2026-03-10T03:00:00.000Z', comment: '本周完成预审', measureDate: '2026-03-18' },
        { id: '2', type: 'returned', typeLabel: '退回', fromState: 'resolved', toState: 'coordinating', actor, department: null, at: '2026-03-11T03:00:00.000Z', comment: '请补充批复文件' },
        { id: '3', type: 'escalated', typeLabel: '催办升级', fromState: 'coordinating', toState: 'coordinating', actor: { id: null, name: '系统' }, department: null, at: '2026-03-18T00:30:00.000Z', comment: null, step: 2, workingDaysStalled: 10 },
      ],
    } as unknown as Problem;
    const history = historyOf(problem);
    expect(history[0]).toMatchObject({ title: '受理', who: '区自然资源局 李科长', when: '2026-03-10 11:00', lines: [{ label: '协调措施', text: '本周完成预审' }, { label: '承诺解决', text: '2026-03-18' }] });
    expect(history[1].lines).toEqual([{ label: '退回意见', text: '请补充批复文件' }]);
    const named = historyOf({ events: [{ ...problem.events[0], actor: { id: 'u2', name: '区自然资源局填报员' } }] } as unknown as Problem);
    expect(named[0].who).toBe('区自然资源局填报员');
    expect(history[2]).toMatchObject({ title: '催办升级（第 2 级）', who: '系统', lines: [{ label: '原因', text: '10 个工作日无进展，已提醒包联领导' }] });
  });

  it('lets the owner unit, the 督查室 and admins raise problems', () => {
    expect(canRaise(user('department_editor', 'd1'), 'd1')).toBe(true);
    expect(canRaise(user('department_editor', 'd2'), 'd1')).toBe(false);
    expect(canRaise(user('supervisor'), 'd1')).toBe(true);
    expect(canRaise(user('viewer'), 'd1')).toBe(false);
    expect(canRaise(user('admin'), null)).toBe(false);
  });
});
