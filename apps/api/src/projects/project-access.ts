import { Errors } from '../common/app-error';
import type { Principal } from '../auth/principal';
import { ProjectErrors } from './project.errors';

/**
 * Who may write a project and the figures attached to it (investment, …):
 * an admin writes every project; a department editor only projects owned by
 * its own department (责任单位); everyone else only reads. Used by every write
 * on a project, so the rule lives in one place.
 */
export function assertCanWriteProject(principal: Principal, ownerDepartmentId: string | null): void {
  if (principal.kind !== 'user') throw Errors.forbidden('API keys can only read');
  if (principal.role === 'admin') return;
  if (principal.role === 'department_editor') {
    if (principal.departmentId !== null && ownerDepartmentId === principal.departmentId) return;
    throw ProjectErrors.notOwnDepartment('A department editor can only change projects owned by its own department');
  }
  throw Errors.forbidden('Only an admin or the owning department\'s editor can change a project');
}

/** A department editor may only hand a project to its own department; an admin to any. */
export function assertCanAssignOwner(principal: Principal, ownerDepartmentId: string | null): void {
  if (principal.role === 'admin') return;
  if (principal.role === 'department_editor' && principal.departmentId !== null && ownerDepartmentId === principal.departmentId) return;
  throw ProjectErrors.notOwnDepartment('A department editor can only assign projects to its own department (ownerUnitId)');
}
