import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One channel delivery (钉钉/企业微信 robot, e-mail) of an event notification,
 * id `<eventKey>-<recipientKey>`: planned in the transaction that relays the
 * event, then sent by the worker with retries. The address of a robot is read
 * from the unit's settings at send time (department_channel_id), never stored twice.
 */
@Entity('event_deliveries')
@Index('idx_event_deliveries_due', ['nextAttemptAt'], { where: `"status" = 'queued'` })
// A channel's last delivery attempt (GET /departments/:id/channels, lastDelivery).
@Index('idx_event_deliveries_channel_attempted', ['departmentChannelId', 'lastAttemptAt'], { where: `"last_attempt_at" IS NOT NULL` })
export class EventDelivery {
  @PrimaryColumn({ type: 'varchar', length: 240 })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  eventKey: string;

  @Column({ type: 'varchar', length: 40 })
  kind: string;

  @Column({ type: 'varchar', length: 16 })
  channel: string;

  @Column({ type: 'uuid', nullable: true })
  departmentChannelId: string | null;

  /** A user's own e-mail address (their preference said "also channel"). */
  @Column({ type: 'uuid', nullable: true })
  recipientUserId: string | null;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'text' })
  link: string;

  @Column({ type: 'varchar', length: 16, default: 'queued' })
  status: string;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  /** When the worker last tried to send it (sent or failed): the channel's last delivery result. */
  @Column({ type: 'timestamptz', nullable: true })
  lastAttemptAt: Date | null;
}
