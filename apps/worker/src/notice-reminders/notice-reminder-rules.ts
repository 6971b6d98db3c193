import { EntityManager } from 'typeorm';
import { DEFAULT_REMINDER_RULES, ReminderRules, ReminderRuleSet } from '@app/domain';

/**
 * The admin's reminder rules (the single reminder_rules row), which notice
 * reminders share with milestone reminders: repeat interval, escalation
 * thresholds and the daily send time. The defaults if the row is missing.
 */
export async function loadReminderRules(manager: EntityManager): Promise<ReminderRuleSet> {
  const row = await manager.getRepository(ReminderRules).findOneBy({ id: 1 });
  if (!row) return DEFAULT_REMINDER_RULES;
  return {
    dueSoonOffsets: row.dueSoonOffsets,
    onDueDay: row.onDueDay,
    overdueRepeatEvery: row.overdueRepeatEvery,
    escalateLeadAfter: row.escalateLeadAfter,
    escalateSupervisorAfter: row.escalateSupervisorAfter,
    sendAt: row.sendAt,
  };
}

/** The cron pattern of a daily job at 'HH:MM' ('08:30' → '30 8 * * *'), read in Asia/Shanghai by the scheduler. */
export function dailyCronPattern(sendAt: string): string {
  const [hours, minutes] = sendAt.split(':').map(Number);
  return `${minutes} ${hours} * * *`;
}
