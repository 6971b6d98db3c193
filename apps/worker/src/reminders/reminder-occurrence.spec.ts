import { WorkingDayCalendar } from '@app/calendar';
import { DEFAULT_REMINDER_RULES, ReminderRuleSet } from '@app/domain';
import { DailyOccurrences, reminderOccurrenceOn, scanHorizon } from './reminder-occurrence';

describe('reminder occurrences on the official calendar', () => {
  const calendar = new WorkingDayCalendar();
  const rules = DEFAULT_REMINDER_RULES; // due soon 5/3/1, due day, overdue every 3, E1 at 5, E2 at 10
  const on = (plannedDate: string, today: string, ruleSet: ReminderRuleSet = rules) => reminderOccurrenceOn(plannedDate, today, ruleSet, calendar);

  /** Every working day in [from, to] with a reminder, as "date rule level". */
  function schedule(plannedDate: string, from: string, to: string, ruleSet: ReminderRuleSet = rules): string[] {
    const lines: string[] = [];
    for (let day = from; day <= to; day = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)) {
      const occurrence = on(plannedDate, day, ruleSet);
      if (occurrence) lines.push(`${day} ${occurrence.rule} E${occurrence.escalationLevel}`);
    }
    return lines;
  }

  describe('National Day 2026 (10-01 … 10-07 off, Sat 10-10 a 调休 working day; 中秋 09-25 … 09-27 off)', () => {
    it('counts due-soon offsets back over the holidays for a milestone due Thu 2026-10-08', () => {
      expect(schedule('2026-10-08', '2026-09-14', '2026-10-08')).toEqual([
        '2026-09-23 due-soon-5 E0', // 09-24 is the 4th working day before: 09-25 … 09-27 are off
        '2026-09-28 due-soon-3 E0',
        '2026-09-30 due-soon-1 E0',
        '2026-10-08 due-today E0',
      ]);
    });

    it('sends nothing on the holidays themselves', () => {
      for (const day of ['2026-10-01', '2026-10-03', '2026-10-07', '2026-10-11']) {
        expect(on('2026-10-05', day)).toBeNull();
        expect(on('2026-09-01', day)).toBeNull();
      }
    });

    it('a deadline on a day off is reminded on the last working day before it, and is late from the first working day after', () => {
      expect(on('2026-10-03', '2026-09-30')).toMatchObject({ rule: 'due-today', kind: 'due_today', plannedOnDayOff: true });
      expect(on('2026-10-03', '2026-09-28')).toMatchObject({ rule: 'due-soon-3' });
      expect(on('2026-10-03', '2026-10-08')).toMatchObject({ rule: 'overdue', workingDaysLate: 1, escalationLevel: 0 });
    });

    it('the 调休 Saturday 2026-10-10 is a due day and a reminder day like any working day', () => {
      expect(on('2026-10-10', '2026-10-10')).toMatchObject({ rule: 'due-today', plannedOnDayOff: false });
      expect(on('2026-10-10', '2026-10-09')).toMatchObject({ rule: 'due-soon-1' });
      expect(on('2026-10-10', '2026-09-30')).toMatchObject({ rule: 'due-soon-3', workingDaysLeft: 3 });
    });

    it('repeats overdue reminders every 3 working days and escalates at 5 (E1) and 10 (E2) working days late', () => {
      // Due Wed 09-30: 10-08 is 1 working day late, 10-10 (Sat, 调休) is 3, 10-13 is 5, 10-20 is 10.
      expect(schedule('2026-09-30', '2026-10-01', '2026-10-31')).toEqual([
        '2026-10-08 overdue E0', // 1
        '2026-10-12 overdue E0', // 4
        '2026-10-13 overdue E1', // 5: escalation day
        '2026-10-15 overdue E1', // 7
        '2026-10-20 overdue E2', // 10
        '2026-10-23 overdue E2', // 13
        '2026-10-28 overdue E2', // 16
      ]);
      expect(on('2026-09-30', '2026-10-10')).toBeNull(); // 3 working days late: no reminder
      expect(on('2026-09-30', '2026-10-13')).toMatchObject({ workingDaysLate: 5, escalationLevel: 1 });
      expect(on('2026-09-30', '2026-10-20')).toMatchObject({ workingDaysLate: 10, escalationLevel: 2 });
    });
  });

  describe('Spring Festival 2026 (02-15 … 02-23 off, Sat 02-14 and Sat 02-28 working)', () => {
    it('offsets for a milestone due Tue 2026-02-24 land before the break, the last one on the make-up Saturday', () => {
      expect(schedule('2026-02-24', '2026-02-01', '2026-02-24')).toEqual([
        '2026-02-10 due-soon-5 E0',
        '2026-02-12 due-soon-3 E0',
        '2026-02-14 due-soon-1 E0',
        '2026-02-24 due-today E0',
      ]);
    });

    it('a milestone due Fri 02-13 is 1 working day late on Sat 02-14 and 2 on 02-24; E1 on 02-27, E2 on 03-05', () => {
      expect(schedule('2026-02-13', '2026-02-14', '2026-03-06')).toEqual([
        '2026-02-14 overdue E0', // 1
        '2026-02-26 overdue E0', // 4
        '2026-02-27 overdue E1', // 5
        '2026-03-02 overdue E1', // 7 (Sat 02-28, a working day, is 6)
        '2026-03-05 overdue E2', // 10
      ]);
      expect(on('2026-02-13', '2026-02-28')).toBeNull();
      expect(on('2026-02-13', '2026-02-24')).toBeNull(); // 2 working days late
    });

    it('a deadline inside the break is reminded on Sat 02-14 and overdue from 02-24', () => {
      expect(on('2026-02-17', '2026-02-14')).toMatchObject({ rule: 'due-today', plannedOnDayOff: true });
      expect(on('2026-02-17', '2026-02-12')).toMatchObject({ rule: 'due-soon-3' });
      expect(on('2026-02-17', '2026-02-24')).toMatchObject({ rule: 'overdue', workingDaysLate: 1 });
      expect(on('2026-02-17', '2026-02-20')).toBeNull();
    });
  });

  describe('rules other than the defaults', () => {
    it('honours onDueDay false, other offsets and a daily overdue repeat', () => {
      const custom: ReminderRuleSet = { ...rules, dueSoonOffsets: [2], onDueDay: false, overdueRepeatEvery: 1, escalateLeadAfter: 2, escalateSupervisorAfter: 3 };
      expect(schedule('2026-11-18', '2026-11-09', '2026-11-23', custom)).toEqual([
        '2026-11-16 due-soon-2 E0',
        '2026-11-19 overdue E0',
        '2026-11-20 overdue E1',
        '2026-11-23 overdue E2',
      ]);
    });

    it('the scan horizon reaches the furthest due-soon offset in working days', () => {
      expect(scanHorizon('2026-09-30', rules, calendar)).toBe('2026-10-13'); // 10-08, 09, 10 (Sat, 调休), 12, 13
      // No milestone planned after the horizon has a reminder, on any working day of 2026.
      const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
      for (let today = '2026-01-01'; today <= '2026-12-31'; today = addDays(today, 1)) {
        if (!calendar.isWorkingDay(today)) continue;
        const horizon = scanHorizon(today, rules, calendar);
        for (let days = 1; days <= 30; days++) {
          const planned = addDays(today, days);
          if (planned > horizon) expect(on(planned, today)).toBeNull();
        }
        expect(on(horizon, today)).not.toBeNull(); // the horizon itself is the 5-day reminder
      }
    });

    it('memoises per planned date and agrees with the pure function', () => {
      const daily = new DailyOccurrences('2026-10-13', rules, calendar);
      expect(daily.on('2026-09-30')).toEqual(on('2026-09-30', '2026-10-13'));
      expect(daily.on('2026-09-30')).toBe(daily.on('2026-09-30'));
    });
  });
});
