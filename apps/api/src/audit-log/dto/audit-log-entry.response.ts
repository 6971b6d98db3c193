import { ApiProperty } from '@nestjs/swagger';
import type { AuditActorType, AuditLog } from '@app/domain';

/** One change in the audit trail: who, when, what, and the record before and after. */
export class AuditLogEntryResponse {
  @ApiProperty({ example: '1024', description: 'Sequence number (a string: it is a bigint)' })
  id: string;

  @ApiProperty({ example: '2026-03-02T01:15:00.000Z' })
  occurredAt: string;

  @ApiProperty({ enum: ['user', 'api_key', 'system'], example: 'user' })
  actorType: AuditActorType;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  actorId: string | null;

  @ApiProperty({ example: 'fgw-editor', description: 'Username or key name at the time' })
  actorName: string;

  @ApiProperty({ example: 'update' })
  action: string;

  @ApiProperty({ example: 'project' })
  entityType: string;

  @ApiProperty({ example: '3f2b8c1e-7d4a-4b9e-a1c2-5e6f7a8b9c0d' })
  entityId: string;

  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, example: { name: '玉泉变 220 千伏变电站工程', status: 'preparation' } })
  before: Record<string, unknown> | null;

  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, example: { name: '玉泉变 220 千伏变电站工程', status: 'under_construction' } })
  after: Record<string, unknown> | null;

  @ApiProperty({ nullable: true, type: String, example: '6c1e0f0a-4a8e-4a51-9c1b-2f7d8e9a0b1c' })
  requestId: string | null;

  static from(entry: AuditLog): AuditLogEntryResponse {
    return {
      id: String(entry.id),
      occurredAt: entry.occurredAt.toISOString(),
      actorType: entry.actorType,
      actorId: entry.actorId,
      actorName: entry.actorName,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      before: entry.before,
      after: entry.after,
      requestId: entry.requestId,
    };
  }
}

/** A page of the audit trail, newest first. */
export class AuditLogPageResponse {
  @ApiProperty({ type: [AuditLogEntryResponse] })
  items: AuditLogEntryResponse[];

  @ApiProperty({ example: 57 })
  total: number;

  @ApiProperty({ example: 1 })
  page: number;

  @ApiProperty({ example: 20 })
  pageSize: number;
}
