import type { CoordinationProblemState } from '@app/domain';
import type { Principal } from '../auth/principal';
import type { ProblemStep } from './coordination-problem.errors';

/**
 * Who may see a problem, as SQL over `cp` (coordination_problems) and `p` (its project): a department editor the
 * problems its unit raised, coordinates, or whose project it owns; a leader those of the projects they are the
 * lead official (包联领导) of; everyone else who may call the routes sees all. Outside it: 403 (access.ts's policy).
 * Returns the condition and pushes its parameters.
 */
export function problemScopeSql(principal: Principal, params: unknown[]): string | null {
  if (principal.role === 'department_editor') {
    params.push(principal.departmentId);
    const unit = `$${params.length}`;
    return `(cp.raising_department_id = ${unit} OR p.owner_department_id = ${unit}
             OR EXISTS (SELECT 1 FROM coordination_problem_departments scope_cd WHERE scope_cd.problem_id = cp.id AND scope_cd.department_id = ${unit}))`;
  }
  if (principal.role === 'leader') {
    params.push(principal.id);
    return `p.lead_official_user_id = $${params.length}`;
  }
  return null;
}

/** What a step needs to know about the problem. */
export interface ProblemForSteps {
  state: CoordinationProblemState;
  raisingDepartmentId: string;
  coordinatingUnitIds: readonly string[];
}

/** The states each step starts from. */
export const STEP_FROM_STATES: Record<ProblemStep, readonly CoordinationProblemState[]> = {
  accept: ['new', 'coordinating'],
  claim: ['new', 'coordinating'],
  close: ['resolved'],
  return: ['resolved'],
  suspend: ['new', 'coordinating', 'resolved'],
  resume: ['suspended'],
};

/**
 * Whether the caller's role and unit let them take the step at all (whatever the state): accept — an editor of a
 * coordinating department (an admin naming one); claim — an editor of the raising unit (or an admin); close and
 * return — the 督查室 (supervisors, admins); suspend and resume — the 督查室 or the raising unit's editor.
 */
export function mayTakeStep(principal: Principal, step: ProblemStep, problem: ProblemForSteps): boolean {
  if (principal.kind !== 'user') return false;
  const role = principal.role;
  const ownUnit = role === 'department_editor' && principal.departmentId === problem.raisingDepartmentId;
  switch (step) {
    case 'accept':
      return role === 'admin' || (role === 'department_editor' && principal.departmentId !== null && problem.coordinatingUnitIds.includes(principal.departmentId));
    case 'claim':
      return role === 'admin' || ownUnit;
    case 'close':
    case 'return':
      return role === 'admin' || role === 'supervisor';
    case 'suspend':
    case 'resume':
      return role === 'admin' || role === 'supervisor' || ownUnit;
  }
}

/** The steps the caller may take now: the buttons the web app shows. */
export function availableSteps(principal: Principal, problem: ProblemForSteps): ProblemStep[] {
  return (Object.keys(STEP_FROM_STATES) as ProblemStep[]).filter(
    (step) => STEP_FROM_STATES[step].includes(problem.state) && mayTakeStep(principal, step, problem),
  );
}
