import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Failed sign-ins counted per key (account+address, address, account) in a
 * fixed window, shared by every API process through Postgres. A key at its
 * limit is refused with 429 until its window ends (apps/api/src/auth/login-throttle.ts).
 */
@Entity('login_throttle')
@Index(['windowStartedAt'])
@Check('ck_login_throttle_failures', `"failures" >= 0`)
export class LoginThrottle {
  /** 'account-address:<username>|<address>', 'address:<address>' or 'account:<username>'. */
  @PrimaryColumn({ type: 'varchar', length: 200 })
  key: string;

  @Column({ type: 'integer' })
  failures: number;

  @Column({ type: 'timestamptz' })
  windowStartedAt: Date;
}
