import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Statement } from '@app/database';
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
    const { sql, params } = this.statement(principal, entry);
    await manager.query(sql, params);
  }

  /** The audit row as a statement, for a caller that writes it together with others (executeTogether). */
  statement(principal: Principal, entry: AuditEntry): Statement {
    return {
      sql: `INSERT INTO audit_log (actor_type, actor_id, actor_name, action, entity_type, entity_id, before, after, request_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9)`,
      params: [
        principal.kind,
        principal.id,
        principal.name,
        entry.action,
        entry.entityType,
        entry.entityId,
        jsonOf(entry.before),
        jsonOf(entry.after),
        principal.requestId ?? null,
      ],
    };
  }
}

/** Plain JSON of an entity (dates as ISO strings, relations left out), as the jsonb parameter's text. */
function jsonOf(value: object | null | undefined): string | null {
  if (!value) return null;
  return JSON.stringify(value);
}
