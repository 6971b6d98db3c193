import { HttpStatus } from '@nestjs/common';
import { AppError, type ErrorCodeOf, type FieldError } from '../common/app-error';

/** The errors of the weekly report (周报) routes; their codes are WeeklyReportErrorCode. */
export const WeeklyReportErrors = {
  /** 400: the week is not an ISO week like 2026-W47, or does not exist (2025-W53). */
  invalidIsoWeek: (isoWeek: string) =>
    new AppError(HttpStatus.BAD_REQUEST, 'INVALID_ISO_WEEK', `"${isoWeek}" is not an ISO week such as 2026-W47`, [
      { field: 'isoWeek', reason: 'must be an existing ISO week YYYY-Www, e.g. 2026-W47' },
    ]),
  /** 400: ?section= names no section of the report. */
  unknownSection: (section: string, sections: readonly string[]) =>
    new AppError(HttpStatus.BAD_REQUEST, 'UNKNOWN_REPORT_SECTION', `No section "${section}" in the weekly report`, [
      { field: 'section', reason: `must be one of ${sections.join(', ')}` },
    ]),
  /** 403: ?rebuild=true is for admins. */
  rebuildNeedsAdmin: () => new AppError(HttpStatus.FORBIDDEN, 'REBUILD_NEEDS_ADMIN', 'Only an admin may rebuild a stored weekly report (?rebuild=true)'),
  /** 404: the week has not been built (yet); the message says how to build it. */
  notBuilt: (message: string) => new AppError(HttpStatus.NOT_FOUND, 'WEEKLY_REPORT_NOT_BUILT', message),
  /** 406: neither ?format= nor Accept names json, csv or xlsx. */
  unsupportedFormat: (field: string, message: string) =>
    new AppError(HttpStatus.NOT_ACCEPTABLE, 'UNSUPPORTED_REPORT_FORMAT', message, [{ field, reason: 'must be json, csv or xlsx' }]),
  /** 409: the week has not ended yet (a report is "as of" its Sunday). */
  weekNotEnded: (message: string, details: FieldError[]) => new AppError(HttpStatus.CONFLICT, 'WEEK_NOT_ENDED', message, details),
  /** 429: over REPORT_RATE_LIMIT_PER_MINUTE; see Retry-After. */
  tooManyRequests: (message: string) => new AppError(HttpStatus.TOO_MANY_REQUESTS, 'TOO_MANY_REQUESTS', message),
};
export type WeeklyReportErrorCode = ErrorCodeOf<typeof WeeklyReportErrors>;
