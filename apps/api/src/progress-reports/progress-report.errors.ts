import { HttpStatus } from '@nestjs/common';
import { AppError, Errors } from '../common/app-error';

/**
 * Error codes of progress reports (进展填报):
 * - PROJECT_NOT_FOUND (404)
 * - PERIOD_IN_FUTURE (400, field period): a month that has not begun cannot be reported on
 * - INVALID_IDEMPOTENCY_KEY (400, field Idempotency-Key)
 * - IDEMPOTENCY_KEY_REUSED (409): the key was used by you before for a different report
 * - FORBIDDEN (403): another department's project, or a role that only reads
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
  idempotencyKeyReused: (reportId: string) =>
    new AppError(
      HttpStatus.CONFLICT,
      'IDEMPOTENCY_KEY_REUSED',
      `This Idempotency-Key was already used for a different report (${reportId}); use a new key for a new report`,
    ),
};
