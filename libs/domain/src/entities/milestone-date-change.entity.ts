import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { DeadlineChangeRequest } from './deadline-change-request.entity';
import { Milestone } from './milestone.entity';

export const MILESTONE_DATE_FIELDS = ['planned_date', 'actual_date'] as const;
export type MilestoneDateField = (typeof MILESTONE_DATE_FIELDS)[number];

/**
 * The history of a milestone's dates: one row per change of its planned date
 * (applied at once or through an approved deadline-change request) or of its
 * actual date (completed, corrected, reopened). Append-only (a trigger refuses UPDATE).
 */
@Entity('milestone_date_changes')
@Index(['milestoneId', 'createdAt'])
@Check('ck_milestone_date_changes_field', `"field" IN ('planned_date', 'actual_date')`)
export class MilestoneDateChange {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  milestoneId: string;

  @ManyToOne(() => Milestone, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'milestone_id' })
  milestone?: Relation<Milestone>;

  @Column({ type: 'varchar', length: 16 })
  field: MilestoneDateField;

  /** Null when the date was not set (e.g. the actual date before completion). */
  @Column({ type: 'date', nullable: true })
  oldDate: string | null;

  @Column({ type: 'date', nullable: true })
  newDate: string | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  /** Who asked for (or directly made) the change. */
  @Column({ type: 'uuid', nullable: true })
  requestedById: string | null;

  @Column({ type: 'text' })
  requestedByName: string;

  /** Who approved it, when it went through a deadline-change request. */
  @Column({ type: 'uuid', nullable: true })
  decidedById: string | null;

  @Column({ type: 'text', nullable: true })
  decidedByName: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  changeRequestId: string | null;

  // CASCADE, not SET NULL: the history is append-only (no UPDATE), and requests only go with their milestone.
  @ManyToOne(() => DeadlineChangeRequest, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'change_request_id' })
  changeRequest?: Relation<DeadlineChangeRequest> | null;

  /** When the change took effect. */
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
