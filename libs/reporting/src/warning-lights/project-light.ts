import type { WorkingDays } from '../working-days';
import { assessMilestone, MilestoneDates } from './milestone-light';
import { assessProgress, ProgressAssessment, ProjectProgressFacts } from './progress-lag';
import { scheduleIndex } from './schedule-index';
import { WarningLight, WarningLightRules, WarningReason, WARNING_REASONS, worseLight } from './warning-light';

export interface ProjectAssessment {
  /** Worst of the milestones' lights and the progress rule; green for a cancelled project (not assessed). */
  light: WarningLight;
  /** Distinct reasons, in the order of WARNING_REASONS. */
  reasons: WarningReason[];
  /** Overdue milestones on asOf. */
  overdueCount: number;
  /** Working days late of the most overdue milestone; 0 when none is overdue. */
  worstWorkingDaysLate: number;
  /** Largest slip from baseline (working days) among milestones still pending on asOf; null when none is pending. */
  slipWorkingDays: number | null;
  /** Met ÷ due on asOf (see schedule-index.ts); null when nothing is due yet. */
  scheduleIndex: number | null;
  dueCount: number;
  metCount: number;
  progress: ProgressAssessment | null;
}

/** Counts of a project's (not cancelled) milestones on asOf, for the schedule index. */
export interface MilestoneCounts {
  /** plannedDate ≤ asOf */
  due: number;
  /** done with actualDate ≤ asOf */
  met: number;
}

/**
 * A project's light from the milestones still pending on asOf (the only ones
 * that can light up) plus the counts of all its milestones. This is the form
 * the portfolio readers use: SQL counts every milestone, and only the pending
 * ones travel to memory.
 */
export function assessProjectFromPending(
  project: ProjectProgressFacts,
  pending: readonly MilestoneDates[],
  counts: MilestoneCounts,
  asOf: string,
  rules: WarningLightRules,
  days: WorkingDays,
): ProjectAssessment {
  if (project.status === 'cancelled') {
    return {
      light: 'green',
      reasons: [],
      overdueCount: 0,
      worstWorkingDaysLate: 0,
      slipWorkingDays: null,
      scheduleIndex: null,
      dueCount: 0,
      metCount: 0,
      progress: null,
    };
  }
  let light: WarningLight = 'green';
  const reasons = new Set<WarningReason>();
  let overdueCount = 0;
  let worstWorkingDaysLate = 0;
  let slipWorkingDays: number | null = null;
  for (const milestone of pending) {
    const assessment = assessMilestone(milestone, asOf, rules, days);
    if (assessment.state !== 'pending') continue;
    light = worseLight(light, assessment.light);
    for (const reason of assessment.reasons) reasons.add(reason);
    if (assessment.workingDaysLate !== null) {
      overdueCount++;
      worstWorkingDaysLate = Math.max(worstWorkingDaysLate, assessment.workingDaysLate);
    }
    slipWorkingDays = slipWorkingDays === null ? assessment.slipWorkingDays : Math.max(slipWorkingDays, assessment.slipWorkingDays);
  }
  const progress = assessProgress(project, asOf, rules.progressLagPoints);
  if (progress?.lagging) {
    light = worseLight(light, 'yellow');
    reasons.add('progress_lag');
  }
  return {
    light,
    reasons: WARNING_REASONS.filter((reason) => reasons.has(reason)),
    overdueCount,
    worstWorkingDaysLate,
    slipWorkingDays,
    scheduleIndex: scheduleIndex(counts.met, counts.due),
    dueCount: counts.due,
    metCount: counts.met,
    progress,
  };
}

/** A project's light from all its milestones (cancelled ones are ignored). */
export function assessProject(
  project: ProjectProgressFacts,
  milestones: readonly MilestoneDates[],
  asOf: string,
  rules: WarningLightRules,
  days: WorkingDays,
): ProjectAssessment {
  const live = milestones.filter((milestone) => milestone.status !== 'cancelled');
  const counts: MilestoneCounts = {
    due: live.filter((milestone) => milestone.plannedDate <= asOf).length,
    met: live.filter((milestone) => milestone.status === 'done' && milestone.actualDate !== null && milestone.actualDate <= asOf).length,
  };
  const pending = live.filter((milestone) => !(milestone.status === 'done' && milestone.actualDate !== null && milestone.actualDate <= asOf));
  return assessProjectFromPending(project, pending, counts, asOf, rules, days);
}
