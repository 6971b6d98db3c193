import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Statement } from './statements-together';

/** Who an audit row names: a signed-in user, an API key, or a process of ours (the worker, a seed). */
export interface AuditActor {
  kind: 'user' | 'api_key' | 'system';
  /** Null for the system. */
  id: string | null;
  /** Username, key name or process name, as the log shows it. */
  name: string;
  requestId?: string;
}

/** The actor of work no person asked for at that moment (the worker's schedule, a hand-run job). */
export const systemActor = (name: string): AuditActor => ({ kind: 'system', id: null, name });

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  before?: object | null;
  after?: object | null;
}

/**
 * Writes the audit trail, for the API (its principal is an AuditActor) and the worker alike. Always called with the
 * manager of the write's own transaction, so a change and its audit row commit or roll back together.
 */
@Injectable()
export class AuditWriter {
  async record(manager: EntityManager, actor: AuditActor, entry: AuditEntry): Promise<void> {
    const { sql, params } = this.statement(actor, entry);
    await manager.query(sql, params);
  }

  /** The audit row as a statement, for a caller that writes it together with others (executeTogether). */
  statement(actor: AuditActor, entry: AuditEntry): Statement {
    return {
      sql: `INSERT INTO audit_log (actor_type, actor_id, actor_name, action, entity_type, entity_id, before, after, request_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9)`,
      params: [actor.kind, actor.id, actor.name, entry.action, entry.entityType, entry.entityId, jsonOf(entry.before), jsonOf(entry.after), actor.requestId ?? null],
    };
  }
}

/** Plain JSON of an entity (dates as ISO strings, relations left out), as the jsonb parameter's text. */
function jsonOf(value: object | null | undefined): string | null {
  if (!value) return null;
  return JSON.stringify(value);
}
