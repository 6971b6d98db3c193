import type { WorkingDays } from '../working-days';
import type { WarningLight, WarningLightRules } from './warning-light';

/**
 * Open-problems rule (问题久拖未决): a project with a coordination problem
 * (问题台账, coordination_problems) still open — not 已解决 / 销号 — raised more
 * than N working days before asOf. The age counts from the day it was raised
 * (Asia/Shanghai), in working days of the official calendar.
 */
export interface ProblemFacts {
  /** Raised dates ('YYYY-MM-DD') of its problems open on asOf. */
  openRaisedDates: readonly string[];
}

export interface ProblemAssessment {
  openCount: number;
  /** Open problems older than the yellow threshold. */
  agedCount: number;
  oldestRaisedDate: string;
  /** Working days in (oldestRaisedDate, asOf]. */
  oldestWorkingDaysOpen: number;
  light: WarningLight;
}

export function assessProblems(facts: ProblemFacts | undefined, asOf: string, rules: WarningLightRules, days: WorkingDays): ProblemAssessment | null {
  if (!rules.problemRuleEnabled || !facts || facts.openRaisedDates.length === 0) return null;
  let oldest = facts.openRaisedDates[0];
  for (const date of facts.openRaisedDates) if (date < oldest) oldest = date;
  const ageOf = (date: string) => Math.max(days.between(date, asOf), 0);
  const agedCount = facts.openRaisedDates.filter((date) => ageOf(date) > rules.problemYellowWorkingDays).length;
  const age = ageOf(oldest);
  const light: WarningLight = age > rules.problemRedWorkingDays ? 'red' : age > rules.problemYellowWorkingDays ? 'yellow' : 'green';
  return { openCount: facts.openRaisedDates.length, agedCount, oldestRaisedDate: oldest, oldestWorkingDaysOpen: age, light };
}
