import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditLog } from '@app/domain';
import type { Principal } from '../auth/principal';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  before?: object | null;
  after?: object | null;
}

/**
 * Writes the audit trail. Always called with the manager of the write's own
 * transaction, so a change and its audit row commit or roll back together.
 */
@Injectable()
export class AuditService {
  async record(manager: EntityManager, principal: Principal, entry: AuditEntry): Promise<void> {
    await manager.insert(AuditLog, {
      actorType: principal.kind,
      actorId: principal.id,
      actorName: principal.name,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      before: toJson(entry.before),
      after: toJson(entry.after),
      requestId: principal.requestId ?? null,
    });
  }
}

/** Plain JSON of an entity (dates as ISO strings, relations left out). */
function toJson(value: object | null | undefined): AuditLog['before'] {
  if (!value) return null;
  return JSON.parse(JSON.stringify(value));
}
