import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { hash } from 'bcryptjs';
import { DataSource, EntityManager } from 'typeorm';
import { violatedConstraint } from '@app/database';
import { Department, User, UserRole } from '@app/domain';
import { passwordProblem } from '@app/domain/password-policy';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { type RevocationReason, SessionStore } from '../auth/session.store';
import { Errors } from '../common/app-error';
import { CreateUserDto } from './dto/create-user.dto';
import { ListUsersQuery } from './dto/list-users.query';
import { UpdateUserDto } from './dto/update-user.dto';
import { UserResponse } from './dto/user.response';
import { UserAccessCache } from './user-access.cache';
import { UserErrors } from './user.errors';

export const BCRYPT_COST = 10;

const ROLE_ORDER = `CASE "user"."role" WHEN 'admin' THEN 0 WHEN 'supervisor' THEN 1 WHEN 'department_editor' THEN 2 ELSE 3 END`;

/** What the audit log keeps of a user: never the password hash. */
function auditView(user: User): Record<string, unknown> {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    departmentId: user.departmentId,
    email: user.email,
    isActive: user.isActive,
  };
}

type EditableField = 'displayName' | 'role' | 'departmentId' | 'isActive' | 'email';
const EDITABLE_FIELDS: EditableField[] = ['displayName', 'role', 'departmentId', 'isActive', 'email'];

/** User accounts: only admins list, create and change them. */
@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly userAccess: UserAccessCache,
    private readonly sessions: SessionStore,
  ) {}

  /** Every account (active or not): admins first, then 督查室, editors, viewers; by username within a role. */
  async list(query: ListUsersQuery): Promise<UserResponse[]> {
    const builder = this.dataSource
      .getRepository(User)
      .createQueryBuilder('user')
      .leftJoinAndSelect('user.department', 'department')
      .orderBy(ROLE_ORDER, 'ASC')
      .addOrderBy('user.username', 'ASC');
    if (query.role) builder.andWhere('user.role = :role', { role: query.role });
    if (query.departmentId) builder.andWhere('user.departmentId = :departmentId', { departmentId: query.departmentId });
    return (await builder.getMany()).map(UserResponse.from);
  }

  async create(principal: Principal, input: CreateUserDto): Promise<UserResponse> {
    requireDepartmentForEditor(input.role, input.departmentId ?? null);
    // Hashing takes tens of milliseconds: do it before the transaction opens.
    const passwordHash = await hash(input.password, BCRYPT_COST);
    const id = await this.dataSource.transaction(async (manager) => {
      if (input.departmentId) await requireDepartment(manager, input.departmentId);
      const user = manager.create(User, {
        username: input.username,
        displayName: input.displayName,
        passwordHash,
        role: input.role,
        departmentId: input.departmentId ?? null,
        email: input.email ?? null,
      });
      try {
        await manager.insert(User, user);
      } catch (error) {
        if (violatedConstraint(error)?.constraint === 'uq_users_username') {
          throw UserErrors.usernameTaken(input.username);
        }
        throw error;
      }
      const created = await manager.findOneByOrFail(User, { id: user.id });
      await this.audit.record(manager, principal, { action: 'create', entityType: 'user', entityId: created.id, after: auditView(created) });
      return created.id;
    });
    return this.view(id);
  }

  async update(principal: Principal, id: string, changes: UpdateUserDto): Promise<UserResponse> {
    const passwordHash = changes.password !== undefined ? await hash(changes.password, BCRYPT_COST) : undefined;
    await this.dataSource.transaction(async (manager) => {
      const user = await manager.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw Errors.notFound('user', id);
      const before = auditView(user);
      if (changes.password !== undefined) {
        // The DTO checked length and the common list; the username is only known here.
        const problem = passwordProblem(changes.password, user.username);
        if (problem) throw Errors.validation([{ field: 'password', reason: `password ${problem}` }]);
      }

      const changed = EDITABLE_FIELDS.filter((field) => changes[field] !== undefined && changes[field] !== user[field]);
      if (changed.length === 0 && passwordHash === undefined) return;
      const next: User = Object.assign(new User(), user);
      for (const field of changed) Object.assign(next, { [field]: changes[field] });

      requireDepartmentForEditor(next.role, next.departmentId);
      if (changed.includes('departmentId') && next.departmentId) await requireDepartment(manager, next.departmentId);
      if (user.role === 'admin' && user.isActive && (next.role !== 'admin' || !next.isActive)) {
        await requireAnotherActiveAdmin(manager, id);
      }

      const update: Partial<User> = {};
      for (const field of changed) Object.assign(update, { [field]: next[field] });
      if (passwordHash !== undefined) update.passwordHash = passwordHash;
      await manager.update(User, { id }, update);
      // Tokens issued before a reset, a deactivation or a role/unit change stop working now, on every process.
      const reason = revocationReason(user, next, changed, passwordHash !== undefined);
      const sessionsEnded = reason ? await this.sessions.revokeAllOf(manager, id, reason) : 0;

      const after: Record<string, unknown> = auditView(next);
      if (passwordHash !== undefined) after.passwordChanged = true;
      if (reason) after.sessionsEnded = sessionsEnded;
      await this.audit.record(manager, principal, {
        action: auditAction(user, next, changed),
        entityType: 'user',
        entityId: id,
        before,
        after,
      });
    });
    // Committed: this instance's Bull Board check must see the new state on the very next request.
    this.userAccess.forget(id);
    return this.view(id);
  }

  private async view(id: string): Promise<UserResponse> {
    const user = await this.dataSource.getRepository(User).findOneOrFail({ where: { id }, relations: { department: true } });
    return UserResponse.from(user);
  }
}

function requireDepartmentForEditor(role: UserRole, departmentId: string | null): void {
  if (role === 'department_editor' && !departmentId) {
    throw Errors.validation([{ field: 'departmentId', reason: 'departmentId is required for the role department_editor' }]);
  }
}

async function requireDepartment(manager: EntityManager, departmentId: string): Promise<void> {
  if (!(await manager.existsBy(Department, { id: departmentId }))) {
    throw Errors.validation([{ field: 'departmentId', reason: `no department with the id ${departmentId}` }]);
  }
}

/**
 * Refuses to demote or deactivate the last active admin: nobody could manage
 * users any more. The active admins are locked, so two admins demoting each
 * other at the same time cannot both succeed.
 */
async function requireAnotherActiveAdmin(manager: EntityManager, userId: string): Promise<void> {
  const admins: Array<{ id: string }> = await manager.query(
    `SELECT id FROM users WHERE role = 'admin' AND is_active ORDER BY id FOR UPDATE`,
  );
  if (!admins.some((admin) => admin.id !== userId)) {
    throw UserErrors.lastAdmin();
  }
}

/** Why an admin's change ends the user's sessions, or undefined when it need not (a new display name, an e-mail). */
function revocationReason(before: User, after: User, changed: EditableField[], passwordChanged: boolean): RevocationReason | undefined {
  if (passwordChanged) return 'password_reset';
  if (before.isActive && !after.isActive) return 'deactivate';
  if (changed.includes('role')) return 'role_change';
  if (changed.includes('departmentId')) return 'department_change';
  return undefined;
}

/** A verb the audit log can be filtered by: deactivate / reactivate / password_reset, otherwise update. */
function auditAction(before: User, after: User, changed: EditableField[]): string {
  if (before.isActive && !after.isActive) return 'deactivate';
  if (!before.isActive && after.isActive) return 'reactivate';
  if (changed.length === 0) return 'password_reset';
  return 'update';
}

