import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { DeadlineChangeRequestDependent } from './deadline-change-request-dependent.entity';
import { Milestone } from './milestone.entity';
import { Project } from './project.entity';

export const DEADLINE_CHANGE_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type DeadlineChangeStatus = (typeof DEADLINE_CHANGE_STATUSES)[number];

/** Why a move needs the 督查室: a key milestone (开工, 竣工验收, 交付, 投产) or more working days than the threshold. */
export const DEADLINE_CHANGE_TRIGGERS = ['key_milestone', 'over_threshold'] as const;
export type DeadlineChangeTrigger = (typeof DEADLINE_CHANGE_TRIGGERS)[number];

/** What a request asks: move the planned date (节点延期), or remove the milestone (删除节点, key milestones). */
export const DEADLINE_CHANGE_KINDS = ['reschedule', 'removal'] as const;
export type DeadlineChangeKind = (typeof DEADLINE_CHANGE_KINDS)[number];

/**
 * 节点延期申请: a request to move a milestone's planned date that the 督查室
 * decides. Until it is approved the old date stands. At most one request per
 * milestone is pending at a time.
 */
@Entity('deadline_change_requests')
@Index('uq_deadline_change_requests_pending_milestone', ['milestoneId'], { unique: true, where: `"status" = 'pending'` })
@Index(['status', 'createdAt'])
@Index(['projectId'])
@Check('ck_deadline_change_requests_status', `"status" IN ('pending', 'approved', 'rejected')`)
@Check('ck_deadline_change_requests_required_because', `"required_because" IN ('key_milestone', 'over_threshold')`)
@Check('ck_deadline_change_requests_decided', `("status" = 'pending') = ("decided_at" IS NULL)`)
@Check('ck_deadline_change_requests_moves', `"kind" = 'removal' OR "new_date" <> "old_date"`)
@Check('ck_deadline_change_requests_kind', `"kind" IN ('reschedule', 'removal')`)
@Check('ck_deadline_change_requests_new_date', `("kind" = 'removal') = ("new_date" IS NULL)`)
export class DeadlineChangeRequest {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  milestoneId: string;

  @ManyToOne(() => Milestone, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'milestone_id' })
  milestone?: Relation<Milestone>;

  /** The milestone's project (it never changes), for listing by department. */
  @Column({ type: 'uuid' })
  projectId: string;

  @ManyToOne(() => Project, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: Relation<Project>;

  @Column({ type: 'varchar', length: 16, default: 'reschedule' })
  kind: DeadlineChangeKind;

  /** The planned date when the request was made. */
  @Column({ type: 'date' })
  oldDate: string;

  /** The date asked for; null for a removal. */
  @Column({ type: 'date', nullable: true })
  newDate: string | null;

  /** Working days between the two dates (negative when the milestone moves earlier). */
  @Column({ type: 'int' })
  workingDays: number;

  @Column({ type: 'varchar', length: 16 })
  requiredBecause: DeadlineChangeTrigger;

  /** The threshold in force when the request was made. */
  @Column({ type: 'int' })
  thresholdWorkingDays: number;

  /** 延期理由 */
  @Column({ type: 'text' })
  reason: string;

  /** The milestone's version when the request was made: approving a request whose milestone changed since is refused. */
  @Column({ type: 'int' })
  milestoneVersion: number;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: DeadlineChangeStatus;

  @Column({ type: 'uuid' })
  requestedById: string;

  @Column({ type: 'text' })
  requestedByName: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'uuid', nullable: true })
  decidedById: string | null;

  @Column({ type: 'text', nullable: true })
  decidedByName: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  /** 审核意见 */
  @Column({ type: 'text', nullable: true })
  decisionComment: string | null;

  /** 一并调整: the dependents moved with the milestone, approved or rejected with it. */
  @OneToMany(() => DeadlineChangeRequestDependent, (dependent) => dependent.request)
  dependents?: Relation<DeadlineChangeRequestDependent>[];
}
