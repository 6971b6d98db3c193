import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DeadlineChangeSettings } from '@app/domain';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { actorName } from './actor-name';
import { DEFAULT_MAX_WORKING_DAYS_WITHOUT_APPROVAL } from './deadline-change-rules';
import { DeadlineChangeSettingsResponse, UpdateDeadlineChangeSettingsDto } from './dto/deadline-change-settings.dto';

/** The threshold of deadline changes, one row in deadline_change_settings, edited by admins. */
@Injectable()
export class DeadlineChangeSettingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async get(): Promise<DeadlineChangeSettingsResponse> {
    const settings = await this.dataSource.manager.findOneBy(DeadlineChangeSettings, { id: 1 });
    return toResponse(settings);
  }

  async update(principal: Principal, dto: UpdateDeadlineChangeSettingsDto): Promise<DeadlineChangeSettingsResponse> {
    return this.dataSource.transaction(async (manager) => {
      const before = await manager.findOne(DeadlineChangeSettings, { where: { id: 1 }, lock: { mode: 'pessimistic_write' } });
      await manager.upsert(
        DeadlineChangeSettings,
        {
          id: 1,
          maxWorkingDaysWithoutApproval: dto.maxWorkingDaysWithoutApproval,
          updatedById: principal.id,
          updatedByName: await actorName(manager, principal),
        },
        ['id'],
      );
      const after = await manager.findOneByOrFail(DeadlineChangeSettings, { id: 1 });
      await this.audit.record(manager, principal, { action: 'update', entityType: 'deadline_change_settings', entityId: '1', before, after });
      return toResponse(after);
    });
  }
}

function toResponse(settings: DeadlineChangeSettings | null): DeadlineChangeSettingsResponse {
  return {
    maxWorkingDaysWithoutApproval: settings?.maxWorkingDaysWithoutApproval ?? DEFAULT_MAX_WORKING_DAYS_WITHOUT_APPROVAL,
    updatedAt: settings ? settings.updatedAt.toISOString() : null,
    updatedByName: settings?.updatedByName ?? null,
  };
}
