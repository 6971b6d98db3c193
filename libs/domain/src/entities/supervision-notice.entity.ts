import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  Relation,
  Unique,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { Department } from './department.entity';
import { User } from './user.entity';
import type { SupervisionNoticeItem } from './supervision-notice-item.entity';

/** Where a 督办单 stands: issued → replied → closed (销号), or replied → returned → replied … */
export const SUPERVISION_NOTICE_STATUSES = ['issued', 'replied', 'returned', 'closed'] as const;
export type SupervisionNoticeStatus = (typeof SUPERVISION_NOTICE_STATUSES)[number];

export const SUPERVISION_NOTICE_STATUS_LABELS: Record<SupervisionNoticeStatus, string> = {
  issued: '已下发',
  replied: '已回复',
  returned: '已退回',
  closed: '已销号',
};

/**
 * 督办单: a formal notice from the 督查室 to an owner unit about late projects or
 * milestones, with a reply deadline. The unit replies with measures (整改措施) and
 * committed dates; the office closes it (销号) or returns it.
 *
 * Other features read this table by column name (warning lights, weekly report):
 * id, owner_department_id, issued_at, closed_at, reply_due_date, status.
 */
@Entity('supervision_notices')
@Unique(['number'])
@Unique(['year', 'sequence'])
@Index(['ownerDepartmentId', 'status'])
// The open and late lists, and the reminder scan: open notices by due date.
@Index('idx_supervision_notices_open_by_reply_due_date', ['replyDueDate'], { where: `"status" <> 'closed'` })
@Index(['closedAt'])
@Check('ck_supervision_notices_status', `"status" IN ('issued', 'replied', 'returned', 'closed')`)
@Check('ck_supervision_notices_closed_has_closed_at', `("status" = 'closed') = ("closed_at" IS NOT NULL)`)
@Check('ck_supervision_notices_sequence', `"sequence" > 0`)
export class SupervisionNotice {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The human number, e.g. 玉督〔2026〕12号: the year and the notice's place in that year. */
  @Column({ type: 'text' })
  number: string;

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'int' })
  sequence: number;

  /** 责任单位 the notice is addressed to. */
  @Column({ type: 'uuid' })
  ownerDepartmentId: string;

  @ManyToOne(() => Department, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_department_id' })
  ownerDepartment?: Relation<Department>;

  @Column({ type: 'text' })
  title: string;

  /** 督办事项 */
  @Column({ type: 'text' })
  body: string;

  /** Calendar date (Asia/Shanghai) by which the unit must reply. */
  @Column({ type: 'date' })
  replyDueDate: string;

  @Column({ type: 'varchar', length: 16, default: 'issued' })
  status: SupervisionNoticeStatus;

  @Column({ type: 'uuid' })
  issuedById: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'issued_by_id' })
  issuedBy?: Relation<User>;

  @Column({ type: 'timestamptz' })
  issuedAt: Date;

  /** The latest reply. */
  @Column({ type: 'timestamptz', nullable: true })
  repliedAt: Date | null;

  /** 销号 time. */
  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  closedById: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'closed_by_id' })
  closedBy?: Relation<User> | null;

  @VersionColumn({ default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @OneToMany('SupervisionNoticeItem', 'notice')
  items?: Relation<SupervisionNoticeItem>[];
}
