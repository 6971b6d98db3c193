import { calendarDaysBetween, ProjectStatus } from '@app/domain';

/** The fields of a project the progress rule reads. */
export interface ProjectProgressFacts {
  status: ProjectStatus;
  plannedStartDate: string | null;
  plannedEndDate: string | null;
  /** 形象进度 0–100 as Postgres numeric(5,2) text, e.g. '45.50'. */
  percentComplete: string | null;
}

export interface ProgressAssessment {
  /** 序时进度: share of plannedStartDate → plannedEndDate elapsed on asOf, in %, two decimals. */
  expectedPercent: string;
  actualPercent: string;
  /** expected − actual, in points, two decimals (negative when ahead). */
  lagPoints: string;
  /** lag > P, compared exactly (not on the rounded figures). */
  lagging: boolean;
}

/** Statuses where physical progress is no longer tracked against time. */
const FINISHED: ReadonlySet<ProjectStatus> = new Set(['completed', 'in_service', 'cancelled']);

/** '45.5' → 4550 (hundredths of a point). */
function hundredths(percent: string): number {
  const [whole, fraction = ''] = percent.trim().split('.');
  const sign = whole.startsWith('-') ? -1 : 1;
  return sign * (Math.abs(Number(whole)) * 100 + Number(fraction.padEnd(2, '0').slice(0, 2)));
}

function formatHundredths(value: number): string {
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * Physical progress against 序时进度 on `asOf`. Elapsed share in calendar days
 * (construction does not stop at weekends): elapsed = days from plannedStartDate
 * to asOf, clamped to [0, span]; a one-day span counts as 100 % from its end.
 * Null — the rule does not apply — when a date or the percentage is missing, or
 * the project is completed, in service or cancelled.
 */
export function assessProgress(project: ProjectProgressFacts, asOf: string, lagLimitPoints: number): ProgressAssessment | null {
  const { plannedStartDate: start, plannedEndDate: end, percentComplete } = project;
  if (FINISHED.has(project.status) || !start || !end || percentComplete === null) return null;
  const span = calendarDaysBetween(start, end);
  const elapsed = Math.min(Math.max(calendarDaysBetween(start, asOf), 0), span);
  const actual = hundredths(percentComplete);
  // expected (in hundredths) = elapsed × 10000 / span; every comparison below is on integers.
  let expected: number;
  let lagging: boolean;
  if (span === 0) {
    expected = asOf >= end ? 10000 : 0;
    lagging = expected - actual > lagLimitPoints * 100;
  } else {
    expected = Math.floor((elapsed * 10000 * 2 + span) / (span * 2)); // rounded half up
    lagging = elapsed * 10000 - actual * span > lagLimitPoints * 100 * span;
  }
  return {
    expectedPercent: formatHundredths(expected),
    actualPercent: formatHundredths(actual),
    lagPoints: formatHundredths(expected - actual),
    lagging,
  };
}
