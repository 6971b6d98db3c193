import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { ApiKey, ApiKeyScope, AuditLog, Department, UserRole } from '@app/domain';
import { generateApiKey } from '../../apps/api/src/auth/api-key-secret';
import { createDepartment, createUser, signIn } from './factories';

/** Helpers for the API specs: signed-in callers, API keys, audit rows. */

export interface Caller {
  userId: string;
  headers: { authorization: string };
}

/** A user of the role (a department editor of `department`), signed in through the real login route. */
export async function signedIn(
  app: NestFastifyApplication,
  dataSource: DataSource,
  role: UserRole,
  department?: Department,
): Promise<Caller> {
  const user = await createUser(dataSource, role, { departmentId: department?.id ?? null });
  return { userId: user.id, headers: await signIn(app, user.username) };
}

/** An admin, a supervisor, a viewer and one editor for each of two departments. */
export async function standardCallers(app: NestFastifyApplication, dataSource: DataSource) {
  const departmentA = await createDepartment(dataSource, { name: `区发展和改革委员会-${Math.random().toString(36).slice(2, 7)}` });
  const departmentB = await createDepartment(dataSource, { name: `小召前街街道-${Math.random().toString(36).slice(2, 7)}`, kind: 'subdistrict' });
  return {
    departmentA,
    departmentB,
    admin: await signedIn(app, dataSource, 'admin'),
    supervisor: await signedIn(app, dataSource, 'supervisor'),
    viewer: await signedIn(app, dataSource, 'viewer'),
    editorA: await signedIn(app, dataSource, 'department_editor', departmentA),
    editorB: await signedIn(app, dataSource, 'department_editor', departmentB),
  };
}

/** A live API key with these scopes, as the header a machine client sends. */
export async function apiKeyHeaders(dataSource: DataSource, scopes: ApiKeyScope[]): Promise<{ 'x-api-key': string }> {
  const { key, prefix, hash } = generateApiKey();
  await dataSource.getRepository(ApiKey).insert({ name: `大屏-${prefix}`, prefix, keyHash: hash, scopes });
  return { 'x-api-key': key };
}

/** Audit rows of one record, oldest first. */
export async function auditRowsOf(dataSource: DataSource, entityType: string, entityId: string): Promise<AuditLog[]> {
  return dataSource.getRepository(AuditLog).find({ where: { entityType, entityId }, order: { id: 'ASC' } });
}
