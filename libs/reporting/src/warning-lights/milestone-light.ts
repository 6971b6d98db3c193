import { isPlausibleDate, MilestoneKind, MilestoneStatus } from '@app/domain';
import type { WorkingDays } from '../working-days';
import type { WarningLight, WarningLightRules, WarningReason } from './warning-light';

/** The dates of a milestone that the rules read. */
export interface MilestoneDates {
  status: MilestoneStatus;
  baselineDate: string;
  plannedDate: string;
  actualDate: string | null;
  /** Read by the 开工 rule (a construction_start milestone); absent where only dates matter. */
  kind?: MilestoneKind;
}

export type MilestoneStateAsOf = 'pending' | 'done' | 'cancelled';

/**
 * What a milestone was on `asOf`: done only if it was completed by then
 * (actual_date ≤ asOf), so a report "as of" a past Sunday does not count work
 * finished later. Cancellation carries no date and counts whenever it happened.
 */
export function milestoneStateAsOf(milestone: MilestoneDates, asOf: string): MilestoneStateAsOf {
  if (milestone.status === 'cancelled') return 'cancelled';
  if (milestone.status === 'done' && milestone.actualDate !== null && milestone.actualDate <= asOf) return 'done';
  return 'pending';
}

export interface MilestoneAssessment {
  state: MilestoneStateAsOf;
  light: WarningLight;
  reasons: WarningReason[];
  /** Working days in (plannedDate, asOf] for an overdue milestone, else null. 0 is possible (due Friday, seen on Sunday). */
  workingDaysLate: number | null;
  /** Working days in (asOf, plannedDate] for a pending milestone not yet overdue, else null (0 = due today). */
  workingDaysUntilDue: number | null;
  /** Working days from baselineDate to plannedDate (negative when moved earlier). */
  slipWorkingDays: number;
}

/**
 * The light of one milestone on `asOf`:
 * - done or cancelled → green;
 * - pending and plannedDate < asOf → red (overdue, 逾期);
 * - pending and due within N working days (asOf ≤ plannedDate, working days in (asOf, plannedDate] ≤ N) → yellow (临期);
 * - pending and plannedDate more than M working days after baselineDate → yellow (推迟);
 * - otherwise green.
 * A date outside 2000–2100 (a typo stored before the API refused it, or by SQL)
 * is flagged (milestone_date_implausible; yellow while pending) and no working
 * days are counted from it: one bad row must not light or skew the portfolio.
 */
export function assessMilestone(milestone: MilestoneDates, asOf: string, rules: WarningLightRules, days: WorkingDays): MilestoneAssessment {
  const state = milestoneStateAsOf(milestone, asOf);
  const plannedPlausible = isPlausibleDate(milestone.plannedDate);
  if (!plannedPlausible || !isPlausibleDate(milestone.baselineDate) || (milestone.actualDate !== null && !isPlausibleDate(milestone.actualDate))) {
    return assessImplausible(milestone, state, asOf, rules, days, plannedPlausible);
  }
  const slipWorkingDays = days.between(milestone.baselineDate, milestone.plannedDate);
  if (state !== 'pending') {
    return { state, light: 'green', reasons: [], workingDaysLate: null, workingDaysUntilDue: null, slipWorkingDays };
  }
  if (milestone.plannedDate < asOf) {
    return {
      state,
      light: 'red',
      reasons: ['milestone_overdue'],
      workingDaysLate: days.between(milestone.plannedDate, asOf),
      workingDaysUntilDue: null,
      slipWorkingDays,
    };
  }
  const workingDaysUntilDue = days.between(asOf, milestone.plannedDate);
  const reasons: WarningReason[] = [];
  if (workingDaysUntilDue <= rules.dueSoonWorkingDays) reasons.push('milestone_due_soon');
  if (slipWorkingDays > rules.baselineSlipWorkingDays) reasons.push('milestone_slipped');
  return { state, light: reasons.length > 0 ? 'yellow' : 'green', reasons, workingDaysLate: null, workingDaysUntilDue, slipWorkingDays };
}

/** The flagged case of assessMilestone: what can still be said from the plausible dates, plus the flag. */
function assessImplausible(
  milestone: MilestoneDates,
  state: MilestoneStateAsOf,
  asOf: string,
  rules: WarningLightRules,
  days: WorkingDays,
  plannedPlausible: boolean,
): MilestoneAssessment {
  const flagged: MilestoneAssessment = {
    state,
    light: state === 'pending' ? 'yellow' : 'green',
    reasons: ['milestone_date_implausible'],
    workingDaysLate: null,
    workingDaysUntilDue: null,
    slipWorkingDays: 0,
  };
  if (state !== 'pending' || !plannedPlausible) return flagged;
  // Only the baseline (or a later actual date) is off: overdue and due-soon still follow the planned date.
  const plausible = assessMilestone({ ...milestone, baselineDate: milestone.plannedDate, actualDate: null }, asOf, rules, days);
  return { ...plausible, light: plausible.light === 'red' ? 'red' : 'yellow', reasons: [...plausible.reasons, 'milestone_date_implausible'], slipWorkingDays: 0 };
}
