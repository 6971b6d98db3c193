import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DEFAULT_REMINDER_RULES, ReminderRules, ReminderRuleSet } from '@app/domain';

/**
 * The admin's reminder rules (the single reminder_rules row), shared by milestone
 * and notice reminders; the defaults if the row is missing.
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

@Injectable()
export class ReminderRulesReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  load(manager: EntityManager = this.dataSource.manager): Promise<ReminderRuleSet> {
    return loadReminderRules(manager);
  }
}

const districtTime = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** 'HH:MM' of an instant in Asia/Shanghai. */
export function districtTimeOfDay(instant: Date): string {
  return districtTime.format(instant);
}

/** The cron pattern of a daily job at sendAt ('08:30' → '30 8 * * *'), read in Asia/Shanghai by the scheduler. */
export function scanCronPattern(sendAt: string): string {
  const [hours, minutes] = sendAt.split(':').map(Number);
  return `${minutes} ${hours} * * *`;
}
