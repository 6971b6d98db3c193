import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { SupervisionNotice, SupervisionNoticeStatus } from './supervision-notice.entity';

export const SUPERVISION_NOTICE_EVENT_TYPES = ['issued', 'replied', 'returned', 'closed'] as const;
export type SupervisionNoticeEventType = (typeof SUPERVISION_NOTICE_EVENT_TYPES)[number];

/** What a reply committed to, per item. */
export interface NoticeItemCommitment {
  itemId: string;
  projectId: string;
  milestoneId: string | null;
  committedDate: string;
}

/** Details of an event, by type. */
export interface SupervisionNoticeEventPayload {
  /** replied: the committed date of each item. */
  commitments?: NoticeItemCommitment[];
  /** issued / returned: the reply due date set (returned: and the one before). */
  replyDueDate?: string;
  previousReplyDueDate?: string;
}

/**
 * The history of a 督办单: issued, replied (整改措施 and committed dates), returned
 * (with the office's comment), closed (销号). Append-only (a trigger refuses
 * UPDATE and DELETE): what was said stays said.
 */
@Entity('supervision_notice_events')
@Index(['noticeId', 'occurredAt'])
@Check('ck_supervision_notice_events_type', `"type" IN ('issued', 'replied', 'returned', 'closed')`)
export class SupervisionNoticeEvent {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  noticeId: string;

  @ManyToOne(() => SupervisionNotice, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'notice_id' })
  notice?: Relation<SupervisionNotice>;

  @Column({ type: 'varchar', length: 16 })
  type: SupervisionNoticeEventType;

  @Column({ type: 'varchar', length: 16, nullable: true })
  fromStatus: SupervisionNoticeStatus | null;

  @Column({ type: 'varchar', length: 16 })
  toStatus: SupervisionNoticeStatus;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'text' })
  actorName: string;

  /** From the injected clock, like the notice's own timestamps. */
  @Column({ type: 'timestamptz' })
  occurredAt: Date;

  /** replied: 整改措施. */
  @Column({ type: 'text', nullable: true })
  measures: string | null;

  /** returned / closed: the office's comment. */
  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @Column({ type: 'jsonb', default: {} })
  payload: SupervisionNoticeEventPayload;
}
