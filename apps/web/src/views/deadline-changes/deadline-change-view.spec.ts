import { describe, expect, it } from 'vitest';
import { describeMove, describeRequest, requestTabFromQuery } from './deadline-change-view';

describe('deadline-change requests page', () => {
  it('reads the tab from the URL, pending by default', () => {
    expect(requestTabFromQuery({}).status).toBe('pending');
    expect(requestTabFromQuery({ tab: 'rejected' }).status).toBe('rejected');
    expect(requestTabFromQuery({ tab: 'all' }).status).toBeUndefined();
    expect(requestTabFromQuery({ tab: 'nonsense' }).key).toBe('pending');
  });

  it('says a move in working days, later or earlier', () => {
    expect(describeMove(41)).toBe('推迟 41 个工作日');
    expect(describeMove(-3)).toBe('提前 3 个工作日');
    expect(describeMove(0)).toBe('同一工作日');
  });

  it('says a removal request as such (it has no new date)', () => {
    expect(describeRequest({ kind: 'removal', workingDays: 0 })).toBe('申请删除节点');
    expect(describeRequest({ kind: 'reschedule', workingDays: 5 })).toBe('推迟 5 个工作日');
  });
});
