import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, Relation } from 'typeorm';
import type { MilestoneStatus } from '../enums';
import { Milestone } from './milestone.entity';

/**
 * 删除节点: a milestone removed as added by mistake (soft delete: its status
 * becomes 'removed'), with who and why; for a key milestone, the 督查室's
 * approved request. Never changed (a trigger refuses UPDATE).
 */
@Entity('milestone_removals')
export class MilestoneRemoval {
  @PrimaryColumn({ type: 'uuid' })
  milestoneId: string;

  @OneToOne(() => Milestone, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'milestone_id' })
  milestone?: Relation<Milestone>;

  /** 删除原因 */
  @Column({ type: 'text' })
  reason: string;

  /** The status it had (pending or cancelled): what the trail shows it was. */
  @Column({ type: 'varchar', length: 16 })
  statusBefore: MilestoneStatus;

  /** Who asked for the removal (the editor, or the admin). */
  @Column({ type: 'uuid' })
  removedById: string;

  @Column({ type: 'text' })
  removedByName: string;

  /** The approved deadline-change request of kind 'removal' (key milestones), else null. */
  @Column({ type: 'uuid', nullable: true })
  changeRequestId: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  removedAt: Date;
}
