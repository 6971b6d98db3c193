/**
 * The week-on-week trend of a late project (督查室 trends view): is it getting
 * worse, better, or staying as it was? One rule, used by the API's view.
 */

export const TRENDS = ['worse', 'unchanged', 'better'] as const;
export type Trend = (typeof TRENDS)[number];

export interface Lateness {
  /** Overdue milestones; 0 = not late (not red for lateness). */
  overdueCount: number;
  /** Working days late of the most overdue one; 0 when not late. */
  worstWorkingDaysLate: number;
}

/**
 * worse: late now and either newly late (a new red) or more working days late
 * than last week; better: late last week and no longer late, or fewer working
 * days late; unchanged otherwise. The number of overdue milestones does not
 * decide: a project still late by the same or fewer working days is not worse
 * because one more of its milestones fell due.
 */
export function compareLateness(thisWeek: Lateness, lastWeek: Lateness): Trend {
  const lateNow = thisWeek.overdueCount > 0;
  const lateThen = lastWeek.overdueCount > 0;
  if (lateNow && !lateThen) return 'worse';
  if (!lateNow && lateThen) return 'better';
  if (!lateNow && !lateThen) return 'unchanged';
  const difference = thisWeek.worstWorkingDaysLate - lastWeek.worstWorkingDaysLate;
  return difference > 0 ? 'worse' : difference < 0 ? 'better' : 'unchanged';
}
