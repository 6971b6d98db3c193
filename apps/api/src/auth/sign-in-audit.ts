import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog } from '@app/domain';

/** How a sign-in attempt ended, as the audit log records it. */
export type SignInOutcome = 'success' | 'wrong_password' | 'unknown_user' | 'inactive' | 'throttled';

export interface SignInAttempt {
  /** The username as typed (the account's own name when it exists). */
  username: string;
  /** The account, when a user of that name exists. */
  userId: string | null;
  outcome: SignInOutcome;
  /** POST /auth/login (bearer), POST /auth/session (cookie), or POST /auth/password (the current password). */
  via: 'bearer' | 'cookie' | 'password_change';
  address: string;
  userAgent?: string;
  requestId?: string;
  sessionId?: string;
}

/**
 * Every sign-in attempt in the audit log: entity type `sign_in`, action
 * `sign_in` or `sign_in_failed`, entity id the user's (or, for an unknown
 * name, the name as typed), actor the user when the name exists; address, user
 * agent and outcome in `after`. Never the password.
 * Written on its own, not in a transaction: a failed attempt has nothing else
 * to commit.
 */
@Injectable()
export class SignInAudit {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(attempt: SignInAttempt): Promise<void> {
    const username = attempt.username.slice(0, 64);
    const after: AuditLog['after'] = {
      outcome: attempt.outcome,
      via: attempt.via,
      address: attempt.address,
      userAgent: attempt.userAgent?.slice(0, 256) ?? null,
      ...(attempt.sessionId ? { sessionId: attempt.sessionId } : {}),
    };
    await this.dataSource.getRepository(AuditLog).insert({
      actorType: 'user',
      actorId: attempt.userId,
      actorName: username,
      action: attempt.outcome === 'success' ? 'sign_in' : 'sign_in_failed',
      entityType: 'sign_in',
      entityId: attempt.userId ?? username,
      before: null,
      after,
      requestId: attempt.requestId ?? null,
    });
  }
}
