import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { User } from './user.entity';

/**
 * One sign-in: every access token (Bearer or the browser's session cookie)
 * names its session (`sid`), and the API refuses a token whose session is
 * revoked or expired. Logout revokes one session; a password change, a reset,
 * a deactivation or a role/unit change revokes all of a user's sessions.
 */
@Entity('auth_sessions')
@Check('ck_auth_sessions_kind', `"kind" IN ('cookie', 'bearer')`)
@Index('idx_auth_sessions_active_by_user', ['userId'], { where: `"revoked_at" IS NULL` })
@Index(['expiresAt'])
export class AuthSession {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  /** logout, password_change, password_reset, deactivate, role_change … */
  @Column({ type: 'varchar', length: 32, nullable: true })
  revokedReason: string | null;

  /** 'cookie' (browser) or 'bearer' (API client). */
  @Column({ type: 'varchar', length: 16 })
  kind: 'cookie' | 'bearer';

  @Column({ type: 'varchar', length: 64, nullable: true })
  clientAddress: string | null;

  @Column({ type: 'varchar', length: 256, nullable: true })
  userAgent: string | null;
}
