import { isPlausibleDate, ProjectStatus } from '@app/domain';
import type { WorkingDays } from '../working-days';
import type { WarningLight, WarningLightRules } from './warning-light';

/**
 * 开工 rule: a project not started by its planned start. The planned start is
 * its 开工 milestone's planned date when it has one (the current plan, not the
 * baseline), else the project's planned start date. Started means the 开工
 * milestone is done by asOf, or the project's status says so (在建, 竣工, 投产):
 * a unit that set 在建 without dating the milestone has started all the same.
 * 谋划/前期 projects only; a suspended (暂停) one is paused on purpose.
 */
export interface StartFacts {
  status: ProjectStatus;
  plannedStartDate: string | null;
  /** The earliest planned date among its 开工 milestones still open on asOf; null when none is open. */
  openStartMilestoneDate: string | null;
  /** Whether it has 开工 milestones (not cancelled) at all, open or done. */
  hasStartMilestone: boolean;
}

export interface StartAssessment {
  /** The planned start the rule counts from. */
  plannedStartDate: string;
  /** Where that date comes from: the 开工 milestone or the project's planned start. */
  source: 'milestone' | 'project';
  /** Working days in (plannedStartDate, asOf]. */
  workingDaysLate: number;
  light: WarningLight;
}

const NOT_STARTED: ReadonlySet<ProjectStatus> = new Set(['planning', 'preparation']);

/** Null when the rule is off or does not apply (started, not yet due, no date, or not a 谋划/前期 project). */
export function assessStart(facts: StartFacts, asOf: string, rules: WarningLightRules, days: WorkingDays): StartAssessment | null {
  if (!rules.startRuleEnabled || !NOT_STARTED.has(facts.status)) return null;
  let plannedStartDate: string | null;
  let source: StartAssessment['source'];
  if (facts.hasStartMilestone) {
    // Every 开工 milestone done by asOf: started.
    if (facts.openStartMilestoneDate === null) return null;
    plannedStartDate = facts.openStartMilestoneDate;
    source = 'milestone';
  } else {
    plannedStartDate = facts.plannedStartDate;
    source = 'project';
  }
  if (plannedStartDate === null || !isPlausibleDate(plannedStartDate) || plannedStartDate >= asOf) return null;
  const workingDaysLate = days.between(plannedStartDate, asOf);
  const light: WarningLight =
    workingDaysLate > rules.startRedWorkingDays ? 'red' : workingDaysLate > rules.startYellowWorkingDays ? 'yellow' : 'green';
  return { plannedStartDate, source, workingDaysLate, light };
}
