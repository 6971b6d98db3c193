import { EntityManager } from 'typeorm';
import { Project } from '@app/domain';
import { ProjectErrors } from './project.errors';

export type ProjectScope = Pick<Project, 'id' | 'ownerDepartmentId' | 'percentComplete' | 'version'>;

/** The few project fields the features hanging off a project need (who owns it, its progress and version); 404 when none. */
export async function findProjectOrFail(manager: EntityManager, projectId: string): Promise<ProjectScope> {
  const project = await manager.findOne(Project, {
    select: { id: true, ownerDepartmentId: true, percentComplete: true, version: true },
    where: { id: projectId },
  });
  if (!project) throw ProjectErrors.notFound(projectId);
  return project;
}
