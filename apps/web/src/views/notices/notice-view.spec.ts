import { describe, expect, it } from 'vitest';
import type { SessionUser } from '@/composables/useSession';
import { canDecide, canReply, historyOf, latestMeasures, type Notice, tabFromQuery } from './notice-view';

const user = (role: SessionUser['role'], departmentId: string | null = null): SessionUser => ({ id: 'u', username: 'u', displayName: 'U', role, departmentId, departmentName: null });
const actor = { id: 'a', name: '督查室张科长' };

const notice = {
  items: [
    { id: 'i1', position: 0, projectId: 'p1', projectName: '玉泉变 220 千伏变电站工程', milestoneId: 'm1', milestoneName: '开工', milestonePlannedDate: '2026-02-27', committedDate: null },
    { id: 'i2', position: 1, projectId: 'p2', projectName: '昭君路小学新建项目', milestoneId: null, milestoneName: null, milestonePlannedDate: null, committedDate: null },
  ],
  events: [
    { id: '1', type: 'issued', fromStatus: null, toStatus: 'issued', actor, at: '2026-03-09T02:00:00.000Z', measures: null, comment: null, replyDueDate: '2026-03-12' },
    { id: '2', type: 'replied', fromStatus: 'issued', toStatus: 'replied', actor: { id: 'e', name: '住建局填报员' }, at: '2026-03-11T03:00:00.000Z', measures: '倒排工期', comment: null, replyDueDate: '2026-03-12', late: false,
      commitments: [{ itemId: 'i1', projectId: 'p1', milestoneId: 'm1', committedDate: '2026-04-30' }, { itemId: 'i2', projectId: 'p2', milestoneId: null, committedDate: '2026-05-15' }] },
    { id: '3', type: 'returned', fromStatus: 'replied', toStatus: 'returned', actor, at: '2026-03-12T03:00:00.000Z', measures: null, comment: '请明确责任人', replyDueDate: '2026-03-16', previousReplyDueDate: '2026-03-12' },
    { id: '4', type: 'replied', fromStatus: 'returned', toStatus: 'replied', actor: { id: 'e', name: '住建局填报员' }, at: '2026-03-17T03:00:00.000Z', measures: '责任人李某', comment: null, replyDueDate: '2026-03-16', late: true, commitments: [] },
    { id: '5', type: 'closed', fromStatus: 'replied', toStatus: 'closed', actor, at: '2026-03-18T06:30:00.000Z', measures: null, comment: '同意销号', replyDueDate: undefined },
  ],
} as unknown as Notice;

describe('supervision notice pages', () => {
  it('reads the tab from the URL, 待回复 by default, each with its API query', () => {
    expect(tabFromQuery({})).toMatchObject({ label: '待回复', query: { view: 'awaiting-reply' } });
    expect(tabFromQuery({ tab: 'late' }).query).toEqual({ view: 'late-replies' });
    expect(tabFromQuery({ tab: 'replied' }).query).toEqual({ status: 'replied' });
    expect(tabFromQuery({ tab: 'closed' }).query).toEqual({ view: 'closed-this-week' });
    expect(tabFromQuery({ tab: 'x' }).key).toBe('awaiting');
  });

  it('lets the owner unit’s editor reply while a reply is awaited, and the 督查室 decide on a reply', () => {
    const unit = { id: 'd1', name: '区住建局' };
    expect(canReply(user('department_editor', 'd1'), { status: 'issued', ownerUnit: unit })).toBe(true);
    expect(canReply(user('department_editor', 'd1'), { status: 'returned', ownerUnit: unit })).toBe(true);
    expect(canReply(user('department_editor', 'd1'), { status: 'replied', ownerUnit: unit })).toBe(false);
    expect(canReply(user('department_editor', 'd2'), { status: 'issued', ownerUnit: unit })).toBe(false);
    expect(canReply(user('supervisor'), { status: 'issued', ownerUnit: unit })).toBe(false);
    expect(canReply(user('viewer'), { status: 'issued', ownerUnit: unit })).toBe(false);
    expect(canDecide(user('supervisor'), { status: 'replied' })).toBe(true);
    expect(canDecide(user('admin'), { status: 'replied' })).toBe(true);
    expect(canDecide(user('supervisor'), { status: 'issued' })).toBe(false);
    expect(canDecide(user('department_editor', 'd1'), { status: 'replied' })).toBe(false);
    expect(canDecide(user('leader'), { status: 'replied' })).toBe(false);
  });

  it('tells the history in words: issued, replied with committed dates, returned with the comment, a late reply, 销号', () => {
    const history = historyOf(notice);
    expect(history.map((entry) => [entry.title, entry.late])).toEqual([
      ['下发督办单', false],
      ['回复', false],
      ['退回', false],
      ['第 2 次回复', true],
      ['销号', false],
    ]);
    expect(history[0]).toMatchObject({ who: '督查室张科长', when: '2026-03-09 10:00', lines: [{ label: '回复期限', text: '2026-03-12' }] });
    expect(history[1].commitments).toEqual([
      { what: '玉泉变 220 千伏变电站工程 · 开工', date: '2026-04-30' },
      { what: '昭君路小学新建项目', date: '2026-05-15' },
    ]);
    expect(history[2].lines).toEqual([
      { label: '退回意见', text: '请明确责任人' },
      { label: '回复期限', text: '2026-03-12 延至 2026-03-16' },
    ]);
    expect(history[3].lines[0]).toEqual({ label: '逾期回复', text: '回复期限为 2026-03-16' });
    expect(history[4]).toMatchObject({ type: 'success', when: '2026-03-18 14:30', lines: [{ label: '审核意见', text: '同意销号' }] });
    expect(latestMeasures(notice)).toBe('责任人李某');
  });
});
