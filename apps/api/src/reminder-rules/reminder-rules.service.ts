import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { OutboxEvent, REMINDER_RULES_AGGREGATE_ID, ReminderRules } from '@app/domain';
import { OUTBOX_TOPICS, outboxRow } from '@app/queue';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { Errors } from '../common/app-error';
import { expectedVersion } from '../common/etag';
import { ReminderRulesResponse } from './dto/reminder-rules.response';
import { UpdateReminderRulesDto } from './dto/update-reminder-rules.dto';

/**
 * 催办规则: one row of rules the worker reads on every scan. A change is audited
 * and announced through the outbox in the same transaction, so the worker
 * re-registers the daily scan at the new time without the API touching Redis.
 */
@Injectable()
export class ReminderRulesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async get(): Promise<ReminderRulesResponse> {
    return ReminderRulesResponse.from(await this.current(this.dataSource.manager, false));
  }

  async replace(principal: Principal, body: UpdateReminderRulesDto, ifMatch: string | undefined): Promise<ReminderRulesResponse> {
    const expected = expectedVersion(ifMatch, body.version);
    if (body.escalateSupervisorAfter < body.escalateLeadAfter) {
      throw Errors.validation([{ field: 'escalateSupervisorAfter', reason: 'escalateSupervisorAfter must not be below escalateLeadAfter' }]);
    }
    return this.dataSource.transaction(async (manager) => {
      const rules = await this.current(manager, true);
      if (rules.version !== expected) {
        throw Errors.preconditionFailed(`The reminder rules are at version ${rules.version}, not ${expected}; read them again`);
      }
      const before = { ...rules };
      rules.dueSoonOffsets = [...body.dueSoonOffsets].sort((a, b) => b - a);
      rules.onDueDay = body.onDueDay;
      rules.overdueRepeatEvery = body.overdueRepeatEvery;
      rules.escalateLeadAfter = body.escalateLeadAfter;
      rules.escalateSupervisorAfter = body.escalateSupervisorAfter;
      rules.sendAt = body.sendAt;
      const saved = await manager.getRepository(ReminderRules).save(rules);
      await this.audit.record(manager, principal, { action: 'update', entityType: 'reminder_rules', entityId: '1', before, after: saved });
      await manager.insert(
        OutboxEvent,
        outboxRow(OUTBOX_TOPICS.reminderRulesChanged, 'reminder_rules', REMINDER_RULES_AGGREGATE_ID, { version: saved.version, sendAt: saved.sendAt }),
      );
      return ReminderRulesResponse.from(saved);
    });
  }

  /** The rules row; recreated with the defaults if someone deleted it. */
  private async current(manager: EntityManager, lock: boolean): Promise<ReminderRules> {
    await manager.query(`INSERT INTO reminder_rules (id) VALUES (1) ON CONFLICT (id) DO NOTHING`);
    return manager.getRepository(ReminderRules).findOneOrFail({ where: { id: 1 }, lock: lock ? { mode: 'pessimistic_write' } : undefined });
  }
}
