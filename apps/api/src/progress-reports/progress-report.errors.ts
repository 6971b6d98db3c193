import { HttpStatus } from '@nestjs/common';
import { AppError, Errors, type ErrorCodeOf } from '../common/app-error';

/**
 * Error codes of progress reports (进展填报):
 * - PROJECT_NOT_FOUND (404)
 * - PERIOD_IN_FUTURE (400, field period): a month that has not begun cannot be reported on
 * - INVALID_IDEMPOTENCY_KEY (400, field Idempotency-Key)
 * - IDEMPOTENCY_KEY_REUSED (409): the key was used by you before for a different report
 * - FORBIDDEN (403): another department's project, or a role that only reads
 * - PROGRESS_REPORT_NOT_FOUND (404)
 * - ALREADY_WITHDRAWN (409)
 * - WITHDRAWAL_WINDOW_PASSED (403): more than 24 h after posting, only an admin withdraws
 * - MONTHLY_INVESTMENT_BELOW_REPORT (409): the month's completed investment was set below what the report brought; correct the month first
 */
export const ProgressReportErrors = {
  periodInFuture: (currentMonth: string) =>
    Errors.badRequest('PERIOD_IN_FUTURE', `The period cannot be after the current month (${currentMonth})`, [
      { field: 'period', reason: `must not be after ${currentMonth}` },
    ]),
  invalidIdempotencyKey: () =>
    Errors.badRequest('INVALID_IDEMPOTENCY_KEY', 'Idempotency-Key must be 1–128 printable ASCII characters, e.g. a UUID', [
      { field: 'Idempotency-Key', reason: 'must be 1–128 printable ASCII characters' },
    ]),
  notFound: (id: string) => new AppError(HttpStatus.NOT_FOUND, 'PROGRESS_REPORT_NOT_FOUND', `No progress report with id ${id} on this project`),
  alreadyWithdrawn: (at: Date) => Errors.conflict('ALREADY_WITHDRAWN', `This report was already withdrawn at ${at.toISOString()}`),
  windowPassed: (hours: number) =>
    new AppError(HttpStatus.FORBIDDEN, 'WITHDRAWAL_WINDOW_PASSED', `A report can be withdrawn by its unit within ${hours} h of posting; after that, ask an admin`),
  monthBelowReport: (month: string, monthYuan: string, reportYuan: string) =>
    Errors.conflict(
      'MONTHLY_INVESTMENT_BELOW_REPORT',
      `The completed investment of ${month} is now ${monthYuan} yuan, less than the ${reportYuan} yuan this report brought; set the month's figure (PUT …/investment/monthly/${month}) before withdrawing`,
    ),
  idempotencyKeyReused: (reportId: string) =>
    new AppError(
      HttpStatus.CONFLICT,
      'IDEMPOTENCY_KEY_REUSED',
      `This Idempotency-Key was already used for a different report (${reportId}); use a new key for a new report`,
    ),
};
export type ProgressReportErrorCode = ErrorCodeOf<typeof ProgressReportErrors>;
