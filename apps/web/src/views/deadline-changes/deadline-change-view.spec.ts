import { describe, expect, it } from 'vitest';
import { describeMove, requestTabFromQuery } from './deadline-change-view';

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
});
