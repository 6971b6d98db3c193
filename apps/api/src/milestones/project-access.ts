import { EntityManager } from 'typeorm';
import { Project } from '@app/domain';
import type { Principal } from '../auth/principal';
import { MilestoneErrors } from './milestone.errors';

/**
 * Who may write what belongs to a project (its milestones, progress reports,
 * deadline changes): admins everything, a department editor only the projects
 * its department owns (责任单位). Everyone else only reads. Shared by the
 * milestone, progress-report and deadline-change services.
 */
export function assertMayWriteProject(principal: Principal, project: Pick<Project, 'ownerDepartmentId'>): void {
  if (principal.kind !== 'user') throw MilestoneErrors.readOnlyRole();
  if (principal.role === 'admin') return;
  if (principal.role === 'department_editor') {
    if (principal.departmentId !== null && project.ownerDepartmentId === principal.departmentId) return;
    throw MilestoneErrors.otherDepartment();
  }
  throw MilestoneErrors.readOnlyRole();
}

export type ProjectScope = Pick<Project, 'id' | 'ownerDepartmentId' | 'percentComplete' | 'version'>;

/** The few project fields the milestone-side features need (who owns it, its progress and version). */
export async function findProjectOrFail(manager: EntityManager, projectId: string): Promise<ProjectScope> {
  const project = await manager.findOne(Project, {
    select: { id: true, ownerDepartmentId: true, percentComplete: true, version: true },
    where: { id: projectId },
  });
  if (!project) throw MilestoneErrors.projectNotFound(projectId);
  return project;
}
