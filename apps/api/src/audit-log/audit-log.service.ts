import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog, isCalendarDate } from '@app/domain';
import { Errors } from '../common/app-error';
import { Page } from '../common/pagination';
import { AuditLogEntryResponse, AuditLogPageResponse } from './dto/audit-log-entry.response';
import { ListAuditLogQuery } from './dto/list-audit-log.query';

/** Asia/Shanghai has kept UTC+8 all year since 1991, so a day there starts at 00:00+08:00. */
function startOfDistrictDay(date: string): Date {
  return new Date(`${date}T00:00:00+08:00`);
}

function fromBound(value: string): Date {
  return isCalendarDate(value) ? startOfDistrictDay(value) : new Date(value);
}

/** Upper bound: an instant is included; a date means up to the end of that day. */
function toBound(value: string): { bound: Date; inclusive: boolean } {
  if (isCalendarDate(value)) return { bound: new Date(startOfDistrictDay(value).getTime() + 86_400_000), inclusive: false };
  return { bound: new Date(value), inclusive: true };
}

/** Reads the append-only audit trail that every write leaves (written by AuditService). */
@Injectable()
export class AuditLogService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(query: ListAuditLogQuery): Promise<AuditLogPageResponse> {
    const from = query.from === undefined ? undefined : fromBound(query.from);
    const to = query.to === undefined ? undefined : toBound(query.to);
    if (from && to && (to.inclusive ? to.bound < from : to.bound <= from)) {
      throw Errors.validation([{ field: 'to', reason: 'to must not be before from' }]);
    }
    const builder = this.dataSource
      .getRepository(AuditLog)
      .createQueryBuilder('entry')
      .orderBy('entry.occurredAt', 'DESC')
      .addOrderBy('entry.id', 'DESC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize);
    if (query.entity !== undefined) builder.andWhere('entry.entityType = :entity', { entity: query.entity });
    if (query.entityId !== undefined) builder.andWhere('entry.entityId = :entityId', { entityId: query.entityId });
    if (query.actorId !== undefined) builder.andWhere('entry.actorId = :actorId', { actorId: query.actorId });
    if (query.action !== undefined) builder.andWhere('entry.action = :action', { action: query.action });
    if (from) builder.andWhere('entry.occurredAt >= :from', { from });
    if (to) builder.andWhere(`entry.occurredAt ${to.inclusive ? '<=' : '<'} :to`, { to: to.bound });
    const [entries, total] = await builder.getManyAndCount();
    return Page.of(entries.map(AuditLogEntryResponse.from), total, query);
  }
}
