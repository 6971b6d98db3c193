import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Transactional outbox: an event written in the same transaction as the change
 * it describes (e.g. a milestone moved or completed). The worker's relay moves
 * unpublished rows to BullMQ, so a change is never lost when Redis is down and
 * never announced when its transaction rolled back.
 */
@Entity('outbox_events')
@Index('idx_outbox_events_unpublished', ['id'], { where: `"published_at" IS NULL` })
export class OutboxEvent {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  /** e.g. 'milestone.changed' */
  @Column({ type: 'varchar', length: 64 })
  topic: string;

  @Column({ type: 'varchar', length: 32 })
  aggregateType: string;

  @Column({ type: 'uuid' })
  aggregateId: string;

  @Column({ type: 'jsonb' })
  payload: Record<string, any>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;
}
