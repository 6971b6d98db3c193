import type { ReportingPeriod } from './reporting-periods';

/**
 * Where a project stands for one period at `now`, from its first standing report in the period:
 * on_time (made by the deadline), late (迟报: made after it, within the period), missing (未报: past the deadline,
 * none yet), not_due (before the deadline, none yet). late and missing are 未按时填报.
 */
export const REPORTING_STATUSES = ['on_time', 'late', 'missing', 'not_due'] as const;
export type ReportingStatus = (typeof REPORTING_STATUSES)[number];

export const REPORTING_STATUS_LABELS: Record<ReportingStatus, string> = { on_time: '按时填报', late: '迟报', missing: '未报', not_due: '未到期' };

export function reportingStatus(period: ReportingPeriod, firstReportAt: Date | null, now: Date): ReportingStatus {
  if (period.deadline === null) return 'not_due';
  if (firstReportAt !== null) return firstReportAt.getTime() <= period.deadline.getTime() ? 'on_time' : 'late';
  return now.getTime() > period.deadline.getTime() ? 'missing' : 'not_due';
}
