import { Check, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation, UpdateDateColumn } from 'typeorm';
import { encryptedColumn } from '@app/config';
import { DEPARTMENT_CHANNEL_KINDS, type DepartmentChannelKind, sqlList } from '../channel-kinds';
import { Department } from './department.entity';

/** Reminder kinds a channel can subscribe to (the reminder pipeline's ReminderMessage.kind). */
export const SUBSCRIBABLE_REMINDER_KINDS = ['due_soon', 'due_today', 'overdue', 'notice_reply_due', 'notice_reply_overdue'] as const;
export type SubscribableReminderKind = (typeof SUBSCRIBABLE_REMINDER_KINDS)[number];

export const SUBSCRIBABLE_REMINDER_KIND_LABELS: Record<SubscribableReminderKind, string> = {
  due_soon: '节点即将到期',
  due_today: '节点今日到期',
  overdue: '节点逾期',
  notice_reply_due: '督办单即将到回复期限',
  notice_reply_overdue: '督办单回复逾期',
};

/**
 * Where a department (责任单位) wants its reminders besides the inbox: a 钉钉 or
 * 企业微信 group robot, or an e-mail address, with what it subscribes to — kinds
 * (null = all) and a minimum escalation level (0 = every reminder, 2 = only those
 * escalated to the 督查室).
 *
 * `address` of a robot holds its access token and `secret` the DingTalk 加签
 * secret; both are credentials — the API shows only their last 4 characters,
 * and both are stored encrypted (AES-256-GCM, SECRETS_ENCRYPTION_KEY): the
 * column transformers encrypt on write and decrypt on read. Random IVs make
 * equal addresses differ in the table, so "one address once per department and
 * channel" is checked by the API, not by a unique constraint.
 */
@Entity('department_channels')
@Check('ck_department_channels_channel', `"channel" IN (${sqlList(DEPARTMENT_CHANNEL_KINDS)})`)
@Check('ck_department_channels_secret_only_dingtalk', `"secret" IS NULL OR "channel" = 'dingtalk'`)
@Check('ck_department_channels_min_escalation_level', `"min_escalation_level" BETWEEN 0 AND 2`)
@Check(
  'ck_department_channels_kinds',
  `"kinds" IS NULL OR "kinds" <@ ARRAY['due_soon', 'due_today', 'overdue', 'notice_reply_due', 'notice_reply_overdue']::text[]`,
)
export class DepartmentChannel {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  departmentId: string;

  @ManyToOne(() => Department, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'department_id' })
  department?: Relation<Department>;

  @Column({ type: 'varchar', length: 16 })
  channel: DepartmentChannelKind;

  /** A name people recognise, e.g. 「发改委项目调度群」. */
  @Column({ type: 'text', nullable: true })
  label: string | null;

  /** Robot webhook URL (with its token) or e-mail address; encrypted in the table. */
  @Column({ type: 'text', transformer: encryptedColumn('department_channels.address') })
  address: string;

  /** DingTalk 加签 secret (SEC…), only for dingtalk; encrypted in the table. */
  @Column({ type: 'text', nullable: true, transformer: encryptedColumn('department_channels.secret') })
  secret: string | null;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  @Column({ type: 'smallint', default: 0 })
  minEscalationLevel: number;

  /** Reminder kinds delivered here; null means all. */
  @Column({ type: 'text', array: true, nullable: true })
  kinds: SubscribableReminderKind[] | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
