import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation, Unique } from 'typeorm';
import { Reminder } from './reminder.entity';
import { User } from './user.entity';

/**
 * 站内消息: a message in one user's in-app inbox. Reminders arrive here through
 * the inbox channel, at most once per (reminder, user) — the unique key makes a
 * retried delivery a no-op.
 */
@Entity('notifications')
@Unique(['reminderId', 'userId'])
@Unique(['eventKey', 'userId'])
@Index(['userId', 'createdAt'])
@Index('idx_notifications_unread_by_user', ['userId'], { where: `"read_at" IS NULL` })
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Column({ type: 'varchar', length: 200, nullable: true })
  reminderId: string | null;

  @ManyToOne(() => Reminder, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'reminder_id' })
  reminder?: Relation<Reminder> | null;

  /** An event notification's deterministic key (libs/domain event-notifications): at most one row per (event, user). */
  @Column({ type: 'varchar', length: 200, nullable: true })
  eventKey: string | null;

  /** due_soon, due_today, overdue … */
  @Column({ type: 'varchar', length: 32 })
  kind: string;

  @Column({ type: 'smallint', default: 0 })
  escalationLevel: number;

  @Column({ type: 'text' })
  title: string;

  /** Markdown. */
  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'text', nullable: true })
  link: string | null;

  @Column({ type: 'uuid', nullable: true })
  projectId: string | null;

  @Column({ type: 'uuid', nullable: true })
  milestoneId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  readAt: Date | null;
}
