import { Column, CreateDateColumn, JoinColumn, ManyToOne, PrimaryColumn, Relation, UpdateDateColumn } from 'typeorm';
import type { ChannelKind } from '../channel-kinds';
import { User } from './user.entity';

export const REMINDER_STATUSES = ['queued', 'sent', 'failed', 'cancelled', 'skipped'] as const;
export type ReminderStatus = (typeof REMINDER_STATUSES)[number];

/**
 * The delivery core's columns of every reminder table (apps/worker/src/reminder-delivery/README.md): one row per
 * occurrence and recipient under its deterministic identity, with its delivery state. A planner's entity extends
 * this with its kind and its subject's columns, and names its CHECK constraints and indexes after its table.
 */
export abstract class ReminderDeliveryColumns {
  /** The deterministic identity `<prefix>-<subjectId>-<rule>-<YYYYMMDD>-<recipientKey>`, also the BullMQ jobId. */
  @PrimaryColumn({ type: 'varchar', length: 200 })
  id: string;

  /** The working day this reminder is for. */
  @Column({ type: 'date' })
  occurrenceDate: string;

  @Column({ type: 'int', default: 0 })
  workingDaysLate: number;

  /** 0 owner unit, 1 + lead official (E1), 2 + 督查室 (E2). */
  @Column({ type: 'smallint', default: 0 })
  escalationLevel: number;

  @Column({ type: 'varchar', length: 16 })
  channel: ChannelKind;

  /** 'inbox-<userId>' for the inbox, '<channel>-<hash of the address>' for robots and e-mail. */
  @Column({ type: 'varchar', length: 80 })
  recipientKey: string;

  /** The inbox's user, or the person whose own mailbox it is; null for a unit's robot or mailbox. */
  @Column({ type: 'uuid', nullable: true })
  recipientUserId: string | null;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'recipient_user_id' })
  recipientUser?: Relation<User> | null;

  @Column({ type: 'varchar', length: 16, default: 'queued' })
  status: ReminderStatus;

  /** Why it was cancelled or skipped: milestone_completed, notice_replied, recipient_gone, channel_unavailable … */
  @Column({ type: 'varchar', length: 64, nullable: true })
  reason: string | null;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;
}
