import { WorkingDayCalendar } from '@app/calendar';
import { DEFAULT_REMINDER_RULES } from '@app/domain';
import { noticeReminderOn, noticeScanHorizon } from './notice-reminder-occurrence';

describe('noticeReminderOn', () => {
  const calendar = new WorkingDayCalendar();
  const rules = { overdueRepeatEvery: 3, escalateLeadAfter: 5, escalateSupervisorAfter: 10 };
  // Reply due Friday 2026-03-13; March 2026 has no holidays.
  const due = '2026-03-13';
  const lateDay = (n: number) => calendar.addWorkingDays(due, n);

  it('reminds two working days before the due date, over a weekend', () => {
    expect(noticeReminderOn(due, '2026-03-11', rules, calendar)).toEqual({ kind: 'notice_reply_due', workingDaysLate: 0, escalationLevel: 0 });
    expect(noticeReminderOn('2026-03-16', '2026-03-12', rules, calendar)).toMatchObject({ kind: 'notice_reply_due' });
    expect(noticeReminderOn(due, '2026-03-12', rules, calendar)).toBeNull();
    expect(noticeReminderOn(due, '2026-03-10', rules, calendar)).toBeNull();
    expect(noticeReminderOn(due, due, rules, calendar)).toBeNull();
  });

  it('reminds late on the 1st working day late, then every N, and on the escalation days', () => {
    const fired = Array.from({ length: 14 }, (_, i) => i + 1).filter((n) => noticeReminderOn(due, lateDay(n), rules, calendar));
    expect(fired).toEqual([1, 4, 5, 7, 10, 13]);
    expect(noticeReminderOn(due, lateDay(1), rules, calendar)).toEqual({ kind: 'notice_reply_overdue', workingDaysLate: 1, escalationLevel: 0 });
    expect(noticeReminderOn(due, lateDay(5), rules, calendar)).toMatchObject({ escalationLevel: 1 });
    expect(noticeReminderOn(due, lateDay(10), rules, calendar)).toEqual({ kind: 'notice_reply_overdue', workingDaysLate: 10, escalationLevel: 2 });
  });

  it('sends nothing on days off, and counts late days on the official calendar (National Day 2026, 调休)', () => {
    expect(noticeReminderOn(due, '2026-03-14', rules, calendar)).toBeNull(); // Saturday
    // Due Tue 2026-09-29: late 1 on 09-30; 10-01…10-07 off; late 2 on Thu 10-08, 3 on 10-09, 4 on Sat 10-10 (a make-up working day).
    expect(noticeReminderOn('2026-09-29', '2026-09-30', rules, calendar)).toMatchObject({ workingDaysLate: 1 });
    expect(noticeReminderOn('2026-09-29', '2026-10-05', rules, calendar)).toBeNull();
    expect(noticeReminderOn('2026-09-29', '2026-10-08', rules, calendar)).toBeNull();
    expect(noticeReminderOn('2026-09-29', '2026-10-10', rules, calendar)).toEqual({ kind: 'notice_reply_overdue', workingDaysLate: 4, escalationLevel: 0 });
  });

  it('uses the defaults of the reminder rules when asked to', () => {
    expect(noticeReminderOn(due, lateDay(DEFAULT_REMINDER_RULES.escalateSupervisorAfter), DEFAULT_REMINDER_RULES, calendar)).toMatchObject({ escalationLevel: 2 });
  });

  it('scans reply due dates up to two working days ahead', () => {
    expect(noticeScanHorizon('2026-03-13', calendar)).toBe('2026-03-17');
  });
});
