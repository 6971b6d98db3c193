import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type AuditActorType = 'user' | 'api_key' | 'system';

/** Who changed what, when, with the row before and after. Append-only (enforced by a trigger). */
@Entity('audit_log')
@Index(['entityType', 'entityId', 'occurredAt'])
@Index(['occurredAt'])
@Check('ck_audit_log_actor_type', `"actor_type" IN ('user', 'api_key', 'system')`)
export class AuditLog {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @CreateDateColumn({ type: 'timestamptz' })
  occurredAt: Date;

  @Column({ type: 'varchar', length: 16 })
  actorType: AuditActorType;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'text' })
  actorName: string;

  /** create, update, delete, or a domain verb such as status_change, revoke. */
  @Column({ type: 'varchar', length: 32 })
  action: string;

  /** project, milestone, progress_report, annual_plan, monthly_investment, user, api_key … */
  @Column({ type: 'varchar', length: 64 })
  entityType: string;

  @Column({ type: 'text' })
  entityId: string;

  @Column({ type: 'jsonb', nullable: true })
  before: Record<string, any> | null;

  @Column({ type: 'jsonb', nullable: true })
  after: Record<string, any> | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  requestId: string | null;
}
