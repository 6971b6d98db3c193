import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CoordinationProblemSettings, ProblemType } from '@app/domain';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { actorName } from '../deadline-changes/actor-name';
import { CoordinationProblemErrors } from './coordination-problem.errors';
import { CoordinationProblemSettingsResponse, ProblemTypeResponse } from './dto/coordination-problem.response';
import { CreateProblemTypeDto, UpdateCoordinationProblemSettingsDto, UpdateProblemTypeDto } from './dto/problem-type.dto';

/** The default of the climb when the settings row is missing (the migration inserts it). */
export const DEFAULT_STALL_WORKING_DAYS = 5;

/** The ledger's codelist (问题类型) and its one-row settings (the climb's working days), edited by admins. */
@Injectable()
export class ProblemTypesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(includeRetired: boolean): Promise<ProblemTypeResponse[]> {
    const types = await this.dataSource.manager.find(ProblemType, {
      where: includeRetired ? {} : { isActive: true },
      order: { sortOrder: 'ASC', code: 'ASC' },
    });
    return types.map(toType);
  }

  async create(principal: Principal, dto: CreateProblemTypeDto): Promise<ProblemTypeResponse> {
    return this.dataSource.transaction(async (manager) => {
      const name = dto.name.trim();
      const [clash] = await manager.query(`SELECT 1 FROM problem_types WHERE code = $1 OR name = $2`, [dto.code, name]);
      if (clash) throw CoordinationProblemErrors.problemTypeExists(dto.code);
      const [{ next }] = await manager.query(`SELECT COALESCE(MAX(sort_order), 0) + 10 AS next FROM problem_types`);
      const type = await manager.save(manager.create(ProblemType, { code: dto.code, name, sortOrder: dto.sortOrder ?? Number(next), isActive: true }));
      await this.audit.record(manager, principal, { action: 'create', entityType: 'problem_type', entityId: type.code, after: type });
      return toType(type);
    });
  }

  async update(principal: Principal, code: string, dto: UpdateProblemTypeDto): Promise<ProblemTypeResponse> {
    return this.dataSource.transaction(async (manager) => {
      const before = await manager.findOne(ProblemType, { where: { code }, lock: { mode: 'pessimistic_write' } });
      if (!before) throw CoordinationProblemErrors.problemTypeNotFound(code);
      const name = dto.name?.trim();
      if (name !== undefined && name !== before.name) {
        const [clash] = await manager.query(`SELECT 1 FROM problem_types WHERE name = $1 AND code <> $2`, [name, code]);
        if (clash) throw CoordinationProblemErrors.problemTypeExists(code);
      }
      const after = { ...before, ...(name !== undefined && { name }), ...(dto.sortOrder !== undefined && { sortOrder: dto.sortOrder }), ...(dto.isActive !== undefined && { isActive: dto.isActive }) };
      await manager.update(ProblemType, { code }, { name: after.name, sortOrder: after.sortOrder, isActive: after.isActive });
      await this.audit.record(manager, principal, { action: 'update', entityType: 'problem_type', entityId: code, before, after });
      return toType(after);
    });
  }

  async settings(): Promise<CoordinationProblemSettingsResponse> {
    return toSettings(await this.dataSource.manager.findOneBy(CoordinationProblemSettings, { id: 1 }));
  }

  async updateSettings(principal: Principal, dto: UpdateCoordinationProblemSettingsDto): Promise<CoordinationProblemSettingsResponse> {
    return this.dataSource.transaction(async (manager) => {
      const before = await manager.findOne(CoordinationProblemSettings, { where: { id: 1 }, lock: { mode: 'pessimistic_write' } });
      await manager.upsert(
        CoordinationProblemSettings,
        { id: 1, stallWorkingDays: dto.stallWorkingDays, updatedById: principal.id, updatedByName: await actorName(manager, principal) },
        ['id'],
      );
      const after = await manager.findOneByOrFail(CoordinationProblemSettings, { id: 1 });
      await this.audit.record(manager, principal, { action: 'update', entityType: 'coordination_problem_settings', entityId: '1', before, after });
      return toSettings(after);
    });
  }
}

function toType(type: ProblemType): ProblemTypeResponse {
  return { code: type.code, name: type.name, sortOrder: type.sortOrder, isActive: type.isActive };
}

function toSettings(settings: CoordinationProblemSettings | null): CoordinationProblemSettingsResponse {
  return {
    stallWorkingDays: settings?.stallWorkingDays ?? DEFAULT_STALL_WORKING_DAYS,
    updatedAt: settings ? settings.updatedAt.toISOString() : null,
    updatedByName: settings?.updatedByName ?? null,
  };
}
