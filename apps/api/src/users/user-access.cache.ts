import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import type { UserRole } from '@app/domain';
import { ExpiringMap } from './expiring-map';

/** What the auth guard needs to know about a user's account on each request. */
export interface UserAccess {
  id: string;
  username: string;
  role: UserRole;
  departmentId: string | null;
  isActive: boolean;
}

/**
 * The current state of a user's account, read by primary key and kept for
 * USER_ACCESS_CACHE_TTL_SECONDS (default 30 s). The guard uses it instead of
 * trusting the role and department written into the JWT when it was issued,
 * so deactivating a user, or changing their role or department, takes effect
 * at the latest after the TTL on every instance, and at once on the instance
 * that made the change (UsersService calls forget()).
 */
@Injectable()
export class UserAccessCache {
  private readonly entries: ExpiringMap<string, UserAccess | null>;

  constructor(
    config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    this.entries = new ExpiringMap(config.USER_ACCESS_CACHE_TTL_SECONDS * 1000);
  }

  /** The account, or null when no user has this id (deleted, or a token from another database). */
  async get(userId: string): Promise<UserAccess | null> {
    const cached = this.entries.get(userId);
    if (cached) return cached.value;
    const [row]: Array<{ id: string; username: string; role: UserRole; department_id: string | null; is_active: boolean }> =
      await this.dataSource.query(`SELECT id, username, role, department_id, is_active FROM users WHERE id = $1`, [userId]);
    const access = row
      ? { id: row.id, username: row.username, role: row.role, departmentId: row.department_id, isActive: row.is_active }
      : null;
    this.entries.set(userId, access);
    return access;
  }

  /** Call after a change to the user has committed, so this instance sees it on the next request. */
  forget(userId: string): void {
    this.entries.delete(userId);
  }
}
