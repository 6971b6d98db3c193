import type { WorkingDays } from '../working-days';
import { assessInvestment, InvestmentAssessment, InvestmentFacts } from './investment-lag';
import { assessMilestone, MilestoneDates } from './milestone-light';
import { assessProblems, ProblemAssessment, ProblemFacts } from './problem-age';
import { assessStart, StartAssessment } from './start-light';
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
  /** 开工 rule; null when off or not applicable (started, not due yet, no planned start). */
  start: StartAssessment | null;
  /** Investment rule; null when off or not applicable (no annual plan, finished). */
  investment: InvestmentAssessment | null;
  /** Open-problems rule; null when off or no problem is open. */
  problems: ProblemAssessment | null;
}

/** What the rules beyond the milestones read about a project besides its own row (read set-based by the portfolio reader). */
export interface ProjectExtraFacts {
  investment?: InvestmentFacts;
  problems?: ProblemFacts;
}

/** Counts of a project's (not cancelled) milestones on asOf, for the schedule index. */
export interface MilestoneCounts {
  /** plannedDate ≤ asOf */
  due: number;
  /** done with actualDate ≤ asOf */
  met: number;
  /** Its 开工 milestones (not cancelled), open or done; 0 when unknown. */
  startMilestones?: number;
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
  extra: ProjectExtraFacts = {},
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
      start: null,
      investment: null,
      problems: null,
    };
  }
  let light: WarningLight = 'green';
  const reasons = new Set<WarningReason>();
  let overdueCount = 0;
  let worstWorkingDaysLate = 0;
  let slipWorkingDays: number | null = null;
  let openStartMilestoneDate: string | null = null;
  for (const milestone of pending) {
    if (milestone.kind === 'construction_start' && milestone.status !== 'cancelled' && (openStartMilestoneDate === null || milestone.plannedDate < openStartMilestoneDate)) {
      openStartMilestoneDate = milestone.plannedDate;
    }
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
  const start = assessStart(
    { status: project.status, plannedStartDate: project.plannedStartDate, openStartMilestoneDate, hasStartMilestone: (counts.startMilestones ?? 0) > 0 || openStartMilestoneDate !== null },
    asOf,
    rules,
    days,
  );
  if (start && start.light !== 'green') {
    light = worseLight(light, start.light);
    reasons.add('start_overdue');
  }
  const investment = assessInvestment(project.status, extra.investment, asOf, rules);
  if (investment && investment.light !== 'green') {
    light = worseLight(light, investment.light);
    reasons.add('investment_lag');
  }
  const problems = assessProblems(extra.problems, asOf, rules, days);
  if (problems && problems.light !== 'green') {
    light = worseLight(light, problems.light);
    reasons.add('problem_overdue');
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
    start,
    investment,
    problems,
  };
}

/** A project's light from all its milestones (cancelled ones are ignored). */
export function assessProject(
  project: ProjectProgressFacts,
  milestones: readonly MilestoneDates[],
  asOf: string,
  rules: WarningLightRules,
  days: WorkingDays,
  extra: ProjectExtraFacts = {},
): ProjectAssessment {
  const live = milestones.filter((milestone) => milestone.status !== 'cancelled');
  const counts: MilestoneCounts = {
    due: live.filter((milestone) => milestone.plannedDate <= asOf).length,
    met: live.filter((milestone) => milestone.status === 'done' && milestone.actualDate !== null && milestone.actualDate <= asOf).length,
    startMilestones: live.filter((milestone) => milestone.kind === 'construction_start').length,
  };
  const pending = live.filter((milestone) => !(milestone.status === 'done' && milestone.actualDate !== null && milestone.actualDate <= asOf));
  return assessProjectFromPending(project, pending, counts, asOf, rules, days, extra);
}
