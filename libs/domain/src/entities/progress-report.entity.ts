import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, Relation } from 'typeorm';
import { Project } from './project.entity';

/**
 * 进展填报: a department's periodic update on a project. Append-only (a trigger
 * refuses UPDATE and DELETE); a correction is a new report.
 */
@Entity('progress_reports')
@Index(['projectId', 'createdAt'])
@Unique(['authorId', 'idempotencyKey'])
@Check('ck_progress_reports_percent', `"percent_complete" IS NULL OR ("percent_complete" >= 0 AND "percent_complete" <= 100)`)
@Check('ck_progress_reports_investment', `"investment_completed_yuan" >= 0`)
@Check('ck_progress_reports_period', `"period" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`)
export class ProgressReport {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  projectId: string;

  @ManyToOne(() => Project, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: Relation<Project>;

  /** The month reported on, 'YYYY-MM'. */
  @Column({ type: 'char', length: 7 })
  period: string;

  /** What was done. */
  @Column({ type: 'text' })
  text: string;

  @Column({ type: 'numeric', precision: 5, scale: 2, nullable: true })
  percentComplete: string | null;

  /** Investment completed in the period, whole yuan; added to the month's completed investment. */
  @Column({ type: 'bigint', default: 0 })
  investmentCompletedYuan: string;

  /** 存在问题 */
  @Column({ type: 'text', nullable: true })
  problems: string | null;

  /** 需协调事项 */
  @Column({ type: 'text', nullable: true })
  coordinationNeeds: string | null;

  /** The user who wrote it. */
  @Column({ type: 'uuid' })
  authorId: string;

  @Column({ type: 'text' })
  authorName: string;

  /** Idempotency-Key of the request that created it, with a hash of its body. */
  @Column({ type: 'varchar', length: 128, nullable: true })
  idempotencyKey: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  requestHash: string | null;

  @Column({ type: 'boolean', default: false })
  isDemo: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
