import { ProjectStatus } from './enums';

/**
 * Allowed moves between project statuses. A project advances one step at a time
 * (谋划 → 前期 → 在建 → 竣工 → 投产); any live project can be suspended (暂停) or
 * cancelled (取消); a suspended one resumes to 前期 or 在建. 取消 and 投产 are final.
 */
const transitions: Record<ProjectStatus, readonly ProjectStatus[]> = {
  planning: ['preparation', 'suspended', 'cancelled'],
  preparation: ['under_construction', 'planning', 'suspended', 'cancelled'],
  under_construction: ['completed', 'suspended', 'cancelled'],
  completed: ['in_service'],
  in_service: [],
  suspended: ['preparation', 'under_construction', 'cancelled'],
  cancelled: [],
};

export function allowedNextStatuses(from: ProjectStatus): readonly ProjectStatus[] {
  return transitions[from];
}

export function canMoveProjectStatus(from: ProjectStatus, to: ProjectStatus): boolean {
  return from === to || transitions[from].includes(to);
}
