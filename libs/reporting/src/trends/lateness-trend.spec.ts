import { compareLateness } from './lateness-trend';

const late = (overdueCount: number, worstWorkingDaysLate: number) => ({ overdueCount, worstWorkingDaysLate });
const none = late(0, 0);

describe('compareLateness (week-on-week trend of a late project)', () => {
  it('a new red is worse, a resolved one better, never late unchanged', () => {
    expect(compareLateness(late(1, 1), none)).toBe('worse');
    expect(compareLateness(none, late(2, 9))).toBe('better');
    expect(compareLateness(none, none)).toBe('unchanged');
  });

  it('still late: more working days late is worse, fewer better', () => {
    expect(compareLateness(late(1, 18), late(1, 15))).toBe('worse');
    expect(compareLateness(late(1, 4), late(1, 15))).toBe('better');
  });

  it('still late by the same or fewer working days is not worse, even with more overdue milestones', () => {
    expect(compareLateness(late(3, 6), late(2, 6))).toBe('unchanged');
    expect(compareLateness(late(3, 2), late(1, 6))).toBe('better');
    expect(compareLateness(late(2, 6), late(2, 6))).toBe('unchanged');
  });
});
